/**
 * A small RFC 4180 reader for review sheets a person edited (in Excel or a text editor): quoted
 * fields, doubled quotes, CRLF or LF, a leading BOM. The CLI needs no CSV library at run time for it.
 */

/** One data row by header name, with its 1-based row number (header excluded). */
export interface CsvRecord {
  /** 1-based number of the data row. */
  row: number;
  /** Cells by header name; a missing cell reads ''. */
  cells: Record<string, string>;
}

/** What `toCsv` prefixes to a text cell that would start a formula; taken off again when read. */
const FORMULA_GUARD = /^'(?=[=+\-@\t\r])/;

/** Parse CSV text into a header and records; blank lines are skipped. */
export function readCsv(text: string): { header: string[]; records: CsvRecord[] } {
  const rows: string[][] = [[]];
  let field = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  const endField = (): void => {
    (rows.at(-1) ?? []).push(field);
    field = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] ?? '';
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') field += source[++i];
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      field = field.replace(/\r$/, '');
      endField();
      rows.push([]);
    } else field += ch;
  }
  endField();
  const [header = [], ...body] = rows.filter((r) => r.some((f) => f !== ''));
  const names = header.map((h) => h.trim());
  const records = body.map((r, i) => ({
    row: i + 1,
    cells: Object.fromEntries(names.map((h, j) => [h, (r[j] ?? '').replace(FORMULA_GUARD, '')])),
  }));
  return { header: names, records };
}

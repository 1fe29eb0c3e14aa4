import type { FieldInfo } from './fields.js';

/** Characters that make Excel read a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Options of the CSV dialect. */
export interface CsvOptions {
  /** Prefix a UTF-8 BOM so Excel reads Chinese correctly. */
  bom: boolean;
}

/** Records per piece of a CSV written piece by piece. */
const ROWS_PER_PIECE = 1000;

/** RFC 4180 CSV (comma, CRLF, quotes doubled) with explicit casts per column; free text guarded against formulas. */
export function toCsv(
  records: readonly Record<string, unknown>[],
  fields: readonly FieldInfo[],
  options: CsvOptions,
): string {
  return [...csvPieces(records, fields, options)].join('');
}

/** The CSV of `toCsv` in pieces of a thousand rows, the header first: what a file writer sends on one at a time. */
export function* csvPieces(
  records: readonly Record<string, unknown>[],
  fields: readonly FieldInfo[],
  options: CsvOptions,
): Generator<string> {
  yield (options.bom ? '\uFEFF' : '') + fields.map((f) => csvField(f.name)).join(',') + '\r\n';
  for (let start = 0; start < records.length; start += ROWS_PER_PIECE) {
    // One string grown by concatenation (V8 joins the pieces once, when the piece is encoded).
    let csv = '';
    for (const record of records.slice(start, start + ROWS_PER_PIECE)) {
      for (let i = 0; i < fields.length; i++) {
        const field = fields[i] as FieldInfo;
        if (i > 0) csv += ',';
        csv += csvField(cellOf(record[field.name], field));
      }
      csv += '\r\n';
    }
    yield csv;
  }
}

/**
 * A field quoted when it holds a comma, a quote, a line break (multi-line text such as overall_goal) or edge spaces.
 */
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One CSV field: quoted, inner quotes doubled, when it needs it; else as is. */
function csvField(text: string): string {
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * One cell as text by its field's kind. Only free text is guarded: numbers ("-12.5"), codes,
 * enumerations and booleans are constrained by their schema and written exactly as in JSON.
 */
export function cellOf(value: unknown, field: FieldInfo): string {
  if (value === null || value === undefined) return '';
  if (field.kind === 'boolean') return value ? 'true' : 'false';
  if (field.kind === 'number') return String(value);
  const text = field.kind === 'array' ? (value as unknown[]).map(String).join(';') : String(value);
  return field.freeText && FORMULA_START.test(text) ? `'${text}` : text;
}

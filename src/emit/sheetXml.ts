/**
 * One worksheet as SpreadsheetML (`xl/worksheets/sheetN.xml`): cells as numbers, booleans or
 * shared strings, each with its style; column widths and styles; optionally a frozen first row,
 * an autofilter over the used range, row heights for wrapped text and fit-to-page-width printing.
 */

/** A cell's value: text, a number, a boolean, or nothing (an empty cell that still carries its style). */
export type CellValue = string | number | boolean | null;

/** One row of a sheet: its cells, each cell's style index into styles.xml's cellXfs, and its height when set. */
export interface SheetRow {
  cells: readonly CellValue[];
  styles: readonly number[];
  /** Height in points, when its wrapped text needs more than one line (else the default). */
  height?: number | undefined;
}

/** The sheet as the writer lays it out; its rows are made as they are written. */
export interface SheetLayout {
  /** How many rows `rows` gives. */
  rowCount: number;
  /** The rows, in order: made anew each time, so a sheet of 100k rows is never held whole. */
  rows: () => Iterable<SheetRow>;
  /** Per column: width in characters and default style index (0: none). */
  columns: readonly { width: number; style: number }[];
  /** Freeze the first row and put an autofilter over the used range. */
  header: boolean;
  /** Print on one page width, as many pages down as it takes. */
  fitToWidth: boolean;
}

/** The shared strings of a workbook: each distinct text stored once, by first use. */
export class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();

  /** The index of a text, added on first use. */
  of(text: string): number {
    let i = this.index.get(text);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(text);
      this.index.set(text, i);
    }
    return i;
  }
}

const NS =
  'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const letters: string[] = [];

/** Column letters of a zero-based column index: 0 → A, 26 → AA. */
export function columnName(i: number): string {
  let name = letters[i];
  if (name !== undefined) return name;
  name = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  letters[i] = name;
  return name;
}

/**
 * Text escaped for XML content and attributes; characters XML 1.0 cannot hold are written as OOXML `_xHHHH_` escapes.
 */
export function xmlText(text: string): string {
  return text.replace(/[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (ch) => {
    if (ch === '&') return '&amp;';
    if (ch === '<') return '&lt;';
    if (ch === '>') return '&gt;';
    if (ch === '"') return '&quot;';
    return `_x${ch.charCodeAt(0).toString(16).padStart(4, '0').toUpperCase()}_`;
  });
}

/** Rows of a worksheet per piece of its XML. */
const ROWS_PER_PIECE = 1000;

/** The worksheet's XML; its texts go into the workbook's shared strings. */
export function sheetXml(sheet: SheetLayout, strings: SharedStrings): string {
  return [...sheetXmlPieces(sheet, strings)].join('');
}

/** The worksheet's XML in pieces (its head, a thousand rows at a time, its tail), made as they are written. */
export function* sheetXmlPieces(sheet: SheetLayout, strings: SharedStrings): Generator<string> {
  const width = sheet.columns.length;
  const last = `${columnName(Math.max(0, width - 1))}${Math.max(1, sheet.rowCount)}`;
  const out: string[] = [`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet ${NS}>`];
  if (sheet.fitToWidth) out.push('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  out.push(`<dimension ref="A1:${last}"/><sheetViews><sheetView workbookViewId="0">`);
  if (sheet.header)
    out.push(
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>',
    );
  out.push('</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>');
  sheet.columns.forEach((c, i) =>
    out.push(
      `<col min="${i + 1}" max="${i + 1}" width="${c.width}"${c.style ? ` style="${c.style}"` : ''} customWidth="1"/>`,
    ),
  );
  out.push('</cols><sheetData>');
  yield out.join('');
  // Per column, its letters; per row, one string built by concatenation (a workbook has tens of thousands of cells).
  const names = sheet.columns.map((_, c) => columnName(c));
  let piece = '';
  let n = 0;
  for (const row of sheet.rows()) {
    n++;
    piece += rowXml(row, n, names, strings);
    if (n % ROWS_PER_PIECE === 0) {
      yield piece;
      piece = '';
    }
  }
  let tail = `${piece}</sheetData>`;
  if (sheet.header) tail += `<autoFilter ref="A1:${last}"/>`;
  tail += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>';
  // A4 landscape; fitted to the page width, the header row (Print_Titles in workbook.xml) repeated on every page.
  const fit = sheet.fitToWidth ? ' fitToWidth="1" fitToHeight="0"' : '';
  yield `${tail}<pageSetup paperSize="9" orientation="landscape"${fit}/></worksheet>`;
}

/** One row's XML: row number `n`, cells named by their column letters. */
function rowXml(row: SheetRow, n: number, names: readonly string[], strings: SharedStrings): string {
  const height = row.height;
  let xml = height === undefined ? `<row r="${n}">` : `<row r="${n}" ht="${height}" customHeight="1">`;
  for (let c = 0; c < names.length; c++) {
    const value = row.cells[c] ?? null;
    const style = row.styles[c] ?? 0;
    const open = style ? `<c r="${names[c]}${n}" s="${style}"` : `<c r="${names[c]}${n}"`;
    if (value === null) {
      if (style) xml += open + '/>';
    } else if (typeof value === 'boolean') xml += `${open} t="b"><v>${value ? 1 : 0}</v></c>`;
    else if (typeof value === 'number' && Number.isFinite(value)) xml += `${open}><v>${value}</v></c>`;
    else xml += `${open} t="s"><v>${strings.of(String(value))}</v></c>`;
  }
  return xml + '</row>';
}

/** The workbook's shared strings part, in pieces of a thousand strings. */
export function* sharedStringsPieces(strings: SharedStrings): Generator<string> {
  const count = strings.list.length;
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst ${NS} count="${count}" uniqueCount="${count}">`;
  for (let start = 0; start < count; start += ROWS_PER_PIECE)
    yield strings.list
      .slice(start, start + ROWS_PER_PIECE)
      .map((t) => `<si><t xml:space="preserve">${xmlText(t)}</t></si>`)
      .join('');
  yield '</sst>';
}

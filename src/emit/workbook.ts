/**
 * The analysts' workbook `<notice-id>.xlsx`: a 说明 sheet, then one sheet per dataset with the
 * Chinese column titles, amounts as numbers shown with two decimals and thousands separators,
 * codes as text, a frozen header, an autofilter and widths fitted to the content.
 *
 * The sheets are laid out here as plain data while the folder's other files are built, and rendered
 * by the caller that writes the folder (`renderWorkbook`) as SpreadsheetML written directly
 * (sheetXml.ts, xlsxParts.ts) into a deterministic zip (zip.ts): exceljs's in-memory writer took
 * more time than the whole extraction of a notice, and only these few features are needed.
 */
import type { FieldInfo } from './fields.js';
import {
  columnName,
  SharedStrings,
  sharedStringsPieces,
  sheetXmlPieces,
  type CellValue,
  type SheetLayout,
  type SheetRow,
} from './sheetXml.js';
import { renderContent, type ByteSink } from '../tool/byteSink.js';
import {
  contentTypesXml,
  coreXml,
  packageRelsXml,
  STYLE,
  stylesXml,
  workbookRelsXml,
  workbookXml,
  type SheetEntry,
} from './xlsxParts.js';
import { zipTo, type ZipSource } from './zip.js';

/** One data sheet: a dataset's fields and records. */
export interface DataSheet {
  /** The dataset's name, its files' stem. */
  name: string;
  /** Sheet name: the dataset's Chinese title. */
  title: string;
  fields: readonly FieldInfo[];
  records: readonly Record<string, unknown>[];
}

/** A row of the 说明 sheet; a heading row is shown bold. */
export interface AboutRow {
  cells: (string | number)[];
  heading?: boolean;
}

/** Everything the workbook shows, as data. */
export interface WorkbookSpec {
  /** Creation and modification date written into the file (derived from the notice, so runs are byte-identical). */
  date: Date;
  /** Rows of the 说明 sheet. */
  about: readonly AboutRow[];
  sheets: readonly DataSheet[];
}

/** Rows of a sheet up to which its cells are kept between the two passes (beyond, they are made twice). */
const KEEP_CELLS = 5000;

/** Excel number format of money: thousands separators, two decimals. */
export const MONEY_FORMAT = '#,##0.00';
const MAX_WIDTH = 60;
/** The 说明 sheet wraps long text instead, so it prints on one page width. */
const ABOUT_MAX_WIDTH = 40;

/** A field holds money when the schema gives it a unit (元, 万元). */
export function isMoney(field: FieldInfo): boolean {
  return field.unit !== '';
}

/** How a boolean is shown: words, since a spreadsheet may show a boolean cell as 0 or 1. */
export const YES_NO = { true: '是', false: '否' } as const;

/** Height in points of one line of 11-point text, CJK glyphs included (LibreOffice's default row is 12.8). */
const LINE_HEIGHT = 15;

/** A record's value as a workbook cell: numbers as numbers, booleans 是/否, lists joined with ;, '' an empty cell. */
export function workbookCell(value: unknown, field: FieldInfo): string | number | boolean | null {
  if (value === null || value === undefined || value === '') return null;
  if (field.kind === 'boolean') return value === true ? YES_NO.true : YES_NO.false;
  if (field.kind === 'number') return typeof value === 'number' ? value : Number(value);
  if (field.kind === 'array') return (value as unknown[]).map(String).join(';') || null;
  return String(value);
}

/** True for East Asian wide and fullwidth characters, which take two columns. */
function isWide(code: number): boolean {
  return (
    (code >= 0x2e80 && code <= 0xa4cf) ||
    (code >= 0xac00 && code <= 0xd7a3) ||
    (code >= 0xff00 && code <= 0xff60) ||
    (code >= 0x1100 && code <= 0x115f) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0xfe30 && code <= 0xfe4f) ||
    (code >= 0xffe0 && code <= 0xffe6)
  );
}

/**
 * Columns wide (East Asian characters count two) of what a cell shows, money as formatted; of a
 * multi-line text, its widest line. Counting stops at `cap`: a column is never made wider than that.
 */
function shownWidth(cell: string | number | boolean | null, money: boolean, cap = Infinity): number {
  if (cell === null) return 0;
  if (typeof cell === 'number') return money ? moneyWidth(cell) : String(cell).length;
  const text = String(cell);
  let widest = 0;
  let width = 0;
  for (let i = 0; i < text.length && widest < cap; i++) {
    const code = text.charCodeAt(i);
    if (code === 10) {
      width = 0;
      continue;
    }
    // A surrogate pair is one character outside every wide range.
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
    width += code >= 0x1100 && isWide(code) ? 2 : 1;
    if (width > widest) widest = width;
  }
  return Math.min(widest, cap);
}

/** Characters of money as MONEY_FORMAT shows it (`-1,234.50`), counted without formatting it: Intl is slow per cell. */
export function moneyWidth(amount: number): number {
  const cents = Math.round(Math.abs(amount) * 100);
  const digits = String(Math.floor(cents / 100)).length;
  return (amount < 0 || Object.is(amount, -0) ? 1 : 0) + digits + Math.floor((digits - 1) / 3) + 3;
}

/**
 * A CJK glyph is a little wider than two digit widths (the unit of a column's width), and lines break
 * at words and punctuation, not at the last column: wrapped text is measured this much wider, so a row
 * is never too short for it (LibreOffice then draws the overflow over the next row).
 */
const WRAP_SLACK = 1.15;

/** Lines a text takes wrapped in a column `width` characters wide (East Asian characters count two). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(1, width - 1);
  let lines = 0;
  for (const part of text.split('\n')) lines += Math.max(1, Math.ceil((shownWidth(part, false) * WRAP_SLACK) / usable));
  return lines;
}

/** A row's height for its wrapped cells, or undefined when every cell fits on one line. */
function rowHeight(
  cells: readonly (string | number | boolean | null)[],
  widths: readonly number[],
  wraps: (c: number) => boolean,
): number | undefined {
  let lines = 1;
  for (let c = 0; c < cells.length; c++) {
    const cell = cells[c];
    if (typeof cell === 'string' && wraps(c)) lines = Math.max(lines, wrappedLines(cell, widths[c] ?? 8));
  }
  return lines > 1 ? lines * LINE_HEIGHT : undefined;
}

/** Render the workbook to xlsx bytes; the same spec gives the same bytes. */
export function renderWorkbook(spec: WorkbookSpec): Buffer {
  return renderContent((sink) => writeWorkbook(spec, sink));
}

/** Write the workbook as xlsx into a sink, each sheet's XML made and deflated as it is written. */
export function writeWorkbook(spec: WorkbookSpec, sink: ByteSink): void {
  const strings = new SharedStrings();
  const layouts: { name: string; layout: SheetLayout }[] = [{ name: '说明', layout: aboutLayout(spec.about) }];
  for (const sheet of spec.sheets) layouts.push({ name: sheet.title, layout: dataLayout(sheet) });
  const entries: ZipSource[] = [];
  const part = (path: string, pieces: () => Iterable<string>): number => entries.push({ path, pieces });
  part('[Content_Types].xml', () => [contentTypesXml(layouts.length)]);
  part('_rels/.rels', () => [packageRelsXml()]);
  part('docProps/core.xml', () => [coreXml('notice-extract', spec.date)]);
  const sheets: SheetEntry[] = layouts.map(({ name, layout }) =>
    layout.header
      ? { name, filterTo: `${columnName(Math.max(0, layout.columns.length - 1))}${layout.rowCount}` }
      : { name },
  );
  part('xl/workbook.xml', () => [workbookXml(sheets)]);
  part('xl/_rels/workbook.xml.rels', () => [workbookRelsXml(layouts.length)]);
  part('xl/styles.xml', () => [stylesXml()]);
  layouts.forEach(({ layout }, i) => part(`xl/worksheets/sheet${i + 1}.xml`, () => sheetXmlPieces(layout, strings)));
  // Shared strings are complete only once every sheet is written; the part's place in the archive does not matter.
  part('xl/sharedStrings.xml', () => sharedStringsPieces(strings));
  zipTo(sink, entries, spec.date);
}

/** The 说明 sheet: long text wrapped at the top of its cell, headings bold, printed on one page width. */
function aboutLayout(about: readonly AboutRow[]): SheetLayout {
  const width = Math.max(0, ...about.map((r) => r.cells.length));
  const columns = Array.from({ length: width }, (_, i) => {
    const widest = Math.max(0, ...about.map((r) => shownWidth(r.cells[i] ?? null, false)));
    return { width: Math.min(ABOUT_MAX_WIDTH, Math.max(8, widest + 2)), style: STYLE.wrapTop };
  });
  // Spreadsheets do not all grow a row for its wrapped text (LibreOffice overlaps the next row): heights are set.
  const widths = columns.map((c) => c.width);
  const texts = (r: AboutRow) => r.cells.map((c) => (typeof c === 'string' ? c : null));
  const rows: SheetRow[] = about.map((r) => ({
    cells: r.cells,
    styles: new Array<number>(width).fill(r.heading ? STYLE.boldWrapTop : STYLE.wrapTop),
    height: rowHeight(texts(r), widths, () => true),
  }));
  return { rowCount: rows.length, rows: () => rows, columns, header: false, fitToWidth: true };
}

/**
 * A dataset's sheet: bold titles, then one row per record; money and codes styled by column. The records are read
 * twice, never laid out whole: once for the columns' widths, then row by row as the sheet is written.
 */
function dataLayout(sheet: DataSheet): SheetLayout {
  const fields = sheet.fields;
  const money = fields.map(isMoney);
  // Every text column is stored as text (format @): codes such as 预算代码 or 序号 keep their digits and zeros.
  const columnStyles = fields.map((f, i) => (money[i] ? STYLE.money : f.kind === 'number' ? STYLE.number : STYLE.text));
  const widths = fields.map((f) => shownWidth(f.title, false));
  // Texts repeat down a column (annex labels, codes, level names): each distinct one is measured once.
  const textWidths = new Map<string, number>();
  const textWidth = (text: string): number => {
    let width = textWidths.get(text);
    if (width === undefined) textWidths.set(text, (width = shownWidth(text, false, MAX_WIDTH)));
    return width;
  };
  const cellsOf = (record: Record<string, unknown>) => fields.map((f) => workbookCell(record[f.name], f));
  // A sheet of a few thousand rows keeps its cells from the first pass; a larger one makes them again.
  const kept: CellValue[][] | null = sheet.records.length <= KEEP_CELLS ? [] : null;
  for (const record of sheet.records) {
    const cells = cellsOf(record);
    kept?.push(cells);
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i] ?? null;
      const width = typeof cell === 'string' ? textWidth(cell) : shownWidth(cell, money[i] === true);
      if (width > (widths[i] ?? 0)) widths[i] = width;
    }
  }
  const columns = fields.map((_, i) => ({
    width: Math.min(MAX_WIDTH, Math.max(6, (widths[i] ?? 0) + 2)),
    style: columnStyles[i] ?? STYLE.none,
  }));
  const columnWidths = columns.map((c) => c.width);
  function* rows(): Generator<SheetRow> {
    yield { cells: fields.map((f) => f.title), styles: fields.map(() => STYLE.bold) };
    for (let r = 0; r < sheet.records.length; r++) {
      const cells = kept?.[r] ?? cellsOf(sheet.records[r] ?? {});
      let styles: number[] | undefined;
      for (let i = 0; i < cells.length; i++) {
        const cell = cells[i] ?? null;
        // A text of several lines (总体绩效目标), or wider than a column may be, wraps at the top of its cell.
        if (typeof cell === 'string' && (textWidth(cell) >= MAX_WIDTH - 2 || cell.includes('\n')))
          (styles ??= [...columnStyles])[i] = STYLE.textWrapTop;
      }
      if (!styles) yield { cells, styles: columnStyles };
      else {
        const wrapped = styles;
        yield { cells, styles, height: rowHeight(cells, columnWidths, (c) => wrapped[c] === STYLE.textWrapTop) };
      }
    }
  }
  return { rowCount: sheet.records.length + 1, rows, columns, header: true, fitToWidth: true };
}

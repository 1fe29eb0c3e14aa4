/**
 * The analysts' workbook `<notice-id>.xlsx`: a 说明 sheet, then one sheet per dataset with the
 * Chinese column titles, amounts as numbers shown with two decimals and thousands separators,
 * codes as text, a frozen header, an autofilter and widths fitted to the content.
 *
 * exceljs writes asynchronously, so the sheets are laid out here as plain data while the folder's
 * other files are built, and rendered by the caller that writes the folder (`renderWorkbook`).
 * exceljs is loaded only then, so nothing else pays for it.
 */
import type { FieldInfo } from './fields.js';
import { withEntryTimes } from './zipTimes.js';

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

/** Excel number format of money: thousands separators, two decimals. */
export const MONEY_FORMAT = '#,##0.00';
/** Excel number format of text, so a code keeps its digits (and leading zeros) when edited. */
const TEXT_FORMAT = '@';
const MAX_WIDTH = 60;
/** The 说明 sheet wraps long text instead, so it prints on one page width. */
const ABOUT_MAX_WIDTH = 40;

/** A field holds money when the schema gives it a unit (元, 万元). */
export function isMoney(field: FieldInfo): boolean {
  return field.unit !== '';
}

/** A record's value as a workbook cell: numbers as numbers, booleans as booleans, lists joined with ;, '' as an empty cell. */
export function workbookCell(value: unknown, field: FieldInfo): string | number | boolean | null {
  if (value === null || value === undefined || value === '') return null;
  if (field.kind === 'boolean') return value === true;
  if (field.kind === 'number') return typeof value === 'number' ? value : Number(value);
  if (field.kind === 'array') return (value as unknown[]).map(String).join(';') || null;
  return String(value);
}

/** Columns wide (East Asian characters count two): what a cell shows, money as formatted. */
function shownWidth(cell: string | number | boolean | null, money: boolean): number {
  if (cell === null) return 0;
  const text = money && typeof cell === 'number' ? cell.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }) : String(cell);
  const line = text.split('\n').reduce((a, b) => (b.length > a.length ? b : a), '');
  let width = 0;
  for (const ch of line) width += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(ch) ? 2 : 1;
  return width;
}

/** Render the workbook to xlsx bytes; the same spec gives the same bytes. */
export async function renderWorkbook(spec: WorkbookSpec): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  book.creator = 'notice-extract';
  book.lastModifiedBy = 'notice-extract';
  book.created = spec.date;
  book.modified = spec.date;

  // Printed (or turned into PDF) the 说明 sheet fits the page width; data sheets repeat their title row on every page.
  const about = book.addWorksheet('说明', { pageSetup: { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  for (const row of spec.about) {
    const added = about.addRow(row.cells);
    if (row.heading) added.font = { bold: true };
  }
  about.columns.forEach((column, i) => {
    const widest = Math.max(...spec.about.map((r) => shownWidth(r.cells[i] ?? null, false)));
    column.width = Math.min(ABOUT_MAX_WIDTH, Math.max(8, widest + 2));
    column.alignment = { vertical: 'top', wrapText: true };
  });

  for (const sheet of spec.sheets) {
    const ws = book.addWorksheet(sheet.title, { views: [{ state: 'frozen', ySplit: 1 }], pageSetup: { orientation: 'landscape', printTitlesRow: '1:1' } });
    const widths = sheet.fields.map((f) => shownWidth(f.title, false));
    ws.addRow(sheet.fields.map((f) => f.title)).font = { bold: true };
    for (const record of sheet.records) {
      const cells = sheet.fields.map((f) => workbookCell(record[f.name], f));
      cells.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, shownWidth(c, isMoney(sheet.fields[i] as FieldInfo)))));
      ws.addRow(cells);
    }
    sheet.fields.forEach((field, i) => {
      const column = ws.getColumn(i + 1);
      column.width = Math.min(MAX_WIDTH, Math.max(6, (widths[i] ?? 0) + 2));
      if (isMoney(field)) column.numFmt = MONEY_FORMAT;
      else if (field.kind === 'text' && !field.freeText) column.numFmt = TEXT_FORMAT;
    });
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: sheet.records.length + 1, column: sheet.fields.length } };
  }
  const bytes = Buffer.from(await book.xlsx.writeBuffer());
  return withEntryTimes(bytes, spec.date);
}

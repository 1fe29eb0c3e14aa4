import { createRequire } from 'node:module';
import type { Cell as ExcelCell, Workbook, Worksheet } from 'exceljs';
import { type Block, type FileCell, type FileRow, tableBlocks } from './blocks.js';
import type { FileFinding } from './findings.js';
import { exactDecimal, shownNumber } from './numberFormat.js';

/** exceljs is loaded on the first spreadsheet, not at start-up: most notices are Markdown. */
let excel: typeof import('exceljs') | undefined;
function exceljs(): typeof import('exceljs') {
  return (excel ??= createRequire(import.meta.url)('exceljs') as typeof import('exceljs'));
}

declare module 'exceljs' {
  /**
   * exceljs's reader as it runs: `load` takes the file's bytes. Its d.ts declares a global `Buffer` of its own (an
   * ArrayBuffer) that Node 20's generic Buffer no longer matches; exceljs hands the bytes to JSZip, which reads any
   * Uint8Array, so this overload types the call as it is made.
   */
  interface Xlsx {
    load(bytes: Uint8Array): Promise<Workbook>;
  }
}

/** The blocks of every visible sheet of an .xlsx file, in sheet order, and what the reader noticed. */
export async function readXlsx(bytes: Buffer, file: string): Promise<{ blocks: Block[]; findings: FileFinding[] }> {
  const workbook: Workbook = new (exceljs().Workbook)();
  await workbook.xlsx.load(bytes);
  const blocks: Block[] = [];
  const findings: FileFinding[] = [];
  const noise: Noise = { count: 0, first: null };
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible') {
      findings.push({ code: 'files/sheet-hidden', file, actual: sheet.name, params: { rows: sheet.actualRowCount } });
      continue;
    }
    blocks.push(...sheetBlocks(sheet, { file, findings, noise }));
  }
  if (noise.first)
    findings.push({
      code: 'files/number-float-noise',
      file,
      actual: noise.first.stored,
      expected: noise.first.read,
      params: { count: noise.count, ref: noise.first.ref },
    });
  return { blocks, findings };
}

/** Numbers whose stored double had binary noise past 15 digits, read as Excel shows them: how many, and the first. */
interface Noise {
  count: number;
  first: { ref: string; stored: string; read: string } | null;
}

/** What the cells of one file report into. */
interface Reading {
  file: string;
  findings: FileFinding[];
  noise: Noise;
}

/** Quote a sheet name in a reference when it needs it, as Excel does: `'Sheet 1'!A12`. */
function sheetRef(name: string): string {
  return /^[\p{L}\p{N}_]+$/u.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** Column letters of a 1-based column: 1 → A, 28 → AB. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/**
 * One sheet's rows as a table: merged cells as their top-left cell with row and column spans (as
 * HTML rowspan/colspan), hidden rows and columns left out and reported, empty rows skipped.
 */
function sheetBlocks(sheet: Worksheet, reading: Reading): Block[] {
  const { file, findings } = reading;
  const dims = sheet.dimensions;
  if (!dims || sheet.actualRowCount === 0) return [];
  const { top, left, bottom, right } = dims;
  const name = sheetRef(sheet.name);
  const hiddenRows: number[] = [];
  const hiddenColumns: number[] = [];
  for (let c = left; c <= right; c++) if (sheet.getColumn(c).hidden) hiddenColumns.push(c);
  for (let r = top; r <= bottom; r++) if (sheet.getRow(r).hidden) hiddenRows.push(r);
  if (hiddenRows.length > 0)
    findings.push({
      code: 'files/rows-hidden',
      file,
      actual: `${name}!${hiddenRows.join(',')}`,
      params: { count: hiddenRows.length },
    });
  if (hiddenColumns.length > 0) {
    findings.push({
      code: 'files/columns-hidden',
      file,
      actual: `${name}!${hiddenColumns.map(columnLetters).join(',')}`,
      params: { count: hiddenColumns.length },
    });
  }
  const visibleRow = (r: number): boolean => !sheet.getRow(r).hidden;
  const visibleColumn = (c: number): boolean => !sheet.getColumn(c).hidden;
  let firstColumn = left;
  while (firstColumn < right && !visibleColumn(firstColumn)) firstColumn++;
  // The far corner of each merge, by its top-left cell's address: found from the cells it covers.
  const corners = new Map<string, { bottom: number; right: number }>();
  // Rows a merge reaches down into: kept even when empty, or the span above would count wrong.
  const coveredRows = new Set<number>();
  for (let r = top; r <= bottom; r++) {
    for (let c = left; c <= right; c++) {
      const cell = sheet.getCell(r, c);
      if (!cell.isMerged || cell.master === cell) continue;
      if (Number(cell.master.row) < r) coveredRows.add(r);
      const corner = corners.get(cell.master.address) ?? { bottom: r, right: c };
      corners.set(cell.master.address, { bottom: Math.max(corner.bottom, r), right: Math.max(corner.right, c) });
    }
  }
  const rows: FileRow[] = [];
  for (let r = top; r <= bottom; r++) {
    if (!visibleRow(r)) continue;
    const cells: FileCell[] = [];
    for (let c = left; c <= right; c++) {
      if (!visibleColumn(c)) continue;
      const cell = sheet.getCell(r, c);
      if (cell.isMerged && cell.master !== cell) continue;
      const corner = corners.get(cell.address);
      const count = (from: number, to: number, visible: (n: number) => boolean): number => {
        let n = 0;
        for (let k = from; k <= to; k++) if (visible(k)) n++;
        return n;
      };
      const rowSpan = corner ? count(r, corner.bottom, visibleRow) : 1;
      const colSpan = corner ? count(c, corner.right, visibleColumn) : 1;
      cells.push({ text: cellText(cell, `${name}!${cell.address}`, reading), rowSpan, colSpan });
    }
    if (cells.every((c) => c.text === '') && !coveredRows.has(r) && !cells.some((c) => c.rowSpan > 1)) continue;
    // The row's first cell, merged into one above or not: the row is where it stands in the sheet.
    rows.push({ cells, ref: `${name}!${columnLetters(firstColumn)}${r}` });
  }
  return tableBlocks(rows);
}

/**
 * A cell's text as the sheet shows it. A number is its value at Excel's 15 digits (binary noise past
 * them counted and reported once a file), or the text its format shows
 * when that reads as the same number (`12,390,000.00`); a format that shows another number
 * (`#,##0` on 1239.05) is reported and the exact value kept. A formula is read by its cached value,
 * reported when it has none.
 */
function cellText(cell: ExcelCell, ref: string, reading: Reading): string {
  const value = cell.value as unknown;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value)) {
    const result = (value as { result?: unknown }).result;
    if (result === undefined || result === null) {
      reading.findings.push({ code: 'files/formula-without-value', file: reading.file, actual: ref });
      return '';
    }
    return plainValue(result, cell.numFmt, ref, reading);
  }
  return plainValue(value, cell.numFmt, ref, reading);
}

function plainValue(value: unknown, format: string | undefined, ref: string, reading: Reading): string {
  const { file, findings } = reading;
  if (typeof value === 'number') {
    const number = shownNumber(value, format);
    if (number.noisy) {
      reading.noise.count++;
      reading.noise.first ??= { ref, stored: exactDecimal(value), read: number.exact };
    }
    if (number.faithful) return number.digits;
    findings.push({
      code: 'files/number-format-differs',
      file,
      actual: `${ref} ${number.shown}`,
      expected: number.exact,
    });
    return number.exact;
  }
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object' && value !== null) {
    if ('richText' in value) return (value as { richText: { text: string }[] }).richText.map((t) => t.text).join('');
    if ('text' in value) return String((value as { text: unknown }).text);
    if ('error' in value) {
      findings.push({
        code: 'files/cell-error',
        file,
        actual: `${ref} ${String((value as { error: unknown }).error)}`,
      });
      return '';
    }
  }
  return String(value);
}

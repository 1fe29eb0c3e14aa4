import type { StageContext } from '../findings/context.js';
import type { TableAnnex } from '../family/spec.js';
import { UNIT_ALTERNATION } from '../normalize/units.js';
import { alignRow } from './align.js';
import { filledCells, rowText, usedWidth, type Cell, type GridRow } from './grid.js';

/** Units that a header may carry as a suffix, `金额（元）`. */
const UNIT_SUFFIX = new RegExp(`[（(]\\s*(${UNIT_ALTERNATION})\\s*[)）]$`, 'u');

/** A header text reduced for comparison: widths folded, spaces, quotes and a unit suffix removed. */
export function headerKey(text: string): { key: string; unit: string | null } {
  const folded = text.normalize('NFKC').replace(/\s+/g, '').replace(/[“”"'‘’「」]/g, '');
  const unit = UNIT_SUFFIX.exec(folded)?.[1] ?? null;
  return { key: folded.replace(UNIT_SUFFIX, ''), unit };
}

/** The columns of one table: role → column index, plus the unit a header declared. */
export interface ColumnMap {
  /** Column index of each recognised role. */
  roles: Map<string, number>;
  /** Unit from a header suffix such as `资金额（万元）`, or null. */
  unit: string | null;
  /** Header cells that name no known role. */
  unknown: Cell[];
  /** The header's used width. */
  width: number;
}

/** Map a row's cells to column roles by header synonyms; null when fewer than half the required roles match. */
export function mapHeader(row: GridRow, spec: TableAnnex): ColumnMap | null {
  const synonyms = synonymsOf(spec);
  const roles = new Map<string, number>();
  const unknown: Cell[] = [];
  let unit: string | null = null;
  row.cells.forEach((cell, index) => {
    if (!cell.text) return;
    const key = headerKey(cell.text);
    const role = synonyms.get(key.key);
    if (role && !roles.has(role)) {
      roles.set(role, index);
      unit ??= key.unit;
    } else unknown.push(cell);
  });
  const required = spec.columns.filter((c) => c.required);
  const found = required.filter((c) => roles.has(c.role)).length;
  if (roles.size < 2 || found * 2 < required.length) return null;
  return { roles, unit, unknown, width: usedWidth(row) };
}

const synonymCache = new WeakMap<TableAnnex, Map<string, string>>();

/** Header key → role of an annex's columns, built once per declaration (every row is tried as a header). */
function synonymsOf(spec: TableAnnex): Map<string, string> {
  let synonyms = synonymCache.get(spec);
  if (!synonyms) {
    synonyms = new Map();
    for (const column of spec.columns) for (const s of column.synonyms) synonyms.set(headerKey(s).key, column.role);
    synonymCache.set(spec, synonyms);
  }
  return synonyms;
}

/** Rows of one money table with its header found, repeated headers dropped and widths checked. */
export interface HeadedTable {
  /** The header's column map. */
  columns: ColumnMap;
  /** Data rows after the header, in source order, aligned with the header. */
  rows: GridRow[];
  /** Line of the header row. */
  headerLine: number;
  /** Rows before the header that read as titles: one text, maybe spanning the table (`单位：元`, the table's title). */
  titleRows: GridRow[];
  /** Every non-empty row after the header that is not a repeated header, as written: the rows records come from. */
  sourceRows: GridRow[];
}

/**
 * Find the header row by content wherever it sits (after title rows, or split over two rows), drop
 * every repeat of it (page breaks), and align each data row with it by content. A row that cannot be
 * aligned is an error finding and left out.
 */
export function headTable(rows: GridRow[], spec: TableAnnex, ctx: StageContext): HeadedTable | null {
  const found = findHeader(rows, spec);
  if (!found) {
    ctx.report({ code: 'grid/header-missing', annex: spec.label, source_line: rows[0]?.line ?? null });
    return null;
  }
  const { at, span, columns } = found;
  const header = rows[at] as GridRow;
  if (span === 2) ctx.report({ code: 'grid/header-joined', annex: spec.label, source_line: header.line, actual: `${rowText(header)} / ${rowText(rows[at + 1] as GridRow)}` });
  for (const column of spec.columns) {
    if (column.required && !columns.roles.has(column.role)) {
      ctx.report({ code: 'grid/column-missing', annex: spec.label, source_line: header.line, expected: column.synonyms[0] ?? column.role });
    }
  }
  for (const cell of columns.unknown) {
    ctx.report({ code: 'grid/header-column-unknown', annex: spec.label, source_line: cell.line, actual: cell.text });
  }
  const titleRows: GridRow[] = [];
  for (const row of rows.slice(0, at)) {
    const text = rowText(row);
    if (!text) continue;
    if (isTitleRow(row)) {
      titleRows.push(row);
      ctx.report({ code: 'grid/title-row', annex: spec.label, source_line: row.line, actual: text });
    } else ctx.report({ code: 'grid/row-before-header', annex: spec.label, source_line: row.line, actual: text });
  }
  const data: GridRow[] = [];
  const sourceRows: GridRow[] = [];
  for (const row of rows.slice(at + span)) {
    if (rowText(row) === '') continue;
    if (isRepeatedHeader(row, columns, spec)) {
      ctx.report({ code: 'grid/repeated-header-dropped', annex: spec.label, source_line: row.line, actual: row.cells.map((c) => c.text).join(' | ') });
      continue;
    }
    sourceRows.push(row);
    if (isTitleRow(row) && !holdsAmountOrLabel(row, columns, spec)) {
      // A one-text row inside the table (a running header, a page number, a repeated title) is no record.
      ctx.report({ code: 'grid/title-row-dropped', annex: spec.label, source_line: row.line, actual: rowText(row) });
      continue;
    }
    const aligned = alignRow(row, columns, spec);
    if (aligned.kind === 'unaligned') {
      ctx.report({ code: 'grid/row-unaligned', annex: spec.label, source_line: row.line, actual: rowText(row), expected: rowText(header), params: { why: aligned.reason === 'ambiguous' ? 'its cells fit the columns in more than one way' : 'its cells fit no placement in the columns' } });
      continue;
    }
    if (aligned.kind === 'aligned') {
      ctx.report({ code: 'grid/row-aligned', annex: spec.label, source_line: row.line, actual: rowText(row), expected: aligned.row.cells.map((c) => c.text).join(' | ') });
      if (aligned.shifted) ctx.count('row-cells-shifted');
      if (aligned.splits > 0) ctx.count('merged-cell-split', aligned.splits);
    } else checkWidth(row, columns.width, spec.label, ctx);
    data.push(aligned.row);
  }
  return { columns, rows: data, headerLine: header.line, titleRows, sourceRows };
}

/** The header: the first row (or pair of rows, their cells joined column by column) that names the columns. */
function findHeader(rows: readonly GridRow[], spec: TableAnnex): { at: number; span: 1 | 2; columns: ColumnMap } | null {
  for (let at = 0; at < rows.length; at++) {
    const row = rows[at] as GridRow;
    const single = mapHeader(row, spec);
    const next = rows[at + 1];
    const joined = next && !single?.unknown.length ? null : next ? mapHeader(joinRows(row, next), spec) : null;
    if (joined && joined.roles.size > (single?.roles.size ?? 0) && joined.unknown.length <= (single?.unknown.length ?? Infinity)) return { at, span: 2, columns: joined };
    if (single) return { at, span: 1, columns: single };
  }
  return null;
}

/** Two header rows as one: each column's texts joined (a header cell that wrapped onto the next row). */
function joinRows(first: GridRow, second: GridRow): GridRow {
  const width = Math.max(first.cells.length, second.cells.length);
  const cells: Cell[] = [];
  for (let i = 0; i < width; i++) {
    const a = first.cells[i];
    const b = second.cells[i];
    const text = `${a?.text ?? ''}${b?.spanned ? '' : (b?.text ?? '')}`;
    cells.push({ ...(a ?? b ?? { raw: '', line: first.line, column: 0 }), text, raw: `${a?.raw ?? ''}${b?.raw ?? ''}` });
  }
  return { ...first, cells };
}

/** True when a one-text row may still be a record: its text is an amount or a row-type label (广州市小计). */
function holdsAmountOrLabel(row: GridRow, columns: ColumnMap, spec: TableAnnex): boolean {
  const text = filledCells(row)[0]?.text.trim() ?? '';
  const amount = spec.columns.find((c) => c.role === 'amount')?.content;
  const amountIndex = columns.roles.get('amount');
  if (amountIndex !== undefined && (row.cells[amountIndex]?.text ?? '') !== '') return true;
  if (amount && new RegExp(amount, 'u').test(text)) return true;
  return spec.rowTypes.some((r) => new RegExp(r.pattern, 'u').test(text.replace(/\s+/g, '')));
}

/** A row with one text only, maybe repeated across a span: a title, a unit line, a running header or a page number. */
export function isTitleRow(row: GridRow): boolean {
  return new Set(filledCells(row).map((c) => c.text)).size === 1;
}

/** A row repeats the header when it names at least 80% of the header's roles (OCR may drop or split a cell). */
function isRepeatedHeader(row: GridRow, header: ColumnMap, spec: TableAnnex): boolean {
  const again = mapHeader(row, spec);
  return again !== null && again.roles.size * 5 >= header.roles.size * 4;
}

function checkWidth(row: GridRow, width: number, annex: string, ctx: StageContext): void {
  const used = usedWidth(row);
  if (used > width) {
    ctx.report({ code: 'grid/row-long', annex, source_line: row.line, actual: used, expected: width });
  } else if (row.encoding === 'tsv' && row.cells.length < width) {
    ctx.report({ code: 'grid/row-short', annex, source_line: row.line, actual: row.cells.length, expected: width });
  }
}

import type { StageContext } from '../findings/context.js';
import type { TableAnnex } from '../family/spec.js';
import { UNIT_ALTERNATION } from '../normalize/units.js';
import { rowText, usedWidth, type Cell, type GridRow } from './grid.js';

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
  /** Data rows after the header, in source order. */
  rows: GridRow[];
  /** Line of the header row. */
  headerLine: number;
}

/** Find the header row, drop every repeat of it (page breaks) and report rows whose width differs. */
export function headTable(rows: GridRow[], spec: TableAnnex, ctx: StageContext): HeadedTable | null {
  let at = -1;
  let columns: ColumnMap | null = null;
  while (columns === null && ++at < rows.length) columns = mapHeader(rows[at] as GridRow, spec);
  const header = rows[at];
  if (!header || !columns) {
    ctx.report({ code: 'grid/header-missing', annex: spec.label, source_line: rows[0]?.line ?? null });
    return null;
  }
  for (const column of spec.columns) {
    if (column.required && !columns.roles.has(column.role)) {
      ctx.report({ code: 'grid/column-missing', annex: spec.label, source_line: header.line, expected: column.synonyms[0] ?? column.role });
    }
  }
  for (const cell of columns.unknown) {
    ctx.report({ code: 'grid/header-column-unknown', annex: spec.label, source_line: cell.line, actual: cell.text });
  }
  for (const row of rows.slice(0, at)) {
    const text = rowText(row);
    if (text) ctx.report({ code: 'grid/row-before-header', annex: spec.label, source_line: row.line, actual: text });
  }
  const data: GridRow[] = [];
  for (const row of rows.slice(at + 1)) {
    if (isRepeatedHeader(row, columns, spec)) {
      ctx.report({ code: 'grid/repeated-header-dropped', annex: spec.label, source_line: row.line, actual: row.cells.map((c) => c.text).join(' | ') });
      continue;
    }
    checkWidth(row, columns.width, spec.label, ctx);
    data.push(row);
  }
  return { columns, rows: data, headerLine: header.line };
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

import { Collector, type StageContext } from '../findings/context.js';
import { reportRepeatedHeader, reportTitleRow } from './droppedRows.js';
import type { ColumnRole, TableAnnex } from '../family/spec.js';
import { headerKey } from '../normalize/headerKey.js';
import { alignRow } from './align.js';
import { filledCells, rowText, usedWidth, type Cell, type GridRow } from './grid.js';

/** The columns of one table: role → column index, plus the unit a header declared. */
export interface ColumnMap {
  /** Column index of each recognised role. */
  roles: Map<ColumnRole, number>;
  /** Unit from a header suffix such as `资金额（万元）`, or null. */
  unit: string | null;
  /** Header cells that name no known role. */
  unknown: Cell[];
  /** The header's used width, as read (a merged cell counted once per column it names). */
  width: number;
  /** Header cells that named two columns at once (`序号 预算代码`), as written; absent when none did. */
  splitCells?: string[];
  /** Roles several header cells named, and which of them was taken; absent when none was named twice. */
  choices?: ColumnChoice[];
}

/** How one column was chosen among several header cells naming its role (family `several`). */
export interface ColumnChoice {
  /** The role several cells named. */
  role: ColumnRole;
  /** The header of the column taken, as written (a group's sub-header after the group's text). */
  taken: string;
  /** The headers of the columns left unread, in column order. */
  left: string[];
  /**
   * Why it was taken: its header marks it (`take`), the others' headers mark them all (`leave`), or nothing told
   * them apart and the first was taken (`first`).
   */
  basis: 'take' | 'leave' | 'first';
}

/** A header cell as read: the column it stands for, the role it names and how. */
interface HeaderEntry {
  /** Column index in the header as read. */
  index: number;
  /** The cell, reported when it names no role. */
  cell: Cell;
  /** The text the role is read from (a sub-header under a group). */
  text: string;
  /** The header as a finding quotes it. */
  title: string;
  /** The role it names, or null. */
  role: ColumnRole | null;
  /** True when it names the role only by a `several` mark (合计 after the amounts): it is never taken alone. */
  byMark: boolean;
  /** Unit of its header suffix, or null. */
  unit: string | null;
}

/**
 * The role a header text names: by a synonym, else by a column's `headerPattern`, tested on the same normalized key;
 * undefined when none does.
 */
export function headerRole(key: string, spec: TableAnnex): ColumnRole | undefined {
  const role = spec.headerRoles.get(key);
  if (role) return role;
  return spec.columns.find((c) => c.headerPattern?.test(key))?.role;
}

/**
 * The role whose `several` marks a header text as one of its columns, or undefined: by `leave` alone in a header of
 * one row (合计 after the amounts; a word such as 本年 before a name is no amount), by `take` or `leave` under a group
 * cell naming the role (本次下达, 已下达 under 资金金额).
 */
function markedRole(key: string, spec: TableAnnex, marks: 'leave' | 'take-or-leave'): ColumnRole | undefined {
  const marked = (several: { take: RegExp; leave: RegExp }): boolean =>
    several.leave.test(key) || (marks === 'take-or-leave' && several.take.test(key));
  return spec.columns.find((c) => c.several && marked(c.several))?.role;
}

/**
 * Map a row's cells to column roles by header synonyms; null when fewer than half the required roles
 * match. A cell that names two or more columns at once (`序号 预算代码`, `序号/预算代码`: a converter
 * merged them) stands for each of them, so the map is of the row as read, one column per name; the
 * merged cells' texts are in `splitCells`. Every reading of a header (finding it, dropping its repeats,
 * classifying an annex by it) goes through here.
 */
export function mapHeader(row: GridRow, spec: TableAnnex): ColumnMap | null {
  const entries: HeaderEntry[] = [];
  const splitCells: string[] = [];
  let index = 0;
  let used = 0;
  const name = (cell: Cell, role: ColumnRole | undefined, cellUnit: string | null, key: string): void => {
    const marked = role ? undefined : markedRole(key, spec, 'leave');
    const entry = { index, cell, text: cell.text, title: cell.text, unit: cellUnit };
    entries.push({ ...entry, role: role ?? marked ?? null, byMark: marked !== undefined });
    used = index + 1;
  };
  for (const cell of row.cells) {
    if (cell.text) {
      const key = headerKey(cell.text);
      const role = headerRole(key.key, spec);
      const merged = role ? null : mergedRoles(cell.text, spec);
      if (merged) {
        splitCells.push(cell.text);
        for (const [i, part] of merged.entries()) {
          name({ ...cell, text: part.text, raw: part.text }, part.role, part.unit, headerKey(part.text).key);
          if (i < merged.length - 1) index++;
        }
      } else name(cell, role, key.unit, key.key);
    }
    index++;
  }
  const { roles, unit, unknown, choices } = resolveColumns(entries, spec);
  if (!namesEnoughRoles(roles, spec)) return null;
  return {
    roles,
    unit,
    unknown,
    width: used,
    ...(splitCells.length > 0 ? { splitCells } : {}),
    ...(choices.length > 0 ? { choices } : {}),
  };
}

/**
 * The roles of a header's cells, in order: each role at the column that names it (the first one, or the one its
 * family's `several` chooses), the unit of the first column taken that states one, and the cells that name no role
 * (or a role another cell took, when the family does not say how to choose).
 */
function resolveColumns(
  entries: readonly HeaderEntry[],
  spec: TableAnnex,
): { roles: Map<ColumnRole, number>; unit: string | null; unknown: Cell[]; choices: ColumnChoice[] } {
  const claims = new Map<ColumnRole, HeaderEntry[]>();
  for (const e of entries) if (e.role) claims.set(e.role, [...(claims.get(e.role) ?? []), e]);
  const taken = new Map<ColumnRole, HeaderEntry>();
  const aside = new Set<HeaderEntry>();
  const choices: ColumnChoice[] = [];
  for (const [role, list] of claims) {
    const named = list.filter((e) => !e.byMark);
    const several = spec.columns.find((c) => c.role === role)?.several;
    if (named.length === 0) continue;
    if (!several || list.length === 1) {
      taken.set(role, named[0] as HeaderEntry);
      continue;
    }
    const choice = chooseColumn(list, several);
    taken.set(role, choice.entry);
    for (const e of list) if (e !== choice.entry) aside.add(e);
    const left = list.filter((e) => e !== choice.entry).map((e) => e.title);
    choices.push({ role, taken: choice.entry.title, left, basis: choice.basis });
  }
  const roles = new Map<ColumnRole, number>();
  const unknown: Cell[] = [];
  let unit: string | null = null;
  for (const e of entries) {
    if (e.role && taken.get(e.role) === e) {
      roles.set(e.role, e.index);
      unit ??= e.unit;
    } else if (!aside.has(e) && e.text) unknown.push(e.cell);
  }
  return { roles, unit, unknown, choices };
}

/** The column taken among several naming one role, by the family's `several` marks (see ColumnSpec). */
function chooseColumn(
  list: readonly HeaderEntry[],
  several: { take: RegExp; leave: RegExp },
): { entry: HeaderEntry; basis: ColumnChoice['basis'] } {
  const key = (e: HeaderEntry): string => headerKey(e.text).key;
  const marked = list.find((e) => several.take.test(key(e)));
  if (marked) return { entry: marked, basis: 'take' };
  const rest = list.filter((e) => !several.leave.test(key(e)));
  if (rest.length === 1) return { entry: rest[0] as HeaderEntry, basis: 'leave' };
  return { entry: list.find((e) => !e.byMark) as HeaderEntry, basis: 'first' };
}

/** A header names enough to be one: two roles or more, and at least half the required ones. */
function namesEnoughRoles(roles: ReadonlyMap<ColumnRole, number>, spec: TableAnnex): boolean {
  const required = spec.columns.filter((c) => c.required);
  const found = required.filter((c) => roles.has(c.role)).length;
  return roles.size >= 2 && found * 2 >= required.length;
}

/** The columns a header cell names when it names two or more at once, each a known and different one; else null. */
function mergedRoles(text: string, spec: TableAnnex): { text: string; role: ColumnRole; unit: string | null }[] | null {
  if (!/[\s/／、|]/u.test(text)) return null;
  const parts = text.split(/[\s/／、|]+/u).filter((p) => p !== '');
  if (parts.length < 2) return null;
  const read = parts.map((p) => ({ text: p, key: headerKey(p) }));
  const roles = read.map((r) => headerRole(r.key.key, spec));
  if (roles.some((r) => r === undefined) || new Set(roles).size !== roles.length) return null;
  return read.map((r, i) => ({ text: r.text, role: roles[i] as ColumnRole, unit: r.key.unit }));
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
  const header = headerInUse(rows, found);
  reportHeaderReading(header, spec, ctx);
  reportHeaderColumns(header, spec, ctx);
  const titleRows = readRowsBeforeHeader(rows.slice(0, found.at), spec, ctx);
  const body = readBody(rows.slice(found.at + found.span), header, spec, ctx);
  return {
    columns: found.columns,
    rows: body.data,
    headerLine: header.row.line,
    titleRows,
    sourceRows: body.sourceRows,
  };
}

/** The header a table's body is read against: its column map and groups, its row, and its second row's text. */
interface HeaderInUse {
  /** The header's column map. */
  columns: ColumnMap;
  /** Its groups of part columns; [] when none. */
  groups: ColumnGroup[];
  /** Its (top) row. */
  row: GridRow;
  /** The text of its second row when it spans two (a page break repeats both), else null. */
  subHeader: string | null;
  /**
   * How its two rows were read: into groups of part columns (`grouped`), else column by column (`joined`, a top cell
   * over sub-headers of columns of their own included); null for a header of one row.
   */
  twoRows: 'grouped' | 'joined' | null;
}

/** The header found, as the table's body is read against it. */
function headerInUse(rows: readonly GridRow[], found: FoundHeader): HeaderInUse {
  const twoRows = found.span === 1 ? null : found.groups.length > 0 ? 'grouped' : 'joined';
  const subHeader = found.span === 2 ? rowText(rows[found.at + 1] as GridRow) : null;
  return { columns: found.columns, groups: found.groups, row: rows[found.at] as GridRow, subHeader, twoRows };
}

/** Say how the header was read: cells naming two columns split, a group over its parts, two rows joined. */
function reportHeaderReading(header: HeaderInUse, spec: TableAnnex, ctx: StageContext): void {
  const where = { annex: spec.label, source_line: header.row.line };
  for (const text of header.columns.splitCells ?? [])
    ctx.report({ code: 'grid/header-cell-split', ...where, actual: text });
  if (header.twoRows === 'grouped') {
    for (const g of header.groups)
      ctx.report({ code: 'grid/header-grouped', ...where, actual: `${g.title}: ${g.partTitles.join(' | ')}` });
  } else if (header.twoRows === 'joined')
    ctx.report({ code: 'grid/header-joined', ...where, actual: `${rowText(header.row)} / ${header.subHeader}` });
  for (const c of header.columns.choices ?? []) {
    const found = { ...where, actual: c.taken, expected: c.left.map((t) => `"${t}"`).join(', ') };
    if (c.basis === 'first') ctx.report({ code: 'grid/column-choice-unclear', ...found, params: { role: c.role } });
    else ctx.report({ code: 'grid/column-chosen', ...found, params: { role: c.role, why: CHOICE_WHY[c.basis] } });
  }
}

/** Why a column was taken among several naming its role, as the finding says it. */
const CHOICE_WHY = {
  take: "its header matches the family's mark of the column to take",
  leave: "the other headers match the family's mark of columns to leave",
} as const;

/** Report each required column the header lacks and each header cell that names no known column. */
function reportHeaderColumns(header: HeaderInUse, spec: TableAnnex, ctx: StageContext): void {
  for (const column of spec.columns) {
    const roles = header.columns.roles;
    if (column.required && !roles.has(column.role) && !column.requiredUnless?.some((r) => roles.has(r))) {
      ctx.report({
        code: 'grid/column-missing',
        annex: spec.label,
        source_line: header.row.line,
        expected: column.synonyms[0] ?? column.role,
      });
    }
  }
  for (const cell of header.columns.unknown) {
    ctx.report({ code: 'grid/header-column-unknown', annex: spec.label, source_line: cell.line, actual: cell.text });
  }
}

/** The rows before the header that read as titles (`单位：元`, the table's title); every non-empty one is reported. */
function readRowsBeforeHeader(rows: readonly GridRow[], spec: TableAnnex, ctx: StageContext): GridRow[] {
  const titleRows: GridRow[] = [];
  for (const row of rows) {
    const text = rowText(row);
    if (!text) continue;
    if (isTitleRow(row)) {
      titleRows.push(row);
      ctx.report({ code: 'grid/title-row', annex: spec.label, source_line: row.line, actual: text });
    } else ctx.report({ code: 'grid/row-before-header', annex: spec.label, source_line: row.line, actual: text });
  }
  return titleRows;
}

/**
 * The rows after the header: repeats of the header dropped, the rest kept as written (`sourceRows`) and, unless they
 * are no record, aligned with the header (`data`).
 */
function readBody(
  rows: readonly GridRow[],
  header: HeaderInUse,
  spec: TableAnnex,
  ctx: StageContext,
): { data: GridRow[]; sourceRows: GridRow[] } {
  const data: GridRow[] = [];
  const sourceRows: GridRow[] = [];
  const repeatsHeader = headerRepeatTest(header, spec);
  // The last row read into a record, as written, while it may still be continued across a page break.
  let last: { written: GridRow; index: number } | null = null;
  let afterBreak = false;
  // The header of another table in the annex (a second sheet, a 测算表), while its rows are passed over.
  let other: GridRow | null = null;
  for (const [at, written] of rows.entries()) {
    if (rowText(written) === '') continue;
    if (repeatsHeader(written)) {
      reportRepeatedHeader(
        { annex: spec.label, line: written.line, text: written.cells.map((c) => c.text).join(' | ') },
        ctx,
      );
      afterBreak = true;
      other = null;
      continue;
    }
    sourceRows.push(written);
    if (other === null && isOtherHeader(written, header, spec) && !fitsHeader(rows, at + 1, header, spec)) {
      other = written;
      ctx.report({
        code: 'grid/other-table',
        annex: spec.label,
        source_line: written.line,
        actual: rowText(written),
        expected: rowText(header.row),
      });
      continue;
    }
    if (other !== null) {
      const actual = rowText(written);
      ctx.report({ code: 'grid/other-table-row', annex: spec.label, source_line: written.line, actual });
      continue;
    }
    if (afterBreak && last?.index === data.length - 1 && continuesRow(written, last.written, header, spec)) {
      // Read again joined, quietly: the row before was read and reported already.
      const joined = joinedRows(last.written, written);
      const row = readDataRow(joined, header, spec, new Collector());
      if (row) {
        data[last.index] = row;
        last = { written: joined, index: last.index };
        const actual = filledCells(written)[0]?.text ?? '';
        const expected = `line ${last.written.line}`;
        ctx.report({ code: 'grid/row-continued', annex: spec.label, source_line: written.line, actual, expected });
        afterBreak = false;
        continue;
      }
    }
    const row = readDataRow(written, header, spec, ctx);
    if (row) {
      data.push(row);
      last = { written, index: data.length - 1 };
      afterBreak = false;
    }
  }
  return { data, sourceRows };
}

/**
 * True when the cell under the header's amount column holds what the family's amount `content` matches (a figure): a
 * data row, so no header (a cheap test before a header is mapped).
 */
function holdsFigure(row: GridRow, header: HeaderInUse, spec: TableAnnex): boolean {
  const at = header.columns.roles.get('amount');
  const figure = spec.columns.find((c) => c.role === 'amount')?.content;
  return at !== undefined && figure !== undefined && figure.test(row.cells[at]?.text ?? '');
}

/**
 * A row that is a header of another table: it names columns of the family (two roles or more, as a header does) but
 * not the columns of the header in use, and some cell of it names no column (城镇登记失业人数, 因素权重). The rows
 * under it are another table's (a factor sheet beside the allocation), not records of this one.
 */
function isOtherHeader(row: GridRow, header: HeaderInUse, spec: TableAnnex): boolean {
  if (holdsFigure(row, header, spec)) return false;
  const map = mapHeader(row, spec);
  if (!map || map.unknown.length === 0) return false;
  return [...header.columns.roles.keys()].some((role) => !map.roles.has(role));
}

/**
 * Whether the next non-empty row after `from` reads as a record of the header in use (aligned, its amount where the
 * header has it; read quietly): then a header-like row before it was a mangled repeat of this table's header (OCR),
 * not another table's.
 */
function fitsHeader(rows: readonly GridRow[], from: number, header: HeaderInUse, spec: TableAnnex): boolean {
  const next = rows.slice(from).find((r) => rowText(r) !== '');
  const row = next ? readDataRow(next, header, spec, new Collector()) : null;
  const amount = header.columns.roles.get('amount');
  return row !== null && (amount === undefined || (row.cells[amount]?.text ?? '') !== '');
}

/** Roles whose text a page break may cut, the rest of it on the first row of the next page (连南瑶族 | 自治县). */
const CONTINUED_ROLES: ReadonlySet<ColumnRole> = new Set([
  'region_name',
  'recipient',
  'recipient_name',
  'project_name',
  'unit_name',
]);

/**
 * Whether the first row after a repeated header continues the last row before it, cut by the page break: it holds
 * text only (no amount, number, code or row-type label), each in a column of a name the row before fills too, in a
 * table read column by column (no groups of part columns).
 */
function continuesRow(row: GridRow, previous: GridRow, header: HeaderInUse, spec: TableAnnex): boolean {
  if (header.groups.length > 0 || row.cells.length !== previous.cells.length) return false;
  if (holdsAmountOrLabel(row, header.columns, spec)) return false;
  const roleAt = new Map([...header.columns.roles].map(([role, index]) => [index, role]));
  let filled = 0;
  for (const [index, cell] of row.cells.entries()) {
    if (cell.text === '') continue;
    filled++;
    const role = roleAt.get(index);
    if (role === undefined || !CONTINUED_ROLES.has(role) || /[\d０-９]/u.test(cell.text)) return false;
    if ((previous.cells[index]?.text ?? '') === '') return false;
  }
  return filled > 0;
}

/** The row before a page break with the texts of its continuation appended, cell by cell (no space: Chinese text). */
function joinedRows(previous: GridRow, continuation: GridRow): GridRow {
  const cells = previous.cells.map((cell, index) => {
    const more = continuation.cells[index]?.text ?? '';
    return more === '' ? cell : { ...cell, text: cell.text + more, raw: cell.raw + more };
  });
  return { ...previous, cells };
}

/**
 * A test, called on each non-empty row in order, of whether it repeats the header. A header over two rows comes back
 * over two rows after a page break: its top row, then the one below.
 */
function headerRepeatTest(header: HeaderInUse, spec: TableAnnex): (row: GridRow) => boolean {
  let afterRepeat = false;
  return (row) => {
    const again = !holdsFigure(row, header, spec) && isRepeatedHeader(row, header.columns, spec);
    afterRepeat = again || (afterRepeat && header.subHeader !== null && rowText(row) === header.subHeader);
    return afterRepeat;
  };
}

/**
 * One data row as its header reads it: groups of part cells folded into one, then aligned; null (with a finding) for a
 * one-text row that holds no record or a row that cannot be aligned.
 */
function readDataRow(written: GridRow, header: HeaderInUse, spec: TableAnnex, ctx: StageContext): GridRow | null {
  const { columns, groups } = header;
  const folded = groups.length > 0 ? foldGroups(written, groups, columns.width) : { row: written, joined: 0 };
  if (folded.joined > 0) ctx.count('column-group-joined', folded.joined);
  const row = folded.row;
  if (isTitleRow(row) && !holdsAmountOrLabel(row, columns, spec)) {
    // A one-text row inside the table (a running header, a page number, a repeated title) is no record.
    reportTitleRow({ annex: spec.label, line: row.line, text: rowText(row) }, ctx);
    return null;
  }
  return alignedRow(row, header, spec, ctx);
}

/** A row aligned with its header, the alignment reported; null (an error finding) when it cannot be aligned. */
function alignedRow(row: GridRow, header: HeaderInUse, spec: TableAnnex, ctx: StageContext): GridRow | null {
  const aligned = alignRow(row, header.columns, spec);
  const where = { annex: spec.label, source_line: row.line, actual: rowText(row) };
  switch (aligned.kind) {
    case 'unaligned': {
      const why =
        aligned.reason === 'ambiguous'
          ? 'its cells fit the columns in more than one way'
          : 'its cells fit no placement in the columns';
      ctx.report({ code: 'grid/row-unaligned', ...where, expected: rowText(header.row), params: { why } });
      return null;
    }
    case 'aligned':
      ctx.report({ code: 'grid/row-aligned', ...where, expected: aligned.row.cells.map((c) => c.text).join(' | ') });
      if (aligned.shifted) ctx.count('row-cells-shifted');
      if (aligned.splits > 0) ctx.count('merged-cell-split', aligned.splits);
      return aligned.row;
    case 'as-written':
      checkWidth(row, header.columns.width, spec.label, ctx);
      return aligned.row;
  }
}

/** A header found: where it starts, over how many rows, its column map, and the groups it splits into parts. */
interface FoundHeader {
  at: number;
  span: 1 | 2;
  columns: ColumnMap;
  groups: ColumnGroup[];
}

/**
 * The header: the first row (or pair of rows: a group over its parts, or cells joined column by column) that names the
 * columns.
 */
function findHeader(rows: readonly GridRow[], spec: TableAnnex): FoundHeader | null {
  for (let at = 0; at < rows.length; at++) {
    const row = rows[at] as GridRow;
    const next = rows[at + 1];
    const single = mapHeader(row, spec);
    const grouped = next ? mapGroupedHeader(row, next, spec) : null;
    if (grouped && grouped.columns.roles.size >= (single?.roles.size ?? 0)) return { at, span: 2, ...grouped };
    const joined = next && single ? mapJoinedHeader(row, next, single, spec) : null;
    if (joined) return { at, span: 2, columns: joined, groups: [] };
    if (single) return { at, span: 1, columns: single, groups: [] };
  }
  return null;
}

/**
 * A header row with cells that name no column, read together with the row below column by column (a header cell that
 * wrapped onto the next row): its map when that names more columns and leaves no more cells unknown, else null.
 */
function mapJoinedHeader(row: GridRow, next: GridRow, single: ColumnMap, spec: TableAnnex): ColumnMap | null {
  if (single.unknown.length === 0) return null;
  const joined = mapHeader(joinRows(row, next), spec);
  if (!joined || joined.roles.size <= single.roles.size || joined.unknown.length > single.unknown.length) return null;
  return joined;
}

/** A header cell over two or more columns that are parts of one role (功能分类科目 over 科目编码 | 科目名称). */
export interface ColumnGroup {
  /** The role the group's parts together stand for. */
  role: ColumnRole;
  /** The group's header text, as written. */
  title: string;
  /** Its sub-header texts, in column order. */
  partTitles: string[];
  /** First column of the group, in the header as written; the parts are the columns from it on. */
  first: number;
  /** Regular expression of the first part's content, when the family declares one. */
  firstContent: RegExp | null;
}

/**
 * A header over two rows whose top row holds group cells with their parts below (an HTML colspan, or
 * in text a top cell followed by empty ones over sub-headers). Each column is named by the group and
 * its sub-header read together (地区 over 名称 → 地区名称), else by the sub-header alone, else as the
 * group's own column when the sub-header names its total (金额 over 合计 | 其中：…: the family's
 * `groupTotals`), else as a part of the group's role (功能分类科目 over 科目编码, 科目名称: the family's
 * `parts` of function_subject). A sub-column no rule names is an unknown column, reported.
 * Null unless some top cell stands over two or more sub-headers, and every group of parts is complete.
 * The column map is of the header as read: each group of parts one column, the columns after it
 * moved left; `groups` lists the groups of parts (none when every column has a role of its own).
 */
function mapGroupedHeader(
  top: GridRow,
  sub: GridRow,
  spec: TableAnnex,
): { columns: ColumnMap; groups: ColumnGroup[] } | null {
  const { named, hasGroup } = nameColumns(top, sub);
  if (!hasGroup || isTitleRow(top) || !namesColumnAlone(top, named, spec)) return null;
  const totals = new Set(spec.groupTotals.map((t) => headerKey(t).key));
  const readings = named.map((column) => readColumn(column, spec, totals));
  const parts = groupParts(named, readings, spec);
  if (!parts) return null;
  const columns = groupedColumnMap(
    parts.kept.map((k) => ({ column: named[k] as NamedColumn, reading: readings[k] ?? null })),
    spec,
  );
  return columns ? { columns, groups: parts.groups } : null;
}

/** A written column of a header over two rows: the text naming it, and the group cell it stands under. */
interface NamedColumn {
  /** The top cell over it and the columns beside it, or null for a column named by a cell of its own. */
  group: Cell | null;
  /** The text naming it: its sub-header under a group, else its own cell's text ('' for none). */
  text: string;
  /** The cell holding that text. */
  cell: Cell;
}

/**
 * Each written column of a header over two rows with the text naming it; `hasGroup` when some top cell stands over
 * two or more sub-headers.
 */
function nameColumns(top: GridRow, sub: GridRow): { named: NamedColumn[]; hasGroup: boolean } {
  const width = Math.max(top.cells.length, sub.cells.length);
  const named: NamedColumn[] = [];
  let group: Cell | null = null;
  let groupColumns = 0;
  let hasGroup = false;
  for (let k = 0; k < width; k++) {
    const t = top.cells[k];
    const s = sub.cells[k];
    const below = s && !s.spanned ? s.text : '';
    if (t?.text) {
      // A top cell with a sub-header under it opens a group; without one it names its column alone.
      group = below ? t : null;
      groupColumns = below ? 1 : 0;
      named.push(below ? { group: t, text: below, cell: s as Cell } : { group: null, text: t.text, cell: t });
    } else if (below && group && !t?.rowSpanOf) {
      groupColumns++;
      if (groupColumns === 2) hasGroup = true;
      named.push({ group, text: below, cell: s as Cell });
    } else {
      group = null;
      named.push({ group: null, text: below, cell: s ?? t ?? { text: '', raw: '', line: top.line, column: 0 } });
    }
  }
  return { named, hasGroup };
}

/**
 * True when the top row is a header row itself, not a title over the table: some column is named there alone
 * (rowspan=2, or nothing under it) by a known header text.
 */
function namesColumnAlone(top: GridRow, named: readonly NamedColumn[], spec: TableAnnex): boolean {
  return named.some((n, k) => !n.group && n.cell === top.cells[k] && headerRole(headerKey(n.text).key, spec));
}

/**
 * What a written column names: a role of its own (`byMark` when only its group's `several` marks make it one of the
 * role's columns), a part of its group's role, or nothing (null).
 */
type ColumnReading = { role: ColumnRole; byMark?: boolean } | { group: Cell; role: ColumnRole; part: number } | null;

/** Read one written column of a header over two rows by the rules of mapGroupedHeader. */
function readColumn(column: NamedColumn, spec: TableAnnex, totals: ReadonlySet<string>): ColumnReading {
  const { group, text } = column;
  if (!text) return null;
  const alone = headerRole(headerKey(text).key, spec);
  if (!group) return alone ? { role: alone } : null;
  const together = headerRole(headerKey(group.text + text).key, spec);
  if (together) return { role: together };
  const role = headerRole(headerKey(group.text).key, spec);
  if (!role) return alone ? { role: alone } : null;
  // 金额 over 合计 | 其中：… : the total column is the group's own column; 其中 columns are unknown.
  if (totals.has(headerKey(text).key)) return { role };
  // A part of the group's role before a column of its own: 单位编码 under 分配单位 is a part of it,
  // though 单位编码 alone names a column too.
  const part = partsOf(spec, role).findIndex((p) => p.synonyms.some((x) => headerKey(x).key === headerKey(text).key));
  if (part >= 0) return { group, role, part };
  // 资金金额 over 已下达 | 本次下达 | 合计: a sub-header the role's `several` marks is one of its columns.
  if (alone !== role && markedRole(headerKey(text).key, spec, 'take-or-leave') === role) return { role, byMark: true };
  return alone ? { role: alone } : null;
}

/** The parts a family declares for a role's column ([] when it declares none). */
function partsOf(spec: TableAnnex, role: ColumnRole): NonNullable<TableAnnex['columns'][number]['parts']> {
  return spec.columns.find((c) => c.role === role)?.parts ?? [];
}

/**
 * The groups of parts among the written columns, and the columns kept in the header as read (a group's first part
 * stands for the group); null when a group's parts do not follow one another under the same group cell, all of them,
 * in order.
 */
function groupParts(
  named: readonly NamedColumn[],
  readings: readonly ColumnReading[],
  spec: TableAnnex,
): { groups: ColumnGroup[]; kept: number[] } | null {
  const groups: ColumnGroup[] = [];
  const kept: number[] = [];
  for (let k = 0; k < named.length; k++) {
    const first = readings[k];
    kept.push(k);
    if (!first || !('part' in first) || first.part !== 0) continue;
    const parts = partsOf(spec, first.role);
    const complete = parts.every((_, p) => {
      const reading = readings[k + p];
      return reading && 'part' in reading && reading.group === first.group && reading.part === p;
    });
    if (!complete) return null;
    groups.push({
      role: first.role,
      title: first.group.text,
      partTitles: parts.map((_, p) => named[k + p]?.text ?? ''),
      first: k,
      firstContent: parts[0]?.content ?? null,
    });
    k += parts.length - 1;
  }
  return { groups, kept };
}

/**
 * The column map of a header over two rows from its kept columns, in order: each role at its column (the first, or the
 * one its family's `several` chooses), the unit of the first column taken (its sub-header's, else its group's); null
 * when it names too few roles.
 */
function groupedColumnMap(
  kept: readonly { column: NamedColumn; reading: ColumnReading }[],
  spec: TableAnnex,
): ColumnMap | null {
  const entries: HeaderEntry[] = kept.map(({ column, reading }, index) => ({
    index,
    cell: column.cell,
    text: column.text,
    title: column.group ? `${column.group.text} / ${column.text}` : column.text,
    role: reading?.role ?? null,
    byMark: reading !== null && 'byMark' in reading && reading.byMark === true,
    unit: headerKey(column.text).unit ?? (column.group ? headerKey(column.group.text).unit : null),
  }));
  const { roles, unit, unknown, choices } = resolveColumns(entries, spec);
  if (!namesEnoughRoles(roles, spec)) return null;
  let width = kept.length;
  while (width > 0 && !kept[width - 1]?.column.text) width--;
  return { roles, unit, unknown, width, ...(choices.length > 0 ? { choices } : {}) };
}

/**
 * A data row read as its grouped header reads: each group's part cells joined into one cell, texts
 * separated by a space. A row that already holds a group as one cell (the first part's cell does not
 * hold the first part's content, and the row is no wider than the header as read) is left as written;
 * alignment places it. Returns the row and how many groups were joined.
 */
function foldGroups(row: GridRow, groups: readonly ColumnGroup[], width: number): { row: GridRow; joined: number } {
  let cells = row.cells;
  let joined = 0;
  // From the right, so the positions of the groups further left still hold.
  for (const g of [...groups].reverse()) {
    const n = g.partTitles.length;
    const parts = cells.slice(g.first, g.first + n);
    if (parts.length === 0) continue;
    const first = parts[0]?.text ?? '';
    const empty = parts.every((c) => c.text === '');
    const apart = g.firstContent ? g.firstContent.test(first.trim()) : true;
    if (!empty && !apart && usedWidth({ ...row, cells }) <= width) continue;
    const filled = parts.filter((c) => c.text !== '');
    const lead = filled[0] ?? (parts[0] as Cell);
    const cell: Cell = empty
      ? lead
      : { ...lead, text: filled.map((c) => c.text).join(' '), raw: filled.map((c) => c.raw).join(' '), spanned: false };
    if (!empty) joined++;
    cells = [...cells.slice(0, g.first), cell, ...cells.slice(g.first + n)];
  }
  return { row: joined > 0 || cells !== row.cells ? { ...row, cells } : row, joined };
}

/** Two header rows as one: each column's texts joined (a header cell that wrapped onto the next row). */
function joinRows(first: GridRow, second: GridRow): GridRow {
  const width = Math.max(first.cells.length, second.cells.length);
  const cells: Cell[] = [];
  for (let i = 0; i < width; i++) {
    const a = first.cells[i];
    const b = second.cells[i];
    const text = `${a?.text ?? ''}${b?.spanned ? '' : (b?.text ?? '')}`;
    cells.push({
      ...(a ?? b ?? { raw: '', line: first.line, column: 0 }),
      text,
      raw: `${a?.raw ?? ''}${b?.raw ?? ''}`,
    });
  }
  return { ...first, cells };
}

/** True when a one-text row may still be a record: its text is an amount or a row-type label (广州市小计). */
function holdsAmountOrLabel(row: GridRow, columns: ColumnMap, spec: TableAnnex): boolean {
  const text = filledCells(row)[0]?.text.trim() ?? '';
  const amount = spec.columns.find((c) => c.role === 'amount')?.content;
  const amountIndex = columns.roles.get('amount');
  if (amountIndex !== undefined && (row.cells[amountIndex]?.text ?? '') !== '') return true;
  if (amount && amount.test(text)) return true;
  return spec.rowTypes.some((r) => r.pattern.test(text.replace(/\s+/g, '')));
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

// A row read as written has no filled cell beyond the header (alignment places such a cell or leaves the row
// out), so only a short one is said.
function checkWidth(row: GridRow, width: number, annex: string, ctx: StageContext): void {
  if (row.encoding === 'tsv' && row.cells.length < width) {
    ctx.report({ code: 'grid/row-short', annex, source_line: row.line, actual: row.cells.length, expected: width });
  }
}

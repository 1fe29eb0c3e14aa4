import type { StageContext } from '../findings/context.js';
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
}

/**
 * Map a row's cells to column roles by header synonyms; null when fewer than half the required roles
 * match. A cell that names two or more columns at once (`序号 预算代码`, `序号/预算代码`: a converter
 * merged them) stands for each of them, so the map is of the row as read, one column per name; the
 * merged cells' texts are in `splitCells`. Every reading of a header (finding it, dropping its repeats,
 * classifying an annex by it) goes through here.
 */
export function mapHeader(row: GridRow, spec: TableAnnex): ColumnMap | null {
  const synonyms = spec.headerRoles;
  const roles = new Map<ColumnRole, number>();
  const unknown: Cell[] = [];
  const splitCells: string[] = [];
  let unit: string | null = null;
  let index = 0;
  let used = 0;
  const name = (cell: Cell, role: ColumnRole | undefined, cellUnit: string | null): void => {
    if (role && !roles.has(role)) {
      roles.set(role, index);
      unit ??= cellUnit;
    } else unknown.push(cell);
    used = index + 1;
  };
  for (const cell of row.cells) {
    if (cell.text) {
      const key = headerKey(cell.text);
      const role = synonyms.get(key.key);
      const merged = role ? null : mergedRoles(cell.text, synonyms);
      if (merged) {
        splitCells.push(cell.text);
        for (const [i, part] of merged.entries()) {
          name({ ...cell, text: part.text, raw: part.text }, part.role, part.unit);
          if (i < merged.length - 1) index++;
        }
      } else name(cell, role, key.unit);
    }
    index++;
  }
  const required = spec.columns.filter((c) => c.required);
  const found = required.filter((c) => roles.has(c.role)).length;
  if (roles.size < 2 || found * 2 < required.length) return null;
  return { roles, unit, unknown, width: used, ...(splitCells.length > 0 ? { splitCells } : {}) };
}

/** The columns a header cell names when it names two or more at once, each a known and different one; else null. */
function mergedRoles(
  text: string,
  synonyms: ReadonlyMap<string, ColumnRole>,
): { text: string; role: ColumnRole; unit: string | null }[] | null {
  if (!/[\s/／、|]/u.test(text)) return null;
  const parts = text.split(/[\s/／、|]+/u).filter((p) => p !== '');
  if (parts.length < 2) return null;
  const read = parts.map((p) => ({ text: p, key: headerKey(p) }));
  const roles = read.map((r) => synonyms.get(r.key.key));
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
  const { at, span, columns, groups } = found;
  const header = rows[at] as GridRow;
  for (const text of columns.splitCells ?? [])
    ctx.report({ code: 'grid/header-cell-split', annex: spec.label, source_line: header.line, actual: text });
  const subHeader = span === 2 ? rowText(rows[at + 1] as GridRow) : null;
  if (groups.length > 0) {
    for (const g of groups)
      ctx.report({
        code: 'grid/header-grouped',
        annex: spec.label,
        source_line: header.line,
        actual: `${g.title}: ${g.partTitles.join(' | ')}`,
      });
  } else if (span === 2)
    ctx.report({
      code: 'grid/header-joined',
      annex: spec.label,
      source_line: header.line,
      actual: `${rowText(header)} / ${subHeader}`,
    });
  for (const column of spec.columns) {
    if (column.required && !columns.roles.has(column.role)) {
      ctx.report({
        code: 'grid/column-missing',
        annex: spec.label,
        source_line: header.line,
        expected: column.synonyms[0] ?? column.role,
      });
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
  let afterRepeat = false;
  for (const written of rows.slice(at + span)) {
    if (rowText(written) === '') continue;
    // A header over two rows comes back over two rows after a page break: its top row, then the one below.
    const repeat: boolean =
      isRepeatedHeader(written, columns, spec) || (afterRepeat && subHeader !== null && rowText(written) === subHeader);
    afterRepeat = repeat;
    if (repeat) {
      reportRepeatedHeader(
        { annex: spec.label, line: written.line, text: written.cells.map((c) => c.text).join(' | ') },
        ctx,
      );
      continue;
    }
    sourceRows.push(written);
    const folded = groups.length > 0 ? foldGroups(written, groups, columns.width) : { row: written, joined: 0 };
    if (folded.joined > 0) ctx.count('column-group-joined', folded.joined);
    const row = folded.row;
    if (isTitleRow(row) && !holdsAmountOrLabel(row, columns, spec)) {
      // A one-text row inside the table (a running header, a page number, a repeated title) is no record.
      reportTitleRow({ annex: spec.label, line: row.line, text: rowText(row) }, ctx);
      continue;
    }
    const aligned = alignRow(row, columns, spec);
    if (aligned.kind === 'unaligned') {
      ctx.report({
        code: 'grid/row-unaligned',
        annex: spec.label,
        source_line: row.line,
        actual: rowText(row),
        expected: rowText(header),
        params: {
          why:
            aligned.reason === 'ambiguous'
              ? 'its cells fit the columns in more than one way'
              : 'its cells fit no placement in the columns',
        },
      });
      continue;
    }
    if (aligned.kind === 'aligned') {
      ctx.report({
        code: 'grid/row-aligned',
        annex: spec.label,
        source_line: row.line,
        actual: rowText(row),
        expected: aligned.row.cells.map((c) => c.text).join(' | '),
      });
      if (aligned.shifted) ctx.count('row-cells-shifted');
      if (aligned.splits > 0) ctx.count('merged-cell-split', aligned.splits);
    } else checkWidth(row, columns.width, spec.label, ctx);
    data.push(aligned.row);
  }
  return { columns, rows: data, headerLine: header.line, titleRows, sourceRows };
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
    const single = mapHeader(row, spec);
    const next = rows[at + 1];
    const grouped = next ? mapGroupedHeader(row, next, spec) : null;
    if (grouped && grouped.columns.roles.size >= (single?.roles.size ?? 0)) return { at, span: 2, ...grouped };
    const joined = next && !single?.unknown.length ? null : next ? mapHeader(joinRows(row, next), spec) : null;
    if (
      joined &&
      joined.roles.size > (single?.roles.size ?? 0) &&
      joined.unknown.length <= (single?.unknown.length ?? Infinity)
    )
      return { at, span: 2, columns: joined, groups: [] };
    if (single) return { at, span: 1, columns: single, groups: [] };
  }
  return null;
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
  const synonyms = spec.headerRoles;
  const totals = new Set(spec.groupTotals.map((t) => headerKey(t).key));
  const width = Math.max(top.cells.length, sub.cells.length);
  // Per written column: the text naming it (a group's columns: the group's text, then the sub-header).
  const named: { group: Cell | null; text: string; cell: Cell }[] = [];
  let group: Cell | null = null;
  let groupColumns = 0;
  let hasGroup = false;
  for (let k = 0; k < width; k++) {
    const t = top.cells[k];
    const s = sub.cells[k];
    const below = s && !s.spanned ? s.text : '';
    if (t?.text) {
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
  // The top row is a header row itself: more than one text (not a title over the table), some column
  // named there alone (rowspan=2, or nothing under it).
  if (
    !hasGroup ||
    isTitleRow(top) ||
    !named.some((n, k) => !n.group && n.cell === top.cells[k] && synonyms.has(headerKey(n.text).key))
  )
    return null;
  // Each written column's role, or the group role and part it stands for.
  const found: ({ role: ColumnRole } | { group: Cell; role: ColumnRole; part: number } | null)[] = named.map(
    ({ group: g, text }) => {
      if (!text) return null;
      if (g) {
        const together = synonyms.get(headerKey(g.text + text).key);
        if (together) return { role: together };
        const role = synonyms.get(headerKey(g.text).key);
        // 金额 over 合计 | 其中：… : the total column is the group's own column; 其中 columns are unknown.
        if (role && totals.has(headerKey(text).key)) return { role };
        // A part of the group's role before a column of its own: 单位编码 under 分配单位 is a part of it,
        // though 单位编码 alone names a column too.
        const parts = spec.columns.find((c) => c.role === role)?.parts ?? [];
        const part = parts.findIndex((p) => p.synonyms.some((x) => headerKey(x).key === headerKey(text).key));
        if (role && part >= 0) return { group: g, role, part };
        const alone = synonyms.get(headerKey(text).key);
        return alone ? { role: alone } : null;
      }
      const role = synonyms.get(headerKey(text).key);
      return role ? { role } : null;
    },
  );
  const groups: ColumnGroup[] = [];
  const keep: number[] = [];
  for (let k = 0; k < named.length; k++) {
    const f = found[k];
    if (!f || !('part' in f) || f.part !== 0) {
      keep.push(k);
      continue;
    }
    // The parts must follow one another under the same group cell, all of them, in order.
    const parts = spec.columns.find((c) => c.role === f.role)?.parts ?? [];
    const run = parts.map((_, p) => found[k + p]);
    const complete = run.every((x, p) => x && 'part' in x && x.group === f.group && x.part === p);
    if (!complete) return null;
    groups.push({
      role: f.role,
      title: f.group.text,
      partTitles: parts.map((_, p) => named[k + p]?.text ?? ''),
      first: k,
      firstContent: parts[0]?.content ?? null,
    });
    keep.push(k);
    k += parts.length - 1;
  }
  const roles = new Map<ColumnRole, number>();
  const unknown: Cell[] = [];
  let unit: string | null = null;
  keep.forEach((k, index) => {
    const f = found[k];
    const entry = named[k] as (typeof named)[number];
    if (f && !roles.has(f.role)) {
      roles.set(f.role, index);
      unit ??= headerKey(entry.text).unit ?? (entry.group ? headerKey(entry.group.text).unit : null);
    } else if (entry.text) unknown.push(entry.cell);
  });
  const required = spec.columns.filter((c) => c.required);
  if (roles.size < 2 || required.filter((c) => roles.has(c.role)).length * 2 < required.length) return null;
  let used = keep.length;
  while (used > 0 && !named[keep[used - 1] as number]?.text) used--;
  return { columns: { roles, unit, unknown, width: used }, groups };
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

import type { ColumnRole, TableAnnex } from '../family/spec.js';
import type { Cell, GridRow } from './grid.js';
import type { ColumnMap } from './header.js';

/** The cell of a row in the column of a role, if the table has that column. */
export function roleCell(row: GridRow, columns: ColumnMap, role: ColumnRole): Cell | undefined {
  const index = columns.roles.get(role);
  return index === undefined ? undefined : row.cells[index];
}

/**
 * Plain text of a row's cell for a role, '' when absent; a cell covered by a rowspan reads the spanning cell's value.
 */
export function roleText(row: GridRow, columns: ColumnMap, role: ColumnRole): string {
  const cell = roleCell(row, columns, role);
  return cell?.rowSpanOf?.text ?? cell?.text ?? '';
}

/** Compiled row-type rules of an annex. */
export type RowTypeMatcher = (row: GridRow, columns: ColumnMap) => string;

/** A row's type and the label that gave it (`合计`, `广州市小计`), '' for an item. */
export interface RowLabel {
  type: string;
  /** The label as written, a code beside it removed. */
  label: string;
  /** Index of the cell holding the label, -1 for an item. */
  at: number;
}

/** Compile an annex's row-type rules: the first rule with a matching label cell wins, else `item`. */
export function rowTypeMatcher(spec: TableAnnex): RowTypeMatcher {
  const read = rowLabelReader(spec);
  return (row, columns) => read(row, columns).type;
}

/**
 * Compile an annex's row-type rules into a reader of a row's label. A rule is tried on its label
 * roles first; failing every rule there, on any other cell of the row but the amount's: a total is
 * that row type wherever its label sits (a TSV row with the label in another column, an HTML cell
 * spanning the columns before the amount, a pipe row repeating it). A code written beside the label
 * (`珠海市小计 440400000`) does not hide it.
 */
export function rowLabelReader(spec: TableAnnex): (row: GridRow, columns: ColumnMap) => RowLabel {
  const rules = spec.rowTypes.map((r) => ({ ...r, regex: r.pattern }));
  const labelOf = (text: string): string => cellIdentity(text).name.replace(/\s+/g, '');
  return (row, columns) => {
    for (const rule of rules) {
      for (const role of rule.roles) {
        const text = labelOf(roleText(row, columns, role));
        if (!text || !rule.regex.test(text)) continue;
        return {
          type: rule.type,
          label: cellIdentity(roleText(row, columns, role)).name,
          at: columns.roles.get(role) ?? -1,
        };
      }
    }
    const amountAt = columns.roles.get('amount');
    for (const rule of rules) {
      for (const [at, cell] of row.cells.entries()) {
        if (at === amountAt || cell.text === '') continue;
        if (rule.regex.test(labelOf(cell.text))) return { type: rule.type, label: cellIdentity(cell.text).name, at };
      }
    }
    return { type: 'item', label: '', at: -1 };
  };
}

/** A label with the marker of its row type removed: `广州市小计` → `广州市` by the subtotal rule `小计$`. */
export function withoutRowTypeMarker(text: string, spec: TableAnnex, type: string): string {
  const rule = spec.rowTypes.find((r) => r.type === type);
  return rule ? text.replace(rule.pattern, '').trim() : text;
}

/** A 9-digit code and a name read from one cell: `440100000 广州市本级`, `珠海市小计 440400000`, a code or a name alone. */
export interface CellIdentity {
  /** The 9-digit code, or ''. */
  code: string;
  /** The text without the code, or ''. */
  name: string;
  /** Where the code stood beside a name: before it (`code name`), after it (`name code`), or neither. */
  merged: 'code-first' | 'name-first' | null;
}

const CODE_FIRST = /^(\d{9})(?![\d.,，．])\s*(\S.*)$/su;

/** Read a cell as a 9-digit code and a name, whichever side the code is written on (a converter merged them). */
export function cellIdentity(text: string): CellIdentity {
  const t = text.trim();
  if (/^\d{9}$/.test(t)) return { code: t, name: '', merged: null };
  const first = CODE_FIRST.exec(t);
  if (first) return { code: first[1] ?? '', name: (first[2] ?? '').trim(), merged: 'code-first' };
  // A name then the code (`珠海市小计 440400000`), read from the end without a backtracking pattern.
  const tail = t.slice(-9);
  const name = t.slice(0, -9).trim();
  const before = t.at(-10) ?? '';
  // The name must hold something other than digits (`1 440100000` is a 序号 and a code, not a name).
  const codeAtEnd = /^\d{9}$/.test(tail) && !/[\d.,，．]/u.test(before);
  if (codeAtEnd && /[^\d\s]/u.test(name)) return { code: tail, name, merged: 'name-first' };
  return { code: '', name: t, merged: null };
}

/** Who a row is about, read by content from the roles an annex declares (family.json `identify`). */
export interface RowIdentity {
  /** The first 9-digit code found in the declared roles' cells, or ''. */
  code: string;
  /** The role whose cell held the code, or ''. */
  codeRole: ColumnRole | '';
  /** The name from the most specific name column the table has, its code removed; '' when that cell is empty. */
  name: string;
  /** The role the name was read from, or ''. */
  nameRole: ColumnRole | '';
}

/**
 * Read a row's identity: the code from the first declared role whose cell holds one (a code column, a
 * `code name` cell, a name cell with a code in it), the name from the first declared name role the
 * table has (the most specific column present), with any code in it split off. `cell` reads a role's
 * cell text (cleaned by the caller).
 */
export function rowIdentity(
  columns: ColumnMap,
  spec: { code: readonly ColumnRole[]; name: readonly ColumnRole[] },
  cell: (role: ColumnRole) => string,
): RowIdentity {
  let code = '';
  let codeRole: ColumnRole | '' = '';
  for (const role of spec.code) {
    if (!columns.roles.has(role)) continue;
    const found = cellIdentity(cell(role)).code;
    if (found) {
      [code, codeRole] = [found, role];
      break;
    }
  }
  const nameRole = spec.name.find((role) => columns.roles.has(role)) ?? '';
  const name = nameRole ? cellIdentity(cell(nameRole)).name : '';
  return { code, codeRole, name, nameRole };
}

import type { TableAnnex } from '../family/spec.js';
import type { Cell, GridRow } from './grid.js';
import type { ColumnMap } from './header.js';

/** The cell of a row in the column of a role, if the table has that column. */
export function roleCell(row: GridRow, columns: ColumnMap, role: string): Cell | undefined {
  const index = columns.roles.get(role);
  return index === undefined ? undefined : row.cells[index];
}

/** Plain text of a row's cell for a role, '' when absent; a cell covered by a rowspan reads the spanning cell's value. */
export function roleText(row: GridRow, columns: ColumnMap, role: string): string {
  const cell = roleCell(row, columns, role);
  return cell?.rowSpanOf?.text ?? cell?.text ?? '';
}

/** Compiled row-type rules of an annex. */
export type RowTypeMatcher = (row: GridRow, columns: ColumnMap) => string;

/** Compile an annex's row-type rules: the first rule with a matching label cell wins, else `item`. */
export function rowTypeMatcher(spec: TableAnnex): RowTypeMatcher {
  const rules = spec.rowTypes.map((r) => ({ ...r, regex: r.pattern }));
  return (row, columns) => {
    for (const rule of rules) {
      for (const role of rule.roles) {
        const text = roleText(row, columns, role).replace(/\s+/g, '');
        if (text && rule.regex.test(text)) return rule.type;
      }
    }
    return 'item';
  };
}

/** A label with the marker of its row type removed: `广州市小计` → `广州市` by the subtotal rule `小计$`. */
export function withoutRowTypeMarker(text: string, spec: TableAnnex, type: string): string {
  const rule = spec.rowTypes.find((r) => r.type === type);
  return rule ? text.replace(rule.pattern, '').trim() : text;
}

import { Decimal } from 'decimal.js';

/** What the layout of a detail table is read from: each row with an amount, in order, before its group is known. */
export interface PreRow {
  line: number;
  type: 'grand_total' | 'section_total' | 'subtotal' | 'item';
  yuan: Decimal;
  /** Its own 序号, '' when empty. */
  seq: string;
  unitName: string;
}

/**
 * Item rows that are their group's subtotal written without its marker (`1 | 613001 | 江门市 | 800` over the city's
 * items), decided from the table's own evidence only: the row has a 序号 of its own, its name is a place (`isPlace`:
 * one the allocation tables have, not a bureau of it), and its amount is the sum of the rows below it that have no 序号
 * of their own, up to the next row that has one or a total (at least one such row).
 */
export function groupRowsBySum(rows: readonly PreRow[], isPlace: (name: string) => boolean): Set<number> {
  const found = new Set<number>();
  rows.forEach((head, i) => {
    if (head.type !== 'item' || !head.seq) return;
    let below = new Decimal(0);
    let count = 0;
    // Each row is summed under the one numbered row above it at most: the scans add up to one pass.
    for (let j = i + 1; j < rows.length; j++) {
      const next = rows[j] as PreRow;
      if (next.type !== 'item' || next.seq) break;
      below = below.plus(next.yuan);
      count++;
    }
    if (count > 0 && below.equals(head.yuan) && isPlace(head.unitName)) found.add(head.line);
  });
  return found;
}

/**
 * When the table writes each subtotal below its items, the subtotal each item belongs to (item line → subtotal line);
 * null when it writes them above (the usual way) or shows neither. Decided by position: runs of rows between totals
 * that close with a subtotal outnumber those that open with one. `groupRows` are subtotals too.
 */
export function subtotalsBelowItems(
  rows: readonly PreRow[],
  groupRows: ReadonlySet<number>,
): Map<number, number> | null {
  const isSubtotal = (r: PreRow): boolean => r.type === 'subtotal' || groupRows.has(r.line);
  let [opens, closes] = [0, 0];
  let run: PreRow[] = [];
  const below = new Map<number, number>();
  const close = (): void => {
    if (run.some(isSubtotal)) {
      if (run[0] && isSubtotal(run[0])) opens++;
      const last = run.at(-1);
      if (last && isSubtotal(last)) closes++;
    }
    let pending: number[] = [];
    for (const r of run) {
      if (!isSubtotal(r)) pending.push(r.line);
      else {
        for (const line of pending) below.set(line, r.line);
        pending = [];
      }
    }
    run = [];
  };
  for (const row of rows) {
    if (row.type === 'grand_total' || row.type === 'section_total') close();
    else run.push(row);
  }
  close();
  return closes > opens ? below : null;
}

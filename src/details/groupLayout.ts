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
  const runs = runsBetweenTotals(rows, (r) => r.type === 'grand_total' || r.type === 'section_total');
  const { opens, closes } = subtotalEnds(runs, isSubtotal);
  if (closes <= opens) return null;
  const below = new Map<number, number>();
  for (const run of runs) {
    let pending: number[] = [];
    for (const r of run) {
      if (!isSubtotal(r)) pending.push(r.line);
      else {
        for (const line of pending) below.set(line, r.line);
        pending = [];
      }
    }
  }
  return below;
}

/** The runs of rows between total rows (grand or section totals), in order; the totals themselves left out. */
export function runsBetweenTotals<T>(rows: readonly T[], isTotal: (row: T) => boolean): T[][] {
  const runs: T[][] = [[]];
  for (const row of rows) {
    if (isTotal(row)) runs.push([]);
    else runs.at(-1)?.push(row);
  }
  return runs;
}

/** Of the runs that hold a subtotal: how many open with one (subtotals above their items), how many close with one. */
export function subtotalEnds<T>(
  runs: readonly T[][],
  isSubtotal: (row: T) => boolean,
): { opens: number; closes: number } {
  let [opens, closes] = [0, 0];
  for (const run of runs) {
    if (!run.some(isSubtotal)) continue;
    const [head, tail] = [run[0], run.at(-1)];
    if (head && isSubtotal(head)) opens++;
    if (tail && isSubtotal(tail)) closes++;
  }
  return { opens, closes };
}

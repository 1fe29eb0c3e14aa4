import { Decimal } from 'decimal.js';
import type { AllocationRow } from '../../schemas/allocations.js';
import type { DetailRow } from '../../schemas/details.js';
import type { StageContext } from '../findings/context.js';
import { runsBetweenTotals, subtotalEnds } from '../details/groupLayout.js';

/** A row that carries money in 元 and a type; `group` is Annex 2's 序号, which names the group a row belongs to. */
type MoneyRow = Pick<AllocationRow, 'row_type' | 'amount_yuan' | 'source_line'> & {
  label: string;
  recipient_code: string;
  /** The 9-digit code of the row's place (its region's, else its recipient's), '' when it states none. */
  place_code: string;
  group?: string;
};

/** A total row and the rows it should add up. */
interface Block {
  head: MoneyRow;
  items: MoneyRow[];
  subtotals: MoneyRow[];
}

const sum = (rows: readonly MoneyRow[]): Decimal => rows.reduce((acc, r) => acc.plus(r.amount_yuan), new Decimal(0));

/** Annex 1: grand total = Σ section totals = Σ items; each section = Σ its items; each subtotal = Σ its items. */
export function checkAllocationSums(rows: readonly AllocationRow[], ctx: StageContext): void {
  for (const [annex, table] of byAnnex(rows))
    checkSums(
      table.map((r) => moneyRow(r, r.region_name, r.region_code || r.recipient_code)),
      annex,
      ctx,
    );
}

/** Annex 2: grand total = Σ subtotals = Σ items; each subtotal = Σ its items. */
export function checkDetailSums(rows: readonly DetailRow[], ctx: StageContext): void {
  for (const [annex, table] of byAnnex(rows))
    checkSums(
      table.map((r) => moneyRow(r, r.city || r.recipient_name || r.seq, r.recipient_code, r.seq)),
      annex,
      ctx,
    );
}

/**
 * The fields the sums read, in a small object of one shape: a copy of the whole record by spread took ~500 bytes a row
 * (V8's generic clone gives each copy a hidden class of its own).
 */
function moneyRow(r: AllocationRow | DetailRow, label: string, placeCode: string, group?: string): MoneyRow {
  const row: MoneyRow = {
    row_type: r.row_type,
    amount_yuan: r.amount_yuan,
    source_line: r.source_line,
    recipient_code: r.recipient_code,
    place_code: placeCode,
    label,
  };
  if (group !== undefined) row.group = group;
  return row;
}

/** Rows grouped by their annex, in first-seen order: each annex's table adds up on its own. */
function byAnnex<T extends { annex: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const group = groups.get(row.annex);
    if (group) group.push(row);
    else groups.set(row.annex, [row]);
  }
  return groups;
}

/**
 * Check every total against the rows under it. A subtotal that is off also throws its section and the
 * grand total's Σ of subtotals off by the same amount; that follow-on difference is not reported again.
 */
function checkSums(rows: readonly MoneyRow[], annex: string, ctx: StageContext): void {
  const items = rows.filter((r) => r.row_type === 'item');
  const { blocks: subtotalBlocks, checked } = subtotalBlocksOf(rows, annex, ctx);
  let subtotalDrift = new Decimal(0);
  for (const block of checked ? subtotalBlocks : []) {
    const drift = mismatch(block.head, sum(block.items), annex, 'reconcile/subtotal-mismatch', ctx);
    subtotalDrift = subtotalDrift.plus(drift);
  }
  const sections = blocksOf(rows, 'section_total', ['section_total', 'grand_total']);
  for (const section of sections) {
    mismatch(section.head, sum(section.items), annex, 'reconcile/section-mismatch', ctx);
  }
  for (const grand of rows.filter((r) => r.row_type === 'grand_total')) {
    mismatch(grand, sum(items), annex, 'reconcile/total-mismatch', ctx);
    if (sections.length > 0)
      mismatch(grand, sum(sections.map((s) => s.head)), annex, 'reconcile/total-vs-sections', ctx);
    else if (subtotalBlocks.length > 0) {
      // A group written without a subtotal row (one bureau, its own 序号) counts with its items.
      const subtotalled = new Set(subtotalBlocks.map((b) => b.head.group).filter((g) => g));
      const ungrouped = items.filter((r) => r.group && !subtotalled.has(r.group));
      const subtotals = sum([...subtotalBlocks.map((b) => b.head), ...ungrouped]);
      // Σ subtotals − grand, less what the subtotal errors already explain.
      if (!subtotals.minus(subtotalDrift).equals(grand.amount_yuan))
        mismatch(grand, subtotals, annex, 'reconcile/total-vs-subtotals', ctx);
    }
  }
}

/** The row types that end a subtotal's block. */
const SUBTOTAL_UNTIL = ['subtotal', 'section_total', 'grand_total'];

/** Where a table writes its subtotals: above their items (`first`, the family's usual way) or below (`last`). */
type SubtotalLayout = 'first' | 'last';

/**
 * The subtotal blocks of a table, in the layout its own evidence shows. Each layout gives each subtotal the items
 * between it and the next (first) or the previous (last) total row; the layouts are told apart by
 * - codes: the items of a block are in its subtotal's city (their 9-digit codes share its first four digits);
 * - position: a run of rows between totals opens with a subtotal (first) or closes with one (last);
 * - failing both, sums: more subtotals equal their items.
 * Codes and position that disagree, or no evidence at all, make the layout ambiguous: said, and no subtotal is checked
 * against items that may not be its own. Subtotals after their items are said too; subtotals first are the default.
 */
function subtotalBlocksOf(
  rows: readonly MoneyRow[],
  annex: string,
  ctx: StageContext,
): { blocks: Block[]; checked: boolean } {
  const first = blocksOf(rows, 'subtotal', SUBTOTAL_UNTIL);
  const last = blocksOf([...rows].reverse(), 'subtotal', SUBTOTAL_UNTIL)
    .reverse()
    .map((b) => ({ head: b.head, items: b.items.reverse(), subtotals: b.subtotals.reverse() }));
  if (sameBlocks(first, last)) return { blocks: first, checked: true };
  const byCodes = vote(codeScore(first), codeScore(last));
  const byPosition = positionVote(rows);
  const structural = [byCodes, byPosition].filter((v): v is SubtotalLayout => v !== null);
  const bySums = vote(sumScore(first), sumScore(last));
  const layout: SubtotalLayout | null =
    new Set(structural).size > 1 ? null : (structural[0] ?? (bySums as SubtotalLayout | null));
  const head = first[0]?.head ?? (last[0] as Block).head;
  const evidence = `codes: ${byCodes ?? '-'}, position: ${byPosition ?? '-'}, sums: ${bySums ?? '-'}`;
  if (layout === null) {
    ctx.report({
      code: 'reconcile/subtotal-layout-ambiguous',
      annex,
      source_line: head.source_line,
      actual: evidence,
    });
    return { blocks: first, checked: false };
  }
  if (layout === 'last')
    ctx.report({ code: 'reconcile/subtotals-after-items', annex, source_line: head.source_line, actual: evidence });
  return { blocks: layout === 'first' ? first : last, checked: true };
}

/** The layout a pair of scores favours (subtotals first, last), or null on a tie. */
function vote(first: number, last: number): SubtotalLayout | null {
  return first > last ? 'first' : last > first ? 'last' : null;
}

/** True when both layouts give every subtotal the same items. */
function sameBlocks(a: readonly Block[], b: readonly Block[]): boolean {
  return (
    a.length === b.length &&
    a.every((block, k) => {
      const other = b[k];
      return (
        other?.head === block.head &&
        other.items.length === block.items.length &&
        block.items.every((r, i) => other.items[i] === r)
      );
    })
  );
}

/** Items in their subtotal's city less items elsewhere, by the first four digits of 9-digit codes (GB/T 2260 city). */
function codeScore(blocks: readonly Block[]): number {
  let score = 0;
  for (const { head, items } of blocks) {
    if (!/^\d{9}$/.test(head.place_code)) continue;
    for (const item of items)
      if (/^\d{9}$/.test(item.place_code))
        score += item.place_code.slice(0, 4) === head.place_code.slice(0, 4) ? 1 : -1;
  }
  return score;
}

/** Subtotals that equal the sum of their items. */
function sumScore(blocks: readonly Block[]): number {
  return blocks.filter((b) => sum(b.items).equals(b.head.amount_yuan)).length;
}

/** Runs of rows between totals that open with a subtotal against those that close with one. */
function positionVote(rows: readonly MoneyRow[]): SubtotalLayout | null {
  const runs = runsBetweenTotals(rows, (r) => r.row_type === 'section_total' || r.row_type === 'grand_total');
  const { opens, closes } = subtotalEnds(runs, (r) => r.row_type === 'subtotal');
  return vote(opens, closes);
}

/** Rows from each `type` row to the next row of an `until` type: the head and the items and subtotals under it. */
function blocksOf(rows: readonly MoneyRow[], type: string, until: string[]): Block[] {
  const blocks: Block[] = [];
  let open: Block | null = null;
  for (const row of rows) {
    // An item of another group (its own 序号) ends the block: its group has no subtotal row.
    if (
      until.includes(row.row_type) ||
      (open && row.row_type === 'item' && row.group && open.head.group && row.group !== open.head.group)
    )
      open = null;
    if (row.row_type === type) {
      open = { head: row, items: [], subtotals: [] };
      blocks.push(open);
    } else if (open && row.row_type === 'item') open.items.push(row);
    else if (open && row.row_type === 'subtotal') open.subtotals.push(row);
  }
  return blocks;
}

/** Report a total that differs from the sum of its rows; returns the difference (total − sum). */
function mismatch(
  head: MoneyRow,
  computed: Decimal,
  annex: string,
  code:
    | 'reconcile/subtotal-mismatch'
    | 'reconcile/section-mismatch'
    | 'reconcile/total-mismatch'
    | 'reconcile/total-vs-sections'
    | 'reconcile/total-vs-subtotals',
  ctx: StageContext,
): Decimal {
  const drift = new Decimal(head.amount_yuan).minus(computed);
  if (!drift.isZero()) {
    // A subtotal's or section's message names its row; a grand total's needs no name.
    const named =
      code === 'reconcile/subtotal-mismatch' || code === 'reconcile/section-mismatch'
        ? { code, params: { label: head.label } }
        : { code };
    ctx.report({
      ...named,
      annex,
      source_line: head.source_line,
      recipient_code: head.recipient_code,
      actual: head.amount_yuan,
      expected: computed.toFixed(2),
    });
  }
  return drift;
}

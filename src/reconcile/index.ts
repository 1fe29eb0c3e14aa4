import { Decimal } from 'decimal.js';
import type { AllocationRow } from '../../schemas/allocations.js';
import type { DetailRow } from '../../schemas/details.js';
import type { AnnexKind, Family } from '../family/spec.js';
import type { StageContext } from '../findings/context.js';
import type { RecipientMatch } from '../../schemas/common.js';
import { buildRecipientIndex, joined, joinRecipient, recipientKey, type RecipientIndex } from '../join/recipients.js';
import { checkAcrossKinds, type AmountsByKind, type RecipientAmount } from './cross.js';
import { checkOverallTarget, overallTarget } from './overallTarget.js';
import { checkRegions } from './regions.js';
import { checkStatedTotal, readStatedTotals, type KindTotal } from './statedTotal.js';
import { checkAllocationSums, checkDetailSums } from './sums.js';
import { checkBudgetYears } from './years.js';

/** What reconciliation needs of a target table. */
export interface TargetAmount {
  annex: string;
  recipient_code: string;
  local_department: string;
  /** The 地方主管部门 as written, the name the table was joined by. */
  local_department_raw: string;
  /** How the table was joined to the allocation tables. */
  recipient_match: RecipientMatch;
  fund_demand_wan: string;
  budget_year: string;
  source_line: number;
  /** Line of the 资金需求 cell, where a mismatch is reported. */
  fund_demand_line: number;
}

/** What reconciliation reads: the records of every kind, which kinds the notice has, its body and budget year. */
export interface ReconcileInput {
  allocations: readonly AllocationRow[];
  details: readonly DetailRow[];
  targets: readonly TargetAmount[];
  /** The kinds the notice has annexes of; only these are compared. */
  present: ReadonlySet<AnnexKind>;
  /** The lines of the body (before the first annex), where a stated total is looked for. */
  bodyLines: readonly string[];
  budgetYear: string;
}

/**
 * Every table adds up; per recipient the kinds present agree; the tables agree with a total the body states; regions
 * and budget years checked.
 */
/**
 * The item rows of an allocation or detail table as amounts per recipient (subtotals and totals left to the sums), made
 * one at a time as they are summed.
 */
function* itemAmounts(
  rows: readonly (AllocationRow | DetailRow)[],
  keyOf: (r: AllocationRow | DetailRow) => string,
): Generator<RecipientAmount> {
  for (const r of rows) {
    if (r.row_type !== 'item') continue;
    yield {
      annex: r.annex,
      recipient_code: r.recipient_code,
      key: keyOf(r),
      name: r.recipient_name,
      yuan: new Decimal(r.amount_yuan),
      line: r.source_line,
    };
  }
}

export function reconcile(input: ReconcileInput, family: Family, ctx: StageContext): void {
  checkAllocationSums(input.allocations, ctx);
  checkDetailSums(input.details, ctx);
  const amounts: AmountsByKind = {};
  const joinedKey = nameJoinedKey(input.allocations, family);
  const allocationAmounts = (): Iterable<RecipientAmount> =>
    itemAmounts(input.allocations, (r) => recipientKey(r.recipient_code, r.recipient_name));
  if (input.present.has('allocation')) amounts.allocation = allocationAmounts();
  if (input.present.has('detail'))
    amounts.detail = itemAmounts(input.details, (r) =>
      joinedKey(r.recipient_code, r.recipient_name, (r as DetailRow).recipient_match),
    );
  const targets = input.present.has('targets')
    ? input.targets.map((t) => targetAmount(t, joinedKey(t.recipient_code, t.local_department_raw, t.recipient_match)))
    : null;
  // One target table for the whole fund is compared with the allocation total, not with each recipient.
  const overall = targets && amounts.allocation ? overallTarget(targets, allocationAmounts()) : null;
  if (targets && !overall) amounts.targets = targets;
  checkAcrossKinds(amounts, ctx);
  if (overall) checkOverallTarget(overall, kindTotal('allocation', input.allocations), ctx);
  const stated = readStatedTotals(input.bodyLines, family.metadata.statedTotal);
  const totals = [kindTotal('allocation', input.allocations), kindTotal('detail', input.details)].filter(
    (t): t is KindTotal => t !== null,
  );
  checkStatedTotal(stated, totals, ctx);
  checkBudgetYears(input.targets, input.budgetYear, ctx);
  checkRegions(input.allocations, family.regionNameNoise, ctx);
}

/**
 * The key of the recipient a detail or target row joined: its code, or, for a row joined by name to a recipient the
 * allocation tables name without a code, that recipient's name, found again by the same join (records keep no name of
 * the recipient joined). '' for a row that joined none. The index is built on the first row that needs it.
 */
function nameJoinedKey(
  allocations: readonly AllocationRow[],
  family: Family,
): (code: string, name: string, match: RecipientMatch) => string {
  let index: RecipientIndex | null = null;
  return (code, name, match) => {
    if (code || !joined({ match }) || match === 'code') return code;
    index ??= buildRecipientIndex(allocations, family);
    const join = joinRecipient(name, index);
    return joined(join) ? recipientKey(join.code, join.name) : '';
  };
}

/** A target's 资金需求 in 元, summed under `key`; an empty one was already reported where it was read. */
function targetAmount(t: TargetAmount, key: string): RecipientAmount {
  const readable = /^-?\d+(\.\d+)?$/.test(t.fund_demand_wan);
  return {
    annex: t.annex,
    recipient_code: t.recipient_code,
    key,
    name: t.local_department,
    yuan: readable ? new Decimal(t.fund_demand_wan).times(10_000) : null,
    line: t.fund_demand_line,
  };
}

/**
 * A money kind's total: Σ its tables' grand totals, a table without one counted by its items; null when the kind has no
 * rows.
 */
function kindTotal(kind: string, rows: readonly (AllocationRow | DetailRow)[]): KindTotal | null {
  const first = rows[0];
  if (!first) return null;
  let yuan = new Decimal(0);
  for (const annex of new Set(rows.map((r) => r.annex))) {
    const table = rows.filter((r) => r.annex === annex);
    const grand = table.filter((r) => r.row_type === 'grand_total');
    yuan = (grand.length > 0 ? grand : table.filter((r) => r.row_type === 'item')).reduce(
      (acc, r) => acc.plus(r.amount_yuan),
      yuan,
    );
  }
  const grandRow = rows.find((r) => r.row_type === 'grand_total');
  return { kind, annex: grandRow?.annex ?? first.annex, yuan, line: grandRow?.source_line ?? null };
}

import { Decimal } from 'decimal.js';
import type { AllocationRow } from '../../schemas/allocations.js';
import type { DetailRow } from '../../schemas/details.js';
import type { StageContext } from '../findings/context.js';

/** What reconciliation needs of an Annex 3 table. */
export interface TargetAmount {
  annex: string;
  recipient_code: string;
  fund_demand_wan: string;
  budget_year: string;
  source_line: number;
  /** Line of the 资金需求 cell, where a mismatch is reported. */
  fund_demand_line: number;
}

/**
 * Per recipient: Annex 1 amount = Annex 2 amount = Annex 3 资金需求 (all in 元), and every recipient of
 * each annex appears exactly once in the others.
 */
export function checkAcrossAnnexes(
  allocations: readonly AllocationRow[],
  details: readonly DetailRow[],
  targets: readonly TargetAmount[] | null,
  ctx: StageContext,
): void {
  const a1 = byCode(allocations.filter((r) => r.row_type === 'item'), ctx);
  const a2 = byCode(details.filter((r) => r.row_type === 'item'), ctx);
  const a3 = targets ? byCode(targets, ctx) : null;
  for (const [code, row] of a1) {
    const detail = a2.get(code);
    if (!detail) ctx.report({ code: 'reconcile/recipient-missing', annex: row.annex, recipient_code: code, source_line: row.source_line, actual: row.recipient_name, params: { where: 'the detail tables' } });
    else if (!new Decimal(detail.amount_yuan).equals(row.amount_yuan)) {
      ctx.report({ code: 'reconcile/annex2-vs-annex1', annex: detail.annex, recipient_code: code, source_line: detail.source_line, actual: `${detail.amount_wan} 万元`, expected: `${row.amount_yuan} 元`, params: { other: row.source_line } });
    }
    const target = a3?.get(code);
    if (a3 && !target) ctx.report({ code: 'reconcile/recipient-missing', annex: row.annex, recipient_code: code, source_line: row.source_line, actual: row.recipient_name, params: { where: 'the target tables' } });
    // An empty 资金需求 was already reported where it was read.
    else if (target && target.fund_demand_wan !== '' && !wanToYuan(target.fund_demand_wan).equals(row.amount_yuan)) {
      ctx.report({ code: 'reconcile/annex3-vs-annex1', annex: target.annex, recipient_code: code, source_line: target.fund_demand_line, actual: `${target.fund_demand_wan} 万元`, expected: `${row.amount_yuan} 元`, params: { other: row.source_line } });
    }
  }
  for (const rows of [a2, a3]) {
    for (const [code, row] of rows ?? []) {
      if (!a1.has(code)) ctx.report({ code: 'reconcile/recipient-not-in-annex1', annex: row.annex, recipient_code: code, source_line: row.source_line });
    }
  }
}

function wanToYuan(wan: string): Decimal {
  return /^-?\d+(\.\d+)?$/.test(wan) ? new Decimal(wan).times(10_000) : new Decimal(NaN);
}

/** Rows by recipient code; a code seen twice is an error (its money would count twice), rows without a code are left to the join findings. */
function byCode<T extends { annex: string; recipient_code: string; source_line: number }>(rows: readonly T[], ctx: StageContext): Map<string, T> {
  const map = new Map<string, T>();
  for (const row of rows) {
    if (!row.recipient_code) continue;
    const seen = map.get(row.recipient_code);
    if (seen) ctx.report({ code: 'reconcile/recipient-duplicate', annex: row.annex, recipient_code: row.recipient_code, source_line: row.source_line, expected: `only the row at line ${seen.source_line}` });
    else map.set(row.recipient_code, row);
  }
  return map;
}

/** Every Annex 3 table's budget year agrees with the notice's. */
export function checkBudgetYears(targets: readonly TargetAmount[], noticeYear: string, ctx: StageContext): void {
  if (!noticeYear) return;
  for (const t of targets) {
    // An empty year is already reported where it was read.
    if (t.budget_year && t.budget_year !== noticeYear) {
      ctx.report({ code: 'reconcile/budget-year-mismatch', annex: t.annex, recipient_code: t.recipient_code, source_line: t.source_line, actual: t.budget_year, expected: noticeYear });
    }
  }
}

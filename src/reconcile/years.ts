import type { StageContext } from '../findings/context.js';

/** What the budget-year check needs of a target table. */
export interface TargetYear {
  annex: string;
  recipient_code: string;
  budget_year: string;
  source_line: number;
}

/** Every target table's budget year agrees with the notice's. */
export function checkBudgetYears(targets: readonly TargetYear[], noticeYear: string, ctx: StageContext): void {
  if (!noticeYear) return;
  for (const t of targets) {
    // An empty year is already reported where it was read.
    if (t.budget_year && t.budget_year !== noticeYear) {
      ctx.report({
        code: 'reconcile/budget-year-mismatch',
        annex: t.annex,
        recipient_code: t.recipient_code,
        source_line: t.source_line,
        actual: t.budget_year,
        expected: noticeYear,
      });
    }
  }
}

import type { Decimal } from 'decimal.js';
import type { StageContext } from '../findings/context.js';
import type { RecipientAmount } from './cross.js';

/**
 * The target table of the whole fund, when the notice has one in place of one per recipient: the only target table,
 * joined to no recipient, while the allocation tables name several. Null otherwise (then each target table stands
 * for its recipient).
 */
export function overallTarget(
  targets: readonly RecipientAmount[],
  allocationItems: Iterable<RecipientAmount>,
): RecipientAmount | null {
  const only = targets.length === 1 ? targets[0] : undefined;
  if (!only || only.key) return null;
  const recipients = new Set<string>();
  for (const item of allocationItems) if (item.key) recipients.add(item.key);
  return recipients.size > 1 ? only : null;
}

/**
 * The whole fund's target table: said, and its 资金需求 compared with the allocation tables' total (their grand totals,
 * or their items); an unreadable 资金需求 was reported where it was read.
 */
export function checkOverallTarget(
  target: RecipientAmount,
  allocationTotal: { yuan: Decimal; line: number | null } | null,
  ctx: StageContext,
): void {
  ctx.report({
    code: 'reconcile/overall-target',
    annex: target.annex,
    source_line: target.line,
    actual: target.name,
  });
  if (!target.yuan || !allocationTotal || target.yuan.equals(allocationTotal.yuan)) return;
  ctx.report({
    code: 'reconcile/overall-target-mismatch',
    annex: target.annex,
    source_line: target.line,
    actual: `${target.yuan.toFixed(2)} 元`,
    expected: `${allocationTotal.yuan.toFixed(2)} 元`,
    params: { other: allocationTotal.line ?? '?' },
  });
}

import type { AllocationRow } from '../../schemas/allocations.js';
import type { DetailRow } from '../../schemas/details.js';
import type { Family } from '../family/spec.js';
import type { StageContext } from '../findings/context.js';
import { checkAcrossAnnexes, checkBudgetYears, type TargetAmount } from './cross.js';
import { checkRegions } from './regions.js';
import { checkAllocationSums, checkDetailSums } from './sums.js';

/** What reconciliation reads: the records of the three annexes and the notice's budget year. */
export interface ReconcileInput {
  allocations: readonly AllocationRow[];
  details: readonly DetailRow[];
  /** Annex 3 tables, or null when the annex was not extracted. */
  targets: readonly TargetAmount[] | null;
  budgetYear: string;
}

/** Every amount checked within each annex and across annexes; regions and budget years checked. */
export function reconcile(input: ReconcileInput, family: Family, ctx: StageContext): void {
  checkAllocationSums(input.allocations, ctx);
  checkDetailSums(input.details, ctx);
  checkAcrossAnnexes(input.allocations, input.details, input.targets, ctx);
  if (input.targets) checkBudgetYears(input.targets, input.budgetYear, ctx);
  checkRegions(input.allocations, family.regionNameNoise, ctx);
}

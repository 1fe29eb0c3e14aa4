import type { Family, TableAnnex, TargetsAnnex } from '../../src/family/spec.js';
import { loadFamilies } from '../../src/family/load.js';

/** The seed's family, loaded once from pipelines/. */
export function seedFamily(): Family {
  const family = loadFamilies().find((f) => f.id === 'gd-special-transfer');
  if (!family) throw new Error('family gd-special-transfer not found');
  return family;
}

/** The family's target-table kind as extracted from an annex labelled `label`. */
export function targetsSpec(label = '3', family: Family = seedFamily()): TargetsAnnex {
  return { ...family.annexes.targets, label };
}

/** A money-table kind of the family as extracted from an annex labelled `label`. */
export function moneySpec(kind: 'allocation' | 'detail', label: string, family: Family = seedFamily()): TableAnnex {
  return { ...family.annexes[kind], label };
}

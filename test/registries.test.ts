import { describe, expect, it } from 'vitest';
import { matchPolicy } from '../src/citations/match.js';
import { parseCitation } from '../src/citations/parse.js';
import { loadFamilies } from '../src/family/load.js';
import { matchIndicator } from '../src/indicators/match.js';
import { indicatorKey, indicatorRegistryProblems } from '../src/matching/indicatorKeys.js';
import { registryProblems } from '../src/matching/policyKeys.js';
import { matchKey } from '../src/matching/similarity.js';
import { compareDocNumbers } from '../src/normalize/docNumber.js';

/**
 * The live registries (pipelines/<family>/, decisions applied) are checked for their own
 * invariants only: what the tests expect of an extraction is pinned to the frozen copies beside the
 * fixtures, so curating these never turns the suite red unless it breaks an invariant.
 */
const families = loadFamilies();

describe('the live registries of every family', () => {
  it('exist', () => {
    expect(families.length).toBeGreaterThan(0);
    expect(families.some((f) => f.policies.length > 0)).toBe(true);
  });

  for (const family of families) {
    describe(family.id, () => {
      it('have unique ids and no match key shared by two entries', () => {
        expect(registryProblems(family.policies)).toEqual([]);
        expect(indicatorRegistryProblems(family.indicators)).toEqual([]);
      });

      it('never give one document number to two policies', () => {
        const numbered = family.policies.filter((p) => p.doc_number !== '');
        for (const [i, p] of numbered.entries()) {
          for (const q of numbered.slice(i + 1))
            expect(compareDocNumbers(p.doc_number, q.doc_number), `${p.id} and ${q.id}`).not.toBe('same');
        }
      });

      it('resolve every policy alias to its own policy', () => {
        for (const p of family.policies) {
          for (const alias of p.aliases)
            expect(matchPolicy(parseCitation(`《${alias}》`), family.policies).policy_id, `${p.id}: ${alias}`).toBe(
              p.id,
            );
        }
      });

      it('resolve every indicator alias to its own indicator', () => {
        for (const i of family.indicators) {
          for (const alias of i.aliases)
            expect(matchIndicator(alias, family.indicators).indicator_id, `${i.id}: ${alias}`).toBe(i.id);
        }
      });

      it("never make a canonical title or name another entry's alias", () => {
        const policyAliases = new Map(
          family.policies.flatMap((p) => p.aliases.map((a) => [matchKey(a), p.id] as const)),
        );
        for (const p of family.policies)
          expect([p.id, undefined], p.title).toContain(policyAliases.get(matchKey(p.title)));
        const indicatorAliases = new Map(
          family.indicators.flatMap((i) => i.aliases.map((a) => [indicatorKey(a).key, i.id] as const)),
        );
        for (const i of family.indicators)
          expect([i.id, undefined], i.name).toContain(indicatorAliases.get(indicatorKey(i.name).key));
      });
    });
  }
});

/**
 * Fuzzy policy matching scores only the policies that share a bigram with a citation (src/matching/gramIndex.ts);
 * the outcome must be what ranking the whole registry gives. The reference below ranks every policy by Dice over
 * bigram multisets written out here, independently of the index, on small random registries and citations drawn
 * from a few characters (so shared bigrams, equal scores, years, batch ordinals and document numbers all occur).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citationKeys, FUZZY_THRESHOLDS, matchPolicy, type CitationForMatch } from '../../src/citations/match.js';
import type { Policy } from '../../src/family/registries.js';
import { policyKeys } from '../../src/matching/policyKeys.js';
import { titleVeto, type TitleKey } from '../../src/matching/similarity.js';
import { compareDocNumbers } from '../../src/normalize/docNumber.js';
import { decideRegistries } from '../../src/family/decisions.js';

/** Bigram multiset of a text by code points; a one-character text is its own bigram. */
function grams(text: string): Map<string, number> {
  const chars = [...text];
  const out = new Map<string, number>();
  if (chars.length === 1) out.set(text, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

function refDice(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  const ga = grams(a);
  const gb = grams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of ga) {
    common += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

/** The whole registry ranked: best pair of keys per policy (a clean one before any vetoed), score then id. */
function reference(c: CitationForMatch, registry: readonly Policy[]) {
  const keys: TitleKey[] = citationKeys(c);
  const same = registry.find((p) => compareDocNumbers(c.doc_number, p.doc_number) === 'same');
  const near = registry.filter((p) => compareDocNumbers(c.doc_number, p.doc_number) === 'code-differs');
  const owner = c.doc_number === '' ? undefined : (same ?? (near.length === 1 ? near[0] : undefined));
  const ranked = registry
    .map((p) => {
      let clean = -1;
      let vetoed = { score: 0, veto: '' };
      for (const pk of policyKeys(p))
        for (const ck of keys) {
          const score = refDice(ck.key, pk.key);
          const veto = titleVeto(ck, pk);
          if (veto === '') clean = Math.max(clean, score);
          else if (score >= vetoed.score) vetoed = { score, veto };
        }
      const pair = clean >= 0 ? { score: clean, veto: '' } : vetoed;
      const relation = compareDocNumbers(c.doc_number, p.doc_number);
      const docVeto = relation === 'conflict' || (owner !== undefined && owner.id !== p.id) ? 'doc-number' : '';
      return { id: p.id, score: Math.round(pair.score * 1000) / 1000, veto: pair.veto || docVeto, relation };
    })
    .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const candidates = ranked.slice(0, 3).map(({ id, score, veto }) => ({ id, score, veto }));
  const [best, second] = ranked.filter((r) => r.veto === '');
  if (!best) return { policy_id: '', candidates };
  const sameDoc = best.relation === 'same';
  if (best.score < (sameDoc ? FUZZY_THRESHOLDS.sameDocNumber : FUZZY_THRESHOLDS.otherwise))
    return { policy_id: '', candidates };
  const lead =
    !second || best.score - second.score >= FUZZY_THRESHOLDS.margin || (sameDoc && second.relation !== 'same');
  return { policy_id: lead ? best.id : '', candidates };
}

const word = fc
  .array(fc.constantFrom('关', '于', '通', '知', '政', '策', '第一批', '第二批', '2021', '2022', '年', '甲', '乙'), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) => parts.join(''));
const docNumber = fc.constantFrom('', '粤财工〔2021〕3号', '粤财办〔2021〕3号', '粤财工〔2022〕3号', '国发〔2021〕7号');

describe('fuzzy policy matching through the bigram index', () => {
  it('ranks, vetoes and decides as scoring every policy of the registry does', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ title: word, aliases: fc.array(word, { maxLength: 2 }), doc_number: docNumber }), {
          minLength: 1,
          maxLength: 40,
          selector: (p) => p.title,
        }),
        fc.record({ title: word, issuer: fc.constantFrom('', '省财政厅'), doc_number: docNumber }),
        (entries, citation) => {
          const registry: Policy[] = entries.map((e, i) => ({
            id: `P-${String.fromCharCode(0x61 + ((i * 7) % 26))}${i}`,
            title: e.title,
            issuer: '',
            doc_number: e.doc_number,
            aliases: e.aliases,
          }));
          const got = matchPolicy(citation, registry);
          if (got.match === 'exact' || got.match === 'alias') return;
          expect({ policy_id: got.policy_id, candidates: got.candidates }).toEqual(reference(citation, registry));
        },
      ),
      { numRuns: 400, seed: 20261201 },
    );
  });

  it('ranks equal scores by id whatever order the registry lists them in', () => {
    // Each title shares one bigram (甲乙) with the citation: Dice 2·1/(2+2) = 0.5 for all four.
    const registry: Policy[] = ['P-d', 'P-c', 'P-b', 'P-a'].map((id, i) => ({
      id,
      title: `甲乙${'丁戊己庚'[i]}`,
      issuer: '',
      doc_number: '',
      aliases: [],
    }));
    const got = matchPolicy({ title: '甲乙丙', issuer: '', doc_number: '' }, registry);
    expect(got.candidates).toEqual([
      { id: 'P-a', score: 0.5, veto: '' },
      { id: 'P-b', score: 0.5, veto: '' },
      { id: 'P-c', score: 0.5, veto: '' },
    ]);
    expect(got.candidates).toEqual(reference({ title: '甲乙丙', issuer: '', doc_number: '' }, registry).candidates);
  });
});

describe('decisions applied to a policy registry', () => {
  const registry: Policy[] = [
    { id: 'P-a', title: '甲乙丙', issuer: '', doc_number: '', aliases: [] },
    { id: 'P-b', title: '丁戊己', issuer: '', doc_number: '', aliases: [] },
  ];
  const decide = (decisions: Parameters<typeof decideRegistries>[1]) =>
    decideRegistries({ policies: registry, indicators: [] }, decisions, 'decisions.json');

  it('reports a spelling accepted for a policy when another policy owns it, and only then', () => {
    const { registries, problems } = decide([
      { kind: 'policy', spelling: '丁戊己庚', decision: 'accept', id: 'P-b' },
      { kind: 'policy', spelling: '甲乙丙', decision: 'accept', id: 'P-b' },
      { kind: 'policy', spelling: '辛壬', decision: 'new-policy', entry: { ...registry[0], id: 'P-c', title: '辛壬' } },
      {
        kind: 'policy',
        spelling: '癸',
        decision: 'new-policy',
        entry: { ...registry[0], id: 'P-d', title: '丁戊己庚' },
      },
    ] as Parameters<typeof decideRegistries>[1]);
    expect(problems).toEqual([
      { file: 'decisions.json', path: '$.decisions[1]', message: '"甲乙丙" is a spelling of both P-a and P-b' },
      { file: 'decisions.json', path: '$.decisions[3]', message: '"丁戊己庚" is a spelling of both P-b and P-d' },
    ]);
    expect(registries.policies.map((p) => [p.id, p.aliases])).toEqual([
      ['P-a', []],
      ['P-b', ['丁戊己庚', '甲乙丙']],
      ['P-c', []],
      ['P-d', ['癸']],
    ]);
  });
});

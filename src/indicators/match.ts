/**
 * Match an indicator name to the indicator registry, in order: exact (a canonical name) → alias
 * (an accepted spelling) → fuzzy (bigram Dice, conservative, with vetoes) → none. Most indicators
 * of a notice are local ones that no registry entry names: `none` is their normal outcome.
 */
import type { MatchKind } from '../matching/kinds.js';
import { dice, titleVeto, type TitleKey } from '../matching/similarity.js';
import { byCodeUnits } from '../normalize/order.js';
import type { Indicator } from '../family/registries.js';
import { indicatorKey, indicatorKeys, vetoTermsInKey, type IndicatorKey } from '../matching/indicatorKeys.js';
import { roundScore } from '../normalize/amount.js';
import { keyIndexOf, type KeyIndex } from '../matching/keyIndex.js';
import { memoByObject, memoByOwnerAndText } from '../normalize/memo.js';

/** An indicator considered for a name. */
export interface IndicatorCandidate {
  /** Indicator id. */
  id: string;
  /** Best similarity of the name to its spellings, 0–1, rounded to 3 decimals. */
  score: number;
  /** Why it cannot be this indicator (`ordinal`, `year`, `number`, `term`), or '' when it can. */
  veto: string;
}

/** The outcome of matching one name. */
export interface IndicatorMatch {
  /** Matched indicator id, '' for none. */
  indicator_id: string;
  /** How it matched. */
  match: MatchKind;
  /** 1 for exact and alias, the similarity for fuzzy, 0 for none. */
  score: number;
  /** The best three indicators by similarity, vetoed ones included, best first. */
  candidates: IndicatorCandidate[];
}

/**
 * Fuzzy acceptance: names are short, so one changed word moves the score a lot; 0.85 with a lead
 * of 0.05 over the runner-up accepts a dropped or added word in a long name and little else.
 */
export const INDICATOR_FUZZY = { threshold: 0.85, margin: 0.05 } as const;

/** The index of a registry, built once per registry array. */
function indexOf(registry: readonly Indicator[]): KeyIndex<IndicatorKey> {
  return keyIndexOf(registry, indicatorKeys);
}

/** Numbers written in a key (`3家`, `50%`), joined: a name asking for another figure is another indicator. */
function numbersOf(key: string): string {
  return (key.match(/\d+/g) ?? []).join(',');
}

/** Numbers of registry keys, computed once: every unmatched name is compared with every key. */
const numbersOfKey = memoByObject((k: IndicatorKey): string => numbersOf(k.key));

/** Similarity and veto of a name against one indicator: its best spelling, a clean pair outranking any vetoed one. */
function compare(
  key: TitleKey,
  nameNumbers: string,
  indicator: Indicator,
  keys: readonly IndicatorKey[],
): IndicatorCandidate {
  // key.key is the name's match key (normalized text, letters and digits only).
  const terms = vetoTermsInKey(indicator, key.key);
  let clean = -1;
  let vetoed = { score: 0, veto: '' };
  for (const k of keys) {
    const score = dice(key.key, k.key);
    const veto =
      titleVeto(key, k) || (nameNumbers !== numbersOfKey(k) ? 'number' : '') || (terms.length > 0 ? 'term' : '');
    if (veto === '') clean = Math.max(clean, score);
    else if (score >= vetoed.score) vetoed = { score, veto };
  }
  const best = clean >= 0 ? { score: clean, veto: '' } : vetoed;
  return { id: indicator.id, score: roundScore(best.score), veto: best.veto };
}

/**
 * Outcomes by registry and name: a batch spells the same names again and again, and a fuzzy search
 * compares a name with every registry key. The outcome depends only on the two (findings are made
 * per row by the caller); each registry's memo is emptied when it grows past a bound.
 */
const searched = memoByOwnerAndText(
  (registry: readonly Indicator[], name: string): IndicatorMatch => Object.freeze(searchIndicator(name, registry)),
  20_000,
);

/**
 * Match one indicator name (raw or normalized) against a registry: exact → alias → fuzzy → none; the outcome is shared,
 * not to be changed.
 */
export function matchIndicator(name: string, registry: readonly Indicator[]): IndicatorMatch {
  return searched(registry, name);
}

/** The search behind matchIndicator. */
function searchIndicator(name: string, registry: readonly Indicator[]): IndicatorMatch {
  const index = indexOf(registry);
  const key = indicatorKey(name);
  if (key.key === '') return { indicator_id: '', match: 'none', score: 0, candidates: [] };
  const hit = index.byKey.get(key.key);
  if (hit)
    return {
      indicator_id: hit.id,
      match: hit.kind === 'name' ? 'exact' : 'alias',
      score: 1,
      candidates: [{ id: hit.id, score: 1, veto: '' }],
    };
  const nameNumbers = numbersOf(key.key);
  const ranked = registry
    .map((indicator) => compare(key, nameNumbers, indicator, index.keysById.get(indicator.id) ?? []))
    .sort((a, b) => b.score - a.score || byCodeUnits(a.id, b.id));
  const candidates = ranked.slice(0, 3);
  const [best, second] = ranked.filter((c) => c.veto === '');
  const none: IndicatorMatch = { indicator_id: '', match: 'none', score: 0, candidates };
  if (!best || best.score < INDICATOR_FUZZY.threshold) return none;
  if (second && best.score - second.score < INDICATOR_FUZZY.margin) return none;
  return { indicator_id: best.id, match: 'fuzzy', score: best.score, candidates };
}

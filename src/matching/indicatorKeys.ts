/**
 * Comparison keys of indicator registry entries, their veto terms, and the invariants a usable
 * registry keeps over them. Entries are taken by shape, so this module sits below both the family
 * data and the indicator stage.
 */
import { normalizeText } from '../normalize/rules.js';
import { keyOwnerProblems } from './keyOwners.js';
import { matchKey, titleKey, type TitleKey } from './similarity.js';
import { memoByObject } from '../normalize/memo.js';

/** What the keys of an indicator are made of. */
export interface IndicatorSpellings {
  /** Stable id. */
  id: string;
  /** Canonical name. */
  name: string;
  /** Accepted spellings. */
  aliases: readonly string[];
  /** Words that rule a name out of a fuzzy match with this indicator. */
  veto_terms?: readonly string[] | undefined;
}

/** A comparison key of an indicator and where it comes from. */
export interface IndicatorKey extends TitleKey {
  /** The indicator it belongs to. */
  id: string;
  /** `name` for the canonical name, `alias` for an accepted spelling. */
  kind: 'name' | 'alias';
}

/** The comparison key of an indicator name: the shared text rules, then letters and digits only. */
export function indicatorKey(name: string): TitleKey {
  return titleKey(normalizeText(name));
}

/** Every comparison key of an indicator: its name first, then its aliases. */
export function indicatorKeys(indicator: IndicatorSpellings): IndicatorKey[] {
  return [
    { id: indicator.id, kind: 'name' as const, ...indicatorKey(indicator.name) },
    ...indicator.aliases.map((alias) => ({ id: indicator.id, kind: 'alias' as const, ...indicatorKey(alias) })),
  ];
}

/** The veto terms of an indicator found in a name, compared as match keys. */
export function vetoTermsIn(indicator: IndicatorSpellings, name: string): string[] {
  return vetoTermsInKey(indicator, matchKey(normalizeText(name)));
}

/** Veto terms as match keys, per indicator, computed once (normalizing is the costly part). */
const termKeys = memoByObject((indicator: IndicatorSpellings) =>
  (indicator.veto_terms ?? []).map((term) => ({ term, key: matchKey(normalizeText(term)) })),
);

/** The veto terms of an indicator found in a name already reduced to its match key. */
export function vetoTermsInKey(indicator: IndicatorSpellings, nameKey: string): string[] {
  return termKeys(indicator)
    .filter((t) => nameKey.includes(t.key))
    .map((t) => t.term);
}

/** Problems that make a registry unusable: duplicate ids, a key claimed twice, a spelling holding its own veto term. */
export function indicatorRegistryProblems(indicators: readonly IndicatorSpellings[]): string[] {
  const problems = keyOwnerProblems(indicators, indicatorKeys);
  for (const indicator of indicators) {
    for (const spelling of [indicator.name, ...indicator.aliases]) {
      const terms = vetoTermsIn(indicator, spelling);
      if (terms.length > 0)
        problems.push(`"${spelling}" of ${indicator.id} holds its own veto term ${terms.join('、')}`);
    }
  }
  return problems;
}

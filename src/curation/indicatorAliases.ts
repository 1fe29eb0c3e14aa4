/**
 * The end of the review loop for indicators: names a reviewer accepted become aliases of the
 * standard indicator, so the next run matches them as `alias` instead of `fuzzy`.
 */
import { addAliases, type AliasRequest, type AliasUpdate, type RegistryRules } from '../curation/addAliases.js';
import { normalizeText } from '../normalize/rules.js';
import type { Indicator } from '../family/registries.js';
import { indicatorKey, indicatorRegistryProblems } from '../matching/indicatorKeys.js';

/** How the indicator registry compares and checks spellings. */
export const INDICATOR_RULES: RegistryRules<Indicator> = {
  noun: 'indicator',
  spellingsOf: (i) => [i.name, ...i.aliases],
  keyOf: (s) => indicatorKey(s).key,
  problemsOf: indicatorRegistryProblems,
};

/**
 * Add accepted names (`spelling` as written) as aliases of their indicators, normalized as the pipeline normalizes
 * names.
 */
export function acceptIndicatorAliases(
  registry: readonly Indicator[],
  requests: readonly AliasRequest[],
): AliasUpdate<Indicator> {
  return addAliases(
    registry,
    requests.map((r) => ({ ...r, spelling: normalizeText(r.spelling).trim() })),
    INDICATOR_RULES,
  );
}

/**
 * The end of the review loop for citations: spellings a reviewer accepted (review rows naming a
 * policy) become aliases of that policy, so the next run matches them as `alias` instead of
 * `fuzzy` or `none`.
 */
import { addAliases, type AliasRequest, type AliasUpdate, type RegistryRules } from '../curation/addAliases.js';

import type { Policy } from '../family/registries.js';
import { registryProblems } from '../matching/policyKeys.js';
import { parseCitation } from '../citations/parse.js';
import { matchKey } from '../matching/similarity.js';

/** How the policy registry compares and checks spellings. */
export const POLICY_RULES: RegistryRules<Policy> = {
  noun: 'policy',
  spellingsOf: (p) => [p.title, ...p.aliases],
  keyOf: matchKey,
  problemsOf: registryProblems,
};

/** The alias a citation as written would add: its title as `parseCitation` reads it. */
export function citationSpelling(titleRaw: string): string {
  return parseCitation(titleRaw).title;
}

/** Add accepted citations (`spelling` still as written) as aliases of their policies. */
export function acceptAliases(registry: readonly Policy[], requests: readonly AliasRequest[]): AliasUpdate<Policy> {
  return addAliases(
    registry,
    requests.map((r) => ({ ...r, spelling: citationSpelling(r.spelling) })),
    POLICY_RULES,
  );
}

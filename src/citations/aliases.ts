/**
 * The end of the review loop: spellings a curator accepted (rows of a review CSV naming a policy)
 * become aliases of that policy, so the next run matches them as `alias` instead of `fuzzy` or `none`.
 */
import { parseCitation } from './parse.js';
import { registryProblems, type Policy } from './registry.js';
import { matchKey } from './similarity.js';

/** One accepted review row: the citation as written and the policy a curator chose for it. */
export interface AcceptedSpelling {
  /** The citation or title as written (`title_raw` of the review row); it is parsed again here. */
  title_raw: string;
  /** The policy it names. */
  policy_id: string;
}

/** What accepting rows did. */
export interface AliasUpdate {
  /** The registry with the new aliases, in the same order; input arrays are not modified. */
  policies: Policy[];
  /** Aliases added, as `id: alias`. */
  added: string[];
  /** Rows not taken, each with its reason (unknown policy, already known, claimed by another policy). */
  skipped: string[];
}

/** Add accepted spellings as aliases, refusing any that would make one spelling name two policies. */
export function acceptAliases(registry: readonly Policy[], rows: readonly AcceptedSpelling[]): AliasUpdate {
  const policies = registry.map((p) => ({ ...p, aliases: [...p.aliases] }));
  const added: string[] = [];
  const skipped: string[] = [];
  for (const row of rows) {
    const policy = policies.find((p) => p.id === row.policy_id);
    const title = parseCitation(row.title_raw).title;
    if (!policy) {
      skipped.push(`${row.policy_id}: no such policy (for "${row.title_raw}")`);
      continue;
    }
    const known = [policy.title, ...policy.aliases].some((s) => matchKey(s) === matchKey(title));
    if (known || title === '') {
      skipped.push(`${row.policy_id}: "${title}" is already a spelling of it`);
      continue;
    }
    policy.aliases.push(title);
    const problems = registryProblems(policies);
    if (problems.length > 0) {
      policy.aliases.pop();
      skipped.push(`${row.policy_id}: "${title}" refused: ${problems.join('; ')}`);
      continue;
    }
    added.push(`${policy.id}: ${title}`);
  }
  return { policies, added, skipped };
}

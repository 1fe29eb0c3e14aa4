/**
 * Comparison keys of policy registry entries, and the invariants a usable registry keeps over them.
 * Entries are taken by shape, so this module sits below both the family data and the citation stage.
 */
import { memoByText } from '../normalize/memo.js';
import { keyOwnerProblems } from './keyOwners.js';
import { titleKey, type TitleKey } from './similarity.js';

/** What the keys of a policy are made of. */
export interface PolicySpellings {
  /** Stable id. */
  id: string;
  /** Canonical title. */
  title: string;
  /** Issuing body or bodies, '' when not known. */
  issuer: string;
  /** Accepted spellings of the title. */
  aliases: readonly string[];
}

/** A comparison key of a policy and where it comes from. */
export interface PolicyKey extends TitleKey {
  /** The policy it belongs to. */
  id: string;
  /** `title` for the canonical title (with or without its issuer), `alias` for an accepted spelling. */
  kind: 'title' | 'alias';
}

/** A spelling's title key, remembered: every decision applied re-checks the whole registry's keys. */
const spellingKey = memoByText(titleKey);

/**
 * Keys of one spelling: the spelling, and the issuer joined to it when the spelling starts with
 * 关于 — so `中共中央办公厅、国务院办公厅《关于…》` and `《中共中央办公厅、国务院办公厅关于…》` meet.
 */
function spellingKeys(id: string, kind: PolicyKey['kind'], spelling: string, issuer: string): PolicyKey[] {
  const keys = [{ id, kind, ...spellingKey(spelling) }];
  if (issuer !== '' && spelling.startsWith('关于')) keys.push({ id, kind, ...spellingKey(issuer + spelling) });
  return keys;
}

/** Every comparison key of a policy: its title first, then its aliases. */
export function policyKeys(policy: PolicySpellings): PolicyKey[] {
  return [
    ...spellingKeys(policy.id, 'title', policy.title, policy.issuer),
    ...policy.aliases.flatMap((alias) => spellingKeys(policy.id, 'alias', alias, policy.issuer)),
  ];
}

/** The keys an accepted spelling adds to a policy. */
export function aliasKeys(policy: PolicySpellings, alias: string): PolicyKey[] {
  return spellingKeys(policy.id, 'alias', alias, policy.issuer);
}

/** Problems that make a registry unusable: duplicate ids, and one key claimed by two policies. */
export function registryProblems(policies: readonly PolicySpellings[]): string[] {
  return keyOwnerProblems(policies, policyKeys);
}

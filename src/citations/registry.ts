/**
 * The policy registry of a family (`pipelines/<family>/policies.json`): canonical documents with
 * the spellings accepted for them, and the comparison keys derived from both.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { docNumberParts } from './docNumber.js';
import { titleKey, type TitleKey } from './similarity.js';

/** One canonical policy document. */
export const Policy = z
  .object({
    /** Stable id, assigned once and never re-derived: `P-<文号代字>-<year>-<serial>` or `P-<short title>`. */
    id: z.string().regex(/^P-[^\s]+$/u),
    /** Official title, without title marks; a nested title in 〈〉. */
    title: z.string().min(1),
    /** Issuing body or bodies, joined with 、; '' when not known for sure. */
    issuer: z.string(),
    /** Document number in canonical form (`中办发〔2019〕56号`); '' when not known for sure. */
    doc_number: z.string().refine((d) => d === '' || docNumberParts(d) !== undefined, 'not a canonical document number'),
    /** Other spellings of the title accepted as this document (as `parseCitation` returns `title`). */
    aliases: z.array(z.string().min(1)),
    /** Curator's remark: where the canonical form comes from, what was deliberately left out. */
    note: z.string().optional(),
  })
  .strict();

/** One canonical policy document. */
export type Policy = z.infer<typeof Policy>;

/** The registry file: an array of policies. */
export const PolicyRegistry = z.array(Policy);

/** A comparison key of a policy and where it comes from. */
export interface PolicyKey extends TitleKey {
  /** The policy it belongs to. */
  id: string;
  /** `title` for the canonical title (with or without its issuer), `alias` for an accepted spelling. */
  kind: 'title' | 'alias';
}

/**
 * Keys of one spelling: the spelling, and the issuer joined to it when the spelling starts with
 * 关于 — so `中共中央办公厅、国务院办公厅《关于…》` and `《中共中央办公厅、国务院办公厅关于…》` meet.
 */
function spellingKeys(id: string, kind: PolicyKey['kind'], spelling: string, issuer: string): PolicyKey[] {
  const keys = [{ id, kind, ...titleKey(spelling) }];
  if (issuer !== '' && spelling.startsWith('关于')) keys.push({ id, kind, ...titleKey(issuer + spelling) });
  return keys;
}

/** Every comparison key of a policy: its title first, then its aliases. */
export function policyKeys(policy: Policy): PolicyKey[] {
  return [
    ...spellingKeys(policy.id, 'title', policy.title, policy.issuer),
    ...policy.aliases.flatMap((alias) => spellingKeys(policy.id, 'alias', alias, policy.issuer)),
  ];
}

/** Problems that make a registry unusable: duplicate ids, and one key claimed by two policies. */
export function registryProblems(policies: readonly Policy[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  for (const policy of policies) {
    if (ids.has(policy.id)) problems.push(`duplicate id ${policy.id}`);
    ids.add(policy.id);
    for (const k of policyKeys(policy)) {
      const owner = owners.get(k.key);
      if (owner !== undefined && owner !== policy.id) problems.push(`"${k.key}" is a spelling of both ${owner} and ${policy.id}`);
      else owners.set(k.key, policy.id);
    }
  }
  return problems;
}

/** Read and check a registry file. A broken registry is a bug in the family's data, so this throws. */
export function loadPolicyRegistry(file: string): Policy[] {
  const parsed = PolicyRegistry.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
  const problems = registryProblems(parsed.data);
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return parsed.data;
}

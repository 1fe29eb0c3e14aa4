/**
 * Match a parsed citation to the policy registry, in order: exact (a canonical title) → alias (an
 * accepted spelling) → fuzzy (bigram Dice with document-number evidence and vetoes) → none.
 */
import { compareDocNumbers, type DocNumberRelation } from '../normalize/docNumber.js';
import type { ParsedCitation } from './parse.js';
import type { Policy } from '../family/registries.js';
import { policyKeys, type PolicyKey } from '../matching/policyKeys.js';
import type { MatchKind } from '../matching/kinds.js';
import { dice, titleKey, titleVeto, type TitleKey } from '../matching/similarity.js';
import { byCodeUnits } from '../normalize/order.js';
import { roundScore } from '../normalize/amount.js';
import { keyIndexOf, type KeyIndex } from '../matching/keyIndex.js';
import { memoByOwnerAndText } from '../normalize/memo.js';

/** A policy considered for a citation. */
export interface PolicyCandidate {
  /** Policy id. */
  id: string;
  /** Best title similarity, 0–1, rounded to 3 decimals. */
  score: number;
  /** Why it cannot be this policy (`ordinal`, `year`, `doc-number`), or '' when it can. */
  veto: string;
}

/** The outcome of matching one citation. */
export interface PolicyMatch {
  /** Matched policy id, '' for none. */
  policy_id: string;
  /** How it matched. */
  match: MatchKind;
  /** 1 for exact and alias, the similarity for fuzzy, 0 for none. */
  score: number;
  /** The best three policies by similarity, vetoed ones included, best first. */
  candidates: PolicyCandidate[];
  /** For a match whose document number disagrees: `doc-number-differs`, `doc-number-of-other-policy`; else ''. */
  conflict: '' | 'doc-number-differs' | 'doc-number-of-other-policy';
}

/**
 * Fuzzy acceptance. With the same document number on both sides a title needs 0.55 (the number
 * identifies the document; the title only has to be recognisably the same). Without that evidence
 * it needs 0.85, and the runner-up must trail by `margin`, or the citation stays unmatched.
 */
export const FUZZY_THRESHOLDS = { sameDocNumber: 0.55, otherwise: 0.85, margin: 0.05 } as const;

/** What matching reads from a citation; `parseCitation` returns all of it. */
export type CitationForMatch = Pick<ParsedCitation, 'title' | 'issuer' | 'doc_number'> & { full_title?: string };

/** Registry prepared for matching: keys by text and by policy, and the policies. */
type RegistryIndex = KeyIndex<PolicyKey> & { policies: readonly Policy[] };

function indexOf(registry: readonly Policy[]): RegistryIndex {
  return { ...keyIndexOf(registry, policyKeys), policies: registry };
}

/** Keys of a citation: its title, its issuer joined to the title, and the whole citation without document number. */
export function citationKeys(c: CitationForMatch): TitleKey[] {
  const texts = [c.title];
  if (c.issuer !== '' && !c.title.startsWith(c.issuer)) texts.push(c.issuer + c.title);
  if (c.full_title) texts.push(c.full_title);
  return texts.map(titleKey).filter((k) => k.key !== '');
}

/**
 * Whether a citation with this document number may be filed under `policy`: '' when it may (no number,
 * the same one, or one differing only in its code), else why not. Review decisions are checked with it.
 */
export function docNumberConflict(
  docNumber: string,
  policy: Policy,
  registry: readonly Policy[],
): PolicyMatch['conflict'] {
  return conflictOf(docNumber, policy, ownerOf(docNumber, registry));
}

/** The doc-number conflict of a match with the policy it matched. */
function conflictOf(docNumber: string, policy: Policy | undefined, owner: Policy | undefined): PolicyMatch['conflict'] {
  if (!policy) return '';
  if (compareDocNumbers(docNumber, policy.doc_number) === 'conflict') return 'doc-number-differs';
  return owner && owner.id !== policy.id ? 'doc-number-of-other-policy' : '';
}

/** Best similarity of the citation's keys to one policy's keys; a clean pair outranks any vetoed one. */
function bestPair(keys: readonly TitleKey[], policyKeyList: readonly PolicyKey[]): { score: number; veto: string } {
  let clean = -1;
  let vetoed = { score: 0, veto: '' };
  for (const pk of policyKeyList) {
    for (const ck of keys) {
      const score = dice(ck.key, pk.key);
      const veto = titleVeto(ck, pk);
      if (veto === '') clean = Math.max(clean, score);
      else if (score >= vetoed.score) vetoed = { score, veto };
    }
  }
  return clean >= 0 ? { score: clean, veto: '' } : vetoed;
}

/** Similarity and veto of the citation against every policy, best first. */
function rankPolicies(
  keys: readonly TitleKey[],
  docNumber: string,
  index: RegistryIndex,
  owner: Policy | undefined,
): (PolicyCandidate & { relation: DocNumberRelation })[] {
  return index.policies
    .map((policy) => {
      const relation = compareDocNumbers(docNumber, policy.doc_number);
      const pair = bestPair(keys, index.keysById.get(policy.id) ?? []);
      // A document number owned by another policy, or one that disagrees, names another document.
      const docVeto = relation === 'conflict' || (owner !== undefined && owner.id !== policy.id) ? 'doc-number' : '';
      return { id: policy.id, score: roundScore(pair.score), veto: pair.veto || docVeto, relation };
    })
    .sort((a, b) => b.score - a.score || byCodeUnits(a.id, b.id));
}

/**
 * The policy a document number names: the one with the same number, else the only one whose number
 * differs just in its code (OCR drifts 函/发 and drops 办; year and serial survive it).
 */
function ownerOf(docNumber: string, registry: readonly Policy[]): Policy | undefined {
  if (docNumber === '') return undefined;
  const same = registry.find((p) => compareDocNumbers(docNumber, p.doc_number) === 'same');
  if (same) return same;
  const near = registry.filter((p) => compareDocNumbers(docNumber, p.doc_number) === 'code-differs');
  return near.length === 1 ? near[0] : undefined;
}

/** Results per registry by citation key: a notice cites ~35 documents in ~1,000 places, so most are repeats. */
const matched = memoByOwnerAndText((registry: readonly Policy[], key: string) =>
  matchUncached(citationOfKey(key), registry),
);

/** The memo key of a citation: what matching reads of it, as JSON (so no two citations share a key). */
function keyOfCitation(c: CitationForMatch): string {
  return JSON.stringify([c.title, c.issuer, c.full_title ?? '', c.doc_number]);
}

/** The citation a memo key stands for. */
function citationOfKey(key: string): CitationForMatch {
  const [title = '', issuer = '', full_title = '', doc_number = ''] = JSON.parse(key) as string[];
  return { title, issuer, full_title, doc_number };
}

/** Match one parsed citation against a registry: exact → alias → fuzzy → none. */
export function matchPolicy(parsed: CitationForMatch, registry: readonly Policy[]): PolicyMatch {
  const result = matched(registry, keyOfCitation(parsed));
  return { ...result, candidates: result.candidates.map((c) => ({ ...c })) };
}

function matchUncached(parsed: CitationForMatch, registry: readonly Policy[]): PolicyMatch {
  const index = indexOf(registry);
  const keys = citationKeys(parsed);
  const owner = ownerOf(parsed.doc_number, registry);
  const hits = keys.map((k) => index.byKey.get(k.key)).filter((k): k is PolicyKey => k !== undefined);
  const hit = hits.find((k) => k.kind === 'title') ?? hits[0];
  if (hit) {
    const policy = registry.find((p) => p.id === hit.id);
    const match = hit.kind === 'title' ? 'exact' : 'alias';
    return {
      policy_id: hit.id,
      match,
      score: 1,
      candidates: [{ id: hit.id, score: 1, veto: '' }],
      conflict: conflictOf(parsed.doc_number, policy, owner),
    };
  }
  const ranked = rankPolicies(keys, parsed.doc_number, index, owner);
  const candidates = ranked.slice(0, 3).map(({ id, score, veto }) => ({ id, score, veto }));
  const open = ranked.filter((c) => c.veto === '');
  const [best, second] = open;
  const none: PolicyMatch = { policy_id: '', match: 'none', score: 0, candidates, conflict: '' };
  if (!best) return none;
  const sameDoc = best.relation === 'same';
  if (best.score < (sameDoc ? FUZZY_THRESHOLDS.sameDocNumber : FUZZY_THRESHOLDS.otherwise)) return none;
  const clearLead =
    !second || best.score - second.score >= FUZZY_THRESHOLDS.margin || (sameDoc && second.relation !== 'same');
  if (!clearLead) return none;
  return { policy_id: best.id, match: 'fuzzy', score: best.score, candidates, conflict: '' };
}

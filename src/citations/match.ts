/**
 * Match a parsed citation to the policy registry, in order: exact (a canonical title) → alias (an
 * accepted spelling) → fuzzy (bigram Dice with document-number evidence and vetoes) → none.
 */
import { compareDocNumbers, docNumberParts, type DocNumberRelation } from '../normalize/docNumber.js';
import type { ParsedCitation } from './parse.js';
import type { Policy } from '../family/registries.js';
import { policyKeys, type PolicyKey } from '../matching/policyKeys.js';
import type { MatchKind } from '../matching/kinds.js';
import { dice, titleKey, titleVeto, type TitleKey } from '../matching/similarity.js';
import { byCodeUnits } from '../normalize/order.js';
import { roundScore } from '../normalize/amount.js';
import { keyIndexOf, type KeyIndex } from '../matching/keyIndex.js';
import { GramIndex } from '../matching/gramIndex.js';
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

/**
 * Registry prepared for matching: keys by text and by policy, the policies by id and by document number, and every
 * key in one bigram index (so a fuzzy match touches the policies sharing a bigram, not the whole registry).
 */
interface RegistryIndex extends KeyIndex<PolicyKey> {
  policies: readonly Policy[];
  byId: Map<string, Policy>;
  /** Policies by the year and serial of their document number (`year|serial`), in registry order. */
  byYearSerial: Map<string, Policy[]>;
  /** Every key of every policy, policy by policy in registry order, and the policy (its position) each is of. */
  keys: PolicyKey[];
  keyPolicy: number[];
  /** Where each policy's keys start in `keys` (one more entry: the end). */
  keyStart: number[];
  grams: GramIndex | null;
  /** Policy positions in code-unit order of their ids: the order of equal scores. */
  byIdOrder: number[] | null;
}

const registryIndexes = new WeakMap<readonly Policy[], RegistryIndex>();

function indexOf(registry: readonly Policy[]): RegistryIndex {
  let index = registryIndexes.get(registry);
  if (!index) {
    const keyIndex = keyIndexOf(registry, policyKeys);
    const byYearSerial = new Map<string, Policy[]>();
    for (const p of registry) {
      const parts = docNumberParts(p.doc_number);
      if (!parts) continue;
      const at = `${parts.year}|${parts.serial}`;
      const list = byYearSerial.get(at);
      if (list) list.push(p);
      else byYearSerial.set(at, [p]);
    }
    const keys: PolicyKey[] = [];
    const keyPolicy: number[] = [];
    const keyStart: number[] = [];
    registry.forEach((p, i) => {
      keyStart.push(keys.length);
      for (const k of keyIndex.keysById.get(p.id) ?? []) {
        keys.push(k);
        keyPolicy.push(i);
      }
    });
    keyStart.push(keys.length);
    const byId = new Map<string, Policy>();
    for (const p of registry) if (!byId.has(p.id)) byId.set(p.id, p);
    index = {
      ...keyIndex,
      policies: registry,
      byId,
      byYearSerial,
      keys,
      keyPolicy,
      keyStart,
      grams: null,
      byIdOrder: null,
    };
    registryIndexes.set(registry, index);
  }
  return index;
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

/** A policy ranked for a citation: its candidate entry and how the document numbers relate. */
type Ranked = PolicyCandidate & { relation: DocNumberRelation };

/** Ranking order: score, then id. */
const byRank = (a: Ranked, b: Ranked): number => b.score - a.score || byCodeUnits(a.id, b.id);

/** A policy's ranked entry from its best pair of keys. */
function rankedOf(policy: Policy, pair: { score: number; veto: string }, docNumber: string, owner?: Policy): Ranked {
  const relation = compareDocNumbers(docNumber, policy.doc_number);
  // A document number owned by another policy, or one that disagrees, names another document.
  const docVeto = relation === 'conflict' || (owner !== undefined && owner.id !== policy.id) ? 'doc-number' : '';
  return { id: policy.id, score: roundScore(pair.score), veto: pair.veto || docVeto, relation };
}

/** Whether a full `list` ends with an entry scoring above `score` (so no entry scoring `score` can join it). */
function worseThanLast(score: number, list: readonly Ranked[], size: number): boolean {
  const last = list[size - 1];
  return last !== undefined && score < last.score;
}

/** Keep `entry` in `list` if it ranks among its first `size`. */
function keepBest(list: Ranked[], entry: Ranked, size: number): void {
  const last = list[size - 1];
  if (last && byRank(entry, last) >= 0) return;
  list.push(entry);
  list.sort(byRank);
  if (list.length > size) list.pop();
}

/**
 * The head of the ranking of every policy by similarity to the citation (best first, equal scores by id): its first
 * three entries, and the first two without veto among those scoring above 0 (a match needs a score well above 0, and
 * any runner-up at 0 leaves it a clear lead). Only policies sharing a bigram with the citation's keys are scored, from
 * the registry's bigram index; the others score 0, and are ranked (by id) only as far as the first three need.
 */
function rankPolicies(
  keys: readonly TitleKey[],
  docNumber: string,
  index: RegistryIndex,
  owner: Policy | undefined,
): { top: Ranked[]; open: Ranked[] } {
  index.grams ??= new GramIndex(index.keys.map((k) => k.key));
  const grams = index.grams;
  const found = keys.map((ck) => grams.similar(ck.key, (k) => index.keys[k]?.key ?? ''));
  const similar = found.map((f) => f.scores);
  // Per policy sharing a bigram, its best score whatever the vetoes: no entry of it can rank higher.
  const bound = new Float64Array(index.policies.length);
  const seen = new Uint8Array(index.policies.length);
  const touched: number[] = [];
  for (const { touched: keysFound, scores } of found)
    for (const k of keysFound) {
      const p = index.keyPolicy[k] ?? 0;
      if (seen[p] === 0) touched.push(p);
      seen[p] = 1;
      bound[p] = Math.max(bound[p] ?? 0, scores[k] ?? 0);
    }
  const top: Ranked[] = [];
  const open: Ranked[] = [];
  const scored = new Set<number>();
  for (const p of touched) {
    const policy = index.policies[p];
    const most = roundScore(bound[p] ?? 0);
    if (!policy || most <= 0 || (worseThanLast(most, top, 3) && worseThanLast(most, open, 2))) continue;
    const entry = rankedOf(policy, scoredPair(keys, index, p, similar), docNumber, owner);
    if (entry.score <= 0) continue;
    scored.add(p);
    keepBest(top, entry, 3);
    if (entry.veto === '') keepBest(open, entry, 2);
  }
  if (top.length < 3) {
    const ids = index.policies.map((p) => p.id);
    index.byIdOrder ??= ids.map((_, i) => i).sort((a, b) => byCodeUnits(ids[a] ?? '', ids[b] ?? ''));
    for (const p of index.byIdOrder) {
      const policy = index.policies[p];
      if (top.length >= 3) break;
      if (!policy || scored.has(p)) continue;
      top.push(rankedOf(policy, bestPair(keys, index.keysById.get(policy.id) ?? []), docNumber, owner));
    }
  }
  return { top, open };
}

/** `bestPair` of policy `p` from the similarities the bigram index gave (a pair it did not give scores 0). */
function scoredPair(
  keys: readonly TitleKey[],
  index: RegistryIndex,
  p: number,
  similar: readonly Float64Array[],
): { score: number; veto: string } {
  let clean = -1;
  let vetoed = { score: 0, veto: '' };
  for (let k = index.keyStart[p] ?? 0; k < (index.keyStart[p + 1] ?? 0); k++) {
    const pk = index.keys[k];
    if (!pk) continue;
    keys.forEach((ck, c) => {
      const score = similar[c]?.[k] ?? 0;
      const veto = titleVeto(ck, pk);
      if (veto === '') clean = Math.max(clean, score);
      else if (score >= vetoed.score) vetoed = { score, veto };
    });
  }
  return clean >= 0 ? { score: clean, veto: '' } : vetoed;
}

/**
 * The policy a document number names: the one with the same number, else the only one whose number
 * differs just in its code (OCR drifts 函/发 and drops 办; year and serial survive it).
 */
function ownerOf(docNumber: string, registry: readonly Policy[]): Policy | undefined {
  const parts = docNumberParts(docNumber);
  if (!parts) return undefined;
  const sharing = indexOf(registry).byYearSerial.get(`${parts.year}|${parts.serial}`) ?? [];
  const same = sharing.find((p) => compareDocNumbers(docNumber, p.doc_number) === 'same');
  if (same) return same;
  const near = sharing.filter((p) => compareDocNumbers(docNumber, p.doc_number) === 'code-differs');
  return near.length === 1 ? near[0] : undefined;
}

/** The policy other than `policy` whose document number is `docNumber`, found by the number's year and serial. */
export function otherOwner(docNumber: string, policy: Policy, registry: readonly Policy[]): Policy | undefined {
  const parts = docNumberParts(docNumber);
  if (!parts) return undefined;
  return indexOf(registry)
    .byYearSerial.get(`${parts.year}|${parts.serial}`)
    ?.find((p) => p.id !== policy.id && compareDocNumbers(docNumber, p.doc_number) === 'same');
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
    const policy = index.byId.get(hit.id);
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
  const candidates = ranked.top.map(({ id, score, veto }) => ({ id, score, veto }));
  const [best, second] = ranked.open;
  const none: PolicyMatch = { policy_id: '', match: 'none', score: 0, candidates, conflict: '' };
  if (!best) return none;
  const sameDoc = best.relation === 'same';
  if (best.score < (sameDoc ? FUZZY_THRESHOLDS.sameDocNumber : FUZZY_THRESHOLDS.otherwise)) return none;
  const clearLead =
    !second || best.score - second.score >= FUZZY_THRESHOLDS.margin || (sameDoc && second.relation !== 'same');
  if (!clearLead) return none;
  return { policy_id: best.id, match: 'fuzzy', score: best.score, candidates, conflict: '' };
}

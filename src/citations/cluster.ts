/**
 * Proposals for the policy registry: the spellings of a notice's citations grouped into clusters
 * that probably name one document. A proposal is input for a curator, never a registry entry: the
 * most frequent spelling is shown first, but a canonical title is chosen by hand, not voted.
 */
import { compareDocNumbers } from '../normalize/docNumber.js';
import { citationKeys, FUZZY_THRESHOLDS } from './match.js';
import type { ParsedCitation } from './parse.js';
import { dice, titleVeto } from '../matching/similarity.js';
import { byCodeUnits } from '../normalize/order.js';

/** One normalized spelling of a title and what was seen with it. */
export interface Spelling {
  /** The normalized title, as `parseCitation` returns it (what an alias holds). */
  title: string;
  /** How many citations read so. */
  count: number;
  /** Document numbers written with it, with counts. */
  doc_numbers: Record<string, number>;
  /** Issuers written with it, with counts. */
  issuers: Record<string, number>;
  /** Distinct source spellings (`title_raw`) behind it. */
  raw_spellings: number;
}

/** Spellings that probably name one document, most frequent first. */
export interface SpellingCluster {
  /** Its spellings, most frequent first. */
  spellings: Spelling[];
  /** Citations in all its spellings. */
  count: number;
}

/** Tally of one spelling while grouping. */
interface Tally {
  spelling: Spelling;
  raws: Set<string>;
}

/** Increment a count in a record. */
function bump(record: Record<string, number>, key: string): void {
  if (key !== '') record[key] = (record[key] ?? 0) + 1;
}

/** Group citations by normalized title. */
export function spellingsOf(citations: readonly ParsedCitation[]): Spelling[] {
  const tallies = new Map<string, Tally>();
  for (const c of citations) {
    let t = tallies.get(c.title);
    if (!t) {
      t = { spelling: { title: c.title, count: 0, doc_numbers: {}, issuers: {}, raw_spellings: 0 }, raws: new Set() };
      tallies.set(c.title, t);
    }
    t.spelling.count++;
    bump(t.spelling.doc_numbers, c.doc_number);
    bump(t.spelling.issuers, c.issuer);
    t.raws.add(c.title_raw);
    t.spelling.raw_spellings = t.raws.size;
  }
  return [...tallies.values()]
    .map((t) => t.spelling)
    .sort((a, b) => b.count - a.count || byCodeUnits(a.title, b.title));
}

/** The most frequent key of a count record, '' when empty. */
export function mostFrequent(record: Record<string, number>): string {
  return Object.entries(record).sort((a, b) => b[1] - a[1] || byCodeUnits(a[0], b[0]))[0]?.[0] ?? '';
}

/**
 * Whether two spellings probably name one document: no ordinal or year veto, no conflicting
 * document numbers, and the similarity the matcher would demand (lower when a number agrees).
 */
function linked(a: Spelling, b: Spelling): boolean {
  const ka = citationKeys({ title: a.title, issuer: mostFrequent(a.issuers), doc_number: '' });
  const kb = citationKeys({ title: b.title, issuer: mostFrequent(b.issuers), doc_number: '' });
  const relation = compareDocNumbers(mostFrequent(a.doc_numbers), mostFrequent(b.doc_numbers));
  if (relation === 'conflict') return false;
  let best = 0;
  for (const x of ka) for (const y of kb) if (titleVeto(x, y) === '') best = Math.max(best, dice(x.key, y.key));
  return best >= (relation === 'same' ? FUZZY_THRESHOLDS.sameDocNumber : FUZZY_THRESHOLDS.otherwise);
}

/** Cluster spellings by single linkage (union-find over linked pairs). */
export function clusterSpellings(spellings: readonly Spelling[]): SpellingCluster[] {
  const parent = spellings.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while ((parent[root] ?? root) !== root) root = parent[root] ?? root;
    return root;
  };
  for (let i = 0; i < spellings.length; i++) {
    for (let j = i + 1; j < spellings.length; j++) {
      const a = spellings[i];
      const b = spellings[j];
      if (a && b && find(i) !== find(j) && linked(a, b)) parent[find(j)] = find(i);
    }
  }
  const groups = new Map<number, Spelling[]>();
  spellings.forEach((s, i) => groups.set(find(i), [...(groups.get(find(i)) ?? []), s]));
  return [...groups.values()]
    .map((group) => ({ spellings: group, count: group.reduce((n, s) => n + s.count, 0) }))
    .sort((a, b) => b.count - a.count || byCodeUnits(a.spellings[0]?.title ?? '', b.spellings[0]?.title ?? ''));
}

/**
 * How titles are compared: a match key that ignores what OCR varies freely (punctuation, title
 * marks, spaces, bracket forms), character-bigram Dice similarity on those keys, and the features
 * that veto a fuzzy match however similar two titles read (batch ordinals, years).
 */
import { memoByText } from '../normalize/memo.js';
import { chineseNumeralValue } from '../normalize/chineseNumeral.js';

/** A title prepared for comparison. */
export interface TitleKey {
  /** Letters and digits only: `《关于…（2021-2035年）》` → `关于…20212035年`. */
  key: string;
  /** Batch ordinals written in it (第一批 and 第1批 → 1; 首批 counts as 1), sorted and joined. */
  ordinals: string;
  /** Four-digit years written in it, sorted and joined. */
  years: string;
}

/** Everything but letters and digits; `\p{L}` covers the ideographs. */
const NOT_KEY = /[^\p{L}\p{N}]/gu;

/** 第N批 with a Chinese or Arabic numeral, and 首批. */
const ORDINAL = /第\s*([一二三四五六七八九十百零〇两\d]+)\s*批|(首)批/gu;

/** A year standing alone (not part of a longer number). */
const YEAR = /(?<!\d)(?:19|20)\d{2}(?!\d)/gu;

/** A run of Chinese numeral characters only. */
const CHINESE_RUN = /^[一二三四五六七八九十百零〇两]+$/u;

/** An ordinal as digits, so 第2批, 第二批, 第12批 and 第十二批 agree; a malformed or mixed numeral stays as written. */
function ordinalValue(numeral: string): string {
  if (/^\d+$/u.test(numeral)) return numeral.replace(/^0+(?=\d)/u, '');
  return (CHINESE_RUN.test(numeral) && chineseNumeralValue(numeral)) || numeral;
}

/** The match key of a text: letters and digits only. */
export function matchKey(text: string): string {
  return text.replace(NOT_KEY, '');
}

/** Ordinals of a text, normalized and joined, '' when there is none. */
function ordinalsOf(text: string): string {
  const found = new Set<string>();
  for (const m of text.matchAll(ORDINAL)) {
    found.add(m[2] ? '1' : ordinalValue(m[1] ?? ''));
  }
  return [...found].sort().join(',');
}

/** Years of a text, joined, '' when there is none. */
function yearsOf(text: string): string {
  return [...new Set(text.match(YEAR) ?? [])].sort().join(',');
}

/** Prepare a title for comparison. */
export function titleKey(text: string): TitleKey {
  return { key: matchKey(text), ordinals: ordinalsOf(text), years: yearsOf(text) };
}

/** A key's bigram multiset and its size, as Dice needs them. */
export interface Bigrams {
  grams: Map<string, number>;
  size: number;
}

/**
 * Bigrams are asked for the same registry keys and spellings thousands of times per notice, so they
 * are kept; the cache is emptied when it grows past a bound, which keeps memory flat on any input.
 */
const cachedBigrams = memoByText(bigramsOf, 20_000);

/** A key's bigram multiset and its size, computed afresh (an index holds its own). */
export function bigramsOf(key: string): Bigrams {
  const grams = bigrams(key);
  let size = 0;
  for (const n of grams.values()) size += n;
  return { grams, size };
}

/** Character bigrams of a key with their counts; a one-character key is its own bigram. */
function bigrams(key: string): Map<string, number> {
  const chars = [...key];
  const grams = new Map<string, number>();
  if (chars.length === 1) grams.set(key, 1);
  for (let i = 0; i + 1 < chars.length; i++) {
    const gram = (chars[i] ?? '') + (chars[i + 1] ?? '');
    grams.set(gram, (grams.get(gram) ?? 0) + 1);
  }
  return grams;
}

/** Sørensen–Dice similarity of two keys over character-bigram multisets, 0–1 (1 when equal). */
export function dice(a: string, b: string): number {
  if (a === b) return a === '' ? 0 : 1;
  const ga = cachedBigrams(a);
  const gb = cachedBigrams(b);
  const total = ga.size + gb.size;
  // Walk the smaller multiset: the common count is symmetric.
  const [small, large] = ga.grams.size <= gb.grams.size ? [ga.grams, gb.grams] : [gb.grams, ga.grams];
  let common = 0;
  for (const [gram, n] of small) common += Math.min(n, large.get(gram) ?? 0);
  return total === 0 ? 0 : (2 * common) / total;
}

/**
 * Why two titles cannot name one document, whatever their similarity: another batch (第一批 vs
 * 第二批, or a batch on one side only) or other years where both write years. '' when none.
 */
export function titleVeto(a: TitleKey, b: TitleKey): '' | 'ordinal' | 'year' {
  if (a.ordinals !== b.ordinals) return 'ordinal';
  if (a.years !== '' && b.years !== '' && a.years !== b.years) return 'year';
  return '';
}

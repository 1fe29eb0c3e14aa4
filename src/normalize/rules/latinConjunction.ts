import { HAN, SENTENCE_PUNCT } from './charClasses.js';

/**
 * A stray English `and` / `or` standing between Chinese text, as OCR leaves it.
 * Neighbours are ideographs and sentence punctuation only, not quotes or title
 * marks: this rule runs before quote-dash, which creates “” 《》 〈〉; reading
 * them here would let a second normalization pass change the text again.
 */
const NEIGHBOUR = `[${HAN}${SENTENCE_PUNCT}]`;
const CONJUNCTION = new RegExp(String.raw`(?<=${NEIGHBOUR})\s+(and|or)\s+(?=${NEIGHBOUR})`, 'giu');

/** Chinese word for each English conjunction. */
const CHINESE: Readonly<Record<string, string>> = { and: '和', or: '或' };

/** Replace ` and ` / ` or ` between Chinese text by 和 / 或 (快速确权 and 快速维权 → 快速确权和快速维权). */
export function replaceLatinConjunction(s: string): string {
  return s.replace(CONJUNCTION, (_match, word: string) => CHINESE[word.toLowerCase()] ?? word);
}

/**
 * Width folding, chosen explicitly instead of `normalize('NFKC')`.
 *
 * Folded: the full-width ASCII block U+FF01–U+FF5E (digits, Latin letters and
 * symbols such as ％ ． ＋ － ＜ ＞ ＂ ＆ ／), so `１２３．００` reads `123.00`
 * and `ＩＰ` reads `IP`; and the ideographic space U+3000 becomes a plain space.
 *
 * Kept: （ ） ， ： ； ！ ？ — ordinary Chinese prose punctuation, not OCR
 * noise; folding them would turn Chinese sentences into ASCII-punctuated ones.
 *
 * Not touched (NFKC would change them): 〔〕 of document numbers, circled and
 * parenthesized numerals ① ㈠ that mark list items, ￥ and other U+FFE0 signs,
 * and CJK compatibility ideographs.
 */

/** Full-width marks that stay as written. */
const KEPT = new Set(['\uFF08', '\uFF09', '\uFF0C', '\uFF1A', '\uFF1B', '\uFF01', '\uFF1F']);

/** Every candidate for folding. */
const FOLDABLE = /[\uFF01-\uFF5E\u3000]/g;

/** The half-width form of one foldable character, or the character itself when kept. */
function foldChar(ch: string): string {
  if (ch === '\u3000') return ' ';
  if (KEPT.has(ch)) return ch;
  return String.fromCharCode(ch.charCodeAt(0) - 0xfee0);
}

/**
 * Fold full-width digits, Latin letters and ASCII symbols (and U+3000) to half-width; keep Chinese prose punctuation.
 */
export function foldWidth(s: string): string {
  return s.replace(FOLDABLE, foldChar);
}

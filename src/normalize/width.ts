/**
 * Width folding, decided once: explicit folding, not `normalize('NFKC')`, for every text that is kept
 * or written out; NFKC only where a text is compared or matched against a family pattern.
 *
 * Why explicit: NFKC does much more than fold widths. It turns circled and parenthesized numerals
 * that mark list items (① ㈠) into `1` and `(一)`, ￥ and the other U+FFE0 signs into narrow forms,
 * squared units (㎡) into `m2`, ligatures and CJK compatibility ideographs into other characters, and
 * Chinese prose punctuation （），：；！？ into ASCII. Evidence must keep what the notice printed, so
 * what is written out is folded by the named functions below, each of which folds only what it says.
 *
 * - `foldWidth`: the `width-fold` normalization rule. The full-width ASCII block U+FF01–U+FF5E
 *   (digits, Latin letters and symbols such as ％ ． ＋ － ＜ ＞ ＂ ＆ ／), so `１２３．００` reads
 *   `123.00` and `ＩＰ` reads `IP`, and the ideographic space U+3000 as a plain space. Kept: （ ） ，
 *   ： ； ！ ？, ordinary Chinese prose punctuation rather than OCR noise.
 * - `foldFullWidthAscii`: the whole block U+FF01–U+FF5E, prose punctuation included, U+3000, 〜 and
 *   ﹪: for text read as a quantity (target values) or a token (HTML entities), never written back.
 * - `foldDigits`: ０–９ only (dates and list numbers read from a line).
 * - `foldNumberForms`: ０–９ ． ， － (an amount as read; the amount's raw text is kept beside it).
 * - `foldCompatibility`: NFKC itself, for text only compared or matched: comparison keys
 *   (normalize/compact.ts, normalize/headerKey.ts, notice ids in read/noticeId.ts, annex labels in
 *   normalize/annexLabel.ts) and lines matched against a family's patterns (annex markers and closing
 *   lines in locate/annexes.ts, unit lines in money/unitLine.ts, stated totals in
 *   reconcile/statedTotal.ts, budget years in targets/target.ts). Wider folding there only lets more
 *   spellings meet (`附件①`, `面积（㎡）`); what such a match captures (an annex title on its marker
 *   line, a stated total's text) carries the folded forms, as it always has.
 */

/** Distance from a full-width ASCII form (U+FF01–U+FF5E) to its ASCII character. */
const FULL_WIDTH_OFFSET = 0xfee0;

/** Full-width marks that the `width-fold` rule keeps as written: Chinese prose punctuation. */
const PROSE_PUNCTUATION: ReadonlySet<string> = new Set(['（', '）', '，', '：', '；', '！', '？']);

/** Forms outside the full-width block, with their plain counterparts. */
const SPECIAL: Readonly<Record<string, string>> = { '\u3000': ' ', '\u301c': '~', '\ufe6a': '%' };

/** The ASCII character of one full-width form, or its plain counterpart when it has one outside the block. */
function halfWidth(ch: string): string {
  return SPECIAL[ch] ?? String.fromCharCode(ch.charCodeAt(0) - FULL_WIDTH_OFFSET);
}

const FOLDABLE = /[\uFF01-\uFF5E\u3000]/g;
const ASCII_FORMS = /[\uFF01-\uFF5E\u3000\u301C\uFE6A]/g;
const DIGITS = /[０-９]/g;
const NUMBER_FORMS = /[０-９．，－]/g;

/**
 * Fold full-width digits, Latin letters and ASCII symbols (and U+3000) to half-width; keep Chinese prose punctuation.
 */
export function foldWidth(s: string): string {
  return s.replace(FOLDABLE, (ch) => (PROSE_PUNCTUATION.has(ch) ? ch : halfWidth(ch)));
}

/** Fold every full-width ASCII form, prose punctuation included, U+3000, 〜 (to `~`) and ﹪ (to `%`). */
export function foldFullWidthAscii(s: string): string {
  return s.replace(ASCII_FORMS, halfWidth);
}

/** Full-width digits as ASCII digits (`２０２４` → `2024`), nothing else folded. */
export function foldDigits(s: string): string {
  return s.replace(DIGITS, halfWidth);
}

/** Full-width digits, decimal point, thousands separator and minus as ASCII (`１，２３４．５` → `1,234.5`). */
export function foldNumberForms(s: string): string {
  return s.replace(NUMBER_FORMS, halfWidth);
}

/**
 * Unicode compatibility folding (NFKC): for text that is compared or matched, never for text written out (see the
 * callers listed above).
 */
export function foldCompatibility(s: string): string {
  return s.normalize('NFKC');
}

/**
 * Character classes shared by the normalization rules, as regex source
 * fragments for `u`-flag patterns. Rules build their regexes from these once,
 * at module load.
 */

/** One Han ideograph in any CJK block (includes 〇 and 々). */
export const HAN = String.raw`\p{Script=Han}`;

/**
 * Chinese punctuation that sits inside Chinese prose: 、。〃, the bracket
 * family 〈〉《》「」『』【】〔〕〖〗…, curly quotes, the ellipsis, and the
 * full-width marks the width-fold rule deliberately keeps (（），：；！？).
 * Dashes are NOT here: the dash rule owns the space around them.
 */
export const CJK_PUNCT =
  String.raw`\u3001-\u3003\u3008-\u3011\u3014-\u301F\u2018\u2019\u201C\u201D\u2026` +
  String.raw`\uFF01\uFF08\uFF09\uFF0C\uFF1A\uFF1B\uFF1F`;

/**
 * Chinese sentence punctuation that the quote-dash rule never writes:
 * 、。，：；！？（）【】〔〕. Rules that run before quote-dash use this
 * narrower set so that quote-dash cannot create new input for them.
 */
export const SENTENCE_PUNCT =
  String.raw`\u3001\u3002\u3010\u3011\u3014\u3015` + String.raw`\uFF01\uFF08\uFF09\uFF0C\uFF1A\uFF1B\uFF1F`;

/** One CJK character: a Han ideograph or Chinese punctuation. */
export const CJK = `[${HAN}${CJK_PUNCT}]`;

/** Dash forms that OCR produces between Chinese words: - ‐ ‑ ‒ – — ― − ─ ━ ﹘ ﹣ －. */
export const DASH = String.raw`[\-\u2010-\u2015\u2212\u2500\u2501\uFE58\uFE63\uFF0D]`;

/** True when the text holds at least one Han ideograph. */
export const HAS_HAN = new RegExp(HAN, 'u');

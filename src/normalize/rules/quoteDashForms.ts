import { CJK, CJK_PUNCT, DASH, HAN, HAS_HAN } from './charClasses.js';

/**
 * Double-quote pair: opened by “ " ＂, closed by ” " ＂, nothing quote-like
 * inside. Only “ opens and only ” closes, so a stray reversed pair (”…“) is
 * ambiguous and left alone. Pairs without Chinese inside (`"abc"`) are
 * matched but kept, which keeps later pairs aligned.
 */
const DOUBLE_PAIR = /[\u201C"\uFF02]([^\u201C\u201D"\uFF02]*)[\u201D"\uFF02]/g;

/** Straight single-quote pair; apostrophes make these ambiguous, see {@link SINGLE_CONTENT}. */
const SINGLE_PAIR = /['\uFF07]([^'\uFF07\u2018\u2019]*)['\uFF07]/g;

/** A single-quoted span is a quotation only when it starts and ends on a CJK character. */
const SINGLE_CONTENT = new RegExp(`^${CJK}(?:.*${CJK})?$`, 'su');

/** Corner brackets are always quotation marks. */
const CORNER_PAIR = /\u300C([^\u300C\u300D]*)\u300D/g;
const WHITE_CORNER_PAIR = /\u300E([^\u300E\u300F]*)\u300F/g;

/** Dash run between CJK characters, with any spaces around or between the dashes. */
const CJK_DASH = new RegExp(String.raw`(?<=${CJK})\s*${DASH}(?:\s*${DASH})*\s*(?=${CJK})`, 'gu');

/** The one dash form kept between CJK words (U+2014, as in 保护—提前下达). */
const CJK_DASH_FORM = '\u2014';

/** Angle-bracket pair with no book-title mark inside: 〈…〉, <…>, ＜…＞, or mixed. */
const ANGLE_PAIR = /[\u3008<\uFF1C]([^\u3008\u3009<>\uFF1C\uFF1E\u300A\u300B]*)[\u3009>\uFF1E]/g;

/**
 * Bracketed text is a title when it starts with Chinese or a quotation mark
 * (`<li>` and `</p>` do not). Straight and curly quotes both count, so the
 * answer does not change once the quote steps have run.
 */
const TITLE_START = new RegExp(String.raw`^\s*[${HAN}${CJK_PUNCT}"'\uFF02\uFF07]`, 'u');

/** Cheap pre-check for the angle rule. */
const ANGLE_ANY = /[\u3008<\uFF1C]/;

/** Double quotes around Chinese text become “…”. */
function unifyDoubleQuotes(s: string): string {
  return s.replace(DOUBLE_PAIR, (pair, inner: string) => (HAS_HAN.test(inner) ? `\u201C${inner}\u201D` : pair));
}

/** Straight single quotes around Chinese text become ‘…’; curly singles stay (they double as apostrophes). */
function unifySingleQuotes(s: string): string {
  return s.replace(SINGLE_PAIR, (pair, inner: string) => (SINGLE_CONTENT.test(inner) ? `\u2018${inner}\u2019` : pair));
}

/** One pass converting the innermost corner-bracket pairs. */
function unifyInnerCornerQuotes(s: string): string {
  return s.replace(CORNER_PAIR, '\u201C$1\u201D').replace(WHITE_CORNER_PAIR, '\u2018$1\u2019');
}

/**
 * 「…」 becomes “…” and 『…』 becomes ‘…’, the mainland forms of the same marks.
 * Nested pairs convert innermost first, so passes repeat until none is left;
 * each pass removes brackets, so this ends.
 */
function unifyCornerQuotes(s: string): string {
  let current = s;
  for (let next = unifyInnerCornerQuotes(current); next !== current; next = unifyInnerCornerQuotes(current)) {
    current = next;
  }
  return current;
}

/** Any dash run between CJK characters becomes a single —; dashes between digits (2021—2035) stay. */
export function unifyCjkDashes(s: string): string {
  return s.replace(CJK_DASH, CJK_DASH_FORM);
}

/** Returns a function giving the 《》 nesting depth at increasing offsets of `s`, in one linear scan overall. */
function titleDepthAt(s: string): (offset: number) => number {
  let pos = 0;
  let depth = 0;
  return (offset) => {
    for (; pos < offset; pos++) {
      const ch = s[pos];
      if (ch === '\u300A') depth++;
      else if (ch === '\u300B' && depth > 0) depth--;
    }
    return depth;
  };
}

/**
 * Angle brackets used as book-title marks, when they enclose Chinese text:
 * at top level they become 《…》; inside an open 《 they become 〈…〉, the
 * standard nested title mark. The seed writes the same nested citation both as
 * 《…印发〈…〉的通知》 and 《…印发&lt;…&gt;的通知》; both end as the first.
 * Real HTML (`<li>`, `</p>`) never starts with Chinese and is not touched.
 * 《 already nested inside 《》 is left as written for the citation parser.
 */
export function unifyBookTitleMarks(s: string): string {
  if (!ANGLE_ANY.test(s)) return s;
  const depthAt = titleDepthAt(s);
  return s.replace(ANGLE_PAIR, (pair, inner: string, offset: number) => {
    if (!TITLE_START.test(inner)) return pair;
    return depthAt(offset) > 0 ? `\u3008${inner}\u3009` : `\u300A${inner}\u300B`;
  });
}

/**
 * Unify quotation marks to “” / ‘’, angle-bracket titles to 《》 / 〈〉, and dashes between CJK to —.
 * The step order keeps the whole idempotent: each step only creates marks that
 * later steps read (「」→“” feeds the double-quote pairing; 《》 and ‘’ are CJK
 * ends for the single-quote test and CJK neighbours for the dash step), never
 * marks that an earlier step reads.
 */
export function unifyQuotesAndDashes(s: string): string {
  const titled = unifyBookTitleMarks(unifyDoubleQuotes(unifyCornerQuotes(s)));
  return unifyCjkDashes(unifySingleQuotes(titled));
}

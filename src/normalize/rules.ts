/**
 * Text normalization as small named rules. Each rule is a pure string → string
 * function exported on its own; `normalizeText` runs a list of them in order and
 * records which ones changed the text.
 */
import { joinCjkSpaces } from './rules/cjkSpaceJoin.js';
import { decodeEntities } from './rules/htmlEntities.js';
import { replaceLatinConjunction } from './rules/latinConjunction.js';
import { unifyQuotesAndDashes } from './rules/quoteDashForms.js';
import { toSimplified } from './rules/traditionalToSimplified.js';
import { collapseWhitespace } from './rules/whitespaceCollapse.js';
import { foldWidth } from './rules/widthFold.js';

export { joinCjkSpaces, decodeEntities, replaceLatinConjunction, unifyQuotesAndDashes };
export { toSimplified, collapseWhitespace, foldWidth };
export { unifyBookTitleMarks, unifyCjkDashes } from './rules/quoteDashForms.js';

/** Name of a text normalization rule. */
export type RuleName =
  | 'html-entities'
  | 'width-fold'
  | 'traditional-to-simplified'
  | 'cjk-space-join'
  | 'latin-conjunction'
  | 'quote-dash-forms'
  | 'whitespace-collapse';

/** Counts of how often each rule changed a text, keyed by rule name. */
export type RuleCounts = Partial<Record<RuleName, number>>;

/** The function behind each rule name. */
export const RULES: Readonly<Record<RuleName, (s: string) => string>> = {
  'html-entities': decodeEntities,
  'width-fold': foldWidth,
  'traditional-to-simplified': toSimplified,
  'cjk-space-join': joinCjkSpaces,
  'latin-conjunction': replaceLatinConjunction,
  'quote-dash-forms': unifyQuotesAndDashes,
  'whitespace-collapse': collapseWhitespace,
};

/**
 * Every rule, in the order they run. The order is what makes the whole
 * pipeline idempotent: no rule creates input that an earlier rule would change.
 * - html-entities first: `&lt;…&gt;` must be `<…>` before titles are read.
 * - width-fold before the mark rules: ＂ ＜ － fold to the forms they match.
 * - latin-conjunction before quote-dash-forms: it may turn `〈 or 〉` into
 *   `〈或〉`, which quote-dash then reads as a title; it reads only ideographs
 *   and sentence punctuation, never the marks quote-dash writes.
 * - quote-dash-forms before cjk-space-join: it turns `"` and `<>` into “” and
 *   《》, which count as CJK neighbours for joining.
 * - traditional-to-simplified after cjk-space-join: OpenCC converts by phrase,
 *   so OCR-split words (`反 覆`) must be joined first to convert (反复).
 * - whitespace-collapse last: it only tidies what the others left.
 */
export const ALL_RULES: readonly RuleName[] = [
  'html-entities',
  'width-fold',
  'latin-conjunction',
  'quote-dash-forms',
  'cjk-space-join',
  'traditional-to-simplified',
  'whitespace-collapse',
];


/** Apply the named rules in order to one text; increments counts[rule] for each rule that changed it. No input makes it throw (property-tested). */
export function normalizeText(text: string, rules: readonly RuleName[] = ALL_RULES, counts?: RuleCounts): string {
  let current = typeof text === 'string' ? text : String(text ?? '');
  for (const rule of rules) {
    if (!Object.hasOwn(RULES, rule)) continue;
    // A rule that throws is a bug: it is not swallowed, so the property tests can catch it.
    const next = RULES[rule](current);
    if (next !== current && counts) counts[rule] = (counts[rule] ?? 0) + 1;
    current = next;
  }
  return current;
}

/**
 * Text normalization as small named rules. Each rule is a pure string → string
 * function exported on its own; `normalizeText` runs a list of them in order and
 * records which ones changed the text.
 */
import { joinCjkSpaces } from './rules/cjkSpaceJoin.js';
import { decodeEntities } from './rules/htmlEntities.js';
import { inlineMathToText } from './rules/inlineMath.js';
import { replaceLatinConjunction } from './rules/latinConjunction.js';
import { unifyQuotesAndDashes } from './rules/quoteDashForms.js';
import { toSimplified } from './rules/traditionalToSimplified.js';
import { collapseWhitespace } from './rules/whitespaceCollapse.js';
import { foldWidth } from './rules/widthFold.js';

export { joinCjkSpaces, decodeEntities, inlineMathToText, replaceLatinConjunction, unifyQuotesAndDashes };
export { toSimplified, collapseWhitespace, foldWidth };

/** Name of a text normalization rule. */
export type RuleName =
  | 'html-entities'
  | 'width-fold'
  | 'inline-math'
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
  'inline-math': inlineMathToText,
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
 * - inline-math after width-fold (＄ and ＼ fold to the `$` and `\` it reads) and html-entities
 *   (`&#36;` is a `$`); it writes no `$`, `\`, entity or full-width form, and no later rule writes
 *   or removes a `$` or `\`, so its pairing of `$` signs is the same on a second pass.
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
  'inline-math',
  'latin-conjunction',
  'quote-dash-forms',
  'cjk-space-join',
  'traditional-to-simplified',
  'whitespace-collapse',
];

/** A text's normalization: the result and the rules that changed it on the way. */
interface Normalized {
  text: string;
  changed: readonly RuleName[];
}

/**
 * Normalizations by rule list (its identity) and text: cells and names repeat across a notice and a
 * batch, and the rules are pure. Counts are re-added per call, so they stay per occurrence; each
 * list's memo is emptied when it grows past a bound.
 */
const memo = new WeakMap<readonly RuleName[], Map<string, Normalized>>();
const MEMO_LIMIT = 50_000;

/**
 * Apply the named rules in order to one text; increments counts[rule] for each rule that changed it. No input makes it
 * throw (property-tested).
 */
export function normalizeText(text: string, rules: readonly RuleName[] = ALL_RULES, counts?: RuleCounts): string {
  const input = typeof text === 'string' ? text : String(text ?? '');
  let known = memo.get(rules);
  if (!known) memo.set(rules, (known = new Map()));
  let found = known.get(input);
  if (!found) {
    if (known.size >= MEMO_LIMIT) known.clear();
    found = applyRules(input, rules);
    known.set(input, found);
  }
  if (counts) for (const rule of found.changed) counts[rule] = (counts[rule] ?? 0) + 1;
  return found.text;
}

/** Run the rules over a text, noting which changed it. */
function applyRules(text: string, rules: readonly RuleName[]): Normalized {
  let current = text;
  const changed: RuleName[] = [];
  for (const rule of rules) {
    if (!Object.hasOwn(RULES, rule)) continue;
    // A rule that throws is a bug: it is not swallowed, so the property tests can catch it.
    const next = RULES[rule](current);
    if (next !== current) changed.push(rule);
    current = next;
  }
  return { text: current, changed };
}

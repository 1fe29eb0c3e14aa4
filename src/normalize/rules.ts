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
import { foldWidth } from './width.js';
import { memoByOwnerAndText } from './memo.js';

export { joinCjkSpaces, decodeEntities, inlineMathToText, replaceLatinConjunction, unifyQuotesAndDashes };
export { toSimplified, collapseWhitespace, foldWidth };

/** One text normalization rule as declared: what it repairs, an example, and the function that does it. */
export interface TextRule {
  /** What the rule repairs, in one sentence. */
  repairs: string;
  /** A text before the rule, as a notice prints it. */
  before: string;
  /** The same text after the rule (a test checks that the rule gives it). */
  after: string;
  /** The rule: a pure string → string function, exported on its own by its module. */
  apply: (s: string) => string;
}

/**
 * Every text normalization rule, declared once: its id (the key report.json's `repairs` counts it under), what it
 * repairs and an example. Rule names and counts are typed from this table, and docs/output.md lists it.
 */
export const TEXT_RULES = {
  'html-entities': {
    repairs: 'HTML character references decoded, also when spelled in full-width forms',
    before: '&lt;专项资金管理办法&gt;',
    after: '<专项资金管理办法>',
    apply: decodeEntities,
  },
  'width-fold': {
    repairs: 'full-width digits, Latin letters and ASCII symbols folded, the ideographic space made plain',
    before: '１２３．００万元，ＩＰ',
    after: '123.00万元，IP',
    apply: foldWidth,
  },
  'inline-math': {
    repairs: 'inline LaTeX and `<eq>` spans, as OCR (MinerU) writes a formula, turned into the text they stand for',
    before: '$\\geqslant 8 5 \\%$',
    after: '≥85%',
    apply: inlineMathToText,
  },
  'latin-conjunction': {
    repairs: 'a stray English and/or between Chinese words as 和/或',
    before: '快速确权 and 快速维权',
    after: '快速确权和快速维权',
    apply: replaceLatinConjunction,
  },
  'quote-dash-forms': {
    repairs: 'straight quotes, angle brackets and dash forms around Chinese text in their Chinese forms',
    before: '"知识产权"',
    after: '“知识产权”',
    apply: unifyQuotesAndDashes,
  },
  'cjk-space-join': {
    repairs: 'spaces OCR put inside Chinese text, and between a digit and an ideograph, removed',
    before: '2024 年 广 州 市',
    after: '2024年广州市',
    apply: joinCjkSpaces,
  },
  'traditional-to-simplified': {
    repairs: 'traditional characters as mainland simplified ones, by phrase (OpenCC t → cn)',
    before: '專項資金',
    after: '专项资金',
    apply: toSimplified,
  },
  'whitespace-collapse': {
    repairs: 'white space runs (line breaks, U+3000, U+00A0 included) as one space, the ends trimmed',
    before: '专项 \n  资金',
    after: '专项 资金',
    apply: collapseWhitespace,
  },
} as const satisfies Record<string, TextRule>;

/** Name of a text normalization rule. */
export type RuleName = keyof typeof TEXT_RULES;

/** Counts of how often each rule changed a text, keyed by rule name. */
export type RuleCounts = Partial<Record<RuleName, number>>;

/** The function behind each rule name. */
export const RULES: Readonly<Record<RuleName, (s: string) => string>> = Object.fromEntries(
  Object.entries(TEXT_RULES).map(([name, rule]) => [name, rule.apply]),
) as Record<RuleName, (s: string) => string>;

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
const normalized = memoByOwnerAndText((rules: readonly RuleName[], text: string) => applyRules(text, rules));

/**
 * Apply the named rules in order to one text; increments counts[rule] for each rule that changed it. No input makes it
 * throw (property-tested).
 */
export function normalizeText(text: string, rules: readonly RuleName[] = ALL_RULES, counts?: RuleCounts): string {
  const input = typeof text === 'string' ? text : String(text ?? '');
  const found = normalized(rules, input);
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

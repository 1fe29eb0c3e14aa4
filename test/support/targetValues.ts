/**
 * A generator of target values (指标值) with their own truth — comparator, figure, upper bound, unit —
 * and three renderings of each: plain text as a notice types it, the same in full-width forms, and
 * MinerU's inline LaTeX (`$\geqslant 8 5 \%$`, `$&gt; 85\%$`, `\text{万亩}`, spaced digits). Every
 * choice is drawn by fast-check, so a failing case shrinks and replays. The truth never comes from the
 * tool: it is what the generator meant to write.
 */
import fc from 'fast-check';

/** How a target compares to its figure, as the indicators dataset writes it. */
export type Comparator = 'at_least' | 'at_most' | 'more_than' | 'less_than' | 'exactly' | 'between';

/** What a value means: the fields a reader expects from it. */
export interface ValueTruth {
  comparator: Comparator;
  /** The (lower) figure as a normalized decimal string. */
  number: string;
  /** The upper figure of a range, '' otherwise. */
  numberMax: string;
  /** The unit as written, '' for none. */
  unit: string;
}

/** Units the family lists (family.json valueUnits), compound ones and magnitudes before units included. */
export const LISTED_UNITS = [
  '家',
  '份',
  '次',
  '场',
  '个',
  '项',
  '件',
  '所',
  '户',
  '%',
  '‰',
  '亿元',
  '万元',
  '人次',
  '家次',
  '个百分点',
  '亩',
  '万亩',
  '公顷',
  '平方米',
  '平方公里',
  '吨',
  '万吨',
  '小时',
  '个工作日',
  '元/亩',
  '户/年',
  '万元/个',
  '元/吨',
  '人次/年',
  '天',
] as const;

/** Units the family does not list: kept whole, as written, and reported. */
export const UNLISTED_UNITS = [
  '标准亩',
  '千瓦时',
  '万千瓦',
  '头',
  '株',
  '尾',
  '羽',
  '米/秒',
  '元/标准箱',
  'kW',
  'm²',
  'km',
] as const;

/** Every unit the generator writes, '' (no unit) included. */
const UNITS: readonly string[] = ['', ...LISTED_UNITS, ...UNLISTED_UNITS];

/** A decimal as the truth writes it: no leading zeros, no trailing fraction zeros. */
const figure = fc
  .tuple(fc.integer({ min: 0, max: 99_999 }), fc.option(fc.integer({ min: 1, max: 99 }), { nil: undefined }))
  .map(([whole, part]) =>
    part === undefined ? String(whole) : `${whole}.${String(part).padStart(2, '0').replace(/0+$/, '')}`,
  );

/** A value's truth: a figure (negative only for percentages with ≥ or ≤, as cost targets write them), a second one for ranges. */
export const valueTruth: fc.Arbitrary<ValueTruth> = fc
  .record({
    comparator: fc.constantFrom<Comparator>('at_least', 'at_most', 'more_than', 'less_than', 'exactly', 'between'),
    number: figure,
    numberMax: figure,
    unit: fc.constantFrom(...UNITS),
    negative: fc.boolean(),
  })
  .map(({ comparator, number, numberMax, unit, negative }) => {
    const compared = comparator === 'at_least' || comparator === 'at_most';
    const signed = negative && unit === '%' && compared && number !== '0' ? `-${number}` : number;
    return { comparator, number: signed, numberMax: comparator === 'between' ? numberMax : '', unit };
  });

/** The random choices of one rendering (which word, which spacing), as indexes into the options. */
export const renderChoices = fc.array(fc.nat({ max: 1000 }), { minLength: 16, maxLength: 16 });

/** Picks option `choices[k] mod n`. */
function pick<T>(options: readonly T[], choices: readonly number[], k: number): T {
  return options[(choices[k] ?? 0) % options.length] as T;
}

/** Plain forms by comparator; {a} the figure, {b} the upper figure, {u} the unit. */
const PLAIN: Readonly<Record<Comparator, readonly string[]>> = {
  at_least: [
    '不少于{a}{u}',
    '不低于{a}{u}',
    '≥{a}{u}',
    '大于等于{a}{u}',
    '至少{a}{u}',
    '{a}{u}以上',
    '{a}{u}及以上',
    '>={a}{u}',
  ],
  at_most: [
    '不超过{a}{u}',
    '不高于{a}{u}',
    '≤{a}{u}',
    '小于等于{a}{u}',
    '{a}{u}以下',
    '{a}{u}以内',
    '控制在{a}{u}以内',
  ],
  more_than: ['大于{a}{u}', '超过{a}{u}', '>{a}{u}', '高于{a}{u}'],
  less_than: ['小于{a}{u}', '低于{a}{u}', '<{a}{u}'],
  exactly: ['{a}{u}', '完成{a}{u}', '新增{a}{u}', '{a}{u}左右'],
  between: [
    '{a}-{b}{u}',
    '{a}~{b}{u}',
    '{a}{u}-{b}{u}',
    '≥{a}{u}且≤{b}{u}',
    '{a}至{b}{u}',
    '不低于{a}{u}且不高于{b}{u}',
  ],
};

/** Fill a form. */
function fill(form: string, a: string, b: string, u: string): string {
  return form.replace('{a}', a).replace('{b}', b).replaceAll('{u}', u);
}

/** The value as a notice types it. */
export function plainValue(truth: ValueTruth, choices: readonly number[]): string {
  return fill(pick(PLAIN[truth.comparator], choices, 0), truth.number, truth.numberMax, truth.unit);
}

/** Full-width forms of ASCII digits, letters and signs (as a converter that keeps them writes them). */
export function fullWidthValue(truth: ValueTruth, choices: readonly number[]): string {
  return plainValue(truth, choices).replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));
}

/** Digits and points spaced apart at random, as MinerU spaces them (`8 5 . 3`); `3{,}000` for grouped thousands. */
function spacedFigure(value: string, choices: readonly number[], k: number): string {
  const grouped =
    /^\d{4,}$/.test(value) && (choices[k] ?? 0) % 4 === 0 ? value.replace(/\B(?=(\d{3})+$)/g, '{,}') : value;
  const spacing = (choices[k + 1] ?? 0) % 3;
  if (spacing === 0) return grouped;
  return [...grouped.replace(/\{,\}/g, ',')].join(spacing === 1 ? ' ' : '  ').replace(/,/g, '{,}');
}

/** A unit as MinerU writes it inside math: `\%`, `\text{万亩}`, `\mathrm{m}^{2}`, `\mathrm{元} / \mathrm{亩}`. */
function mathUnit(unit: string, choices: readonly number[], k: number): string {
  if (unit === '') return '';
  if (unit === '%') return '\\%';
  if (unit === 'm²') return '\\mathrm{m}^{2}';
  const [first, second] = unit.split('/');
  const command = pick(['\\text', '\\mathrm'], choices, k);
  if (second !== undefined && (choices[k + 1] ?? 0) % 2 === 0) return `${command}{${first}} / ${command}{${second}}`;
  return ` ${command}{${unit}}`;
}

/** MinerU's comparator commands and escapes, by comparator. */
const MATH_COMPARATOR: Readonly<Record<Exclude<Comparator, 'exactly' | 'between'>, readonly string[]>> = {
  at_least: ['\\geqslant', '\\geq', '\\ge'],
  at_most: ['\\leqslant', '\\leq', '\\le'],
  more_than: ['&gt;', '>'],
  less_than: ['&lt;', '<'],
};

/** Chinese comparator words MinerU leaves outside the math, by comparator. */
const WORD_COMPARATOR: Readonly<Record<Exclude<Comparator, 'exactly' | 'between'>, readonly string[]>> = {
  at_least: ['不少于', '不低于'],
  at_most: ['不超过', '不高于'],
  more_than: ['超过', '高于'],
  less_than: ['低于', '小于'],
};

/** One bound in math: figure and unit inside the span, or the unit (not %) after it. */
function mathBound(value: string, unit: string, choices: readonly number[], k: number, prefix = ''): string {
  const inside = unit === '%' || unit === 'm²' || (choices[k] ?? 0) % 2 === 0;
  const figureText = spacedFigure(value, choices, k + 1);
  return inside ? `$${prefix}${figureText}${mathUnit(unit, choices, k + 3)}$` : `$${prefix}${figureText}$${unit}`;
}

/** The value as MinerU writes it (inline LaTeX; comparator words sometimes outside the math). */
export function mineruValue(truth: ValueTruth, choices: readonly number[]): string {
  const { comparator, number, numberMax, unit } = truth;
  if (comparator === 'exactly') return mathBound(number, unit, choices, 0);
  if (comparator === 'between') {
    const form = (choices[6] ?? 0) % 4;
    const u = mathUnit(unit, choices, 7);
    if (form === 0) return `$${spacedFigure(number, choices, 8)}${u} - ${spacedFigure(numberMax, choices, 10)}${u}$`;
    if (form === 1) {
      const lower = mathBound(number, unit, choices, 0, `${pick(MATH_COMPARATOR.at_least, choices, 12)} `);
      return `${lower}且${mathBound(numberMax, unit, choices, 0, `${pick(MATH_COMPARATOR.at_most, choices, 13)} `)}`;
    }
    if (form === 2 && unit !== '%' && unit !== 'm²')
      return `$${spacedFigure(number, choices, 8)} \\sim ${spacedFigure(numberMax, choices, 10)}$${unit}`;
    return `$${spacedFigure(number, choices, 8)} - ${spacedFigure(numberMax, choices, 10)}${u}$`;
  }
  if ((choices[14] ?? 0) % 3 === 0 && unit !== '%') {
    return `${pick(WORD_COMPARATOR[comparator], choices, 15)}${mathBound(number, unit, choices, 0)}`;
  }
  return mathBound(number, unit, choices, 0, `${pick(MATH_COMPARATOR[comparator], choices, 5)} `);
}

/** The three renderings the tests read. */
export const RENDERINGS = { plain: plainValue, 'full-width': fullWidthValue, mineru: mineruValue } as const;

/** A rendering's name. */
export type Rendering = keyof typeof RENDERINGS;

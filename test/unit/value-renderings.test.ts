import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inlineMathToText } from '../../src/normalize/rules/inlineMath.js';
import { parseTargetValue } from '../../src/targets/value.js';
import { unitKind, valueUnits } from '../../src/targets/valueUnits.js';
import { targetsSpec } from '../support/family.js';
import {
  RENDERINGS,
  UNLISTED_UNITS,
  renderChoices,
  valueTruth,
  type Rendering,
  type ValueTruth,
} from '../support/targetValues.js';

/** The seed family's value units. */
const UNITS = valueUnits(targetsSpec().valueUnits);

/** A value cell as the pipeline reads it: its inline math as text, then parsed against the family's units. */
function read(written: string) {
  return parseTargetValue(inlineMathToText(written), UNITS);
}

/** The fields a reader expects from a truth. */
function expected(truth: ValueTruth) {
  return { comparator: truth.comparator, number: truth.number, numberMax: truth.numberMax, unit: truth.unit };
}

describe('generated target values', () => {
  it.each(Object.keys(RENDERINGS) as Rendering[])('read as their truth when written %s', (rendering) => {
    fc.assert(
      fc.property(valueTruth, renderChoices, (truth, choices) => {
        expect(read(RENDERINGS[rendering](truth, choices))).toEqual(expected(truth));
      }),
      { numRuns: 3000 },
    );
  });

  it('name a unit the family does not list as unlisted, and every other unit by its kind', () => {
    fc.assert(
      fc.property(valueTruth, (truth) => {
        const unlisted = (UNLISTED_UNITS as readonly string[]).includes(truth.unit);
        expect(unitKind(truth.unit, UNITS) === null).toBe(unlisted);
      }),
      { numRuns: 500 },
    );
  });

  it('never make the reader throw, whatever is spliced into them', () => {
    const rendered = fc.tuple(valueTruth, renderChoices, fc.constantFrom(...(Object.keys(RENDERINGS) as Rendering[])));
    fc.assert(
      fc.property(rendered, fc.string(), fc.nat({ max: 40 }), ([truth, choices, rendering], noise, at) => {
        const written = RENDERINGS[rendering](truth, choices);
        const spliced = written.slice(0, at) + noise + written.slice(at);
        const parsed = read(spliced);
        expect(parsed.number).toMatch(/^(|-?\d+(\.\d+)?)$/);
        expect(parsed.numberMax === '' || parsed.comparator === 'between').toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the values of issue 21 as MinerU writes them', () => {
  it.each([
    ['$\\geqslant 85\\%$', 'at_least', '85', '', '%'],
    ['$\\geq 8 5 \\%$', 'at_least', '85', '', '%'],
    ['$\\geqslant 95\\%$且$\\leqslant 100\\%$', 'between', '95', '100', '%'],
    ['$90\\% - 100\\%$', 'between', '90', '100', '%'],
    ['$\\leqslant -1\\%$', 'at_most', '-1', '', '%'],
    ['$100\\%$', 'exactly', '100', '', '%'],
    ['$&gt; 85\\%$', 'more_than', '85', '', '%'],
    ['不少于0.5万亩', 'at_least', '0.5', '', '万亩'],
    ['≤3000元/亩', 'at_most', '3000', '', '元/亩'],
  ])('reads %s as %s %s %s %s', (written, comparator, number, numberMax, unit) => {
    expect(read(written)).toEqual({ comparator, number, numberMax, unit });
  });

  it.each([
    ['1000户/年', '户/年'],
    ['提高2个百分点', '个百分点'],
    ['新增耕地500公顷', '公顷'],
    ['5万元/个', '万元/个'],
    ['培训100人次', '人次'],
    ['500标准亩以上', '标准亩'],
    ['1万千瓦', '万千瓦'],
  ])('reads the unit of %s whole: %s', (written, unit) => {
    expect(read(written).unit).toBe(unit);
  });

  it('reads a listed unit up to the words after it, not beyond', () => {
    expect(read('支持3家企业申报').unit).toBe('家');
    expect(read('不少于4所中小学').unit).toBe('所');
    expect(read('5公顷耕地治理任务').unit).toBe('公顷');
  });

  it('reads no unit from a phrase too long to be one', () => {
    expect(read('完成500亩高标准农田建设').unit).toBe('亩');
    expect(read('治理500处理能力提升工程').unit).toBe('处');
    expect(read('改造500农村公路危桥').unit).toBe('');
  });

  it('reads a year-like figure before a unit as a quantity, and a bare year as text', () => {
    expect(read('完成2000公顷')).toEqual({ comparator: 'exactly', number: '2000', numberMax: '', unit: '公顷' });
    expect(read('≤1981m²')).toEqual({ comparator: 'at_most', number: '1981', numberMax: '', unit: 'm²' });
    expect(read('2024年底前完成').comparator).toBe('text');
  });
});

import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { parseTargetValue, type ParsedValue } from '../../src/targets/value.js';
import { valueUnits } from '../../src/targets/valueUnits.js';
import { targetsSpec } from '../support/family.js';

/** The seed family's value units. */
const SEED_UNITS = valueUnits(targetsSpec().valueUnits);

/** A value read against the seed family's units. */
function parse(raw: string): ParsedValue {
  return parseTargetValue(raw, SEED_UNITS);
}

/** Shorthand for an expected parse. */
function v(comparator: ParsedValue['comparator'], number = '', unit = '', numberMax = ''): ParsedValue {
  return { comparator, number, numberMax, unit };
}

/** Runs a table of [raw, expected] pairs as one sentence-titled test each. */
function table(cases: readonly (readonly [string, ParsedValue])[]): void {
  const rows = cases.map(([raw, expected]) => ({ raw, expected }));
  it.each(rows)('reads $raw as $expected.comparator $expected.number $expected.unit', ({ raw, expected }) => {
    expect(parse(raw)).toEqual(expected);
  });
}

/** Units the generated values are built from (all found in the seed or named by the issue). */
const UNITS = [
  '家',
  '份',
  '次',
  '场',
  '家次',
  '届次',
  '批次',
  '人次',
  '场次',
  '%',
  '亿元',
  '万元',
  '个',
  '项',
  '所',
  '件',
  '户',
  '期',
];

describe('parseTargetValue on missing and qualitative values', () => {
  it('returns an empty comparator for an empty or blank cell', () => {
    for (const raw of ['', '   ', '\t\n', '\u3000']) expect(parse(raw)).toEqual(v(''));
  });
  it('treats a non-string input as a missing value instead of throwing', () => {
    expect(parse(undefined as unknown as string)).toEqual(v(''));
  });
  describe('classifies values without any figure as text', () => {
    table(
      [
        '较上年有增长',
        '不断加强',
        '逐步完善',
        '按合同要求限期完成',
        '进一步提升',
        '稳步增长',
        '保持稳定',
        '提高',
        '企业知识产权能力提升, 贯标企业数量保持稳定',
        '项目完成期限符合相关要求',
      ].map((raw) => [raw, v('text')] as const),
    );
  });
});

describe('parseTargetValue comparators', () => {
  describe('reads 不少于 / 至少 / 不低于 / ≥ / >= / 大于等于 / 以上 as >=', () => {
    table([
      ['不少于1场', v('at_least', '1', '场')],
      ['不少于15家次', v('at_least', '15', '家次')],
      ['至少20家', v('at_least', '20', '家')],
      ['至少7份', v('at_least', '7', '份')],
      ['不低于10%', v('at_least', '10', '%')],
      ['≥30%', v('at_least', '30', '%')],
      ['>=5家', v('at_least', '5', '家')],
      ['大于等于3次', v('at_least', '3', '次')],
      ['20次以上', v('at_least', '20', '次')],
      ['1000次以上', v('at_least', '1000', '次')],
      ['3个以上', v('at_least', '3', '个')],
      ['85%以上', v('at_least', '85', '%')],
      ['5家及以上', v('at_least', '5', '家')],
    ]);
  });
  describe('reads 不高于 / 不超过 / ≤ / <= / 小于等于 / 以下 / 以内 as <=', () => {
    table([
      ['不高于10%', v('at_most', '10', '%')],
      ['≤10%', v('at_most', '10', '%')],
      ['不超过3次', v('at_most', '3', '次')],
      ['<=2件', v('at_most', '2', '件')],
      ['小于等于5%', v('at_most', '5', '%')],
      ['5%以下', v('at_most', '5', '%')],
      ['控制在10%以内', v('at_most', '10', '%')],
    ]);
  });
  describe('reads 大于 / 超过 as > and 小于 / 低于 as <, checking the longer keyword first', () => {
    table([
      ['大于5家', v('more_than', '5', '家')],
      ['超过20次', v('more_than', '20', '次')],
      ['小于3%', v('less_than', '3', '%')],
      ['低于5%', v('less_than', '5', '%')],
      ['不低于5%', v('at_least', '5', '%')],
      ['不超过5%', v('at_most', '5', '%')],
    ]);
  });
  describe('reads a bare figure as =', () => {
    table([
      ['1份', v('exactly', '1', '份')],
      ['2家', v('exactly', '2', '家')],
      ['20期', v('exactly', '20', '期')],
      ['10亿元', v('exactly', '10', '亿元')],
      ['10%', v('exactly', '10', '%')],
      ['0.8', v('exactly', '0.8')],
      ['形成3份', v('exactly', '3', '份')],
      ['撰写1份', v('exactly', '1', '份')],
      ['新增3家', v('exactly', '3', '家')],
      ['后补助单位29个', v('exactly', '29', '个')],
      ['支持3家企业申报', v('exactly', '3', '家')],
      ['完成重点企业专利微导航3份', v('exactly', '3', '份')],
      ['四会市、封开县、德庆县、怀集县各1个', v('exactly', '1', '个')],
    ]);
  });
  describe('reads ranges with -, ～ and 至 as range with an upper bound', () => {
    table([
      ['2-3场', v('between', '2', '场', '3')],
      ['2～3场', v('between', '2', '场', '3')],
      ['2至3场', v('between', '2', '场', '3')],
      ['两至三场', v('between', '2', '场', '3')],
      ['1.5-2亿元', v('between', '1.5', '亿元', '2')],
    ]);
  });
});

describe('parseTargetValue figures and units', () => {
  describe('reads Chinese numerals', () => {
    table([
      ['不少于一个', v('at_least', '1', '个')],
      ['两次', v('exactly', '2', '次')],
      ['十场', v('exactly', '10', '场')],
      ['二十家', v('exactly', '20', '家')],
      ['一百次以上', v('at_least', '100', '次')],
      ['十五家', v('exactly', '15', '家')],
      ['两百人次', v('exactly', '200', '人次')],
      ['一百零五份', v('exactly', '105', '份')],
      ['不少于一', v('at_least', '1')],
      ['一批', v('exactly', '1', '批')],
      ['每年一次', v('exactly', '1', '次')],
      ['每年至少举办两次知识产权公益培训、公益讲座、专题研讨会等培训活动', v('at_least', '2', '次')],
    ]);
  });
  it('does not read numeral characters inside ordinary words as figures', () => {
    const words = [
      '进一步提升',
      '十分重要',
      '一次性完成',
      '“十四五”规划',
      '一、完善制度',
      '统一管理',
      '扎实推进新一轮部省共建',
      '较上一年有增长',
    ];
    for (const raw of words) {
      expect(parse(raw)).toEqual(v('text'));
    }
  });
  describe('takes the longest known unit right after the figure', () => {
    table([
      ['不少于2批次', v('at_least', '2', '批次')],
      ['不少于1届次', v('at_least', '1', '届次')],
      ['不少于1场次', v('at_least', '1', '场次')],
      ['100人次以上', v('at_least', '100', '人次')],
      ['不少于90亿元', v('at_least', '90', '亿元')],
      ['1239万元', v('exactly', '1239', '万元')],
      ['≥7（亿）', v('at_least', '7', '亿')],
      ['≥1（亿）', v('at_least', '1', '亿')],
      ['不少于30家(次)', v('at_least', '30', '家次')],
      ['不少于1届/次', v('at_least', '1', '届次')],
      ['培育发展本地信息公共服务网点不少于1', v('at_least', '1')],
      ['不低于百分之九十', v('at_least', '90', '%')],
    ]);
  });
  describe('finds the figure inside longer text and ignores parentheticals', () => {
    table([
      ['各不少于1次', v('at_least', '1', '次')],
      ['为辖区不少于5家企业提供商标注册指导与服务', v('at_least', '5', '家')],
      ['不少于6场（讲座、交流活动）', v('at_least', '6', '场')],
      ['不少于10份（发明专利申请前评估报告）', v('at_least', '10', '份')],
      ['1份(区域规划类导航或产业规划类)', v('exactly', '1', '份')],
      ['3个(已建设)', v('exactly', '3', '个')],
      ['开展不少于3场分级分类专业培训', v('at_least', '3', '场')],
      ['促进不少于35家企业申报', v('at_least', '35', '家')],
      ['不少于4所中小学', v('at_least', '4', '所')],
      ['力争不少于1件', v('at_least', '1', '件')],
      ['新增通过知识产权贯标企业、省级以上知识产权优势示范企业10家以上', v('at_least', '10', '家')],
      ['完成3份报告，服务不少于5家', v('at_least', '5', '家')],
    ]);
  });
  describe('skips years, dates, ordinals and identifiers when another figure exists', () => {
    table([
      ['2024年完成3场', v('exactly', '3', '场')],
      ['2024年不少于3场', v('at_least', '3', '场')],
      ['组织2024粤港澳知识产权研讨会1场', v('exactly', '1', '场')],
      ['2024年1月前完成2份', v('exactly', '2', '份')],
      ['第2批不少于3家', v('at_least', '3', '家')],
      ['通过ISO9001认证企业5家', v('exactly', '5', '家')],
    ]);
  });
  describe('reads a value holding only dates, years or ordinals as text: a deadline, not a quantity', () => {
    table([
      ['2023年12月28日印发', v('text', '', '')],
      ['2024年12月31日前完成', v('text', '', '')],
      ['第2批', v('text', '', '')],
    ]);
  });
  describe('folds full-width digits and punctuation', () => {
    table([
      ['不少于１２家', v('at_least', '12', '家')],
      ['≥９０％', v('at_least', '90', '%')],
      ['０．５亿元', v('exactly', '0.5', '亿元')],
      ['２～３场', v('between', '2', '场', '3')],
    ]);
  });
  describe('normalizes figures as decimal strings without floats', () => {
    table([
      ['007家', v('exactly', '7', '家')],
      ['1.50亿元', v('exactly', '1.5', '亿元')],
      ['1,000次以上', v('at_least', '1000', '次')],
      ['0.1%', v('exactly', '0.1', '%')],
      ['123456789012345678901234567890家', v('exactly', '123456789012345678901234567890', '家')],
    ]);
  });
  describe('keeps the sign of a figure', () => {
    table([
      ['≤-5%', v('at_most', '-5', '%')],
      ['不低于-3%', v('at_least', '-3', '%')],
      ['-2.5%', v('exactly', '-2.5', '%')],
      ['增长率≥-10%', v('at_least', '-10', '%')],
    ]);
  });
  describe('keeps both bounds of a range', () => {
    table([
      ['≥90%且≤100%', v('between', '90', '%', '100')],
      ['≥90%，≤100%', v('between', '90', '%', '100')],
      ['不低于90%且不高于100%', v('between', '90', '%', '100')],
      ['≤100%且≥90%', v('between', '90', '%', '100')],
      ['90%-100%', v('between', '90', '%', '100')],
      ['≥-5%且≤5%', v('between', '-5', '%', '5')],
    ]);
  });
  it('does not read the dash of a year range or an identifier as a sign', () => {
    expect(parse('2021-2023年完成')).toMatchObject({ number: expect.not.stringMatching(/^-/) });
    expect(parse('ISO-9001认证3家')).toEqual(v('exactly', '3', '家'));
  });
  it('does not mistake the end of a leftover HTML tag for a > comparator', () => {
    expect(parse('<li>3场</li>')).toEqual(v('exactly', '3', '场'));
  });
});

describe('parseTargetValue properties', () => {
  const anyString = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }));
  const tokens = fc.constantFrom(
    '不少于',
    '以上',
    '至',
    '-',
    '1',
    '0',
    '2024',
    '年',
    '一',
    '十',
    '百',
    '两',
    '家',
    '次',
    '(',
    ')',
    '/',
    '%',
    '.',
    ',',
    '≥',
    '<li>',
    ' ',
    '、',
    '第',
    '亿',
    '百分之',
  );
  const tokenString = fc.array(tokens, { maxLength: 30 }).map((parts) => parts.join(''));

  it('never throws and always returns a well-formed value', () => {
    fc.assert(
      fc.property(fc.oneof(anyString, tokenString), (raw) => {
        const parsed = parse(raw);
        expect(parsed.number).toMatch(/^(|0|-?[1-9]\d*)(\.\d*[1-9])?$|^-0\.\d*[1-9]$/);
        expect(parsed.numberMax === '' || parsed.comparator === 'between').toBe(true);
        expect(parsed.number === '').toBe(['', 'text'].includes(parsed.comparator));
      }),
      { numRuns: 2000 },
    );
  });
  it('reads generated 不少于N<unit> and N<unit>以上 as >= N with that unit', () => {
    const n = fc.oneof(fc.nat().map(String), fc.bigInt({ min: 0n, max: 10n ** 30n }).map(String));
    fc.assert(
      fc.property(n, fc.constantFrom(...UNITS), fc.boolean(), (num, unit, prefixed) => {
        const raw = prefixed ? `不少于${num}${unit}` : `${num}${unit}以上`;
        expect(parse(raw)).toEqual(v('at_least', num, unit));
      }),
    );
  });
  it('reads a generated bare N<unit> as = N with that unit', () => {
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(...UNITS), (num, unit) => {
        expect(parse(`${num}${unit}`)).toEqual(v('exactly', String(num), unit));
      }),
    );
  });
  it('reads a generated range A-B<unit> as a range from A to B', () => {
    fc.assert(
      fc.property(fc.nat(), fc.nat(), fc.constantFrom(...UNITS), (a, b, unit) => {
        expect(parse(`${a}-${b}${unit}`)).toEqual(v('between', String(a), unit, String(b)));
      }),
    );
  });
});

describe('parseTargetValue on long input', () => {
  const size = 100_000;
  const inputs: Record<string, string> = {
    digits: '1'.repeat(size),
    'comma groups': '1,'.repeat(size / 2),
    'open brackets': '1('.repeat(size / 2),
    'keywords only': '不少于'.repeat(size / 3),
    'Chinese numerals': '一'.repeat(size),
    'malformed Chinese numerals': '十四五'.repeat(size / 3),
    'dates only': '2024年'.repeat(size / 5),
    'ranges of years': '2024-'.repeat(size / 5),
    'zeros after a point': `0.${'0'.repeat(size)}`,
    'words between keyword and figure': '不少于举办开展家'.repeat(size / 8),
    'unlisted units': '1公顷'.repeat(size / 3),
    magnitudes: '1万'.repeat(size / 2),
    'slashed units': '1元/'.repeat(size / 3),
    'Latin letters after a figure': `1${'k'.repeat(size)}`,
    'ideographs after a figure': `1${'顷'.repeat(size)}`,
  };
  // Speed is measured by the benchmark script, not here: these only show long input is handled.
  it.each(Object.entries(inputs))('reads 100 KB of %s without throwing', (_name, raw) => {
    const parsed = parse(raw);
    expect(['at_least', 'at_most', 'more_than', 'less_than', 'exactly', 'between', 'text', '']).toContain(
      parsed.comparator,
    );
    expect(parsed.number).toMatch(/^(\d+(\.\d+)?)?$/);
  });
});

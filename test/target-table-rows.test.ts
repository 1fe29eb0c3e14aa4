/**
 * Target-table rows of the shapes the seed's OCR gave (labels that contradict each other, cut short, shifted into
 * another column; a row without its value; a metadata row written twice; a garbled department), each written into
 * a table of the small notice of support/smallNotice.ts, so the line a finding or record names is found in the
 * fixture's own text. The rows are as the seed wrote them; what is expected of them was checked by hand there.
 */
import { describe, expect, it } from 'vitest';
import { extractText, recordsOf } from './support/run.js';
import { CITIES, defaultParts, lineOf, type SmallCity, smallNotice, targetTable } from './support/smallNotice.js';

type Row = Record<string, unknown>;
type Found = {
  code: string;
  annex: string;
  source_line: number | null;
  actual: string | null;
  expected: string | null;
};

const [jiangmen, zhanjiang] = CITIES as [SmallCity, SmallCity];

/** A target table of a city: its title and metadata rows, the indicator header, then the given indicator rows. */
function tableWith(
  city: SmallCity,
  rows: readonly string[],
  fields: Parameters<typeof targetTable>[1] = {},
  header: string | null = '\t一级指标\t二级指标\t三级指标\t指标值',
): string[] {
  const lines = targetTable(city, fields);
  const at = lines.findIndex((l) => l.startsWith('\t一级指标'));
  return [...lines.slice(0, at), ...(header === null ? [] : [header]), ...rows, ''];
}

/** The small notice with 江门市's target table replaced; 湛江市's stays as written. */
function run(jiangmenTable: readonly string[]) {
  const text = smallNotice({ targetLines: [...jiangmenTable, ...targetTable(zhanjiang)] });
  const result = extractText(text, 'small');
  const findings = (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Found[] }).findings;
  const indicators = recordsOf(result, 'indicators') as Row[];
  /** The indicator read from a row of the fixture. */
  const at = (row: string): Row => {
    const r = indicators.find((i) => i['source_line'] === lineOf(text, row));
    if (!r) throw new Error(`no indicator at ${JSON.stringify(row)}`);
    return r;
  };
  /** The value of the indicator read from a row, parsed. */
  const value = (row: string): unknown[] =>
    ['value_raw', 'value_comparator', 'value_number', 'value_number_max', 'value_unit'].map((k) => at(row)[k]);
  /** Name, value, levels and flags of the indicator read from a row of the fixture. */
  const brief = (row: string): unknown[] => {
    const r = at(row);
    return [r['name_raw'], r['value_raw'], r['level1'], r['level2'], r['flags']];
  };
  return {
    text,
    at,
    value,
    brief,
    indicators,
    targets: recordsOf(result, 'targets') as Row[],
    of: (code: string) => findings.filter((f) => f.code === code),
  };
}

describe('indicator rows whose labels contradict each other', () => {
  // As 韶关市's table wrote them: a row labelled 效益指标 and 时效指标 with the fragment 经济 beside them.
  const conflict = '效益指标\t时效指标\t经济\t项目完成期限符合相关要求\t按合同要求限期完成\t';
  const below = '\t\t\t经济效益指标\t万人高价值发明专利拥有量\t稳步增长';
  const satisfaction = '服务对象满意度指标\t服务对象满意度\t0.8\t\t\t';
  const got = run(
    tableWith(jiangmen, [
      '绩效指标\t产出指标\t数量指标\t组织开展地理标志保护培训\t不少于1次',
      conflict,
      below,
      satisfaction,
    ]),
  );

  it('keeps the label nearest the name, flags the row and reports the labels', () => {
    expect(got.brief(conflict)).toEqual([
      '项目完成期限符合相关要求',
      '按合同要求限期完成',
      '产出指标',
      '时效指标',
      ['level_conflict'],
    ]);
    expect(got.of('targets/level-conflict')).toMatchObject([
      {
        annex: '3',
        source_line: lineOf(got.text, conflict),
        actual: '效益指标 | 时效指标 | 经济',
        expected: '产出指标/时效指标',
      },
    ]);
  });

  it('reads 经济 beside a full label as no level, and says so', () => {
    expect(got.of('targets/level-label-fragment-ignored')).toMatchObject([
      { source_line: lineOf(got.text, conflict), actual: '经济' },
    ]);
    expect(got.brief(below)).toEqual(['万人高价值发明专利拥有量', '稳步增长', '效益指标', '经济效益指标', []]);
  });

  it('keeps 服务对象满意度, a name that starts a level label, as a name when only it and a value remain', () => {
    expect(got.brief(satisfaction)).toEqual(['服务对象满意度', '0.8', '满意度指标', '服务对象满意度指标', []]);
  });
});

describe('unlabelled rows below a row whose labels contradict each other', () => {
  // As 河源市's table wrote them: the conflicting row, then rows that carry no label of their own.
  const conflict = '效益指标\t社会效益指标\t时效指标\t项目完成期限符合相关要求\t按合同要求限期完成';
  const inheriting = [
    '\t\t企业知识产权贯标推进\t贯标企业数量保持稳定\t',
    '\t为企业提供商品牌相关服务\t不少于45家次\t\t',
    '为电商领域知识产权保护工作\t不断加强\t\t\t',
  ];
  const labelled = '服务对象满意度指标\t服务对象的有效投诉率\t不高于10%\t\t';
  const got = run(
    tableWith(jiangmen, [
      '绩效指标\t产出指标\t数量指标\t支持购买海外知识产权侵权责任险的企业数量\t不少于10家',
      conflict,
      ...inheriting,
      labelled,
    ]),
  );

  it('keeps every label of the conflicting row as written', () => {
    const row = got.indicators.find((r) => r['source_line'] === lineOf(got.text, conflict));
    expect(row?.['level_labels_raw']).toEqual(['效益指标', '社会效益指标', '时效指标']);
    expect(row?.['flags']).toEqual(['level_conflict']);
  });

  it('flags the rows that inherit their levels from it, and reports each', () => {
    const lines = inheriting.map((row) => lineOf(got.text, row));
    const flagged = got.indicators.filter((r) => (r['flags'] as string[]).includes('level_after_conflict'));
    expect(flagged.map((r) => r['source_line'])).toEqual(lines);
    expect(got.of('targets/level-after-conflict').map((f) => f.source_line)).toEqual(lines);
    expect(got.brief(labelled)).toEqual(['服务对象的有效投诉率', '不高于10%', '满意度指标', '服务对象满意度指标', []]);
    expect(got.value(labelled)).toEqual(['不高于10%', 'at_most', '10', '', '%']);
  });

  it('takes the registry level of a standard indicator below it that names no level', () => {
    const row = got.at(inheriting[2] ?? '');
    expect([row['level1'], row['level2']]).toEqual(['效益指标', '社会效益指标']);
  });
});

describe('a level label cut short', () => {
  // As 阳江市's table wrote it: 社会效益 for 社会效益指标.
  const cut = '\t效益指标\t社会效益\t企业知识产权贯标推进\t企业知识产权能力提升, 贯标企业数量保持稳定';
  const got = run(
    tableWith(jiangmen, [
      '绩效指标\t产出指标\t数量指标\t完成地理标志产品培育并提出申报\t不少于1个',
      '\t时效指标\t\t项目完成期限符合相关要求\t按合同要求限期完成',
      cut,
    ]),
  );

  it('reads it as the label it starts, and says so', () => {
    expect(got.brief(cut)).toEqual([
      '企业知识产权贯标推进',
      '企业知识产权能力提升, 贯标企业数量保持稳定',
      '效益指标',
      '社会效益指标',
      [],
    ]);
    expect(got.of('targets/level-label-truncated')).toMatchObject([
      { annex: '3', source_line: lineOf(got.text, cut), actual: '社会效益', expected: '社会效益指标' },
    ]);
  });
});

describe('a row that names 时效指标 and an indicator but gives no value', () => {
  // As 罗定市's table wrote it, and the rows after it with their cells shifted left.
  const noValue = '\t\t\t时效指标\t项目完成期限符合相关要求';
  const shifted = ['社会效益指标\t面向企业开展信息公共服务\t不少于20家\t\t', '\t开展知识产权宣传培训\t不少于1场\t\t'];
  const got = run(
    tableWith(jiangmen, [
      '绩效指标\t产出指标\t数量指标\t发动企业并提出地理标志产品专用标志使用申请\t不少于2批次',
      noValue,
      ...shifted,
    ]),
  );

  it('flags the row and invents no value', () => {
    const row = got.indicators.find((r) => r['source_line'] === lineOf(got.text, noValue));
    expect(row).toMatchObject({
      name_raw: '项目完成期限符合相关要求',
      value_raw: '',
      value_comparator: '',
      value_number: '',
      value_unit: '',
      level1: '产出指标',
      level2: '时效指标',
      flags: ['missing_value'],
    });
    expect(got.of('targets/value-missing').map((f) => f.source_line)).toEqual([lineOf(got.text, noValue)]);
  });

  it('reads the shifted rows after it: name in column 1 or 0, value next to it', () => {
    expect(got.brief(shifted[0] ?? '')).toEqual([
      '面向企业开展信息公共服务',
      '不少于20家',
      '效益指标',
      '社会效益指标',
      [],
    ]);
    expect(got.brief(shifted[1] ?? '')).toEqual(['开展知识产权宣传培训', '不少于1场', '效益指标', '社会效益指标', []]);
  });
});

describe('a metadata row written twice', () => {
  // As 湛江市's table wrote it: 总体绩效目标 twice, the second a copy with more items.
  const first = '总体绩效目标\t1、企业知识产权能力持续提升，贯标企业数量保持稳定。';
  const second = '总体绩效目标\t1、企业知识产权能力持续提升，贯标企业数量保持稳定。13、统筹推进知识产权强省建设。';
  const table = tableWith(jiangmen, defaultParts().targetLines.slice(12, 14));
  const goal = table.findIndex((l) => l.startsWith('总体绩效目标'));
  const got = run([...table.slice(0, goal), first, second, ...table.slice(goal + 1)]);

  it('keeps the first and reports the second, naming the line of the first', () => {
    expect(got.targets[0]?.['overall_goal']).toBe('1、企业知识产权能力持续提升，贯标企业数量保持稳定。');
    expect(got.of('targets/metadata-repeated')).toMatchObject([
      {
        annex: '3',
        source_line: lineOf(got.text, second),
        actual: '总体绩效目标',
        expected: String(lineOf(got.text, first)),
      },
    ]);
  });
});

describe('local departments as OCR wrote them', () => {
  it('joins a garbled department (市 doubled, 局 lost) by similarity and reports the guess', () => {
    const got = run(tableWith(jiangmen, defaultParts().targetLines.slice(12, 14), { department: '江门市市市场监' }));
    expect(got.targets[0]).toMatchObject({
      recipient_code: jiangmen.code,
      recipient_match: 'fuzzy',
      local_department_raw: '江门市市市场监',
    });
    expect(got.of('join/recipient-fuzzy')).toMatchObject([
      {
        annex: '3',
        source_line: lineOf(got.text, /^省级主管部门\t.*\t江门市市市场监$/),
        actual: '江门市市市场监',
        expected: `${jiangmen.name}本级 (${jiangmen.code})`,
      },
    ]);
  });

  it('joins a department whose 局 was cut off exactly', () => {
    const got = run(tableWith(jiangmen, defaultParts().targetLines.slice(12, 14), { department: '江门市市场监管' }));
    expect(got.targets[0]).toMatchObject({
      recipient_code: jiangmen.code,
      recipient_match: 'exact',
      local_department_raw: '江门市市场监管',
    });
    expect(got.of('join/recipient-fuzzy')).toEqual([]);
  });
});

describe('indicator rows whose cells OCR shifted, and levels carried down', () => {
  // As 广州市's table wrote them: labels on the first row only, then rows shifted one, three or four cells left.
  const rows = [
    '绩效指标\t产出指标\t数量指标\t建设高价值专利培育布局中心\t不少于5家',
    '\t\t\t形成产业专利导航报告\t不少于3份',
    '\t\t\t知识产权保护中心提供快速预审、快速确权和快速维权服务\t1000次以上',
    '\t\t\t专利侵权纠纷行政裁决案件量\t较上年有增长',
    '\t培育知识产权保护规范化市场（家）\t不少于2家\t\t',
    '开展海外知识产权纠纷案件业务指导\t不少于20次\t\t\t',
    '时效指标\t项目完成期限符合相关要求\t按合同要求限期完成\t\t',
    '效益指标\t经济效益指标\t促进专利转让、许可等转化运营项目\t不少于100项\t',
    '\t\t公共服务网点\t不少于50家\t',
  ] as const;
  const got = run(tableWith(jiangmen, rows));

  it('carries the levels of a labelled row down to the rows without labels', () => {
    expect(got.brief(rows[1])).toEqual(['形成产业专利导航报告', '不少于3份', '产出指标', '数量指标', []]);
    expect(got.brief(rows[8])).toEqual(['公共服务网点', '不少于50家', '效益指标', '经济效益指标', []]);
  });

  it('reads a row shifted left: name in column 1 or 0, value next to it', () => {
    expect(got.brief(rows[4])).toEqual(['培育知识产权保护规范化市场（家）', '不少于2家', '产出指标', '数量指标', []]);
    expect(got.brief(rows[5])).toEqual(['开展海外知识产权纠纷案件业务指导', '不少于20次', '产出指标', '数量指标', []]);
    expect(got.brief(rows[6])).toEqual(['项目完成期限符合相关要求', '按合同要求限期完成', '产出指标', '时效指标', []]);
  });

  it('parses values into comparator, number, upper bound and unit, keeping the raw text', () => {
    expect(got.value(rows[0])).toEqual(['不少于5家', 'at_least', '5', '', '家']);
    expect(got.value(rows[2])).toEqual(['1000次以上', 'at_least', '1000', '', '次']);
    expect(got.value(rows[3])).toEqual(['较上年有增长', 'text', '', '', '']);
  });
});

describe('more shifted rows and values', () => {
  // As 珠海市's, 惠州市's, 东莞市's and 英德市's tables wrote them.
  const rows = [
    '绩效指标\t产出指标\t数量指标\t支持完善英德红茶有关行业组织建设\t不少于一个',
    '\t\t\t组织宣传、推介会、研讨会、讲座等活动推广地理标志产品\t2-3场',
    '\t\t\t知识产权保护中心提供快速预审、快速确权 and 快速维权服务\t500次以上',
    '\t参加海外知识产权保护(侵权责任险)培训企业\t不少于50家\t\t',
    '开设地理标志专用标志使用申请窗口\t1个\t\t\t',
    '\t时效指标\t项目完成期限符合相关要求\t按合同要求限期完成\t',
    '质量指标\t提升商标品牌指导站服务能力\t为辖区不少于5家企业提供商标注册指导与服务\t\t',
    '\t效益指标\t经济效益指标\t知识产权质押贷款登记金额\t知识产权质押贷款登记金额',
  ] as const;
  const got = run(tableWith(jiangmen, rows));

  it('reads the shifted rows with the levels above them', () => {
    expect(got.brief(rows[3])).toEqual([
      '参加海外知识产权保护(侵权责任险)培训企业',
      '不少于50家',
      '产出指标',
      '数量指标',
      [],
    ]);
    expect(got.brief(rows[4])).toEqual(['开设地理标志专用标志使用申请窗口', '1个', '产出指标', '数量指标', []]);
    expect(got.brief(rows[5])).toEqual(['项目完成期限符合相关要求', '按合同要求限期完成', '产出指标', '时效指标', []]);
  });

  it('parses ranges, numbers in words and numbers inside a sentence', () => {
    expect(got.value(rows[0])).toEqual(['不少于一个', 'at_least', '1', '', '个']);
    expect(got.value(rows[1])).toEqual(['2-3场', 'between', '2', '3', '场']);
    expect(got.value(rows[6])).toEqual(['为辖区不少于5家企业提供商标注册指导与服务', 'at_least', '5', '', '家']);
  });

  it('normalizes the name and keeps the raw one beside it', () => {
    // The normalized name is what the indicator registry matches, so the row also gets its standard id.
    expect(got.at(rows[2])).toMatchObject({
      name_raw: '知识产权保护中心提供快速预审、快速确权 and 快速维权服务',
      name: '知识产权保护中心提供快速预审、快速确权和快速维权服务',
      indicator_id: 'I-保护中心快速服务',
      indicator_match: 'exact',
    });
  });

  it('flags the value that repeats its name', () => {
    expect(got.brief(rows[7])).toEqual([
      '知识产权质押贷款登记金额',
      '知识产权质押贷款登记金额',
      '效益指标',
      '经济效益指标',
      ['value_equals_name'],
    ]);
    expect(got.indicators.filter((r) => (r['flags'] as string[]).includes('value_equals_name'))).toHaveLength(1);
  });
});

describe('a table without a level-2 column', () => {
  // As 汕尾市's and 云浮市's tables wrote them: 绩效指标 | 产出指标 | name | value, the header without its empty cell.
  const rows = [
    '绩效指标\t产出指标\t形成产业专利导航报告\t1份(区域规划类导航或产业规划类)',
    '\t\t开展知识产权交易对接活动\t不少于2场',
    '\t\t提供知识产权纠纷调解\t20次以上',
    '开设地理标志专用标志使用申请窗口\t1个\t\t',
    '时效指标\t项目完成期限符合相关要求\t\t按合同要求限期完成',
  ] as const;
  const got = run(tableWith(jiangmen, rows, {}, '一级指标\t二级指标\t三级指标\t指标值'));

  it('leaves level2 empty, and the registry invents none', () => {
    expect(got.brief(rows[0])).toEqual(['形成产业专利导航报告', '1份(区域规划类导航或产业规划类)', '产出指标', '', []]);
    expect(got.brief(rows[1])).toEqual(['开展知识产权交易对接活动', '不少于2场', '产出指标', '', []]);
    expect([got.at(rows[2])['level2'], got.at(rows[2])['flags']]).toEqual(['', []]);
  });

  it('reads a level-2 label that the row itself names', () => {
    expect(got.brief(rows[4])).toEqual(['项目完成期限符合相关要求', '按合同要求限期完成', '产出指标', '时效指标', []]);
  });
});

describe('a table without an indicator header', () => {
  // As 湛江市's table wrote it: the indicator rows follow the metadata, 绩效指标 | 数量指标 without 产出指标.
  const rows = [
    '绩效指标\t数量指标\t召开专利导航成果发布会\t1场',
    '时效指标\t项目完成期限符合相关要求\t按合同要求限期完成\t',
    '效益指标\t经济效益指标\t专利权质押融资金额\t≥7（亿）',
  ] as const;
  const got = run(tableWith(jiangmen, rows, {}, null));

  it('reads level1 from the level-2 label', () => {
    expect(got.brief(rows[0])).toEqual(['召开专利导航成果发布会', '1场', '产出指标', '数量指标', []]);
  });

  it('parses a value written with a sign and a unit in brackets', () => {
    expect(got.value(rows[2])).toEqual(['≥7（亿）', 'at_least', '7', '', '亿']);
  });
});

describe('a row shifted after a row whose labels contradict each other', () => {
  // As 和平县's table wrote them.
  const conflict = '\t社会效益指标\t服务对象满意度指标\t服务企业数\t不少于15家次';
  const shifted = '服务对象有效投诉率\t\t不高于10%\t\t';
  const got = run(
    tableWith(jiangmen, [
      '绩效指标\t产出指标\t数量指标\t组织开展商标品牌相关知识宣传活动\t不少于1次',
      '\t\t时效指标\t项目完成期限符合相关要求\t按合同要求限期完成',
      conflict,
      shifted,
    ]),
  );

  it('keeps the label nearest the name and flags the row below it as inheriting', () => {
    expect(got.brief(conflict)).toEqual([
      '服务企业数',
      '不少于15家次',
      '满意度指标',
      '服务对象满意度指标',
      ['level_conflict'],
    ]);
    expect(got.brief(shifted)).toEqual([
      '服务对象有效投诉率',
      '不高于10%',
      '满意度指标',
      '服务对象满意度指标',
      ['level_after_conflict'],
    ]);
  });
});

describe('a standard indicator under a carried-down level-2 it does not belong to', () => {
  // As 揭阳市's table wrote it: 项目完成期限 with no label of its own below rows of 数量指标.
  const row = '项目完成期限符合相关要求\t按合同要求限期完成\t\t\t';
  const got = run(tableWith(jiangmen, ['绩效指标\t产出指标\t数量指标\t组织开展地理标志保护培训\t不少于1次', row]));

  it('takes its levels from the indicator registry and says so in its flags', () => {
    expect([got.at(row)['level1'], got.at(row)['level2'], got.at(row)['flags']]).toEqual([
      '产出指标',
      '时效指标',
      ['level_from_registry'],
    ]);
  });
});

/**
 * A small notice of the seed's family written from scratch (two cities, new amounts and names), whose
 * parts a test changes one at a time to provoke one finding: the body, the allocation table's rows, the
 * detail table's rows and one target table per city. Its truth is its own: the amounts add up, the detail
 * table restates the allocation in 万元, each target table's 资金需求 is its city's allocation.
 */

/** One city of the notice: its region code, allocation in 元, detail budget code. */
export interface SmallCity {
  name: string;
  code: string;
  yuan: number;
  budgetCode: string;
}

/** The cities of the default notice. */
export const CITIES: readonly SmallCity[] = [
  { name: '江门市', code: '440700000', yuan: 3_000_000, budgetCode: '607001' },
  { name: '湛江市', code: '440800000', yuan: 2_000_000, budgetCode: '608001' },
];

/** What a test may replace. */
export interface SmallNoticeParts {
  /** The body's lines between the title and the list of attachments. */
  body: string[];
  /** The unit line above the allocation table. */
  allocationUnit: string;
  /** The allocation table's rows, header first (tab-separated). */
  allocationRows: string[];
  /** The detail table's rows, header first. */
  detailRows: string[];
  /** The target tables' lines, each table under its own title. */
  targetLines: string[];
}

const yuanText = (yuan: number): string => yuan.toFixed(2);
const wanText = (yuan: number): string => String(yuan / 10_000);
const total = CITIES.reduce((s, c) => s + c.yuan, 0);

/** The allocation table's header. */
export const ALLOCATION_HEADER =
  '地区\t地区编码\t二级项目名称\t分配单位\t三保目录\t是否直拨“三保”专户\t功能分类科目\t金额\t备注';

/** An allocation item row of a city's own budget. */
export function allocationItem(
  city: SmallCity,
  cells: Partial<{ amount: string; flag: string; recipient: string; code: string }> = {},
): string {
  const recipient = cells.recipient ?? `${city.code} ${city.name}本级`;
  return [
    `${city.name}本级`,
    cells.code ?? city.code,
    `知识产权专项资金${city.name}任务`,
    recipient,
    'W 无',
    cells.flag ?? '否',
    '2011409 知识产权宏观管理',
    cells.amount ?? yuanText(city.yuan),
    '',
  ].join('\t');
}

/** A city's subtotal row in the allocation table. */
export function allocationSubtotal(city: SmallCity, amount = yuanText(city.yuan)): string {
  return [`${city.name}小计`, city.code, '', '', '', '', '', amount, ''].join('\t');
}

/** The allocation table's grand total row. */
export function allocationTotal(amount = yuanText(total)): string {
  return ['合计', '', '', '', '', '', '', amount, ''].join('\t');
}

/** The default allocation rows: header, grand total, per city a subtotal and its item. */
export function allocationRows(): string[] {
  return [ALLOCATION_HEADER, allocationTotal(), ...CITIES.flatMap((c) => [allocationSubtotal(c), allocationItem(c)])];
}

/** The detail table's header. */
export const DETAIL_HEADER = '序号\t预算代码\t地区（单位）\t项目名称\t资金额（万元）';

/** A detail item row: the city's bureau and its amount in 万元. */
export function detailItem(city: SmallCity, name = `${city.name}市场监督管理局`, wan = wanText(city.yuan)): string {
  return ['', '', name, '知识产权专项资金', wan].join('\t');
}

/** The default detail rows: header, total, per city a subtotal and one item. */
export function detailRows(): string[] {
  return [
    DETAIL_HEADER,
    ['合计', '', '', '', wanText(total)].join('\t'),
    ...CITIES.flatMap((c, i) => [
      [String(i + 1), c.budgetCode, `${c.name}小计`, '', wanText(c.yuan)].join('\t'),
      detailItem(c),
    ]),
  ];
}

/** One target table of a city: title, metadata rows, indicator header and two indicators. */
export function targetTable(
  city: SmallCity,
  fields: Partial<{ year: string; demand: string; department: string }> = {},
): string[] {
  return [
    '## 省财政专项转移支付绩效目标表(二级项目-区域)',
    '',
    '项目名称\t2025年知识产权专项资金',
    '资金类型\t省级财政专项资金',
    '项目等级\t二级项目',
    `省级主管部门\t广东省市场监管局\t地方主管部门\t${fields.department ?? `${city.name}市场监管局`}`,
    `预算年度\t${fields.year ?? '2025年'}`,
    `资金需求\t${fields.demand ?? `${wanText(city.yuan)}万元`}`,
    '支出内容\t知识产权创造运用保护',
    '政策依据\t《关于强化知识产权保护的若干措施》',
    `总体绩效目标\t提高${city.name}知识产权创造质量`,
    '\t一级指标\t二级指标\t三级指标\t指标值',
    '绩效指标\t产出指标\t数量指标\t形成产业专利导航报告\t不少于2份',
    '\t效益指标\t社会效益指标\t新建知识产权联盟数量\t不少于1个',
    '',
  ];
}

/** The parts of the default notice. */
export function defaultParts(): SmallNoticeParts {
  return {
    body: [
      '有关地级以上市财政局：',
      '',
      '现下达2025年度省级知识产权专项资金，列2011409“知识产权宏观管理”科目，请按规定使用。',
      '',
    ],
    allocationUnit: '单位：元',
    allocationRows: allocationRows(),
    detailRows: detailRows(),
    targetLines: CITIES.flatMap((c) => targetTable(c)),
  };
}

/** The notice as Markdown, with the parts a test replaced. */
export function smallNotice(changes: Partial<SmallNoticeParts> = {}): string {
  const p = { ...defaultParts(), ...changes };
  return [
    '# 广东省财政厅文件',
    '',
    '粤财工〔2024〕58号',
    '',
    '## 广东省财政厅关于下达2025年度省级知识产权专项资金的通知',
    '',
    ...p.body,
    '- 附件：1. 知识产权专项资金分配情况表  ',
    '2. 知识产权专项资金明细分配表  ',
    '3. 省财政专项转移支付绩效目标表',
    '',
    '广东省财政厅',
    '',
    '2024年12月18日',
    '',
    '## 附件1',
    '',
    '## 知识产权专项资金分配情况表',
    '',
    p.allocationUnit,
    '',
    ...p.allocationRows,
    '',
    '## 附件2',
    '',
    '## 知识产权专项资金明细分配表',
    '',
    '单位：万元',
    '',
    ...p.detailRows,
    '',
    '## 附件3',
    '',
    ...p.targetLines,
    '**公开方式：依申请公开**',
    '',
    '抄送：省市场监管局。',
    '',
    '广东省财政厅办公室',
    '',
    '2024年12月20日印发',
    '',
  ].join('\n');
}

/** The 1-based line of the first line of a text that equals (or, given a RegExp, matches) the one sought. */
export function lineOf(text: string, sought: string | RegExp): number {
  const at = text.split('\n').findIndex((l) => (typeof sought === 'string' ? l === sought : sought.test(l)));
  if (at < 0) throw new Error(`no line ${String(sought)} in the notice`);
  return at + 1;
}

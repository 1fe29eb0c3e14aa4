import { describe, expect, it } from 'vitest';
import type { AllocationRow } from '../../schemas/allocations.js';
import { levelVocabulary } from '../../src/targets/levels.js';
import { splitTargetTable } from '../../src/targets/tableParts.js';
import { targetTables } from '../../src/targets/tables.js';
import { readTarget } from '../../src/targets/target.js';
import { loadFamilies } from '../../src/family/load.js';
import { targetsSpec } from '../support/family.js';
import { Collector } from '../../src/findings/context.js';
import { buildRecipientIndex } from '../../src/join/recipients.js';
import { parseMarkdown } from '../../src/parse/markdown.js';
import { outlineOf } from '../../src/locate/outline.js';

const family = loadFamilies().find((f) => f.id === 'gd-special-transfer');
if (!family) throw new Error('family gd-special-transfer not found');
const spec = targetsSpec('3', family);
const vocab = levelVocabulary(spec);

const allocation = (code: string, name: string): AllocationRow => ({
  row_type: 'item',
  region_name: name,
  region_code: code,
  project_name: '',
  recipient_code: code,
  recipient_name: name,
  sanbao_catalog: '',
  direct_to_sanbao_account: null,
  function_subject_code: '',
  function_subject_name: '',
  amount_yuan: '0.00',
  remark: '',
  source_line: 1,
  amount_raw: '',
});
const recipients = buildRecipientIndex(
  [allocation('440783000', '开平市'), allocation('441826000', '连南瑶族自治县')],
  family,
);

/** Lines of a small Annex 3: a stray row, then two tables. */
const annex = [
  '# 附件3', // 1
  '', // 2
  '孤行\t不属于任何表', // 3
  '', // 4
  '## 省财政专项转移支付绩效目标表(二级项目-区域)', // 5
  '', // 6
  '项目名称\t2024年转移支付知识产权专项资金\t\t\t', // 7
  '省级主管部门\t广东省市场监管局\t地方主管部门\t开平市市市场监\t', // 8
  '预算年度\t２０２４年\t\t\t', // 9
  '资金需求\t1,239万元\t\t\t', // 10
  '政策依据\t<ol><li>《甲》</li><li>《乙》</li></ol>\t\t\t', // 11
  '总体绩效目标\t<ol><li>1、甲；</li><li>2、乙。</li></ol>\t\t\t', // 12
  '总体绩效目标\t重复的一行\t\t\t', // 13
  '\t一级指标\t二级指标\t三级指标\t指标值', // 14
  '绩效指标\t产出指标\t数量指标\t提供知识产权纠纷调解\t3次以上', // 15
  '\t一级指标\t二级指标\t三级指标\t指标值', // 16
  '\t\t\t支持建设维权援助服务站点\t不少于1个', // 17
  '', // 18
  '# 省财政专项转移支付绩效目标表(二级项目-区域)', // 19
  '', // 20
  '地方主管部门\t连南县市场监管局', // 21
  '预算年度\t明年', // 22
  '资金需求\t三百万元', // 23
].join('\n');

function split() {
  const parsed = parseMarkdown(annex);
  const ctx = new Collector();
  const tables = targetTables(parsed, { start: 1, end: parsed.lines.length }, outlineOf(parsed), spec, ctx);
  return { tables, ctx };
}

describe('targetTables', () => {
  it('splits Annex 3 at each table heading, at # or ##, up to the next one', () => {
    const { tables } = split();
    expect(tables.map((t) => [t.line, t.range.start, t.range.end])).toEqual([
      [5, 5, 18],
      [19, 19, 23],
    ]);
  });
  it('reports table rows before the first table heading', () => {
    const { ctx } = split();
    expect(ctx.findings.filter((f) => f.code === 'targets/row-outside-table')).toEqual([
      expect.objectContaining({ source_line: 3, actual: '孤行 | 不属于任何表' }),
    ]);
  });
  it('reports an annex without any table heading as an error', () => {
    const parsed = parseMarkdown('# 附件3\n\n项目名称\t甲');
    const ctx = new Collector();
    expect(targetTables(parsed, { start: 1, end: 3 }, outlineOf(parsed), spec, ctx)).toEqual([]);
    expect(ctx.findings.map((f) => [f.code, f.severity])).toEqual([
      ['targets/row-outside-table', 'warning'],
      ['targets/tables-missing', 'error'],
    ]);
  });
});

describe('splitTargetTable', () => {
  it('reads label–value pairs, two on one row, and sends the other rows to the indicators', () => {
    const { tables } = split();
    const ctx = new Collector();
    const parts = splitTargetTable(tables[0]?.rows ?? [], spec, vocab, ctx);
    expect(parts.metadata.provincial_department?.cell?.text).toBe('广东省市场监管局');
    expect(parts.metadata.local_department?.cell?.text).toBe('开平市市市场监');
    expect(parts.indicatorRows.map((r) => r.line)).toEqual([15, 17]);
  });
  it('keeps the first of a repeated metadata row and the first header, reporting the repeats', () => {
    const { tables } = split();
    const ctx = new Collector();
    const parts = splitTargetTable(tables[0]?.rows ?? [], spec, vocab, ctx);
    expect(parts.metadata.overall_goal?.cell?.line).toBe(12);
    expect(ctx.findings.map((f) => [f.code, f.source_line])).toEqual([
      ['targets/metadata-repeated', 13],
      ['grid/repeated-header-dropped', 16],
    ]);
  });
});

describe('readTarget', () => {
  it('parses year and fund demand, joins a garbled department by similarity and keeps the policy cell as HTML', () => {
    const { tables } = split();
    const table = tables[0];
    if (!table) throw new Error('no table');
    const ctx = new Collector();
    const { target, policy } = readTarget(
      table,
      splitTargetTable(table.rows, spec, vocab, new Collector()),
      spec,
      recipients,
      ctx,
    );
    expect(target).toMatchObject({
      recipient_code: '440783000',
      recipient_match: 'fuzzy',
      local_department: '开平市市市场监',
      budget_year: '2024',
      budget_year_raw: '２０２４年',
      fund_demand_wan: '1239',
      fund_demand_raw: '1,239万元',
      overall_goal: '1、甲；\n2、乙。',
      source_line: 5,
    });
    expect(policy).toEqual({
      annex: '3',
      source_row: 5,
      recipient_code: '440783000',
      recipient_match: 'fuzzy',
      source_line: 11,
      raw: '<ol><li>《甲》</li><li>《乙》</li></ol>',
      text: '《甲》\n《乙》',
    });
    expect(ctx.findings.map((f) => f.code)).toEqual([
      'targets/metadata-missing',
      'join/recipient-fuzzy',
      'money/amount-repaired',
    ]);
    expect(ctx.findings[0]?.actual).toBe('资金类型、项目等级、支出内容');
  });
  it('joins a short name by alias and leaves an unreadable year and amount empty, reported', () => {
    const { tables } = split();
    const table = tables[1];
    if (!table) throw new Error('no table');
    const ctx = new Collector();
    const { target, policy } = readTarget(table, splitTargetTable(table.rows, spec, vocab, ctx), spec, recipients, ctx);
    expect(target).toMatchObject({
      recipient_code: '441826000',
      recipient_match: 'alias',
      budget_year: '',
      fund_demand_wan: '',
    });
    expect(policy).toBeNull();
    expect(ctx.findings.map((f) => [f.code, f.source_line])).toEqual([
      ['targets/metadata-missing', 19],
      ['join/recipient-alias', 21],
      ['targets/budget-year-invalid', 22],
      ['targets/fund-demand-invalid', 23],
    ]);
  });
  it('converts a fund demand written in 元 into 万元 exactly', () => {
    const parsed = parseMarkdown('## 绩效目标表\n\n资金需求\t12345元');
    const ctx = new Collector();
    const [table] = targetTables(parsed, { start: 1, end: 3 }, outlineOf(parsed), spec, ctx);
    if (!table) throw new Error('no table');
    const { target } = readTarget(table, splitTargetTable(table.rows, spec, vocab, ctx), spec, recipients, ctx);
    expect(target.fund_demand_wan).toBe('1.2345');
  });
});

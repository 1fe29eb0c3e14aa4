import { describe, expect, it } from 'vitest';
import { extractTargets } from '../src/targets/extract.js';
import { Collector } from '../src/findings/context.js';
import { loadFamilies } from '../src/family/load.js';
import { buildRecipientIndex } from '../src/join/recipients.js';
import { locateAnnexes } from '../src/locate/annexes.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import type { AllocationRow } from '../schemas/allocations.js';
import { extractText, recordsOf, seedText, withoutLines } from './support/run.js';
import { toHtmlTables, toPipeTables } from './support/variants.js';

const seed = extractText(seedText(), 'seed');
const targets = recordsOf(seed, 'targets');
const indicators = recordsOf(seed, 'indicators');
const details = recordsOf(seed, 'details');
const lines = seedText().split('\n');

/**
 * An independent reading of the raw text, sharing no code with the pipeline: a table starts at a
 * `#`/`##` line naming 绩效目标表 after `# 附件3`; its indicator rows are its tab-separated lines
 * except the metadata lines (first cell a metadata label) and the 一级指标 header line.
 */
const METADATA = [
  '项目名称',
  '资金类型',
  '项目等级',
  '省级主管部门',
  '预算年度',
  '资金需求',
  '支出内容',
  '政策依据',
  '总体绩效目标',
];
const annex3Line = lines.indexOf('# 附件3') + 1;
const tableLines = lines.flatMap((l, i) => (i + 1 > annex3Line && /^#{1,2} .*绩效目标表/.test(l) ? [i + 1] : []));
const rawIndicatorLines = tableLines.map((start, k) => {
  const end = tableLines[k + 1] ?? lines.length + 1;
  const found: number[] = [];
  for (let n = start + 1; n < end; n++) {
    const text = lines[n - 1] ?? '';
    if (!text.includes('\t') || METADATA.includes((text.split('\t')[0] ?? '').trim()) || text.includes('一级指标'))
      continue;
    found.push(n);
  }
  return found;
});

describe('the target tables of the seed', () => {
  it('finds 42 tables, one target each, starting at the 42 table headings', () => {
    expect(tableLines).toHaveLength(42);
    expect(targets).toHaveLength(42);
    expect(targets.map((t) => t['source_line'])).toEqual(tableLines);
  });

  it('joins every table to a different Annex 1 recipient', () => {
    const codes = targets.map((t) => t['recipient_code']);
    expect(codes.every((c) => /^\d{9}$/.test(String(c)))).toBe(true);
    expect(new Set(codes).size).toBe(42);
    // 连南瑶族自治县's department as written in full.
    expect(targets.find((t) => t['recipient_code'] === '441826000')).toMatchObject({
      local_department: '连南瑶族自治县市场监管局',
    });
  });

  it("gives every target a fund demand equal to its recipient's Annex 2 amount", () => {
    const items = details.filter((d) => d['row_type'] === 'item');
    expect(items).toHaveLength(42);
    for (const t of targets) {
      const item = items.find((d) => d['recipient_code'] === t['recipient_code']);
      expect(item, String(t['local_department'])).toBeDefined();
      expect(t['fund_demand_wan'], String(t['local_department'])).toBe(item?.['amount_wan']);
    }
  });

  it('reads the metadata block of the first table (广州市) field by field', () => {
    expect(targets[0]).toMatchObject({
      recipient_code: '440100000',
      local_department: '广州市市场监管局',
      provincial_department: '广东省市场监管局',
      project_name: '2024年转移支付知识产权专项资金',
      fund_type: '省级财政专项资金',
      project_level: '二级项目',
      budget_year: '2024',
      fund_demand_wan: '1239',
      spending_content: '知识产权高质量创造、运用、保护、服务能力提升项目',
      source_line: tableLines[0],
      recipient_match: 'exact',
      budget_year_raw: '2024年',
      fund_demand_raw: '1239万元',
      indicator_count: 28,
    });
    expect(String(targets[0]?.['overall_goal'])).toMatch(
      /^贯彻落实党中央、国务院关于知识产权工作的决策部署，高效促进知识产权运用/,
    );
  });

  it('reads every budget year 2024年 as "2024"', () => {
    expect(new Set(targets.map((t) => t['budget_year']))).toEqual(new Set(['2024']));
  });

  it('writes an overall goal given as an HTML list as plain text, one item per line', () => {
    const zhuhai = targets.find((t) => t['local_department'] === '珠海市市场监管局');
    const goal = String(zhuhai?.['overall_goal']);
    expect(goal.split('\n')).toHaveLength(14);
    expect(goal.split('\n')[0]).toBe('1、支持珠海企业开展精准高价值专利培育布局；');
    expect(goal).not.toMatch(/<|>/);
  });

  it('keeps the 政策依据 cell as HTML for reading citations later', () => {
    const family = loadFamilies()[0];
    if (!family) throw new Error('no family');
    const parsed = parseMarkdown(seedText());
    const ctx = new Collector();
    const layout = locateAnnexes(parsed, family, ctx);
    const recipients = buildRecipientIndex(recordsOf(seed, 'allocations') as unknown as AllocationRow[], family);
    const annex = layout.annexes.find((a) => a.kind === 'targets');
    if (!annex) throw new Error('no target-table annex');
    const { policyCells } = extractTargets(
      parsed,
      annex.range,
      layout.outline,
      { ...family.annexes.targets, label: annex.label },
      recipients,
      ctx,
    );
    expect(policyCells).toHaveLength(42);
    // The first table's 政策依据 line, as the raw text has it.
    const policyLine = lines.findIndex((l, i) => i + 1 > (tableLines[0] ?? 0) && l.startsWith('政策依据\t')) + 1;
    expect(policyCells[0]).toMatchObject({ recipient_code: '440100000', source_line: policyLine });
    expect(policyCells[0]?.raw).toMatch(
      /^<ol style="list-style-type: none"> <li>《国家知识产权局关于进一步提升专利申请质量的若干意见》<\/li>/,
    );
    expect(policyCells[0]?.text.split('\n')[0]).toBe('《国家知识产权局关于进一步提升专利申请质量的若干意见》');
  });
});

describe('the indicators of the seed', () => {
  it('has 787 indicator rows, as many as the raw text has indicator lines', () => {
    expect(rawIndicatorLines.flat()).toHaveLength(787);
    expect(indicators).toHaveLength(787);
  });

  it('has per table exactly the indicator lines of the raw text, in order and numbered from 1', () => {
    targets.forEach((t, k) => {
      const own = indicators.filter((r) => r['recipient_code'] === t['recipient_code']);
      expect(
        own.map((r) => r['source_line']),
        String(t['local_department']),
      ).toEqual(rawIndicatorLines[k]);
      expect(own.map((r) => r['seq'])).toEqual(own.map((_, i) => i + 1));
      expect(t['indicator_count']).toBe(own.length);
    });
  });

  it('reads every name and value as the raw line gives them once the label cells are set aside', () => {
    // Labels of the seed, cut-short ones (社会效益, 经济) included; empty cells skipped; runs of spaces read as one.
    const labels = new Set([
      '绩效指标',
      '产出指标',
      '效益指标',
      '满意度指标',
      '数量指标',
      '质量指标',
      '时效指标',
      '经济效益指标',
      '社会效益指标',
      '可持续影响指标',
      '服务对象满意度指标',
      '社会效益',
      '经济',
    ]);
    for (const r of indicators) {
      const content = (lines[Number(r['source_line']) - 1] ?? '')
        .split('\t')
        .map((c) => c.trim().replace(/ {2,}/g, ' '))
        .filter((c) => c !== '' && !labels.has(c));
      expect([r['name_raw'], r['value_raw']], `line ${r['source_line']}`).toEqual([content[0], content[1] ?? '']);
      expect(content.length, `line ${r['source_line']}`).toBeLessThanOrEqual(2);
    }
  });

  it('counts by hand: 28 rows for 广州市, 5 for 东源县, 46 for 云浮市, 20 for 罗定市', () => {
    const count = (department: string): unknown =>
      targets.find((t) => t['local_department'] === department)?.['indicator_count'];
    expect(['广州市市场监管局', '东源县市场监管局', '云浮市市场监管局', '罗定市市场监管局'].map(count)).toEqual([
      28, 5, 46, 20,
    ]);
  });

  it('gives each row that carries consistent level labels the levels it names', () => {
    const parentOf: Record<string, string> = {
      数量指标: '产出指标',
      质量指标: '产出指标',
      时效指标: '产出指标',
      成本指标: '产出指标',
      经济效益指标: '效益指标',
      社会效益指标: '效益指标',
      生态效益指标: '效益指标',
      可持续影响指标: '效益指标',
      服务对象满意度指标: '满意度指标',
    };
    const level1s = ['产出指标', '效益指标', '满意度指标'];
    let checked = 0;
    for (const r of indicators) {
      const cells = (lines[Number(r['source_line']) - 1] ?? '').split('\t').map((c) => c.trim());
      const l2 = [...new Set(cells.filter((c) => c in parentOf))];
      const l1 = [...new Set([...cells.filter((c) => level1s.includes(c)), ...l2.map((w) => parentOf[w])])];
      if (l1.length === 0) continue;
      if (l1.length > 1 || l2.length > 1) {
        expect(r['flags'], `line ${r['source_line']}`).toContain('level_conflict');
        continue;
      }
      checked++;
      expect(r['level1'], `line ${r['source_line']}`).toBe(l1[0]);
      if (l2.length === 1) expect(r['level2'], `line ${r['source_line']}`).toBe(l2[0]);
      expect(r['flags'], `line ${r['source_line']}`).not.toContain('level_conflict');
    }
    // 162 indicator lines carry a level label; 5 of them contradict themselves (test/target-table-rows.test.ts has their shapes).
    expect(checked).toBe(157);
  });

  it('has flags on 15 rows only: 5 conflicts, 7 rows below them, 1 missing value, 1 value equal to its name, 1 level from the registry alone', () => {
    expect(indicators.filter((r) => (r['flags'] as string[]).length > 0)).toHaveLength(15);
  });

  it('parses a number from every value that holds a digit', () => {
    const withDigit = indicators.filter((r) => /\d/.test(String(r['value_raw'])));
    expect(withDigit.length).toBe(657);
    expect(withDigit.filter((r) => r['value_number'] === '')).toEqual([]);
  });
});

describe('the target tables in other table encodings', () => {
  it('gives the same targets and indicators when the tables are HTML with rowspan and colspan', () => {
    const html = extractText(toHtmlTables(seedText(), { rowspan: true }), 'seed');
    expect(withoutLines(recordsOf(html, 'targets'))).toEqual(withoutLines(targets));
    expect(withoutLines(recordsOf(html, 'indicators'))).toEqual(withoutLines(indicators));
  });

  it('gives the same targets and indicators when the tables are GFM pipe tables', () => {
    const pipe = extractText(toPipeTables(seedText()), 'seed');
    expect(withoutLines(recordsOf(pipe, 'targets'))).toEqual(withoutLines(targets));
    expect(withoutLines(recordsOf(pipe, 'indicators'))).toEqual(withoutLines(indicators));
  });
});

import { describe, expect, it } from 'vitest';
import type { NoticeFiles } from '../src/emit/noticeFiles.js';
import { headerRole } from '../src/grid/header.js';
import { headerKey } from '../src/normalize/headerKey.js';
import { generateNotice, renderNewNotice, type NewStyle, type RenderOptions } from './support/newContent.js';
import { checkNotice } from './support/newContentCheck.js';
import { extractText, families } from './support/run.js';

/**
 * The amount column of a money table as other notices name it: by what its header says (a money word with a year,
 * 本次 or 拟 before it and a unit after it), and, when several columns hold amounts (已下达 | 本次下达 | 合计), the
 * one this notice allocates. New-content notices (test/support/newContent.ts) are written with such headers; the
 * extraction must give the generator's truth.
 */
const family = families.find((f) => f.id === 'gd-special-transfer');
if (!family) throw new Error('no gd-special-transfer family');
const allocation = { ...family.annexes.allocation, label: '1' };
const detail = { ...family.annexes.detail, label: '2' };

interface Finding {
  code: string;
  severity: string;
  source_line: number | null;
  actual?: unknown;
  expected?: unknown;
}

/** The findings of a run. */
function findingsOf(result: NoticeFiles): Finding[] {
  return (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;
}

/** Extract a generated notice rendered with `options` and compare it with the generator's truth. */
function run(seed: number, style: NewStyle, options: RenderOptions) {
  const notice = generateNotice(seed);
  const result = extractText(renderNewNotice(notice, style, options), `amount-columns-${seed}`);
  return { notice, result, check: checkNotice(notice, result), findings: findingsOf(result) };
}

describe('an amount header read by what it says', () => {
  const year = generateNotice(2).year;
  const headers = [
    '本次下达金额',
    '资金数额',
    '分配数',
    `${year}年预算数`,
    `${year}年度预算数（万元）`,
    '拨付金额（万元）',
    '安排资金数',
    '拟安排资金',
    '本年下达资金',
  ];
  it.each(headers.flatMap((h) => (['tsv', 'mineru', 'marker'] as const).map((style) => [h, style] as const)))(
    'reads %s as the amount column (%s): every allocation as generated, no error',
    (header, style) => {
      const { notice, check, findings } = run(2, style, { amountHeader: header });
      expect(check.allocations.differences).toEqual([]);
      expect(check.allocations.exact).toBe(notice.allocations.length);
      expect(check.errors).toEqual([]);
      expect(findings.filter((f) => f.code === 'grid/header-column-unknown' && f.actual === header)).toEqual([]);
    },
  );

  it('names no other column an amount: 序号, 预算代码, 项目名称, 备注, 资金类型, 单位名称 keep their roles or none', () => {
    for (const spec of [allocation, detail]) {
      for (const text of [
        '序号',
        '预算代码',
        '项目名称',
        '备注',
        '资金类型',
        '单位名称',
        '资金来源',
        '功能分类科目',
        '合计',
      ]) {
        expect(headerRole(headerKey(text).key, spec), text).not.toBe('amount');
      }
      for (const text of ['本次下达金额', '资金数额', '分配数', '2024年预算数', '下达资金（万元）', '安排金额'])
        expect(headerRole(headerKey(text).key, spec), text).toBe('amount');
    }
  });
});

describe('several amount columns', () => {
  const styles = ['tsv', 'mineru', 'web', 'marker', 'docling'] as const;
  it.each(styles)(
    'reads the column of this notice (本次下达) beside the earlier amounts and their total, and says so (%s)',
    (style) => {
      const { notice, check, findings } = run(3, style, { earlierAmounts: 'this-marked' });
      expect(check.allocations.differences).toEqual([]);
      expect(check.allocations.exact).toBe(notice.allocations.length);
      expect(check.errors).toEqual([]);
      const chosen = findings.filter((f) => f.code === 'grid/column-chosen');
      const grouped = style === 'mineru' || style === 'web';
      expect(chosen).toHaveLength(1);
      expect(chosen[0]?.actual).toBe(grouped ? '资金金额 / 本次下达' : '本次下达资金');
      expect(chosen[0]?.expected).toBe(grouped ? '"资金金额 / 已下达", "资金金额 / 合计"' : '"已下达资金", "合计"');
    },
  );

  it.each(styles)(
    'reads the only column whose header marks no earlier amount or total when none is marked 本次 (%s)',
    (style) => {
      const { notice, check, findings } = run(5, style, { earlierAmounts: 'others-marked' });
      expect(check.allocations.differences).toEqual([]);
      expect(check.allocations.exact).toBe(notice.allocations.length);
      expect(check.errors).toEqual([]);
      expect(findings.filter((f) => f.code === 'grid/column-chosen')).toHaveLength(1);
    },
  );

  it('reads the first of two amount columns that no header tells apart, with a warning naming both', () => {
    const notice = generateNotice(1);
    // A second amount column after the first, under a header that marks neither: 补助资金 holds other figures.
    const { text, headerLine } = withColumnAfterAmount(renderNewNotice(notice, 'tsv'), '补助资金', '1');
    const result = extractText(text, 'amount-columns-unclear');
    expect(checkNotice(notice, result).allocations.exact).toBe(notice.allocations.length);
    const unclear = findingsOf(result).filter((f) => f.code === 'grid/column-choice-unclear');
    expect(unclear).toEqual([
      expect.objectContaining({
        severity: 'warning',
        source_line: headerLine,
        actual: '资金金额',
        expected: '"补助资金"',
      }),
    ]);
  });

  it('takes no column for the amount because its header begins with 本年 or 本次 without naming an amount', () => {
    const notice = generateNotice(1);
    const { text } = withColumnAfterAmount(renderNewNotice(notice, 'tsv'), '本年度建设任务', '完成建设');
    const result = extractText(text, 'amount-columns-not-amount');
    expect(checkNotice(notice, result).allocations.differences).toEqual([]);
    expect(findingsOf(result).filter((f) => f.code.startsWith('grid/column-ch'))).toEqual([]);
  });
});

/** A TSV notice with a column added after 资金金额: its header, and the same text in each row of the table. */
function withColumnAfterAmount(text: string, header: string, cell: string): { text: string; headerLine: number } {
  const lines = text.split('\n');
  const headerAt = lines.findIndex((l) => l.split('\t').includes('资金金额'));
  const amountAt = (lines[headerAt] ?? '').split('\t').indexOf('资金金额');
  for (let k = headerAt; k < lines.length && (lines[k] ?? '') !== ''; k++) {
    const cells = (lines[k] ?? '').split('\t');
    cells.splice(amountAt + 1, 0, k === headerAt ? header : cell);
    lines[k] = cells.join('\t');
  }
  return { text: lines.join('\n'), headerLine: headerAt + 1 };
}

import { describe, expect, it } from 'vitest';
import { Decimal } from 'decimal.js';
import { checkStatedTotal, readStatedTotal, readStatedTotals } from '../../src/reconcile/statedTotal.js';
import { Collector } from '../../src/findings/context.js';
import { seedFamily } from '../support/family.js';

const patterns = seedFamily().metadata.statedTotal;
const read = (...lines: string[]) => readStatedTotal(lines, patterns);

describe('the total a notice body states', () => {
  it('reads 共计…万元 in 元, with its line', () => {
    const total = read('有关市县财政局：', '现下达2024年度专项资金，共计17285万元（详见附件1）。');
    expect(total?.yuan.toFixed(2)).toBe('172850000.00');
    expect(total?.line).toBe(2);
  });

  it('reads 合计 in 元 with thousands separators, and 下达…资金 in 亿元', () => {
    expect(read('合计 172,850,000.00 元')?.yuan.toFixed(2)).toBe('172850000.00');
    expect(read('现提前下达2024年度省级卫生健康专项资金1.2亿元。')?.yuan.toFixed(2)).toBe('120000000.00');
  });

  it("reads 下达…资金 with the fund's part in brackets before the figure", () => {
    expect(read('现下达2024年省级医疗卫生专项资金（基层能力提升）1200.5万元。')?.yuan.toFixed(2)).toBe('12005000.00');
    expect(read('现下达2024年度专项资金（第一批）300万元（详见附件1）。')?.yuan.toFixed(2)).toBe('3000000.00');
    expect(read('现下达2024年度专项资金（详见附件1）。此项资金支出列 2011409 科目。')).toBeNull();
  });

  it('reads a sentence the OCR broke over two lines', () => {
    expect(read('现下达专项资金共计', '17285万元。')?.line).toBe(1);
  });

  it("finds nothing in the seed's body, which states no total", () => {
    expect(
      read(
        '现提前下达 2024 年度省级市场监管管理（知识产权创造、运用和保护）专项资金（详见附件 1）。此项资金支出列 2011409 “知识产权宏观管理”科目。',
      ),
    ).toBeNull();
  });

  it('reads every total a body states, and holds a table to any of them, reporting a mismatch against the first', () => {
    const body = ['2023年已下达该项资金5000万元。', '现再下达2024年度专项资金，共计17285万元（详见附件1）。'];
    const totals = readStatedTotals(body, patterns);
    // 共计 (the first pattern) comes first, then 下达…资金 5000万元.
    expect(totals.map((t) => [t.yuan.toFixed(0), t.line])).toEqual([
      ['172850000', 2],
      ['50000000', 1],
    ]);
    const check = (yuan: string) => {
      const ctx = new Collector();
      checkStatedTotal(totals, [{ kind: 'allocation', annex: '1', yuan: new Decimal(yuan), line: 30 }], ctx);
      return ctx.findings;
    };
    expect(check('172850000')).toEqual([]);
    expect(check('50000000')).toEqual([]);
    expect(check('172860000')).toEqual([
      expect.objectContaining({
        code: 'reconcile/stated-total-mismatch',
        actual: '172860000.00 元',
        expected: '172850000.00 元',
      }),
    ]);
  });
});

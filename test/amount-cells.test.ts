import { describe, expect, it } from 'vitest';
import type { NoticeFiles } from '../src/emit/noticeFiles.js';
import {
  ALLOCATION_HEADER,
  allocationItem,
  allocationSubtotal,
  allocationTotal,
  CITIES,
  detailRows,
  lineOf,
  smallNotice,
} from './support/smallNotice.js';
import { extractText, recordsOf } from './support/run.js';

/**
 * Amount cells as tables write them beyond a plain figure: a dash or a slash for nothing allocated (—, －, -, /), a
 * currency sign before the figure (¥860.00). Each is read, kept as written in amount_raw, and said; a figure after a
 * dash stays a negative amount. The small notice (test/support/smallNotice.ts) is changed one cell at a time; the
 * expected amounts are the notice's own (江门市 3,000,000 元, 湛江市 2,000,000 元).
 */
const [jiangmen, zhanjiang] = CITIES as [(typeof CITIES)[0], (typeof CITIES)[0]];

interface Report {
  findings: { code: string; severity: string; source_line: number | null; actual?: unknown }[];
  repairs: Record<string, number>;
}

function reportOf(result: NoticeFiles): Report {
  return JSON.parse(result.files.get('report.json') ?? '{}') as Report;
}

describe('an amount cell holding a nil mark', () => {
  it.each(['—', '－', '-', '/', '－－', '— —'])('reads "%s" as 0, keeps it as written and says so', (mark) => {
    // 湛江市 is given nothing: its item and subtotal write the mark, the grand total is 江门市's alone.
    const rows = [
      ALLOCATION_HEADER,
      allocationTotal('3000000.00'),
      allocationSubtotal(jiangmen),
      allocationItem(jiangmen),
      allocationSubtotal(zhanjiang, mark),
      allocationItem(zhanjiang, { amount: mark }),
    ];
    const text = smallNotice({ allocationRows: rows });
    const result = extractText(text, 'nil-mark');
    const records = recordsOf(result, 'allocations');
    expect(records.map((r) => [r['row_type'], r['amount_yuan'], r['amount_raw']])).toEqual([
      ['grand_total', '3000000.00', '3000000.00'],
      ['subtotal', '3000000.00', '3000000.00'],
      ['item', '3000000.00', '3000000.00'],
      ['subtotal', '0.00', mark],
      ['item', '0.00', mark],
    ]);
    const report = reportOf(result);
    const itemLine = lineOf(text, allocationItem(zhanjiang, { amount: mark }));
    expect(report.findings.filter((f) => f.code === 'money/amount-invalid')).toEqual([]);
    expect(report.findings.filter((f) => f.code === 'money/amount-nil').map((f) => [f.source_line, f.actual])).toEqual([
      [itemLine - 1, mark],
      [itemLine, mark],
    ]);
    expect(report.repairs['nil-mark-zero']).toBe(2);
  });

  it('reads a nil mark in a detail table (万元) as 0 as well', () => {
    const rows = detailRows().map((r) =>
      r.endsWith(`\t${zhanjiang.yuan / 10_000}`) ? r.replace(/\t[^\t]*$/u, '\t—') : r,
    );
    const result = extractText(smallNotice({ detailRows: rows }), 'nil-mark-detail');
    const details = recordsOf(result, 'details').filter((r) => r['amount_raw'] === '—');
    expect(details.map((r) => [r['amount_wan'], r['amount_yuan']])).toEqual([
      ['0', '0.00'],
      ['0', '0.00'],
    ]);
    expect(reportOf(result).findings.filter((f) => f.code === 'money/amount-invalid')).toEqual([]);
  });

  it.each([
    ['-80', '-80.00'],
    ['－80', '-80.00'],
    ['-0', '0.00'],
  ])('reads "%s" after a dash as a figure, not a nil mark', (cell, yuan) => {
    const text = smallNotice({
      allocationRows: [ALLOCATION_HEADER, allocationItem(jiangmen, { amount: cell })],
    });
    const result = extractText(text, 'negative');
    expect(recordsOf(result, 'allocations').map((r) => [r['amount_yuan'], r['amount_raw']])).toEqual([[yuan, cell]]);
    expect(reportOf(result).findings.filter((f) => f.code === 'money/amount-nil')).toEqual([]);
  });
});

describe('an amount cell with a currency sign', () => {
  it.each(['¥3000000.00', '￥3,000,000.00', '¥ 3000000', '￥３００００００'])(
    'reads "%s" as its figure, the sign counted as a repair and the cell kept as written',
    (cell) => {
      const rows = [
        ALLOCATION_HEADER,
        allocationTotal(),
        allocationSubtotal(jiangmen),
        allocationItem(jiangmen, { amount: cell }),
        allocationSubtotal(zhanjiang),
        allocationItem(zhanjiang),
      ];
      const result = extractText(smallNotice({ allocationRows: rows }), 'currency-sign');
      const item = recordsOf(result, 'allocations').find((r) => r['amount_raw'] === cell);
      expect(item?.['amount_yuan']).toBe('3000000.00');
      const report = reportOf(result);
      expect(report.repairs['currency-sign']).toBe(1);
      expect(report.findings.filter((f) => f.severity === 'error')).toEqual([]);
      expect(report.findings.filter((f) => f.code === 'money/amount-repaired' && f.actual === cell)).toHaveLength(1);
    },
  );
});

import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_HEADER,
  allocationItem,
  allocationSubtotal,
  allocationTotal,
  CITIES,
  smallNotice,
} from './support/smallNotice.js';
import { extractText, recordsOf } from './support/run.js';

/**
 * An allocation table in 万元 whose unit stands in a row of its own just under the header (as a spreadsheet saved
 * with the unit in its last column writes it), no unit line above: every amount is read in 万元. Truth: the small
 * notice's amounts, written here in 万元.
 */
const wan = (yuan: number): string => (yuan / 10_000).toFixed(2);
const total = CITIES.reduce((s, c) => s + c.yuan, 0);

describe('a unit in a row of its own under the header', () => {
  for (const cell of ['单位：万元', '（单位：万元）', '金额单位：人民币万元']) {
    it(`reads the table in 万元 (${cell}), the family's 元 not guessed`, () => {
      const rows = [
        ALLOCATION_HEADER,
        `\t\t\t\t\t\t\t\t${cell}`,
        allocationTotal(wan(total)),
        ...CITIES.flatMap((c) => [allocationSubtotal(c, wan(c.yuan)), allocationItem(c, { amount: wan(c.yuan) })]),
      ];
      const result = extractText(smallNotice({ allocationUnit: '', allocationRows: rows }), 'unit-under-header');
      const items = recordsOf(result, 'allocations').filter((r) => r['row_type'] === 'item');
      expect(items.map((r) => [r['amount_yuan'], r['unit']])).toEqual(CITIES.map((c) => [c.yuan.toFixed(2), '万元']));
      const codes = (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: { code: string }[] }).findings;
      expect(codes.map((f) => f.code)).not.toContain('money/unit-defaulted');
    });
  }
});

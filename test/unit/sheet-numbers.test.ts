/**
 * Numbers of a spreadsheet as Excel shows them: a computed cell's stored double read at 15
 * significant digits (its binary noise dropped and counted), and a format's currency sign or unit
 * taken for the decoration it is, not for a hidden digit. Expected values come from decimal
 * arithmetic on the generator's own amounts.
 */
import { Decimal } from 'decimal.js';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelDecimal, shownNumber } from '../../src/files/numberFormat.js';
import { readXlsx } from '../../src/files/xlsx.js';

const cents = fc.integer({ min: 1, max: 99_999_999_999 });

describe('a stored number', () => {
  it('reads a computed sum of amounts as the decimal sum, whatever noise its double carries', () => {
    fc.assert(
      fc.property(cents, cents, cents, (a, b, c) => {
        const parts = [a, b, c].map((n) => new Decimal(n).dividedBy(100));
        const stored = parts.reduce((sum, p) => sum + p.toNumber(), 0);
        const sum = parts.reduce((x, p) => x.plus(p), new Decimal(0));
        // A sum of three amounts under 10^9 has at most 13 significant digits: Excel shows it exactly.
        expect(excelDecimal(stored)).toBe(sum.toFixed());
      }),
    );
  });

  it('says when the stored double had noise, and shows it under a two-decimal format as faithful', () => {
    const noisy = shownNumber(65.50000000000001, '0.00');
    expect(noisy).toMatchObject({ exact: '65.5', digits: '65.50', faithful: true, noisy: true });
    expect(shownNumber(65.5, '0.00').noisy).toBe(false);
  });
});

describe('a number format with a currency sign or a unit', () => {
  const FORMATS = [
    '"¥"#,##0.00',
    '¥#,##0.00',
    '[$¥-804]#,##0.00',
    '#,##0.00"元"',
    '_ ¥* #,##0.00_ ;_ ¥* -#,##0.00_ ',
    '"¥"#,##0.00;"¥"-#,##0.00',
    '#,##0.00 ;[Red]-#,##0.00 ',
  ];

  it('hides no digit: the number is read as its digits show it, for any amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: -99_999_999_999, max: 99_999_999_999 }), fc.constantFrom(...FORMATS), (n, f) => {
        const value = new Decimal(n).dividedBy(100);
        const shown = shownNumber(value.toNumber(), f);
        // A single-section format shows a negative number with its own minus sign, as the others write one.
        expect(shown.faithful, `${f} ${value.toFixed()}`).toBe(true);
        expect(new Decimal(shown.digits.replace(/,/g, '')).equals(value)).toBe(true);
        expect(shown.digits).toMatch(/^-?\d{1,3}(,\d{3})*\.\d{2}$/);
      }),
    );
  });

  it('still reports a format whose literal holds a digit, or that rounds the number away', () => {
    expect(shownNumber(5, '"1"0').faithful).toBe(false);
    expect(shownNumber(1239.05, '"¥"#,##0').faithful).toBe(false);
  });
});

describe('a workbook of computed amounts shown in yuan', () => {
  it('reads each as its sum, with no format warning and one finding counting the noisy cells', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('分配表');
    ws.addRow(['地区', '金额']);
    const expected: string[] = [];
    let noisy = 0;
    for (let i = 0; i < 30; i++) {
      const parts = [10, 20, 1000 + i * 37].map((n) => new Decimal(n).dividedBy(100));
      const stored = parts.reduce((sum, p) => sum + p.toNumber(), 0);
      const sum = parts.reduce((x, p) => x.plus(p), new Decimal(0));
      if (String(stored) !== sum.toFixed()) noisy++;
      const row = ws.addRow([`地区${i}`, stored]);
      row.getCell(2).numFmt = i % 2 === 0 ? '"¥"#,##0.00' : '#,##0.00';
      expected.push(sum.toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ','));
    }
    expect(noisy).toBeGreaterThan(0);
    const { blocks, findings } = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 'a.xlsx');
    const table = blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' ? table.rows.slice(1).map((r) => r.cells[1]?.text) : []).toEqual(expected);
    expect(findings.map((f) => f.code)).toEqual(['files/number-float-noise']);
    expect(findings[0]?.params?.['count']).toBe(noisy);
  });
});

import fc from 'fast-check';
import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { parseAmount, roundScore, wanString, yuanString } from '../../src/normalize/amount.js';

describe('reading an amount cell', () => {
  it('reads a plain figure exactly, without repairs', () => {
    const a = parseAmount('172850000.00');
    expect(a.value?.toFixed(2)).toBe('172850000.00');
    expect(a).toMatchObject({ written: '172850000.00', repairs: [], unit: null });
  });

  it('keeps the sign and every decimal (no float rounding)', () => {
    expect(parseAmount('-0.10').value?.toString()).toBe('-0.1');
    expect(parseAmount('12345678901234567.89').written).toBe('12345678901234567.89');
    expect(
      parseAmount('0.1')
        .value?.plus(parseAmount('0.2').value ?? 0)
        .toString(),
    ).toBe('0.3');
  });

  it('names each repair it needed: full-width digits, spaces, a unit written in the cell, thousands separators', () => {
    expect(parseAmount('１２３９．５')).toMatchObject({ written: '1239.5', repairs: ['full-width-digits'] });
    expect(parseAmount('1 239')).toMatchObject({ written: '1239', repairs: ['spaces-in-number'] });
    expect(parseAmount('1239万元')).toMatchObject({ written: '1239', repairs: ['unit-suffix'], unit: '万元' });
    expect(parseAmount('12,390,000.00')).toMatchObject({ written: '12390000.00', repairs: ['thousands-separator'] });
    expect(parseAmount('１２，３９０ 元').repairs).toEqual([
      'full-width-digits',
      'spaces-in-number',
      'unit-suffix',
      'thousands-separator',
    ]);
  });

  it('refuses what is not a number even after repairs, keeping what it tried', () => {
    expect(parseAmount('1,2390')).toMatchObject({ value: null, written: '', repairs: [] });
    expect(parseAmount('约1239')).toMatchObject({ value: null, written: '' });
    expect(parseAmount('')).toMatchObject({ value: null, written: '' });
    expect(parseAmount('12.3.4').value).toBeNull();
  });

  it('never throws, and a value it returns prints back as written', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const a = parseAmount(text);
        return a.value === null ? a.written === '' : new Decimal(a.written).equals(a.value);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back any decimal it is given, grouped or not', () => {
    const decimals = fc
      .tuple(fc.bigInt({ min: 0n, max: 10n ** 15n }), fc.integer({ min: 0, max: 99 }), fc.boolean())
      .map(([whole, cents, negative]) => `${negative ? '-' : ''}${whole}.${String(cents).padStart(2, '0')}`);
    fc.assert(
      fc.property(decimals, (d) => {
        const grouped = d.replace(/\B(?=(\d{3})+(?!\d))(?=\d*\.)/g, ',');
        return parseAmount(d).written === d && parseAmount(grouped).written === d;
      }),
      { numRuns: 1000 },
    );
  });
});

describe('writing amounts as the contract does', () => {
  it('writes 元 with two decimals', () => {
    expect(yuanString(new Decimal('172850000'))).toBe('172850000.00');
    expect(yuanString(new Decimal('0.005'))).toBe('0.01');
  });

  it('keeps a 万元 figure as written, and converts 元 or 亿元 into 万元 exactly', () => {
    expect(wanString('17285.00', '万元', new Decimal('17285'))).toBe('17285.00');
    expect(wanString('172850000', '元', new Decimal('172850000'))).toBe('17285');
    expect(wanString('1.7285', '亿元', new Decimal('1.7285'))).toBe('17285');
    expect(wanString('1', '元', new Decimal('1'))).toBe('0.0001');
  });

  it('rounds similarity scores to three decimals', () => {
    expect(roundScore(0.86666)).toBe(0.867);
    expect(roundScore(1)).toBe(1);
  });
});

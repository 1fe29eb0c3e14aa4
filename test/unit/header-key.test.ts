import { describe, expect, it } from 'vitest';
import { headerKey } from '../../src/normalize/headerKey.js';

describe('a header cell reduced for comparison', () => {
  it.each([
    ['金额（元）', '金额', '元'],
    ['资金额（万元）', '资金额', '万元'],
    ['资金额（单位：万元）', '资金额', '万元'],
    ['分配金额(单位:元)', '分配金额', '元'],
    ['金额（人民币万元）', '金额', '万元'],
    ['金额（万元人民币）', '金额', '万元'],
    ['金额（单位 ： 亿元）', '金额', '亿元'],
    ['“三保”专户', '三保专户', null],
    ['地区（单位）', '地区(单位)', null],
  ])('reads %s as %s with unit %s', (text, key, unit) => {
    expect(headerKey(text)).toEqual({ key, unit });
  });
});

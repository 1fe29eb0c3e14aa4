import { describe, expect, it } from 'vitest';
import { statedUnit } from '../../src/money/unitLine.js';
import type { ParsedNotice } from '../../src/parse/markdown.js';

/** The unit a money annex states before its table, as converters write it. */
function unitOf(...lines: string[]): string | null {
  const parsed = { lines } as unknown as ParsedNotice;
  return statedUnit(parsed, { start: 1, end: lines.length })?.unit ?? null;
}

describe('the unit an annex states', () => {
  it('reads a 单位 line however it is bracketed, spaced or emphasised', () => {
    expect(unitOf('单位：万元')).toBe('万元');
    expect(unitOf('（单位：万元）')).toBe('万元');
    expect(unitOf('(单位:元)')).toBe('元');
    expect(unitOf('**单位：万元**')).toBe('万元');
    expect(unitOf('金额单位： 万元')).toBe('万元');
    expect(unitOf('资金单位：亿元')).toBe('亿元');
    expect(unitOf('填报日期：2023年12月28日　　　　单位：万元')).toBe('万元');
  });

  it('reads a unit at the end of the table title', () => {
    expect(unitOf('## 知识产权创造、运用和保护—提前下达分配情况表（单位：万元）')).toBe('万元');
    expect(unitOf('2024年资金明细分配表（万元）')).toBe('万元');
  });

  it("leaves a header cell's unit to the header, and finds none where none is stated", () => {
    expect(unitOf('序号\t预算代码\t地区（单位）\t项目名称\t资金额（万元）')).toBeNull();
    expect(unitOf('| 序号 | 资金额（万元） |')).toBeNull();
    expect(unitOf('知识产权创造、运用和保护—提前下达分配情况表', '填报单位：广州市')).toBeNull();
  });
});

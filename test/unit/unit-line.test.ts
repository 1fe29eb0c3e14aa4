import { describe, expect, it } from 'vitest';
import type { GridRow } from '../../src/grid/grid.js';
import { statedUnit, unitInTitleRows } from '../../src/money/unitLine.js';
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

describe('the unit an annex states, as other notices and OCR write it', () => {
  it.each([
    ['单位：人民币万元', '万元'],
    ['金额单位：人民币元', '元'],
    ['（单位：万元人民币）', '万元'],
    ['货币单位：万元', '万元'],
    ['计量单位：元', '元'],
    ['单位 万元', '万元'],
    ['单位万元', '万元'],
    ['单位：万元（保留两位小数）', '万元'],
    ['单位：元。', '元'],
    ['（万元）', '万元'],
    ['(人民币亿元)', '亿元'],
    ['2024年资金分配表（人民币万元）', '万元'],
    ['填报日期：2024年3月5日\u3000\u3000单位：万元', '万元'],
  ])('reads %s as %s', (line, unit) => {
    expect(unitOf(line)).toBe(unit);
  });

  it.each(['各单位万元以上的项目须报备', '下达资金1200万元', '（一）资金用途', '单位：万元以上项目'])(
    'finds no unit in %s',
    (line) => {
      expect(unitOf(line)).toBeNull();
    },
  );

  it('finds none in a line of 50k spaces between 单位 and text, at once', () => {
    const started = performance.now();
    expect(unitOf(`单位${' '.repeat(50_000)}x`, `（${' '.repeat(50_000)}万元${' '.repeat(50_000)}x`)).toBeNull();
    expect(performance.now() - started).toBeLessThan(2_000);
  });

  it('reads a unit from any cell of a title row, the last one included', () => {
    const row = (line: number, ...texts: string[]) => ({ line, cells: texts.map((text) => ({ text })) });
    const rows = [row(3, '附件1'), row(4, '', '', '', '单位：万元')] as unknown as GridRow[];
    expect(unitInTitleRows(rows)).toEqual({ unit: '万元', line: 4 });
    expect(unitInTitleRows(rows.slice(0, 1))).toBeNull();
  });
});

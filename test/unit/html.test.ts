import { htmlTableTitle } from '../../src/locate/outline.js';
import { describe, expect, it } from 'vitest';
import { htmlRows } from '../../src/grid/html.js';

const texts = (html: string): string[][] =>
  htmlRows(html, 1).map((r) => r.cells.map((c) => c.text || (c.rowSpanOf ? `^${c.rowSpanOf.text}` : '')));

describe('HTML table grids', () => {
  it('expands rowspan and colspan into covered cells', () => {
    expect(
      texts('<table><tr><td rowspan="2">A</td><td colspan="2">B</td></tr><tr><td>C</td><td>D</td></tr></table>'),
    ).toEqual([
      ['A', 'B', ''],
      ['^A', 'C', 'D'],
    ]);
  });

  it('counts a rowspan down on a row that ends before the spanned column', () => {
    const grid = texts(
      '<table><tr><td>A</td><td>B</td><td rowspan="3">C</td></tr><tr><td>D</td></tr><tr><td>E</td><td>F</td></tr><tr><td>G</td><td>H</td><td>I</td></tr></table>',
    );
    expect(grid).toEqual([
      ['A', 'B', 'C'],
      ['D', '', '^C'],
      ['E', 'F', '^C'],
      ['G', 'H', 'I'],
    ]);
  });

  it('keeps each row on its own source line', () => {
    expect(htmlRows('<table>\n<tr><td>a</td></tr>\n<tr><td>b</td></tr>\n</table>', 10).map((r) => r.line)).toEqual([
      11, 12,
    ]);
  });
});

describe("an HTML table's own title", () => {
  it('keeps the words of a caption or a spanned title cell apart across line breaks', () => {
    const table = (head: string) => `<table>\n${head}<tr><td>地区</td><td>金额</td></tr></table>`;
    expect(htmlTableTitle(table('<caption>附件2\n2024年资金分配表</caption>'))).toBe('附件2 2024年资金分配表');
    expect(htmlTableTitle(table('<tr><td colspan="2">附件2 <br/> 2024年 资金分配表</td></tr>'))).toBe(
      '附件2 2024年 资金分配表',
    );
    // One cell without a span is a table cell, not a title.
    expect(htmlTableTitle('<table><tr><td>附件2</td></tr></table>')).toBe('');
  });
});

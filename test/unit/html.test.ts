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

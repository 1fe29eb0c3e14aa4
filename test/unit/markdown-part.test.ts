import { describe, expect, it } from 'vitest';
import { markdownPart } from '../../src/parse/maskRows.js';
import { toPipeTables } from '../support/variants.js';
import { extractText, recordsOf, seedText } from '../support/run.js';

describe('the lines remark sees', () => {
  it('keeps only pipe lines, in place', () => {
    const { part, delimitersFitted } = markdownPart(['# 附件1', 'a\tb', '| x | y |', '|---|---|', '| 1 | 2 |', 'text']);
    expect(part).toEqual(['', '', '| x | y |', '|---|---|', '| 1 | 2 |', '']);
    expect(delimitersFitted).toBe(0);
  });

  it("writes a delimiter row with its header's cell count, so GFM still reads the table", () => {
    const { part, delimitersFitted } = markdownPart([
      '| 项目名称 | 专项资金 |  |',
      '|---|---|',
      '| 资金类型 | 省级 |  |',
      '| a \\| b | c |',
      '|:-:|---|',
    ]);
    expect(part.slice(0, 2)).toEqual(['| 项目名称 | 专项资金 |  |', '|---|---|---|']);
    // The escaped pipe stays inside its cell: two cells, so the delimiter after it is left as written.
    expect(part[4]).toBe('|:-:|---|');
    expect(delimitersFitted).toBe(1);
  });

  it('reads every target table of the seed as pipe tables when one header row has a cell too many', () => {
    const pipes = toPipeTables(seedText());
    const lines = pipes.split('\n');
    // The second target table's first row (项目名称) gets an empty cell more than its delimiter row.
    const delimiter = /^\|\s*---/;
    const at =
      lines
        .map((l, i) => (l.startsWith('| 项目名称') && delimiter.test(lines[i + 1] ?? '') ? i : -1))
        .filter((i) => i >= 0)[1] ?? -1;
    expect(at).toBeGreaterThan(0);
    lines[at] = `${lines[at]}  |`;
    const result = extractText(lines.join('\n'), 'pipes');
    expect(recordsOf(result, 'targets')).toHaveLength(42);
    expect(recordsOf(result, 'indicators')).toHaveLength(787);
    expect(
      (JSON.parse(result.files.get('report.json') ?? '{}') as { repairs: Record<string, number> }).repairs[
        'pipe-delimiter-fitted'
      ],
    ).toBe(1);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markdownPart } from '../../src/parse/maskRows.js';
import { pipeTablesAtOnce, pipeTablesOf, plainRow } from '../../src/parse/pipeTables.js';
import { gridRows } from '../../src/grid/build.js';

/** Cell texts of every kind a converter writes: CJK, digits, spaces and tabs, ideographic and no-break spaces. */
const plainText = fc
  .array(
    fc.constantFrom('广州', '市', '12', '3.5', ' ', '\t', '\u3000', '\u00a0', '>', '%', '-', ':', '#', '（万元）', 'a'),
    {
      maxLength: 6,
    },
  )
  .map((parts) => parts.join(''));
/** Texts GFM reads as more than text: emphasis, code, entities, HTML, escaped pipes, links. */
const markedText = fc.constantFrom('**粗**', '`码`', '&amp;', '<b>9</b>', 'a \\| b', '[链](x)', '~~删~~', '_斜_', '!');

/** A row: its cells, a leading pipe or not, a closing pipe or not, spaces after it or not. */
const row = fc.record({
  cells: fc.array(fc.oneof({ weight: 5, arbitrary: plainText }, { weight: 1, arbitrary: markedText }), {
    minLength: 0,
    maxLength: 6,
  }),
  leading: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
  closing: fc.boolean(),
  trailing: fc.constantFrom('', '  ', '\t'),
});

const rowLine = (r: { cells: string[]; leading: boolean; closing: boolean; trailing: string }): string =>
  `${r.leading ? '|' : ''}${r.cells.join('|')}${r.closing ? '|' : ''}${r.trailing}`;

/** Lines that end a table or sit between tables: blank, a heading, a quote, a paragraph, a list item. */
const between = fc.constantFrom('', '# 附件 | 2', '> 引 | 文', '说明 | 文字', '- 项 | 目', '  缩进 | 行');

/** A notice's lines: tables of a header, a delimiter and many rows, with other lines between. */
const notice = fc
  .array(
    fc.record({
      header: fc.array(plainText, { minLength: 1, maxLength: 5 }),
      rows: fc.array(row, { maxLength: 40 }),
      repeat: fc.integer({ min: 1, max: 40 }),
      after: fc.array(between, { maxLength: 3 }),
    }),
    { minLength: 1, maxLength: 4 },
  )
  .map((tables) =>
    tables.flatMap((t) => {
      const rows = Array.from({ length: t.repeat }, () => t.rows.map(rowLine)).flat();
      return [`| ${t.header.join(' | ')} |`, `|${'---|'.repeat(t.header.length)}`, ...rows, ...t.after];
    }),
  );

describe('pipe tables read piece by piece', () => {
  it('are the tables remark reads from the whole text at once, row for row and cell for cell', () => {
    fc.assert(
      fc.property(notice, (lines) => {
        const { part } = markdownPart(lines);
        expect(pipeTablesOf(part, lines)).toEqual(pipeTablesAtOnce(part, lines));
      }),
      { numRuns: 150 },
    );
  });

  it('read a table of several thousand rows across pieces as one table', () => {
    const lines = ['| 地区 | 金额 |', '|---|---|'];
    for (let i = 0; i < 3000; i++) lines.push(i % 97 === 0 ? `| **市${i}** | ${i} |` : `| 市${i} | ${i} |`);
    lines.push('', '正文');
    const { part } = markdownPart(lines);
    const tables = pipeTablesOf(part, lines);
    expect(tables).toEqual(pipeTablesAtOnce(part, lines));
    expect(tables).toHaveLength(1);
    expect(tables[0]?.rows).toHaveLength(3001);
    expect([tables[0]?.start, tables[0]?.end]).toEqual([1, 3002]);
    expect(tables[0]?.rows[2999]?.cells.map((c) => c.markup)).toEqual(['市2998', '2998']);
  });

  it('leave a row with markup, or one that does not start with a pipe, to the parser', () => {
    expect(plainRow('| a | **b** |', '| a | **b** |', 3)).toBeNull();
    expect(plainRow('a | b', 'a | b', 3)).toBeNull();
    expect(plainRow('| 广州 |\u3000x | 1 |  ', '| 广州 |\u3000x | 1 |  ', 3)).toEqual({
      line: 3,
      cells: [
        { markup: '广州', raw: '广州', line: 3, column: 2 },
        { markup: '\u3000x', raw: 'x', line: 3, column: 7 },
        // The last cell runs to the end of the line: its raw text keeps the closing pipe, as the parse's slice does.
        { markup: '1', raw: '1 |', line: 3, column: 11 },
      ],
    });
  });
});

describe('the grid of a pipe table', () => {
  it('takes a table of 150k rows (rows are not spread into one call, which overflows the stack)', () => {
    const rows = Array.from({ length: 150_000 }, (_, i) => ({
      line: i + 1,
      cells: [{ markup: `市${i}`, raw: `市${i}`, line: i + 1, column: 2 }],
    }));
    const parsed = { pipeTables: [{ start: 1, end: 150_000, rows }], lines: [], text: '', delimitersFitted: 0 };
    const grid = gridRows(parsed, { start: 1, end: 150_000 });
    expect(grid).toHaveLength(150_000);
    expect([grid[149_999]?.row, grid[149_999]?.cells[0]?.text]).toEqual([150_000, '市149999']);
  });
});

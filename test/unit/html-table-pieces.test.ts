import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlRows } from '../../src/grid/html.js';

/** A cell: text with markup and entities, sometimes a rowspan or colspan, sometimes a table nested in it. */
const cell = fc
  .record({
    tag: fc.constantFrom('td', 'th', 'TD'),
    text: fc.constantFrom('广州市', '1,234.50', 'a &amp; b', '<b>9</b>', '', '第一行<br>第二行', '<!-- <tr> -->注'),
    rowspan: fc.oneof(
      { weight: 4, arbitrary: fc.constant(1) },
      { weight: 1, arbitrary: fc.integer({ min: 2, max: 4 }) },
    ),
    colspan: fc.oneof(
      { weight: 4, arbitrary: fc.constant(1) },
      { weight: 1, arbitrary: fc.integer({ min: 2, max: 3 }) },
    ),
    nested: fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
  })
  .map((c) => {
    const attrs = `${c.rowspan > 1 ? ` rowspan="${c.rowspan}"` : ''}${c.colspan > 1 ? ` colspan=${c.colspan}` : ''}`;
    const body = c.nested ? `<table><tr><td>内</td></tr><TR><td>层</td></TR></table>${c.text}` : c.text;
    return `<${c.tag}${attrs}>${body}</${c.tag}>`;
  });

/** A table as converters write it: on one line (MinerU) or a row a line, with a caption, thead and tbody. */
const table = fc
  .record({
    rows: fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 30 }),
    oneLine: fc.boolean(),
    caption: fc.boolean(),
    sections: fc.boolean(),
  })
  .map(({ rows, oneLine, caption, sections }) => {
    const sep = oneLine ? '' : '\n';
    const trs = rows.map((cells, i) => `${i % 3 === 0 ? '<tr>' : '<tr class="r">'}${cells.join('')}</tr>`);
    const body = sections ? [`<thead>${trs[0]}</thead><tbody>`, ...trs.slice(1), '</tbody>'] : trs;
    return [`<table border="1">${caption ? '<caption>表</caption>' : ''}`, ...body, '</table>'].join(sep);
  });

describe('an HTML table read in pieces', () => {
  it('gives the rows, cells, spans, lines and columns the whole table gives', () => {
    fc.assert(
      fc.property(table, fc.integer({ min: 1, max: 7 }), (fragment, pieceRows) => {
        expect(htmlRows(fragment, 40, pieceRows)).toEqual(htmlRows(fragment, 40, Number.MAX_SAFE_INTEGER));
      }),
      { numRuns: 300 },
    );
  });

  it('reads a one-line table of 5,000 rows in pieces, each row on its line and column', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => `<tr><td>市${i}</td><td>${i}</td></tr>`);
    const fragment = `<table>${rows.join('')}</table>`;
    const read = htmlRows(fragment, 7);
    expect(read).toHaveLength(5000);
    expect(read[4321]?.cells.map((c) => c.text)).toEqual(['市4321', '4321']);
    // Columns count from the line's start, across the pieces (2,000 rows each).
    const at = fragment.indexOf('<td>市4321');
    expect([read[4321]?.line, read[4321]?.cells[0]?.column]).toEqual([7, at + 1]);
  });
});

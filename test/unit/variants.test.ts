import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as cheerio from 'cheerio';
import fc from 'fast-check';
import type { Root, RootContent, Table, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { tabRuns, toCrlfBom, toHtmlTables, toPipeTables, withRepeatedHeaderAt } from '../support/variants.js';

const SEED = readFileSync(fileURLToPath(new URL('../../raw/yue-cai-gong-2023-126.md', import.meta.url)), 'utf8');
const ANNEX1_HEADER = '地区\t地区编码';

// --- helpers ---------------------------------------------------------------

/** The tab-split rows of every run, in document order. */
function runRows(md: string): string[][][] {
  const lines = md.split('\n');
  return tabRuns(md).map(({ start, end }) => lines.slice(start, end + 1).map((l) => l.split('\t')));
}

function trimTrailingEmpty(cells: string[]): string[] {
  const out = [...cells];
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out;
}

function parseGfm(md: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(md);
}

function tablesOf(tree: Root): Table[] {
  return tree.children.filter((n): n is Table => n.type === 'table');
}

/** Concatenates text and raw-HTML values, so `<b>9</b>` reads back as written. */
function nodeSource(node: RootContent | TableCell): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(nodeSource).join('');
  return '';
}

function rowSources(table: Table): string[][] {
  return table.children.map((row) => row.children.map((cell) => nodeSource(cell).trim()));
}

/** Reference decoder: expands rowspan/colspan back into empty cells. */
function decodeHtmlTables(html: string): string[][][] {
  const $ = cheerio.load(html);
  return $('table')
    .toArray()
    .map((table) => {
      const grid: (string | undefined)[][] = [];
      $(table)
        .find('tr')
        .toArray()
        .forEach((tr, r) => {
          const row = (grid[r] ??= []);
          let c = 0;
          for (const cell of $(tr).children('td,th').toArray()) {
            while (row[c] !== undefined) c++;
            const rowspan = Number($(cell).attr('rowspan') ?? 1);
            const colspan = Number($(cell).attr('colspan') ?? 1);
            for (let dr = 0; dr < rowspan; dr++) {
              const target = (grid[r + dr] ??= []);
              for (let dc = 0; dc < colspan; dc++) target[c + dc] = '';
            }
            row[c] = $(cell).html() ?? '';
            c += colspan;
          }
        });
      return grid.map((row) => trimTrailingEmpty(Array.from(row, (x) => x ?? '')));
    });
}

/** What the decoder should yield for a source cell: cheerio's own serialization. */
function expectedHtml(cell: string): string {
  const $ = cheerio.load('<table><tr><td></td></tr></table>');
  const tdEl = $('td');
  if (/<\/?[A-Za-z][^<>]*>/.test(cell)) tdEl.html(cell);
  else tdEl.text(cell);
  return tdEl.html() ?? '';
}

function expectedGrids(md: string): string[][][] {
  return runRows(md).map((rows) => rows.map((cells) => trimTrailingEmpty(cells.map(expectedHtml))));
}

// --- tests -----------------------------------------------------------------

describe('tabRuns', () => {
  it('splits the seed into runs of tab lines separated by blank or plain lines', () => {
    const runs = tabRuns(SEED);
    const lines = SEED.split('\n');
    const covered = runs.reduce((n, r) => n + r.end - r.start + 1, 0);
    expect(covered).toBe(lines.filter((l) => l.includes('\t')).length);
    for (const { start, end } of runs) {
      expect(lines[start - 1] ?? '').not.toContain('\t');
      expect(lines[end + 1] ?? '').not.toContain('\t');
    }
    // Annex 1 and Annex 2 have page breaks; Annex 3 has 42 tables.
    expect(runs.length).toBeGreaterThan(42);
  });

  it('treats a run that reaches the end of the text as closed', () => {
    expect(tabRuns('x\na\tb\nc\td')).toEqual([{ start: 1, end: 2 }]);
  });
});

describe('toPipeTables', () => {
  const piped = toPipeTables(SEED);
  const tables = tablesOf(parseGfm(piped));
  const runs = runRows(SEED);

  it('turns every tab run into one GFM table with the same number of body rows', () => {
    expect(tables).toHaveLength(runs.length);
    tables.forEach((table, i) => {
      expect(table.children.length - 1).toBe((runs[i] ?? []).length - 1);
    });
  });

  it('gives each table as many columns as the widest row of its run', () => {
    tables.forEach((table, i) => {
      const width = Math.max(...(runs[i] ?? []).map((r) => r.length));
      expect(table.children[0]?.children).toHaveLength(width);
    });
  });

  it('keeps the cells of the Annex 1 row of 广州市本级 verbatim', () => {
    const row = tables.flatMap(rowSources).find((r) => r[0] === '广州市本级');
    expect(row?.slice(0, 8)).toEqual([
      '广州市本级',
      '440100000',
      '知识产权专项资金下放市县广州任务',
      '440100000 广州市本级',
      'W 无',
      '否',
      '2011409 知识产权宏观管理',
      '12390000.00',
    ]);
  });

  it('keeps inline HTML such as <b>9</b> in Annex 2 cells', () => {
    const row = tables.flatMap(rowSources).find((r) => r[0] === '<b>9</b>');
    expect(row).toEqual(['<b>9</b>', '<b>610001</b>', '<b>汕尾市小计</b>', '', '<b>704</b>']);
  });

  it('keeps empty leading cells of carried-down rows', () => {
    expect(piped).toContain('|  |  | 惠州市');
  });

  it('separates every table from the surrounding text by blank lines', () => {
    const lines = piped.split('\n');
    lines.forEach((line, i) => {
      if (!line.startsWith('|')) return;
      const prev = lines[i - 1];
      const next = lines[i + 1];
      if (prev !== undefined && !prev.startsWith('|')) expect(prev).toBe('');
      if (next !== undefined && !next.startsWith('|')) expect(next).toBe('');
    });
  });

  it('pads the header so GFM does not truncate a wider body row', () => {
    const [table] = tablesOf(parseGfm(toPipeTables('h1\th2\na\tb\tc\n')));
    expect(table && rowSources(table)).toEqual([
      ['h1', 'h2', ''],
      ['a', 'b', 'c'],
    ]);
  });

  it('escapes pipes inside cells so they do not split the cell', () => {
    const [table] = tablesOf(parseGfm(toPipeTables('h1\th2\na|b\tc\n')));
    expect(table && rowSources(table)).toEqual([
      ['h1', 'h2'],
      ['a|b', 'c'],
    ]);
  });
});

describe('toHtmlTables', () => {
  it('writes one <table> per run and one <tr> line per tab line', () => {
    const html = toHtmlTables(SEED);
    const tabLines = SEED.split('\n').filter((l) => l.includes('\t')).length;
    expect(html.split('\n').filter((l) => l.startsWith('<tr>'))).toHaveLength(tabLines);
    expect(html.match(/^<table>$/gm)).toHaveLength(tabRuns(SEED).length);
    expect(html).not.toContain('\t');
  });

  it('parses as one HTML block per table in Markdown', () => {
    const tree = parseGfm(toHtmlTables(SEED));
    const blocks = tree.children.filter((n) => n.type === 'html' && n.value.startsWith('<table>'));
    expect(blocks).toHaveLength(tabRuns(SEED).length);
  });

  it('reproduces the cell matrix without spans', () => {
    expect(decodeHtmlTables(toHtmlTables(SEED))).toEqual(expectedGrids(SEED));
  });

  it('reproduces the cell matrix when spans are emitted', () => {
    const html = toHtmlTables(SEED, { rowspan: true });
    expect(html).toMatch(/rowspan="\d+"/);
    expect(html).toMatch(/colspan="\d+"/);
    expect(decodeHtmlTables(html)).toEqual(expectedGrids(SEED));
  });

  it('emits fewer <td> cells with spans than without', () => {
    const count = (s: string): number => s.match(/<td/g)?.length ?? 0;
    expect(count(toHtmlTables(SEED, { rowspan: true }))).toBeLessThan(count(toHtmlTables(SEED)));
  });

  it('merges carried-down leading labels into rowspans but never into the header row', () => {
    const md = 'a\tb\tc\tv\n1\tx\ty\t1\n\t\tz\t2\n\t\t\t3\n4\t\t\t4\n';
    expect(toHtmlTables(md, { rowspan: true }).split('\n')).toEqual([
      '<table>',
      '<tr><td>a</td><td>b</td><td>c</td><td>v</td></tr>',
      '<tr><td rowspan="3">1</td><td rowspan="3">x</td><td>y</td><td>1</td></tr>',
      '<tr><td rowspan="2">z</td><td>2</td></tr>',
      '<tr><td>3</td></tr>',
      // Empty cells after a filled one are "no value", not carried down.
      '<tr><td>4</td><td></td><td></td><td>4</td></tr>',
      '</table>',
      '',
    ]);
  });

  it('merges the trailing empties of a label-value row into a colspan', () => {
    const html = toHtmlTables('项目名称\t知识产权\t\t\t\n', { rowspan: true });
    expect(html).toContain('<tr><td>项目名称</td><td colspan="4">知识产权</td></tr>');
  });

  it('escapes plain text but keeps cells that are already HTML', () => {
    const html = toHtmlTables('a<b & c\t<b>9</b>\t&lt;x&gt; <p>y</p>\n');
    expect(html).toContain('<td>a&lt;b &amp; c</td><td><b>9</b></td><td>&lt;x&gt; <p>y</p></td>');
  });

  it('round-trips arbitrary grids through spans', () => {
    const cell = fc.constantFrom('', '', '', 'a', 'b c', '1 & 2', '<b>9</b>', 'x<y');
    const row = fc.array(cell, { minLength: 1, maxLength: 6 });
    const grid = fc.array(row, { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(grid, (rows) => {
        // Single-cell rows have no TAB, so pad them to stay in the run.
        const md = rows.map((r) => (r.length === 1 ? [...r, ''] : r).join('\t')).join('\n');
        expect(decodeHtmlTables(toHtmlTables(md, { rowspan: true }))).toEqual(expectedGrids(md));
      }),
    );
  });
});

describe('toCrlfBom', () => {
  it('round-trips to the original text', () => {
    const crlf = toCrlfBom(SEED);
    expect(crlf.startsWith('\uFEFF')).toBe(true);
    expect(crlf.slice(1).replace(/\r\n/g, '\n')).toBe(SEED);
    expect(crlf.slice(1).replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('does not double an existing BOM or CRLF', () => {
    expect(toCrlfBom(toCrlfBom('a\nb\n'))).toBe('\uFEFFa\r\nb\r\n');
  });
});

describe('withRepeatedHeaderAt', () => {
  const moved = withRepeatedHeaderAt(SEED, ANNEX1_HEADER, '广州市本级\t440100000');
  const header = SEED.split('\n').find((l) => l.startsWith(ANNEX1_HEADER)) ?? '';
  const isHeader = (l: string): boolean => l.replace(/ /g, '') === header.replace(/ /g, '');

  it('inserts exactly one extra header line preceded by a blank line', () => {
    const before = SEED.split('\n');
    const after = moved.split('\n');
    expect(after).toHaveLength(before.length + 2);
    expect(after.filter(isHeader)).toHaveLength(before.filter(isHeader).length + 1);
    const at = after.findIndex((l) => l.startsWith('广州市本级\t440100000'));
    expect(after[at + 1]).toBe('');
    expect(after[at + 2]).toBe(`地 区${header.slice('地区'.length)}`);
  });

  it('splits the run at the new page break', () => {
    expect(tabRuns(moved)).toHaveLength(tabRuns(SEED).length + 1);
  });

  it('fails loudly when the header or anchor is missing', () => {
    expect(() => withRepeatedHeaderAt(SEED, 'nope\t', '广州市本级')).toThrow();
    expect(() => withRepeatedHeaderAt(SEED, ANNEX1_HEADER, 'no such line')).toThrow();
  });
});

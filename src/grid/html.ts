import { createRequire } from 'node:module';
import type { Element } from 'domhandler';
import { htmlToText } from '../normalize/markup.js';
import type { Cell, GridRow } from './grid.js';

/**
 * cheerio (with parse5 and, through its URL loader, undici) is loaded on the first HTML table, not
 * at start-up: most notices hold pipe tables only.
 */
let cheerioModule: typeof import('cheerio') | undefined;
function cheerio(): typeof import('cheerio') {
  return (cheerioModule ??= createRequire(import.meta.url)('cheerio') as typeof import('cheerio'));
}

/** Rows of an HTML `<table>` fragment starting at `firstLine`, rowspan/colspan expanded into spanned empty cells. */
export function htmlRows(fragment: string, firstLine: number): GridRow[] {
  const $ = cheerio().load(fragment, { sourceCodeLocationInfo: true }, false);
  const rows: GridRow[] = [];
  // pending[col] = rows still covered by a rowspan from above, and the cell that spans them.
  const pending: number[] = [];
  const origin: (Cell | undefined)[] = [];
  $('tr').each((_, tr) => {
    const trLine = firstLine + (tr.sourceCodeLocation?.startLine ?? 1) - 1;
    const cells: Cell[] = [];
    let col = 0;
    const fillSpanned = (): void => {
      while ((pending[col] ?? 0) > 0) {
        pending[col] = (pending[col] ?? 1) - 1;
        const from = origin[col];
        cells.push({ text: '', raw: '', line: trLine, column: 0, spanned: true, ...(from ? { rowSpanOf: from } : {}) });
        col++;
      }
    };
    $(tr)
      .children('td,th')
      .each((__, td: Element) => {
        fillSpanned();
        const loc = td.sourceCodeLocation;
        const raw = $(td).html() ?? '';
        const line = firstLine + (loc?.startLine ?? 1) - 1;
        const cell: Cell = { text: htmlToText(raw), raw: raw.trim(), line, column: loc?.startCol ?? 0 };
        cells.push(cell);
        const rowspan = spanNumber(td.attribs['rowspan']);
        const colspan = spanNumber(td.attribs['colspan']);
        if (rowspan > 1) {
          pending[col] = rowspan - 1;
          origin[col] = cell;
        }
        col++;
        for (let k = 1; k < colspan; k++) {
          // Only the first column of a spanned block carries the value down; the others are covered, empty.
          if (rowspan > 1) {
            pending[col] = rowspan - 1;
            origin[col] = undefined;
          }
          cells.push({ text: '', raw: '', line, column: 0, spanned: true });
          col++;
        }
      });
    // A row that ends early still passes under every rowspan to its right: cover those columns too,
    // so each span counts down on the rows it really covers.
    while (col < pending.length) {
      if ((pending[col] ?? 0) > 0) fillSpanned();
      else {
        cells.push({ text: '', raw: '', line: trLine, column: 0 });
        col++;
      }
    }
    rows.push({ line: trLine, cells: trimEmptyTail(cells), encoding: 'html', row: 0 });
  });
  return rows;
}

function spanNumber(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n > 0 && n < 1000 ? n : 1;
}

/** Drop trailing plain empty cells added only to reach a span further right. */
function trimEmptyTail(cells: Cell[]): Cell[] {
  let end = cells.length;
  while (end > 0 && cells[end - 1]?.text === '' && !cells[end - 1]?.spanned && cells[end - 1]?.column === 0) end--;
  return end === cells.length ? cells : cells.slice(0, end);
}

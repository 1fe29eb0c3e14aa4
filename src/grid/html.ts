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

/** Rows of a table read through one DOM at most: a table of 100k rows parsed whole took 1.5 GB. */
const PIECE_ROWS = 2000;

/** Rowspans still open from the rows above: per column, rows left to cover and the cell that spans them. */
interface Spans {
  pending: number[];
  origin: (Cell | undefined)[];
}

/** Where a piece of a fragment sits in it: its text, the fragment line it starts on, and its place in that line. */
interface Piece {
  text: string;
  /** 0-based line of the fragment the piece's first character is on. */
  line: number;
  /** 0-based column of that character in its line. */
  column: number;
  /** Characters put in front of the piece (an opening `<table>`), not in the source. */
  prefix: number;
}

/**
 * Rows of an HTML `<table>` fragment starting at `firstLine`, rowspan/colspan expanded into spanned empty cells. A
 * table of more than 2,000 rows is read in pieces of 2,000 rows (`htmlPieces`), the rowspans carried from one piece to
 * the next, so no DOM of the whole table is ever held.
 */
export function htmlRows(fragment: string, firstLine: number, pieceRows = PIECE_ROWS): GridRow[] {
  const rows: GridRow[] = [];
  const spans: Spans = { pending: [], origin: [] };
  for (const piece of htmlPieces(fragment, pieceRows)) readPiece(piece, firstLine, spans, rows);
  return rows;
}

/**
 * The fragment cut before every 2,000th row of its own table (a `<tr>` outside comments and outside tables nested in
 * its cells), each piece after the first opened with `<table>` again and each but the last closed: the pieces hold the
 * same rows as the whole. One piece, the fragment itself, for a table of fewer rows.
 */
function htmlPieces(fragment: string, pieceRows: number): Piece[] {
  const cuts: number[] = [];
  let depth = 0;
  let rows = 0;
  for (let i = fragment.indexOf('<'); i >= 0; i = fragment.indexOf('<', i + 1)) {
    if (fragment.startsWith('<!--', i)) {
      const close = fragment.indexOf('-->', i + 4);
      if (close < 0) break;
      i = close + 2;
      continue;
    }
    const tag = tagAt(fragment, i);
    if (tag === 'table') depth++;
    else if (tag === '/table') depth--;
    else if (tag === 'tr' && depth === 1 && rows++ > 0 && (rows - 1) % pieceRows === 0) cuts.push(i);
  }
  if (cuts.length === 0) return [{ text: fragment, line: 0, column: 0, prefix: 0 }];
  const pieces: Piece[] = [];
  const bounds = [0, ...cuts, fragment.length];
  let line = 0;
  let counted = 0;
  for (let k = 0; k + 1 < bounds.length; k++) {
    const from = bounds[k] ?? 0;
    const to = bounds[k + 1] ?? fragment.length;
    for (let j = fragment.indexOf('\n', counted); j >= 0 && j < from; j = fragment.indexOf('\n', j + 1)) line++;
    counted = from;
    const open = k === 0 ? '' : '<table>';
    const close = k + 2 === bounds.length ? '' : '</table>';
    const column = from - (fragment.lastIndexOf('\n', from - 1) + 1);
    pieces.push({ text: open + fragment.slice(from, to) + close, line, column, prefix: open.length });
  }
  return pieces;
}

/** `table`, `/table` or `tr` when the tag at `i` is one of them (any case), else ''. */
function tagAt(text: string, i: number): string {
  const head = text.slice(i + 1, i + 8).toLowerCase();
  for (const name of ['table', '/table', 'tr']) {
    const next = head[name.length];
    if (head.startsWith(name) && (next === undefined || next === '>' || next === '/' || /\s/.test(next))) return name;
  }
  return '';
}

/** The rows of one piece, appended to `rows`, its rowspans carried in `spans`. */
function readPiece(piece: Piece, firstLine: number, spans: Spans, rows: GridRow[]): void {
  const $ = cheerio().load(piece.text, { sourceCodeLocationInfo: true }, false);
  const { pending, origin } = spans;
  // A place in the piece as a place in the notice: lines offset by the piece's, columns on its first line by its own.
  const lineOf = (at: number | undefined): number => firstLine + piece.line + (at ?? 1) - 1;
  const columnOf = (at: { startLine: number; startCol: number } | undefined): number =>
    at === undefined ? 0 : at.startLine === 1 ? at.startCol - piece.prefix + piece.column : at.startCol;
  $('tr').each((_, tr) => {
    const trLine = lineOf(tr.sourceCodeLocation?.startLine);
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
        const loc = td.sourceCodeLocation ?? undefined;
        const raw = $(td).html() ?? '';
        const line = lineOf(loc?.startLine);
        const cell: Cell = { text: htmlToText(raw), raw: raw.trim(), line, column: columnOf(loc) };
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

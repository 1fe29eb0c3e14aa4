/**
 * GFM pipe tables read from the lines remark needs to see (maskRows.ts), a few thousand lines at a time, each table's
 * rows kept as plain data and the syntax tree let go: a syntax tree of a 100k-row pipe table (every cell a node with
 * its positions, and micromark's events before it) took 3.5 GB and 84 s.
 *
 * The lines are cut where the parse is the same cut or not. Between blocks: at a blank line followed by a line that
 * starts at its first column (an indented one may continue a list item). Inside a table: after a row that the table
 * still holds, the next piece starting with the table's header and delimiter rows again, which makes its rows parse
 * as they do in the whole table (a row's cells depend only on the header's). A piece that ends inside any other block
 * is parsed again from that block's first line.
 */
import type { PhrasingContent, RootContent, Table, TableCell } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkGfm);

/** Lines given to the Markdown parser at once, at most (but a block other than a table that is longer). */
const PIECE_LINES = 500;

/** One cell of a pipe table: its content as HTML, its source as written, and where it starts. */
export interface PipeCell {
  /** Markdown emphasis dropped, inline HTML kept, text escaped again (remark decoded its entities). */
  markup: string;
  /** The cell's source between its pipes, trimmed, escaped pipes (`\|`) as `|`. */
  raw: string;
  /** 1-based line. */
  line: number;
  /** 1-based column of the cell's first character after its pipe. */
  column: number;
}

/** A row of a pipe table: its line and cells; the header row is the first. */
export interface PipeRow {
  line: number;
  cells: PipeCell[];
}

/** A top-level GFM pipe table of the notice: its first and last line and its rows. */
export interface PipeTable {
  start: number;
  end: number;
  rows: PipeRow[];
}

/**
 * The top-level pipe tables of a notice, in order. `part` is the text remark may see, line for line the notice's
 * (maskRows.ts); `lines` are the notice's own lines, which cells are sliced from.
 */
export function pipeTablesOf(part: readonly string[], lines: readonly string[]): PipeTable[] {
  const tables: PipeTable[] = [];
  for (const [first, last] of blockRuns(part)) readRun(part, lines, first, last, tables);
  return tables;
}

/** Runs of lines (0-based, inclusive) that no block of the parse crosses. */
function blockRuns(part: readonly string[]): [number, number][] {
  const runs: [number, number][] = [];
  let first = -1;
  for (let i = 0; i < part.length; i++) {
    const line = part[i] ?? '';
    if (line.trim() === '') continue;
    // A blank line then a line at its first column starts a new top-level block whatever came before.
    const startsRun = first < 0 || ((part[i - 1] ?? '').trim() === '' && !/^\s/.test(line));
    if (startsRun) {
      if (first >= 0) runs.push([first, lastNonBlank(part, i - 1)]);
      first = i;
    }
  }
  if (first >= 0) runs.push([first, lastNonBlank(part, part.length - 1)]);
  return runs;
}

function lastNonBlank(part: readonly string[], from: number): number {
  let i = from;
  while (i > 0 && (part[i] ?? '').trim() === '') i--;
  return i;
}

/** The table being read on from one piece into the next: its header and delimiter lines (0-based). */
interface Continued {
  table: PipeTable;
  header: number;
}

/** Parse one run of lines piece by piece, adding its tables to `tables`. */
function readRun(part: readonly string[], lines: readonly string[], first: number, last: number, tables: PipeTable[]) {
  let at = first;
  let continued: Continued | null = null;
  while (at <= last) {
    // Rows of plain text go on a table without the parser (which takes half a millisecond a row).
    while (continued && at <= last) {
      const row = plainRow(part[at] ?? '', lines[at] ?? '', at + 1);
      if (!row) break;
      continued.table.rows.push(row);
      continued.table.end = at + 1;
      at++;
    }
    if (at > last) return;
    const take = Math.min(PIECE_LINES, last - at + 1);
    // Where each line of the piece comes from (0-based): the continued table's header and delimiter, then the lines.
    const from = [...(continued ? [continued.header, continued.header + 1] : []), ...lineSpan(at, at + take - 1)];
    const { nodes, source } = parseLines(part, from);
    const pieceEnd = at + take - 1;
    const lastNode = nodes[nodes.length - 1];
    let keep = nodes;
    let next: Continued | null = null;
    let nextAt = at + take;
    // A piece that ends the run, or whose last block ends before its last line, is read as it is.
    if (pieceEnd < last && lastNode && source(lastNode, true) === pieceEnd) {
      if (lastNode.type === 'table') {
        // The table may go on: the next piece starts with its header and delimiter rows.
        const header: number = continued && nodes.length === 1 ? continued.header : source(lastNode);
        next = { table: { start: 0, end: 0, rows: [] }, header };
      } else if (source(lastNode) > at) {
        // The piece ends inside a block that may go on: read again from that block's first line.
        keep = nodes.slice(0, -1);
        nextAt = source(lastNode);
      } else {
        // One block no table filling the piece: the rest of the run is read at once.
        readWhole(part, lines, at, last, tables);
        return;
      }
    }
    keep.forEach((node, i) => {
      if (node.type !== 'table') return;
      const rows = tableRows(node, lines, from);
      // The first table of a piece that goes on from the last one is the same table: its repeated header dropped.
      const same = i === 0 && continued !== null;
      const table: PipeTable = same && continued ? continued.table : { start: rows[0]?.line ?? 0, end: 0, rows: [] };
      for (const row of same ? rows.slice(1) : rows) table.rows.push(row);
      table.end = source(node, true) + 1;
      if (!same) tables.push(table);
      if (next && node === lastNode) next.table = table;
    });
    continued = next;
    at = nextAt;
  }
}

/** The top-level pipe tables of the lines as remark reads them all at once: what `pipeTablesOf` reads in pieces. */
export function pipeTablesAtOnce(part: readonly string[], lines: readonly string[]): PipeTable[] {
  const tables: PipeTable[] = [];
  if (part.length > 0) readWhole(part, lines, 0, part.length - 1, tables);
  return tables;
}

/** Parse lines `first`..`last` (0-based) at once. */
function readWhole(
  part: readonly string[],
  lines: readonly string[],
  first: number,
  last: number,
  tables: PipeTable[],
) {
  const from = lineSpan(first, last);
  const { nodes, source } = parseLines(part, from);
  for (const node of nodes) {
    if (node.type !== 'table') continue;
    const rows = tableRows(node, lines, from);
    tables.push({ start: rows[0]?.line ?? 0, end: source(node, true) + 1, rows });
  }
}

/** Lines `first`..`last`, 0-based. */
function lineSpan(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, k) => first + k);
}

/**
 * The notice's lines `from` (0-based) parsed as one text: its top-level nodes, and where a node starts (or ends) as a
 * 0-based line of the notice.
 */
function parseLines(part: readonly string[], from: readonly number[]) {
  const nodes = processor.parse(from.map((i) => part[i] ?? '').join('\n')).children;
  const source = (node: RootContent, end = false): number => {
    const pos = end ? node.position?.end.line : node.position?.start.line;
    return from[(pos ?? 1) - 1] ?? 0;
  };
  return { nodes, source };
}

/** The rows of a table node, its lines mapped through `from` (piece line − 1 → 0-based notice line). */
function tableRows(table: Table, lines: readonly string[], from: readonly number[]): PipeRow[] {
  const lineOf = (pieceLine: number | undefined): number => (from[(pieceLine ?? 1) - 1] ?? -1) + 1;
  return table.children.map((row) => ({
    line: lineOf(row.position?.start.line),
    cells: row.children.map((cell) => {
      const start = cell.position?.start;
      const end = cell.position?.end;
      const line = lineOf(start?.line);
      const slice =
        start && end && start.line === end.line ? (lines[line - 1] ?? '').slice(start.column - 1, end.column - 1) : '';
      // A cell's position covers its leading pipe (and the closing one on the last cell).
      const raw = slice.replace(/^\|/, '').replace(/\|$/, '').trim().replace(/\\\|/g, '|');
      return { markup: cellMarkup(cell), raw, line, column: (start?.column ?? 0) + 1 };
    }),
  }));
}

/**
 * Characters after which a row is no longer plain text to GFM: escapes, code, emphasis and strikethrough, entities,
 * HTML, links and images.
 */
const NOT_PLAIN = /[\\`*_~&<[\]!]/;

/**
 * A table row as remark reads it, read without it: a line that starts with a pipe (so it starts no other block) and
 * holds none of `NOT_PLAIN`, cells split at its pipes, their text trimmed of spaces and tabs as GFM trims them; null
 * for any other line. `part` is the line as remark sees it, `source` as the notice has it, `line` its number.
 */
export function plainRow(part: string, source: string, line: number): PipeRow | null {
  if (part[0] !== '|' || NOT_PLAIN.test(part)) return null;
  const pipes: number[] = [];
  for (let i = part.indexOf('|'); i >= 0; i = part.indexOf('|', i + 1)) pipes.push(i);
  // After the last pipe: a cell when it holds more than spaces and tabs, else nothing.
  const closed = /^[ \t]*$/.test(part.slice((pipes[pipes.length - 1] ?? 0) + 1));
  const count = closed ? pipes.length - 1 : pipes.length;
  if (count === 0) return null;
  const cells: PipeCell[] = [];
  for (let k = 0; k < count; k++) {
    const open = pipes[k] ?? 0;
    const isLast = k === count - 1;
    // A cell runs from its pipe to the next; the last one to the end of the line, its closing pipe included.
    const end = isLast ? part.length : (pipes[k + 1] ?? part.length);
    const content = part.slice(open + 1, isLast && closed ? (pipes[k + 1] ?? end) : end);
    const raw = source.slice(open, end).replace(/^\|/, '').replace(/\|$/, '').trim();
    cells.push({ markup: escapeHtml(content.replace(/^[ \t]+|[ \t]+$/g, '')), raw, line, column: open + 2 });
  }
  return { line, cells };
}

/**
 * A pipe cell as HTML: Markdown emphasis dropped, inline HTML kept, and text re-escaped because
 * remark has already decoded its entities (`&lt;` would otherwise read as a tag).
 */
function cellMarkup(cell: TableCell): string {
  const walk = (nodes: PhrasingContent[]): string =>
    nodes
      .map((n) => {
        if (n.type === 'text' || n.type === 'inlineCode') return escapeHtml(n.value);
        if (n.type === 'html') return n.value;
        if (n.type === 'break') return '<br>';
        return 'children' in n ? walk(n.children as PhrasingContent[]) : '';
      })
      .join('');
  return walk(cell.children);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Re-encoders for the tables of an OCR'd notice: the seed encodes tables as
 * TAB-separated lines; these produce the pipe-table, HTML-table, CRLF+BOM and
 * moved-page-break variants so tests can check that extraction is
 * encoding-independent. All functions are pure and expect LF input
 * (apply `toCrlfBom` last).
 */

/** A maximal run of consecutive TAB lines, as 0-based inclusive line indexes. */
export interface TabRun {
  start: number;
  end: number;
}

/** Options for `toHtmlTables`. */
export interface HtmlTableOptions {
  /** Emit rowspan for carried-down labels and colspan for `label\tvalue\t\t…` rows. */
  rowspan?: boolean;
}

/** Returns the line ranges of every maximal run of lines containing a TAB. */
export function tabRuns(md: string): TabRun[] {
  const runs: TabRun[] = [];
  const lines = md.split('\n');
  let start = -1;
  lines.forEach((line, i) => {
    if (line.includes('\t')) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      runs.push({ start, end: i - 1 });
      start = -1;
    }
  });
  if (start >= 0) runs.push({ start, end: lines.length - 1 });
  return runs;
}

/** Rewrites every TAB run as a GFM pipe table (header padded to the widest row). */
export function toPipeTables(md: string): string {
  return replaceRuns(md, pipeTable);
}

/** Rewrites every TAB run as an HTML `<table>` block, one `<tr>` per source line. */
export function toHtmlTables(md: string, opts: HtmlTableOptions = {}): string {
  return replaceRuns(md, (rows) => htmlTable(rows, opts.rowspan === true));
}

/** Prefixes a BOM and turns every line ending into CRLF. */
export function toCrlfBom(md: string): string {
  const body = md.startsWith('\uFEFF') ? md.slice(1) : md;
  return '\uFEFF' + body.replace(/\r?\n/g, '\r\n');
}

/**
 * Simulates a page break in a new place: after the first line containing
 * `afterLineContaining`, inserts a blank line and a copy of the first line
 * starting with `headerLineStartsWith`, with one extra space in its first cell.
 */
export function withRepeatedHeaderAt(md: string, headerLineStartsWith: string, afterLineContaining: string): string {
  const lines = md.split('\n');
  const header = lines.find((l) => l.startsWith(headerLineStartsWith));
  if (header === undefined) throw new Error(`no line starts with ${JSON.stringify(headerLineStartsWith)}`);
  const at = lines.findIndex((l) => l.includes(afterLineContaining));
  if (at < 0) throw new Error(`no line contains ${JSON.stringify(afterLineContaining)}`);
  lines.splice(at + 1, 0, '', spacedFirstCell(header));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------

type Renderer = (rows: string[][]) => string[];

/** Replaces each TAB run with rendered lines, keeping it a separate block. */
function replaceRuns(md: string, render: Renderer): string {
  const lines = md.split('\n');
  const out: string[] = [];
  let next = 0;
  for (const run of tabRuns(md)) {
    out.push(...lines.slice(next, run.start));
    // A blank line before stops the table merging into a preceding paragraph;
    // one after stops GFM treating the next text line as a lazy table row.
    if (out.length > 0 && !isBlank(out[out.length - 1])) out.push('');
    out.push(...render(lines.slice(run.start, run.end + 1).map(splitCells)));
    next = run.end + 1;
    if (next < lines.length && !isBlank(lines[next])) out.push('');
  }
  out.push(...lines.slice(next));
  return out.join('\n');
}

function isBlank(line: string | undefined): boolean {
  return line === undefined || line.trim() === '';
}

function splitCells(line: string): string[] {
  return line.split('\t');
}

/** Inserts a space after the first character of the first cell (`地区` → `地 区`). */
function spacedFirstCell(header: string): string {
  const [first = '', ...rest] = splitCells(header);
  const chars = Array.from(first);
  const spaced = chars.length > 1 ? `${chars[0]} ${chars.slice(1).join('')}` : `${first} `;
  return [spaced, ...rest].join('\t');
}

// --- pipe tables -----------------------------------------------------------

function pipeTable(rows: string[][]): string[] {
  // GFM fixes the column count from the header and truncates wider body rows,
  // so the header is padded to the widest row of the run.
  const width = Math.max(...rows.map((r) => r.length));
  const [header = [], ...body] = rows;
  const paddedHeader = [...header, ...Array<string>(width - header.length).fill('')];
  return [pipeRow(paddedHeader), pipeRow(Array<string>(width).fill('---')), ...body.map(pipeRow)];
}

function pipeRow(cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

// --- HTML tables -----------------------------------------------------------

/** How one source cell is emitted: dropped (covered by a span) or with spans. */
interface CellPlan {
  skip: boolean;
  rowspan: number;
  colspan: number;
}

/** Columns where converters typically emit rowspans for carried-down labels. */
const ROWSPAN_COLUMNS = 3;

function htmlTable(rows: string[][], spans: boolean): string[] {
  const plan = spans ? planSpans(rows) : rows.map((r) => r.map(plainPlan));
  const trs = rows.map((cells, r) => {
    const tds = cells.flatMap((cell, c) => {
      const p = plan[r]?.[c] ?? plainPlan();
      return p.skip ? [] : [td(cell, p)];
    });
    return `<tr>${tds.join('')}</tr>`;
  });
  return ['<table>', ...trs, '</table>'];
}

function plainPlan(): CellPlan {
  return { skip: false, rowspan: 1, colspan: 1 };
}

function td(cell: string, p: CellPlan): string {
  const attrs = (p.rowspan > 1 ? ` rowspan="${p.rowspan}"` : '') + (p.colspan > 1 ? ` colspan="${p.colspan}"` : '');
  return `<td${attrs}>${htmlCell(cell)}</td>`;
}

/** Cells that already carry markup (`<b>`, `<ol>`, `&lt;` entities) stay verbatim. */
function htmlCell(cell: string): string {
  if (/<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>/.test(cell)) return cell;
  return cell.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Colspans first (they win over rowspans), then rowspans in the first columns.
 * Only cells of a row's empty leading prefix merge upwards: those are the
 * carried-down labels; an empty cell after a filled one (an Annex 1 subtotal's
 * project name) means "no value", and a span would claim the one above.
 * Cells of the run's first row are never anchors: spanning a header cell
 * into data rows would misstate the table.
 */
function planSpans(rows: string[][]): CellPlan[][] {
  const plan = rows.map((r) => r.map(plainPlan));
  rows.forEach((cells, r) => planColspan(cells, plan[r] ?? []));
  for (let c = 0; c < ROWSPAN_COLUMNS; c++) planRowspanColumn(rows, plan, c);
  return plan;
}

/** `label\tvalue\t\t…`: the trailing empties merge into the value cell. */
function planColspan(cells: string[], plan: CellPlan[]): void {
  const [a = '', b = '', ...rest] = cells;
  if (a === '' || b === '' || rest.length === 0 || rest.some((x) => x !== '')) return;
  plan[1] = { skip: false, rowspan: 1, colspan: cells.length - 1 };
  for (let c = 2; c < cells.length; c++) plan[c] = { skip: true, rowspan: 1, colspan: 1 };
}

function planRowspanColumn(rows: string[][], plan: CellPlan[][], c: number): void {
  let anchor: CellPlan | undefined;
  rows.forEach((cells, r) => {
    const p = plan[r]?.[c];
    const cell = cells[c];
    // A missing cell, or one already taken by a colspan, ends the vertical span.
    if (p === undefined || cell === undefined || p.skip || p.colspan > 1) {
      anchor = undefined;
    } else if (cell === '' && anchor !== undefined && isLeadingEmpty(cells, c)) {
      anchor.rowspan++;
      p.skip = true;
    } else {
      anchor = cell !== '' && r > 0 ? p : undefined;
    }
  });
}

function isLeadingEmpty(cells: string[], c: number): boolean {
  return cells.slice(0, c + 1).every((x) => x === '');
}

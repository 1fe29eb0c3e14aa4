/**
 * Renders a notice written with TAB-separated tables (the seed) as other PDF/OCR converters write it.
 * Each style is an option, so a test can check one on its own or any combination; every random choice
 * (which rows are shifted or merged, where a page mark falls) comes from `seed`, so fast-check can
 * drive it and a failing case is replayed exactly. Pure; LF input and output.
 */
import { mulberry32 } from '../../scripts/random.js';

/** How a converter writes the notice. */
export interface ConverterStyle {
  /** How headings come out: `#` headings (as in the seed), bold lines or plain lines. */
  headings?: 'atx' | 'bold' | 'plain';
  /** Money tables (Annex 1 and 2) as HTML whose first rows are the table's title and its 单位 line (the plain lines removed). */
  moneyHtml?: boolean;
  /** Target tables (Annex 3) as HTML with the 绩效指标 cell spanning the header row and every indicator row. */
  targetsHtml?: boolean;
  /** HTML target tables also carry a `<caption>` and the table's title as their first, spanning row. */
  titleRows?: boolean;
  /** How many money-table data rows get an empty cell added at their start. */
  shifted?: number;
  /** How many money-table data rows get two neighbouring cells merged (seq + code, name + amount). */
  merged?: number;
  /** Page marks (`- 3 -`, `第 3 页`) and running headers inside tables. */
  pageMarks?: boolean;
  /** The body as a web copy writes it: a breadcrumb, the title on a plain line, `日期 来源：本网`, no 印发 line. */
  plainBody?: boolean;
  /** Seed of every random choice. */
  seed?: number;
}

/** What a rendering did, for tests that check the repairs it should cause. */
export interface Rendered {
  /** The notice as the converter writes it. */
  text: string;
  /** Rows that got an empty leading cell. */
  shiftedRows: number;
  /** Rows that got two cells merged. */
  mergedRows: number;
}

/** Which part of the notice a line belongs to. */
type Part = 'body' | 'money' | 'targets';

/** Render `md` in a converter's style. */
export function renderNotice(md: string, style: ConverterStyle): Rendered {
  const random = mulberry32(style.seed ?? 1);
  let lines = md.split('\n');
  const parts = partsOf(lines);
  const out = { shiftedRows: 0, mergedRows: 0 };
  const rows = lines.flatMap((line, index) =>
    line.includes('\t') && parts[index] === 'money' ? [{ index, cells: line.split('\t') }] : [],
  );
  const dataRows = rows.filter((r) => !isHeaderCells(r.cells));
  for (const row of pick(
    dataRows.filter((r) => mergeCells(r.cells) !== null),
    style.merged ?? 0,
    random,
  )) {
    const merged = mergeCells(row.cells);
    if (merged) {
      lines[row.index] = merged.join('\t');
      out.mergedRows++;
    }
  }
  for (const row of pick(
    dataRows.filter((r) => lines[r.index] === r.cells.join('\t')),
    style.shifted ?? 0,
    random,
  )) {
    lines[row.index] = ['', ...row.cells].join('\t');
    out.shiftedRows++;
  }
  if (style.pageMarks) lines = withPageMarks(lines, parts, random);
  const partsNow = partsOf(lines);
  if (style.moneyHtml || style.targetsHtml) lines = htmlTables(lines, partsNow, style);
  if (style.plainBody) lines = plainBody(lines);
  if (style.headings === 'bold' || style.headings === 'plain')
    lines = lines.map((l) => restyleHeading(l, style.headings as 'bold' | 'plain'));
  return { text: lines.map((l) => (l.startsWith('\u0000') ? l.slice(1) : l)).join('\n'), ...out };
}

/** Each line's part: the body until the first annex heading, then money tables until the annex of target tables. */
function partsOf(lines: readonly string[]): Part[] {
  let part: Part = 'body';
  return lines.map((line) => {
    const annex = /^#+\s*附件\s*(\d)/.exec(line)?.[1];
    if (annex) part = annex === '3' ? 'targets' : 'money';
    return part;
  });
}

/** True for a header row of a money table (序号…, 地区…). */
function isHeaderCells(cells: readonly string[]): boolean {
  return cells[0] === '地区' || cells[0] === '序号';
}

/** Two neighbouring cells written as one: a sequence number and its code, or a name and its amount. */
function mergeCells(cells: readonly string[]): string[] | null {
  const strip = (c: string): string => c.replace(/<\/?b>/g, '');
  if (/^\d+$/.test(strip(cells[0] ?? '')) && /^\d{6}$/.test(strip(cells[1] ?? '')))
    return [`${strip(cells[0] ?? '')} ${strip(cells[1] ?? '')}`, ...cells.slice(2)];
  const amountAt = cells.findIndex((c) => /^\d+(\.\d+)?$/.test(c) && c.length < 9);
  const nameAt = amountAt - 1;
  if (
    amountAt > 0 &&
    (cells[nameAt] ?? '') !== '' &&
    !/^\d/.test(cells[nameAt] ?? '') &&
    amountAt === cells.length - 1
  ) {
    return [...cells.slice(0, nameAt), `${cells[nameAt]} ${cells[amountAt]}`];
  }
  return null;
}

/** Page marks and running headers between table rows, as a converter that keeps page furniture writes them. */
function withPageMarks(lines: readonly string[], parts: readonly Part[], random: () => number): string[] {
  const out: string[] = [];
  let page = 2;
  lines.forEach((line, i) => {
    out.push(line);
    const next = lines[i + 1] ?? '';
    if (!line.includes('\t') || !next.includes('\t') || parts[i] === 'body' || random() > 0.04) return;
    const mark = random() < 0.5 ? `- ${page} -` : `第 ${page} 页`;
    page++;
    // Inside an HTML table the mark becomes a row of its own; in TAB tables a line of its own.
    out.push(`\u0000${mark}`);
  });
  return out;
}

/** Every TAB run of the money or target annex as one HTML table. */
function htmlTables(lines: readonly string[], parts: readonly Part[], style: ConverterStyle): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const part = parts[i];
    const inRun = (k: number): boolean => (lines[k] ?? '').includes('\t') || (lines[k] ?? '').startsWith('\u0000');
    const wanted = (part === 'money' && style.moneyHtml) || (part === 'targets' && style.targetsHtml);
    if (!wanted || !(lines[i] ?? '').includes('\t')) {
      out.push(lines[i] ?? '');
      i++;
      continue;
    }
    let end = i;
    while (end + 1 < lines.length && inRun(end + 1)) end++;
    const run = lines.slice(i, end + 1);
    const title = lastHeading(out);
    if (part === 'money') {
      const unitAt = lastIndexMatching(out, /^单位[:：]/);
      const unit = unitAt >= 0 && out.length - unitAt <= 3 && isFirstRun(out) ? (out.splice(unitAt, 1)[0] ?? '') : '';
      out.push(...moneyTable(run, isFirstRun(out) || unit !== '' ? [title, unit].filter(Boolean) : []));
    } else out.push(...targetTable(run, style.titleRows === true ? title : ''));
    i = end + 1;
  }
  return out.map((l) => (l.startsWith('\u0000') ? l.slice(1) : l));
}

/** A money table: title rows first (spanning the table), then one `<tr>` per row, page marks as spanning rows. */
function moneyTable(run: readonly string[], titles: readonly string[]): string[] {
  const width = Math.max(...run.map((l) => l.split('\t').length));
  const rows = [
    ...titles.map((t) => spanning(t, width)),
    ...run.map((l) =>
      l.startsWith('\u0000') ? spanning(l.slice(1), width) : `<tr>${l.split('\t').map(td).join('')}</tr>`,
    ),
  ];
  return ['<table>', ...rows, '</table>'];
}

/**
 * A target table: metadata rows with their value spanning the rest, and the 绩效指标 cell spanning the
 * header row and every indicator row below it (the first column of those rows is then covered).
 */
function targetTable(run: readonly string[], title: string): string[] {
  const rows = run.map((l) => l.split('\t'));
  const width = 5;
  const headerAt = rows.findIndex((r) => r.includes('一级指标'));
  const out: string[] = title ? [`<caption>${title}</caption>`, spanning(title, width)] : [];
  rows.forEach((cells, r) => {
    const line = run[r] ?? '';
    // Under the 绩效指标 span the first column is covered, so a page mark spans the rest.
    if (line.startsWith('\u0000'))
      return out.push(spanning(line.slice(1), headerAt >= 0 && r > headerAt ? width - 1 : width));
    if (headerAt < 0 || r < headerAt) {
      const filled = cells.filter((c, k) => c !== '' || k < 2);
      const [label = '', value = '', ...rest] = filled;
      if (rest.every((c) => c === ''))
        return out.push(`<tr>${td(label)}<td colspan="${width - 1}">${cellHtml(value)}</td></tr>`);
      return out.push(`<tr>${cells.map(td).join('')}</tr>`);
    }
    if (r === headerAt) {
      const span = rows.length - headerAt;
      return out.push(`<tr><td rowspan="${span}">绩效指标</td>${cells.slice(1).map(td).join('')}</tr>`);
    }
    // The block label is now the spanning cell above: drop it (or the empty cell that stood for it).
    const rest = cells[0] === '绩效指标' || cells[0] === '' ? cells.slice(1) : cells;
    return out.push(`<tr>${rest.map(td).join('')}</tr>`);
  });
  return ['<table>', ...out, '</table>'];
}

/** One cell spanning the table. */
function spanning(text: string, width: number): string {
  return `<tr><td colspan="${width}">${cellHtml(text)}</td></tr>`;
}

function td(cell: string): string {
  return `<td>${cellHtml(cell)}</td>`;
}

/** Cells that already carry markup (`<b>`, `<ol>`) stay verbatim; other text is escaped. */
function cellHtml(cell: string): string {
  if (/<\/?[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?\/?>/.test(cell)) return cell;
  return cell.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The text of the last heading written so far. */
function lastHeading(out: readonly string[]): string {
  const at = lastIndexMatching(out, /^#+\s/);
  return at < 0 ? '' : (out[at] ?? '').replace(/^#+\s*/, '');
}

/** True when no table was written since the last annex heading. */
function isFirstRun(out: readonly string[]): boolean {
  return lastIndexMatching(out, /^#+\s*附件/) > lastIndexMatching(out, /^<\/table>/);
}

function lastIndexMatching(lines: readonly string[], pattern: RegExp): number {
  for (let i = lines.length - 1; i >= 0; i--) if (pattern.test(lines[i] ?? '')) return i;
  return -1;
}

/** The body as a web page copy: a breadcrumb for the masthead, the title on a plain line, a date and source line, no 印发 line. */
function plainBody(lines: readonly string[]): string[] {
  const out: string[] = [];
  let inBody = true;
  for (const line of lines) {
    if (/^#+\s*附件/.test(line)) inBody = false;
    if (inBody && /^#\s.*文件$/.test(line)) {
      out.push('首页 > 政务公开 > 通知公告');
      continue;
    }
    if (inBody && /^#+\s.*通知$/.test(line)) {
      out.push(line.replace(/^#+\s*/, ''), '', '2023年12月28日 来源：本网');
      continue;
    }
    if (/^\d{4}年\d{1,2}月\d{1,2}日印发$/.test(line.trim())) continue;
    out.push(line);
  }
  return out;
}

/** A heading line as a bold line or a plain line. */
function restyleHeading(line: string, as: 'bold' | 'plain'): string {
  const m = /^#+\s*(.*)$/.exec(line);
  if (!m) return line;
  return as === 'bold' ? `**${m[1]}**` : (m[1] ?? '');
}

/** `count` distinct items chosen by `random`, in source order. */
function pick<T>(items: readonly T[], count: number, random: () => number): T[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, items.length)) chosen.add(Math.floor(random() * items.length));
  return [...chosen].sort((a, b) => a - b).map((i) => items[i] as T);
}

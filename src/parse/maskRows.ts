import { isTsvLine } from './lines.js';

/** An inclusive range of 1-based lines. */
export interface LineSpan {
  start: number;
  end: number;
}

/** Tables nested deeper than this are not parsed (a parser's recursion would overflow the stack): reported instead. */
export const MAX_TABLE_DEPTH = 32;

/** An HTML table's lines, how deep tables nest inside it, and whether its `</table>` was missing. */
export interface HtmlTableSpan extends LineSpan {
  /** Deepest nesting of `<table>` inside it (1: no table inside). */
  depth: number;
  /** Never closed: it ends at its last line of table markup, before the next heading or table. */
  unclosed: boolean;
}

const TABLE_OPEN = /<table[\s>]/gi;
const TABLE_CLOSE = /<\/table>/gi;
const TABLE_MARKUP = /<\/?(?:t[rdh]|tbody|thead|tfoot|caption|col|colgroup)[\s>]/i;
const HEADING = /^\s{0,3}#{1,6}(?:\s|$)/;

function count(re: RegExp, line: string): number {
  re.lastIndex = 0;
  let n = 0;
  while (re.exec(line)) n++;
  return n;
}

/**
 * Line ranges of `<table>` … `</table>` fragments between two lines, skipping lines in `skip`; the
 * `</table>` that ends one is the one that closes its outermost `<table>` (tables nested inside are
 * counted). A table never closed does not take the rest of the notice: it ends at its last line of
 * table markup before the next heading or the next table that opens at depth 0.
 */
export function htmlTableRanges(
  lines: readonly string[],
  from: number,
  to: number,
  skip?: ReadonlySet<number>,
): HtmlTableSpan[] {
  const tables: HtmlTableSpan[] = [];
  for (let l = from; l <= to; l++) {
    if (skip?.has(l) || count(TABLE_OPEN, lines[l - 1] ?? '') === 0) continue;
    let depth = 0;
    let deepest = 0;
    let end = l;
    let lastMarkup = l;
    let closed = false;
    for (; end <= to; end++) {
      const line = lines[end - 1] ?? '';
      if (end > l && (HEADING.test(line) || (depth === 0 && count(TABLE_OPEN, line) > 0))) break;
      const opens = count(TABLE_OPEN, line);
      const closes = count(TABLE_CLOSE, line);
      deepest = Math.max(deepest, depth + opens);
      depth += opens - closes;
      if (opens + closes > 0 || TABLE_MARKUP.test(line)) lastMarkup = end;
      if (depth <= 0) {
        closed = true;
        break;
      }
    }
    const last = closed ? end : lastMarkup;
    tables.push({ start: l, end: last, depth: deepest, unclosed: !closed });
    l = last;
  }
  return tables;
}

/** A GFM delimiter row: `|---|:--:|`, with or without the outer pipes. */
const DELIMITER_ROW = /^\s*(?:\|\s*)?:?-+:?\s*(?:\|\s*:?-+:?\s*)*(?:\|\s*)?$/;

/** Cells of a pipe row, escaped pipes (`\|`) kept inside their cell. */
function pipeCellCount(line: string): number {
  const inner = line
    .trim()
    .replace(/^\|/, '')
    .replace(/(?<!\\)\|$/, '');
  return inner.split(/(?<!\\)\|/).length;
}

/**
 * The source as the Markdown parser should see it: only the lines that may belong to a GFM pipe
 * table (they hold a `|`), every other line emptied. Everything else — headings, text lines, title
 * lines, tab-separated and HTML tables — is read from the source by line, so remark is spent only
 * where its table grammar is needed. Lines stay where they were, so line and column positions
 * still point into the real source (offsets do not: read slices by line and column).
 *
 * GFM is no table at all when its header row and delimiter row differ in cell count, and a converter
 * that writes one cell too many (an empty trailing cell) loses the whole table that way; such a
 * delimiter row is written with the header's count instead, and counted in `delimitersFitted`.
 */
export function markdownPart(lines: readonly string[]): { part: string[]; delimitersFitted: number } {
  const html = new Set<number>();
  for (const t of htmlTableRanges(lines, 1, lines.length)) for (let l = t.start; l <= t.end; l++) html.add(l);
  let kept = 0;
  let delimitersFitted = 0;
  const part = lines.map((line, i) => {
    const keep = line.includes('|') && !isTsvLine(line) && !html.has(i + 1);
    if (!keep) return '';
    kept++;
    const header = lines[i - 1] ?? '';
    if (i > 0 && DELIMITER_ROW.test(line) && header.includes('|') && !DELIMITER_ROW.test(header)) {
      const want = pipeCellCount(header);
      if (want !== pipeCellCount(line)) {
        delimitersFitted++;
        return `|${'---|'.repeat(want)}`;
      }
    }
    return line;
  });
  return { part: kept === 0 ? [] : part, delimitersFitted };
}

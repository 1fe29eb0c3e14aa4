import { isTsvLine } from './lines.js';

/** An inclusive range of 1-based lines. */
export interface LineSpan {
  start: number;
  end: number;
}

/** Line ranges of `<table>` … `</table>` fragments between two lines, skipping lines in `skip`. */
export function htmlTableRanges(lines: readonly string[], from: number, to: number, skip?: ReadonlySet<number>): LineSpan[] {
  const tables: LineSpan[] = [];
  for (let l = from; l <= to; l++) {
    if (skip?.has(l) || !/<table[\s>]/i.test(lines[l - 1] ?? '')) continue;
    let end = l;
    while (end < to && !/<\/table>/i.test(lines[end - 1] ?? '')) end++;
    tables.push({ start: l, end });
    l = end;
  }
  return tables;
}

/** A GFM delimiter row: `|---|:--:|`, with or without the outer pipes. */
const DELIMITER_ROW = /^\s*(?:\|\s*)?:?-+:?\s*(?:\|\s*:?-+:?\s*)*(?:\|\s*)?$/;

/** Cells of a pipe row, escaped pipes (`\|`) kept inside their cell. */
function pipeCellCount(line: string): number {
  const inner = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '');
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
export function markdownPart(lines: readonly string[]): { part: string; delimitersFitted: number } {
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
  return { part: kept === 0 ? '' : part.join('\n'), delimitersFitted };
}

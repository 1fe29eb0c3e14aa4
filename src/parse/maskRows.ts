import { isTsvLine } from '../grid/tsv.js';

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

/**
 * The source as the Markdown parser should see it: tab-separated table rows blanked with spaces of
 * the same length. Those rows are read from the source by position anyway (remark would only make
 * paragraphs and HTML blocks of them, at most of the parse's cost), and blanking keeps every line,
 * column and offset of what remains, so positions still point into the real source. Lines of HTML
 * tables, pipe tables and headings are kept.
 */
export function maskTabRows(lines: readonly string[]): string {
  const html = new Set<number>();
  for (const t of htmlTableRanges(lines, 1, lines.length)) for (let l = t.start; l <= t.end; l++) html.add(l);
  return lines
    .map((line, i) => {
      const trimmed = line.trimStart();
      const keep = !isTsvLine(line) || html.has(i + 1) || trimmed.startsWith('|') || trimmed.startsWith('#');
      return keep ? line : ' '.repeat(line.length);
    })
    .join('\n');
}

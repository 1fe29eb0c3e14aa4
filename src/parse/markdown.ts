import { markdownPart } from './maskRows.js';
import { withoutClosingHashes } from './lines.js';
import { pipeTablesOf, type PipeTable } from './pipeTables.js';

/** A parsed notice: its pipe tables as read by remark, and the source split into lines for slicing. */
export interface ParsedNotice {
  /** The top-level GFM pipe tables, in order, with their rows. */
  pipeTables: PipeTable[];
  /** Source lines; `lines[n - 1]` is line n. */
  lines: string[];
  /** The whole source text. */
  text: string;
  /** Pipe-table delimiter rows written with their header's cell count (see `markdownPart`). */
  delimitersFitted: number;
}

/**
 * Parse the notice: remark-parse and remark-gfm see only the lines that may be pipe tables (see `markdownPart`), a few
 * thousand at a time (pipeTables.ts); all else is read by line.
 */
export function parseMarkdown(text: string): ParsedNotice {
  const lines = text.split('\n');
  const { part, delimitersFitted } = markdownPart(lines);
  return { pipeTables: pipeTablesOf(part, lines), lines, text, delimitersFitted };
}

/** A heading of the notice with its plain text and line. */
export interface Heading {
  /** 1-6. */
  depth: number;
  /** Heading text from the source, `#` marks and emphasis stripped, white space kept. */
  text: string;
  /** 1-based line. */
  line: number;
}

const ATX_HEADING = /^ {0,3}(#{1,6})(?:[ \t]+|$)/;

/** Every ATX heading of the notice (`#` … `######`), in order, with its text; table rows are not headings. */
export function headingsOf(parsed: ParsedNotice): Heading[] {
  const headings: Heading[] = [];
  parsed.lines.forEach((source, i) => {
    const mark = ATX_HEADING.exec(source);
    if (!mark) return;
    const text = withoutClosingHashes(source.slice(mark[0].length)).replace(/[*_]/g, '');
    headings.push({ depth: mark[1]?.length ?? 1, text, line: i + 1 });
  });
  return headings;
}

import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { markdownPart } from './maskRows.js';
import { withoutClosingHashes } from './lines.js';

const processor = unified().use(remarkParse).use(remarkGfm);

/** A parsed notice: the mdast with positions, and the source split into lines for slicing. */
export interface ParsedNotice {
  /** The Markdown syntax tree; every node has a position. */
  tree: Root;
  /** Source lines; `lines[n - 1]` is line n. */
  lines: string[];
  /** The whole source text. */
  text: string;
  /** Pipe-table delimiter rows written with their header's cell count (see `markdownPart`). */
  delimitersFitted: number;
}

/**
 * Parse the notice: remark-parse and remark-gfm see only the lines that may be pipe tables (see `markdownPart`); all
 * else is read by line.
 */
export function parseMarkdown(text: string): ParsedNotice {
  const lines = text.split('\n');
  const { part, delimitersFitted } = markdownPart(lines);
  return { tree: part === '' ? { type: 'root', children: [] } : processor.parse(part), lines, text, delimitersFitted };
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

import type { Root, RootContent } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { maskTabRows } from './maskRows.js';

const processor = unified().use(remarkParse).use(remarkGfm);

/** A parsed notice: the mdast with positions, and the source split into lines for slicing. */
export interface ParsedNotice {
  /** The Markdown syntax tree; every node has a position. */
  tree: Root;
  /** Source lines; `lines[n - 1]` is line n. */
  lines: string[];
  /** The whole source text. */
  text: string;
}

/** Parse Markdown once with remark-parse and remark-gfm, keeping positions; tab-separated rows are left to the grid stage. */
export function parseMarkdown(text: string): ParsedNotice {
  const lines = text.split('\n');
  return { tree: processor.parse(maskTabRows(lines)), lines, text };
}

/** First and last source line of a top-level node. */
export function lineSpan(node: RootContent): { start: number; end: number } {
  return { start: node.position?.start.line ?? 0, end: node.position?.end.line ?? 0 };
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

/** Every heading of the tree, in order, with the text sliced from the source. */
export function headingsOf(parsed: ParsedNotice): Heading[] {
  const headings: Heading[] = [];
  for (const node of parsed.tree.children) {
    if (node.type !== 'heading') continue;
    const line = node.position?.start.line ?? 0;
    const source = parsed.lines[line - 1] ?? '';
    headings.push({ depth: node.depth, text: source.replace(/^\s*#+\s*/, '').replace(/\s*#*\s*$/, '').replace(/[*_]/g, ''), line });
  }
  return headings;
}

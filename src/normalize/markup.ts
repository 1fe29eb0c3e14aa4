/**
 * Markup read as text, in one place. Three readings, each for its own purpose:
 * - `htmlToText`: an HTML fragment (a table cell, a caption) as the plain text a reader sees: parsed by htmlparser2,
 *   entities decoded, `<br>` and the ends of block elements as line breaks, lines trimmed.
 * - `nodeText`: the text of a parsed node, flat (text data run together, as cheerio's `.text()`) or with the
 *   line breaks `htmlToText` makes; for readers that hold a parsed document (Word through mammoth).
 * - `stripTags`: the tags of a source line removed by a pattern, entities kept as written, for the scans that
 *   read a line against a family's patterns (outline, metadata lines, closing lines) and must keep its columns.
 * A saved web page is read by its own walk (files/webPage.ts): it needs the element each line belongs to.
 */
// The slim build reads with htmlparser2 only: no parse5, no URL loader (undici) at start-up.
import * as cheerio from 'cheerio/slim';
import type { AnyNode } from 'domhandler';
import { memoByText } from './memo.js';

/** Elements after which a line break is implied when HTML is read as plain text. */
const BLOCK_TAGS: ReadonlySet<string> = new Set(['br', 'p', 'li', 'div', 'tr', 'ol', 'ul']);

/** A tag, or anything between `<` and `>` on one line: what a line scan drops. */
const TAG = /<[^<>]*>/g;

/** True when a cell holds markup or entities that need an HTML reading. */
export function looksLikeHtml(raw: string): boolean {
  return raw.includes('<') || raw.includes('&');
}

/**
 * Plain text of a cell: tags dropped, block elements and <br> as line breaks, entities decoded (remembered per raw
 * text: cells repeat).
 */
export const htmlToText: (raw: string) => string = memoByText((raw) =>
  looksLikeHtml(raw) ? readHtml(raw) : tidyLines(raw),
);

/** Plain text of markup. */
function readHtml(raw: string): string {
  // htmlparser2 (cheerio's `xml` option with xmlMode off) reads cell fragments several times faster than parse5.
  const $ = cheerio.load(raw, { xml: { xmlMode: false, decodeEntities: true } }, false);
  return tidyLines(nodeText($.root().contents().toArray(), true));
}

/**
 * Text of parsed nodes in document order: with `lines`, `<br>` and the end of each block element are line breaks;
 * without, the text data run together (as cheerio's `.text()`).
 */
export function nodeText(nodes: readonly AnyNode[], lines = false): string {
  const parts: string[] = [];
  const walk = (list: readonly AnyNode[]): void => {
    for (const node of list) {
      if (node.type === 'text' && 'data' in node) parts.push(node.data);
      else if ('children' in node) {
        const name = lines && 'name' in node ? node.name : '';
        if (name === 'br') parts.push('\n');
        walk(node.children);
        if (BLOCK_TAGS.has(name)) parts.push('\n');
      }
    }
  };
  walk(nodes);
  return parts.join('');
}

/** A line with its tags replaced by `gap` (entities and everything else kept as written). */
export function stripTags(line: string, gap = ''): string {
  return line.replace(TAG, gap);
}

/** Trim each line, collapse blank lines, trim the whole. */
export function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

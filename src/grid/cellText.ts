// The slim build reads with htmlparser2 only: no parse5, no URL loader (undici) at start-up.
import * as cheerio from 'cheerio/slim';
import type { AnyNode } from 'domhandler';
import { memoByText } from '../normalize/memo.js';

/** Elements after which a line break is implied when HTML is read as plain text. */
const BLOCK_TAGS = new Set(['br', 'p', 'li', 'div', 'tr', 'ol', 'ul']);

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
  const parts: string[] = [];
  const walk = (nodes: AnyNode[]): void => {
    for (const node of nodes) {
      if (node.type === 'text' && 'data' in node) parts.push(node.data);
      else if ('children' in node) {
        const name = 'name' in node ? node.name : '';
        if (name === 'br') parts.push('\n');
        walk(node.children as AnyNode[]);
        if (BLOCK_TAGS.has(name)) parts.push('\n');
      }
    }
  };
  walk($.root().contents().toArray());
  return tidyLines(parts.join(''));
}

/** Trim each line, collapse blank lines, trim the whole. */
export function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter((l) => l !== '')
    .join('\n');
}

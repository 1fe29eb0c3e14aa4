import { createRequire } from 'node:module';
import type { CheerioAPI } from 'cheerio';
import { nodeText } from '../normalize/markup.js';
// htmlparser2 (the slim build, as normalize/markup.ts reads cells) reads mammoth's HTML much faster than parse5.
import * as slim from 'cheerio/slim';
import type { AnyNode, Element } from 'domhandler';
import type { Block, FileCell, FileRow } from './blocks.js';
import type { FileFinding } from './findings.js';

/** mammoth is loaded on the first Word file, not at start-up. */
const load = createRequire(import.meta.url);

/**
 * A .docx file's paragraphs and tables in reading order, through mammoth's HTML: horizontally
 * merged cells (gridSpan) come as colspan and vertically merged ones (vMerge) as rowspan, so the
 * rows are the HTML grid path's. Headings keep their level as Markdown marks (`## 附件3`).
 */
export async function readDocx(bytes: Buffer): Promise<{ blocks: Block[]; findings: FileFinding[] }> {
  const mammoth = load('mammoth') as typeof import('mammoth');
  const { value: html } = await mammoth.convertToHtml({ buffer: bytes });
  return {
    blocks: htmlBlocks(slim.load(html, { xml: { xmlMode: false, decodeEntities: true } }, false)),
    findings: [],
  };
}

/** Text lines and tables of an HTML document fragment (a Word file as mammoth writes it). */
export function htmlBlocks($: CheerioAPI): Block[] {
  const blocks: Block[] = [];
  let paragraph = 0;
  let table = 0;
  const line = (text: string): void => {
    paragraph++;
    const last = blocks[blocks.length - 1];
    const entry = { text, ref: `paragraph ${paragraph}` };
    if (last?.kind === 'text') last.lines.push(entry);
    else blocks.push({ kind: 'text', lines: [entry] });
  };
  const visit = (node: AnyNode): void => {
    if (node.type !== 'tag') return;
    const el = node as Element;
    const name = el.name.toLowerCase();
    if (name === 'table') {
      table++;
      blocks.push({ kind: 'table', rows: tableRows($, el, table) });
    } else if (/^h[1-6]$/.test(name)) line(`${'#'.repeat(Number(name[1]))} ${textOf(el)}`);
    else if (name === 'p' || name === 'li') line(textOf(el));
    else for (const child of el.children) visit(child);
  };
  for (const node of $.root().children().toArray()) visit(node);
  return blocks;
}

/** The rows of one HTML table (a Word file's, a page's); a nested table's text stays in its cell. */
export function tableRows($: CheerioAPI, table: Element, index: number): FileRow[] {
  const rows: FileRow[] = [];
  $(table)
    .find('tr')
    .filter((_, tr) => $(tr).closest('table').get(0) === table)
    .each((r, tr) => {
      const cells: FileCell[] = $(tr)
        .children('td,th')
        .toArray()
        .map((td) => ({
          text: cellLines($, td),
          rowSpan: span(td.attribs['rowspan']),
          colSpan: span(td.attribs['colspan']),
        }));
      rows.push({ cells, ref: `table ${index} row ${r + 1}` });
    });
  return rows;
}

/** A cell's paragraphs as lines. */
function cellLines($: CheerioAPI, td: Element): string {
  const paragraphs = $(td).find('p,li').toArray();
  if (paragraphs.length === 0) return textOf(td);
  return paragraphs
    .map((p) => textOf(p))
    .filter((t) => t !== '')
    .join('\n');
}

function textOf(el: Element): string {
  return nodeText([el]).replace(/\s+/g, ' ').trim();
}

function span(value: string | undefined): number {
  const n = Number.parseInt(value ?? '1', 10);
  return Number.isFinite(n) && n > 0 && n < 1000 ? n : 1;
}

import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type { CheerioAPI } from 'cheerio';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import iconv from 'iconv-lite';
import { compareDocNumbers, findDocNumbers } from '../normalize/docNumber.js';
import { type Block, tableBlocks } from './blocks.js';
import { tableRows } from './docx.js';
import type { FileFinding } from './findings.js';

const load = createRequire(import.meta.url);

/** One line of the page's text and the element it sits in. */
interface PageLine {
  text: string;
  /** The block element the line is the text of. */
  element: Element;
  /** True when all its text is link text (navigation, share and print links). */
  linkOnly: boolean;
  /** True when it holds a link to a file an annex comes in (`…/4612345.xls`, `分配表.xlsx`): a download link. */
  fileLink: boolean;
  /** The table of data the line is a cell of, read as a table rather than as lines; null for other lines. */
  table: Element | null;
}

// What marks the notice itself, whatever the site: its document number (〔2023〕126号 in any
// brackets), its title (关于…的通知/决定/意见/办法/批复), its addressees (a short line ending in a colon).
const DOC_NUMBER = /[〔［\[（(【]\s*\d{4}\s*[〕］\]）)】]\s*\d{1,4}\s*号/u;
const TITLE = /关于.{2,120}的(?:通知|决定|意见|办法|批复|函|公告|通告)/u;
const ADDRESSEES = /^[^：:。]{2,200}[：:]$/u;
// A site's own words around an article: share, print, close, font size, previous/next, related.
const CHROME =
  /^[【\[]?\s*(?:分享|打印|关闭|收藏|字号|字体|上一篇|下一篇|相关(?:文章|链接|阅读|信息)|扫一扫|返回顶部)/u;
const ANNEX_LINK = /^\s*(?:附件|[\d一二三四五六七八九十]+\s*[.、．])/u;
// A link to a file an annex is published as, by its address or its text: a CMS lists downloads by file name alone.
const FILE_LINK = /\.(?:xlsx?|docx?|pdf|wps|et|ofd|zip|rar)$/i;
// The fields of a government site's 政府信息公开 table above an article (索引号, 分类, 发布机构, 成文日期, 文号,
// 发布日期…), as a label alone (`索引号：`, `文号`) or a label and its value (`文号：粤财农〔2024〕301号`).
const DISCLOSURE_FIELD =
  /^(索引号|(?:主题|体裁|组配)?分类|发布机构|发文(?:机关|单位|字号|日期)|(?:成文|发布|生成)日期|文号|文件编号|名称|标题|主题词|关键词|有效性|(?:信息)?来源)\s*(?:[：:](.*)|$)/u;
// Fields only such a table has: one of them must be there before the lines are taken for one.
const DISCLOSURE_OWN = new Set(['索引号', '成文日期', '发布机构', '文号', '发文字号', '主题分类', '发文机关']);
const BLOCK = new Set([
  'p',
  'div',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'tr',
  'td',
  'th',
  'section',
  'article',
  'main',
  'header',
  'footer',
  'nav',
  'aside',
  'ul',
  'ol',
  'table',
  'body',
  'center',
  'dd',
  'dt',
  'dl',
  'pre',
  'blockquote',
  'form',
  'span',
]);
const DROPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  // A frameset page's fallback for browsers without frames: the parser keeps it as raw markup, never as text.
  'noframes',
  'object',
  'svg',
  'head',
  'button',
  'select',
  'input',
  'textarea',
]);

/** A saved page read: its kept lines and tables in reading order, and its text lines alone. */
export interface WebPageBody {
  /** The article's text lines and tables (a `<table>` of data as rows and cells), in reading order. */
  blocks: Block[];
  /** The article's text lines, tables left out (where the list of attachments is read). */
  lines: string[];
  findings: FileFinding[];
}

/**
 * The notice's body out of a saved web page. The page is decoded by the charset it declares
 * (GB2312 and GBK read as GB18030, their superset); scripts and styles are dropped; the article is
 * the innermost element holding every mark of the notice the page has (document number, title line,
 * addressees), found by content, not by the site's class names. A government site's 政府信息公开
 * table (索引号, 文号, 成文日期…) is no part of it: its marks are not the article's, its 文号 is
 * checked against the article's. Lines outside the article, and lines inside it that are only link
 * text (share and print links) other than the attachment list, are left out and reported. A table
 * of data in the article is kept as a table; headings keep their level as Markdown marks.
 */
export function readWebPage(bytes: Buffer, file: string): WebPageBody {
  const findings: FileFinding[] = [];
  const html = decodePage(bytes, file, findings);
  const cheerio = load('cheerio') as typeof import('cheerio');
  const $ = cheerio.load(html);
  const lines = pageLines($);
  const disclosure = disclosureTable(lines);
  const candidates = disclosure ? lines.filter((l) => !disclosure.lines.has(l)) : lines;
  // A line that is all link text (a related article, a navigation entry) is never a mark of this notice.
  const marks = [DOC_NUMBER, TITLE].map((p) => candidates.find((l) => !l.linkOnly && p.test(l.text)));
  const addressees = candidates.find(
    (l) => l !== lines[0] && ADDRESSEES.test(l.text) && l.text.length < 200 && !l.linkOnly,
  );
  const anchors = [...marks, addressees].filter((l): l is PageLine => l !== undefined);
  if (anchors.length === 0) {
    findings.push({ code: 'files/page-article-unfound', file });
    const all = lines.map(lineMarkdown);
    return { blocks: [{ kind: 'text', lines: all.map((text) => ({ text, ref: '' })) }], lines: all, findings };
  }
  const article = commonAncestor(anchors.map((a) => a.element));
  const blocks: Block[] = [];
  const kept: string[] = [];
  const left: string[] = [];
  const tables = new Map<Element, number>();
  for (const line of lines) {
    const inside = article === null || contains(article, line.element);
    if (inside && line.table) {
      // A table of data is read whole, once, where its first cell stands.
      if (!tables.has(line.table)) {
        tables.set(line.table, tables.size + 1);
        blocks.push(...tableBlocks(tableRows($, line.table, tables.size)));
      }
      continue;
    }
    const chrome = (line.linkOnly && !ANNEX_LINK.test(line.text) && !line.fileLink) || CHROME.test(line.text);
    if (inside && !chrome) {
      const text = lineMarkdown(line);
      kept.push(text);
      const last = blocks[blocks.length - 1];
      if (last?.kind === 'text') last.lines.push({ text, ref: '' });
      else blocks.push({ kind: 'text', lines: [{ text, ref: '' }] });
    } else left.push(line.text);
  }
  if (disclosure) findings.push(...disclosureFindings(disclosure, kept, file));
  if (left.length > 0) {
    const sample = left
      .slice(0, 6)
      .map((t) => (t.length > 24 ? `${t.slice(0, 24)}…` : t))
      .join(' | ');
    findings.push({ code: 'files/page-chrome-left-out', file, actual: sample, params: { count: left.length } });
  }
  return { blocks, lines: kept, findings };
}

/** A page's 政府信息公开 table: its lines, and the values of its fields by label. */
interface DisclosureTable {
  lines: Set<PageLine>;
  fields: Map<string, string>;
}

/**
 * The page's 政府信息公开 table, or null: the largest element around its first own field (索引号,
 * 成文日期, 文号…) whose lines are fields and their values (at most two lines a field, and two more),
 * with three fields or more. A table, a list or rows of `<div>`s alike; found by its labels, not its class.
 */
function disclosureTable(lines: readonly PageLine[]): DisclosureTable | null {
  const label = (l: PageLine): string | undefined => (l.linkOnly ? undefined : DISCLOSURE_FIELD.exec(l.text)?.[1]);
  const first = lines.find((l) => DISCLOSURE_OWN.has(label(l) ?? ''));
  if (!first) return null;
  let block: readonly PageLine[] = [];
  // Up from the field's element, at most a few levels: a table's cell, row, body, table and its box.
  let el: Element | null = first.element;
  for (let level = 0; el && level < 8; level++, el = (el.parent as Element | null) ?? null) {
    const at = el;
    const inside = lines.filter((l) => contains(at, l.element));
    const fields = inside.filter((l) => label(l) !== undefined);
    if (inside.length > 2 * fields.length + 2) break;
    block = inside;
  }
  const fields = new Map<string, string>();
  block.forEach((l, i) => {
    const found = l.linkOnly ? null : DISCLOSURE_FIELD.exec(l.text);
    if (!found) return;
    const next = block[i + 1];
    // A label alone (`文号：` in its own cell) has its value on the next line, unless that is a label too.
    const value = found[2]?.trim() || (next && label(next) === undefined ? next.text : '');
    if (!fields.has(found[1] ?? '')) fields.set(found[1] ?? '', value);
  });
  if (fields.size < 3) return null;
  return { lines: new Set(block), fields };
}

/** The table reported as left out, and its 文号 checked against the article's first document number. */
function disclosureFindings(table: DisclosureTable, kept: readonly string[], file: string): FileFinding[] {
  const shown = ['文号', '发文字号', '成文日期']
    .filter((f) => table.fields.get(f))
    .map((f) => `${f} ${table.fields.get(f)}`);
  const findings: FileFinding[] = [
    {
      code: 'files/page-disclosure-table',
      file,
      actual: shown.join(', ') || [...table.fields.keys()].join(', '),
      params: { count: table.fields.size },
    },
  ];
  const number = findDocNumbers(table.fields.get('文号') || table.fields.get('发文字号') || '')[0]?.value;
  // The article's own number stands on a line of its own; a number inside a sentence is a cited notice's.
  const article = kept
    .map((l) => findDocNumbers(l).find((hit) => l.replace(/[\s#]/g, '').length <= hit.end - hit.start + 2)?.value)
    .find((v) => v !== undefined);
  if (number && article && compareDocNumbers(number, article) !== 'same')
    findings.push({ code: 'files/page-disclosure-differs', file, actual: number, expected: article });
  return findings;
}

/** A line with its heading level as Markdown marks. */
function lineMarkdown(line: PageLine): string {
  const level = /^h([1-6])$/.exec(line.element.name);
  return level ? `${'#'.repeat(Number(level[1]))} ${line.text}` : line.text;
}

/** The page's decoded text: its declared charset, else UTF-8, else GB18030. */
export function decodePage(bytes: Buffer, file: string, findings: FileFinding[]): string {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const declared = /<meta[^>]{0,200}?charset\s*=\s*(?:["']\s*)?([\w-]{1,40})/i.exec(head)?.[1]?.toLowerCase();
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (declared && !bom && declared !== 'utf-8' && declared !== 'utf8') {
    // A page saved as UTF-8 that kept its GB declaration: Chinese text in GB bytes is almost never valid UTF-8,
    // so bytes that are (and are not plain ASCII, valid in both) are read as what they are.
    if (isUtf8(bytes) && bytes.some((b) => b >= 0x80)) {
      findings.push({ code: 'files/page-charset-ignored', file, actual: declared });
      return bytes.toString('utf8');
    }
    const charset = /^(gb2312|gbk|gb18030|x-gbk|cp936|euc-cn)$/.test(declared) ? 'gb18030' : declared;
    if (iconv.encodingExists(charset)) {
      findings.push({ code: 'files/page-charset', file, actual: declared });
      return iconv.decode(bytes, charset);
    }
  }
  if (bom) return bytes.subarray(3).toString('utf8');
  if (isUtf8(bytes)) return bytes.toString('utf8');
  findings.push({ code: 'files/text-decoded-gb18030', file });
  return iconv.decode(bytes, 'gb18030');
}

/** The page's text as lines, one per block element's own text run, `<br>` breaking lines. */
function pageLines($: CheerioAPI): PageLine[] {
  const lines: PageLine[] = [];
  let text = '';
  let linkText = '';
  let owner: Element | null = null;
  let ownerTable: Element | null = null;
  let fileLink = false;
  const flush = (): void => {
    const t = text.replace(/[\s\u3000]+/g, ' ').trim();
    if (t !== '' && owner)
      lines.push({
        text: t,
        element: owner,
        linkOnly: linkText.replace(/[\s\u3000]+/g, '').length >= t.replace(/\s+/g, '').length,
        table: ownerTable,
        fileLink,
      });
    text = '';
    linkText = '';
    fileLink = false;
  };
  const walk = (node: AnyNode, block: Element, inLink: boolean, table: Element | null, inFile = false): void => {
    if (isText(node)) {
      const data = node.data;
      if (owner !== block) {
        flush();
        owner = block;
        ownerTable = table;
      }
      text += data;
      if (inLink) linkText += data;
      if (inFile) fileLink = true;
      return;
    }
    // Elements, scripts and styles (dropped below by name); comments, directives and CDATA hold no page text.
    if (!isTag(node)) return;
    const el = node;
    const name = el.name.toLowerCase();
    if (DROPPED.has(name)) return;
    if (name === 'br') {
      flush();
      return;
    }
    const href = name === 'a' ? ((el.attribs['href'] ?? '').split(/[?#]/)[0] ?? '').trim() : '';
    const toFile = inFile || (name === 'a' && (FILE_LINK.test(href) || FILE_LINK.test($(el).text().trim())));
    const isBlock = BLOCK.has(name) && name !== 'span';
    if (isBlock) flush();
    const inTable = table ?? (name === 'table' && isDataTable($, el) ? el : null);
    for (const child of el.children) walk(child, isBlock ? el : block, inLink || name === 'a', inTable, toFile);
    if (isBlock) {
      flush();
      owner = block;
      ownerTable = table;
    }
  };
  // cheerio's full-document parser (parse5) always makes an <html>, and a <body> unless the page is a frameset.
  const body = $('body').get(0) ?? $('html').get(0);
  if (!body) throw new Error('the page parser made no <html> element');
  walk(body, body, false, null);
  flush();
  return lines;
}

/**
 * True for a table of data, not of layout: it holds no table, two rows or more of two cells or more,
 * and no cell of article-length text (a layout table's cell holds the article's paragraphs).
 */
function isDataTable($: CheerioAPI, table: Element): boolean {
  if ($(table).find('table').length > 0) return false;
  const rows = $(table)
    .find('tr')
    .toArray()
    .map((tr) => $(tr).children('td,th').toArray());
  if (rows.filter((cells) => cells.length >= 2).length < 2) return false;
  return rows.every((cells) => cells.every((cell) => $(cell).text().length <= 500));
}

/** The innermost element holding all of `elements`. */
function commonAncestor(elements: Element[]): Element | null {
  const chain = (el: Element): Element[] => {
    const up: Element[] = [];
    for (let n: Element | null = el; n; n = (n.parent as Element | null) ?? null) up.push(n);
    return up;
  };
  const [first, ...rest] = elements;
  if (!first) return null;
  return chain(first).find((candidate) => rest.every((el) => contains(candidate, el))) ?? null;
}

function contains(ancestor: Element, el: Element): boolean {
  for (let n: Element | null = el; n; n = (n.parent as Element | null) ?? null) if (n === ancestor) return true;
  return false;
}

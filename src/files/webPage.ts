import { isUtf8 } from 'node:buffer';
import { createRequire } from 'node:module';
import type { CheerioAPI } from 'cheerio';
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import iconv from 'iconv-lite';
import type { FileFinding } from './findings.js';

const load = createRequire(import.meta.url);

/** One line of the page's text and the element it sits in. */
interface PageLine {
  text: string;
  /** The block element the line is the text of. */
  element: Element;
  /** True when all its text is link text (navigation, share and print links). */
  linkOnly: boolean;
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

/**
 * The notice's body out of a saved web page. The page is decoded by the charset it declares
 * (GB2312 and GBK read as GB18030, their superset); scripts and styles are dropped; the article is
 * the innermost element holding every mark of the notice the page has (document number, title line,
 * addressees), found by content, not by the site's class names. Lines outside it, and lines inside
 * it that are only link text (share and print links) other than the attachment list, are left out
 * and reported. Headings keep their level as Markdown marks.
 */
export function readWebPage(bytes: Buffer, file: string): { lines: string[]; findings: FileFinding[] } {
  const findings: FileFinding[] = [];
  const html = decodePage(bytes, file, findings);
  const cheerio = load('cheerio') as typeof import('cheerio');
  const $ = cheerio.load(html);
  const lines = pageLines($);
  // A line that is all link text (a related article, a navigation entry) is never a mark of this notice.
  const marks = [DOC_NUMBER, TITLE].map((p) => lines.find((l) => !l.linkOnly && p.test(l.text)));
  const addressees = lines.find((l, i) => i > 0 && ADDRESSEES.test(l.text) && l.text.length < 200 && !l.linkOnly);
  const anchors = [...marks, addressees].filter((l): l is PageLine => l !== undefined);
  if (anchors.length === 0) {
    findings.push({ code: 'files/page-article-unfound', file });
    return { lines: lines.map(lineMarkdown), findings };
  }
  const article = commonAncestor(anchors.map((a) => a.element));
  const kept: string[] = [];
  const left: string[] = [];
  for (const line of lines) {
    const inside = article === null || contains(article, line.element);
    const chrome = (line.linkOnly && !ANNEX_LINK.test(line.text)) || CHROME.test(line.text);
    if (inside && !chrome) kept.push(lineMarkdown(line));
    else left.push(line.text);
  }
  if (left.length > 0) {
    const sample = left
      .slice(0, 6)
      .map((t) => (t.length > 24 ? `${t.slice(0, 24)}…` : t))
      .join(' | ');
    findings.push({ code: 'files/page-chrome-left-out', file, actual: sample, params: { count: left.length } });
  }
  return { lines: kept, findings };
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
  const flush = (): void => {
    const t = text.replace(/[\s\u3000]+/g, ' ').trim();
    if (t !== '' && owner)
      lines.push({
        text: t,
        element: owner,
        linkOnly: linkText.replace(/[\s\u3000]+/g, '').length >= t.replace(/\s+/g, '').length,
      });
    text = '';
    linkText = '';
  };
  const walk = (node: AnyNode, block: Element, inLink: boolean): void => {
    if (isText(node)) {
      const data = node.data;
      if (owner !== block) {
        flush();
        owner = block;
      }
      text += data;
      if (inLink) linkText += data;
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
    const isBlock = BLOCK.has(name) && name !== 'span';
    if (isBlock) flush();
    for (const child of el.children) walk(child, isBlock ? el : block, inLink || name === 'a');
    if (isBlock) {
      flush();
      owner = block;
    }
  };
  // cheerio's full-document parser (parse5) always makes an <html>, and a <body> unless the page is a frameset.
  const body = $('body').get(0) ?? $('html').get(0);
  if (!body) throw new Error('the page parser made no <html> element');
  walk(body, body, false);
  flush();
  return lines;
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

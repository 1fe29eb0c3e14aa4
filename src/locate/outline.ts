import { isTsvLine, withoutClosingHashes } from '../parse/lines.js';
import { htmlTableRanges } from '../parse/maskRows.js';
import type { ParsedNotice } from '../parse/markdown.js';
import { stripTags } from '../normalize/markup.js';

/** How a line of text was written: converters write the same title as any of these. */
export type LineForm = 'heading' | 'emphasis' | 'list' | 'plain' | 'caption';

/** One line of the notice that is not a table row, its markup stripped. */
export interface OutlineLine {
  /** 1-based source line. */
  line: number;
  /** The text without Markdown or HTML markup, trimmed; white space inside kept. */
  text: string;
  /** How it was written. */
  form: LineForm;
}

/** The notice's text lines (every form) and which lines belong to tables. */
export interface Outline {
  /** Non-empty lines outside tables, plus the captions and title rows of HTML tables, in source order. */
  lines: OutlineLine[];
  /** Lines that are table rows (tab-separated, pipe or inside an HTML table). */
  tableLines: ReadonlySet<number>;
}

const LIST_MARK = /^\s*[-*+]\s+/;
const NUMBERED = /^\s*\d{1,2}[.)]\s+/;
const HEADING_MARK = /^\s{0,3}#{1,6}(?:\s+|$)/;
/** Emphasis opening a line (`**`, `_`, `<b>`): one alternative per mark, so a run of marks is read one way only. */
const EMPHASIS_OPEN = /^(?:[*_]|<(?:b|strong|em|i)>)+/;
/** Tags that close emphasis at the end of a line. */
const EMPHASIS_CLOSE_TAGS = ['</b>', '</strong>', '</em>', '</i>'];

/**
 * True when a line is wholly wrapped in emphasis (`**标题**`, `<b>标题</b>`). The closing marks are
 * looked for from the end without a regular expression: an unanchored run of marks before `$` is
 * tried from every start position.
 */
function wrappedInEmphasis(text: string): boolean {
  const open = EMPHASIS_OPEN.exec(text);
  if (!open) return false;
  if (open[0].length === text.length) return open[0].length > 1;
  const last = text[text.length - 1];
  return last === '*' || last === '_' || EMPHASIS_CLOSE_TAGS.some((tag) => text.endsWith(tag));
}

/** Text of one source line with its Markdown and HTML markup removed, and how it was written. */
export function lineText(source: string): { text: string; form: LineForm } {
  let text = source.replace(/\\$/, '').trim();
  let form: LineForm = 'plain';
  if (HEADING_MARK.test(text)) {
    form = 'heading';
    text = withoutClosingHashes(text.replace(HEADING_MARK, ''), true);
  } else if (LIST_MARK.test(text)) {
    form = 'list';
    text = text.replace(LIST_MARK, '');
  } else if (NUMBERED.test(text)) {
    // The number stays: a numbered list of attachments says which title is whose.
    form = 'list';
  }
  if (wrappedInEmphasis(text.trim()) && form === 'plain') form = 'emphasis';
  text = stripTags(text)
    .replace(/\*\*|__/g, '')
    .replace(/(^|[^\p{L}\p{N}])[*_]|[*_](?=$|[^\p{L}\p{N}])/gu, '$1')
    .trim();
  return { text, form };
}

/** Every text line of the notice with its form, and the set of lines tables occupy. */
export function outlineOf(parsed: ParsedNotice): Outline {
  const tableLines = new Set<number>();
  for (const table of parsed.pipeTables) for (let l = table.start; l <= table.end; l++) tableLines.add(l);
  const lines: OutlineLine[] = [];
  for (const table of htmlTableRanges(parsed.lines, 1, parsed.lines.length, tableLines)) {
    for (let l = table.start; l <= table.end; l++) tableLines.add(l);
    const title = htmlTableTitle(parsed.lines.slice(table.start - 1, table.end).join('\n'));
    if (title) lines.push({ line: table.start, text: title, form: 'caption' });
  }
  parsed.lines.forEach((source, i) => {
    const line = i + 1;
    if (tableLines.has(line) || source.trim() === '' || isTsvLine(source)) {
      if (isTsvLine(source)) tableLines.add(line);
      return;
    }
    const { text, form } = lineText(source);
    if (text !== '') lines.push({ line, text, form });
  });
  lines.sort((a, b) => a.line - b.line);
  return { lines, tableLines };
}

/**
 * The title an HTML table carries itself: its `<caption>`, or a first row of a single cell (a title
 * row spanning the table). Plain text, or '' when there is none.
 */
export function htmlTableTitle(fragment: string): string {
  const caption = /<caption[^>]*>([\s\S]*?)<\/caption>/i.exec(fragment);
  if (caption?.[1]) return plain(caption[1]);
  const firstRow = /<tr[^>]*>([\s\S]*?)<\/tr>/i.exec(fragment)?.[1] ?? '';
  const cells = [...firstRow.matchAll(/<t[dh]([^>]*)>([\s\S]*?)<\/t[dh]>/gi)];
  const only = cells.length === 1 ? cells[0] : undefined;
  return only && /colspan\s*=\s*["']?([2-9]|\d\d)/i.test(only[1] ?? '') ? plain(only[2] ?? '') : '';
}

/**
 * A caption or title cell as one line: tags dropped, white space (line breaks included) one space, so
 * `附件2\n2024年资金分配表` keeps its words apart; entities other than `&nbsp;` are kept as written.
 */
function plain(html: string): string {
  return stripTags(html)
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

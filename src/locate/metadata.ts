import type { StageContext } from '../findings/context.js';
import type { Family } from '../family/spec.js';
import type { Heading, ParsedNotice } from '../parse/markdown.js';
import type { NoticeLayout } from './annexes.js';
import { joinCjkSpaces } from '../normalize/rules.js';
import { normalizeDocNumber } from '../normalize/docNumber.js';
import { chineseNumeralValue } from '../normalize/chineseNumeral.js';
import { plainLine } from '../parse/lines.js';

/** Document metadata read from the notice body. */
export interface NoticeMeta {
  doc_number: string;
  title: string;
  title_raw: string;
  issuer: string;
  issued_date: string;
  budget_year: string;
  recipients: string[];
  budget_subject_code: string;
  budget_subject_name: string;
  attachments: string[];
}

/**
 * Read document number, title, issuer, date, budget year, addressees, budget subject and attachment
 * titles. A web copy writes its body as plain text: the title is then the line that reads as one,
 * the issuer comes from the title, the date from a `2023年12月28日 来源：本网` line.
 */
export function readMetadata(parsed: ParsedNotice, layout: NoticeLayout, family: Family, ctx: StageContext): NoticeMeta {
  const spec = family.metadata;
  // Zero-width marks OCR or a web page leaves carry nothing and split words and numbers.
  const allLines = parsed.lines.map(dropZeroWidth);
  const bodyLines = allLines.slice(0, layout.body.end);
  const body = bodyLines.join('\n');
  const bodyHeadings = layout.headings.filter((h) => h.line <= layout.body.end).map((h) => ({ ...h, text: dropZeroWidth(h.text) }));
  const title = titleOf(bodyHeadings, bodyLines, spec, ctx);
  const titleRaw = title?.text ?? '';
  // A plain `…文件` line names the issuer only above the title (the masthead).
  const issuerMatch = [...bodyHeadings.map((h) => h.text), ...bodyLines.slice(0, title?.line ?? 0).map(plainLine)].map((t) => spec.issuerHeading.exec(t.trim())).find((m) => m);
  const issuerFromTitle = spec.issuerInTitle ? spec.issuerInTitle.exec(titleRaw.replace(/\s+/g, ''))?.[1] : undefined;
  const subject = spec.budgetSubject.exec(body.replace(/\s+/g, ' '));
  const yearInBody = spec.budgetYearBody ? spec.budgetYearBody.exec(body)?.[1] : undefined;
  const meta: NoticeMeta = {
    doc_number: ownDocNumber(bodyLines, title, spec),
    title: joinCjkSpaces(titleRaw.replace(/\s+/g, ' ')),
    title_raw: titleRaw,
    issuer: issuerMatch?.[1]?.trim() ?? issuerFromTitle ?? '',
    issued_date: issuedDate(allLines, layout, spec, ctx),
    budget_year: spec.budgetYear.exec(titleRaw)?.[1] ?? yearInBody ?? '',
    recipients: addressees(bodyLines, title?.endLine ?? 0, spec, ctx),
    budget_subject_code: subject?.[1] ?? '',
    budget_subject_name: subject?.[2]?.trim() ?? '',
    attachments: attachmentTitles(bodyLines, spec.attachments),
  };
  for (const field of ['doc_number', 'title', 'issuer', 'issued_date', 'budget_year', 'budget_subject_code', 'budget_subject_name', 'recipients', 'attachments'] as const) {
    const value = meta[field];
    if (value.length === 0) ctx.report({ code: 'locate/metadata-missing', annex: 'body', params: { field } });
  }
  if (title && !title.heading) ctx.report({ code: 'locate/title-from-line', annex: 'body', source_line: title.line, actual: titleRaw });
  return meta;
}


/** Zero-width spaces and joiners, the byte-order mark and the word joiner. */
const ZERO_WIDTH = /[\u200B-\u200D\uFEFF\u2060]/g;

function dropZeroWidth(text: string): string {
  return text.replace(ZERO_WIDTH, '');
}

/** The title as read: its text, its first and last line, and whether every line of it is a heading. */
interface Title {
  text: string;
  line: number;
  endLine: number;
  heading: boolean;
  /** A document number the title closes with in parentheses (`…的通知（粤财工〔2023〕126号）`), as written. */
  docNumber: string;
}

/** Most lines one title is written over. */
const TITLE_MAX_LINES = 3;
/** Longest line read as the last part of a title split over lines. */
const TITLE_PART_MAX_LENGTH = 60;

/**
 * The title: a heading that reads as one, else the first plain body line that does (issuer … 关于 … 的通知).
 * A title split over lines (`## …省级市场监管管理` / `## （…）专项资金的通知`, or a heading and a plain
 * line) is joined from the line that ends as a title back to where the whole reads as one (`titleLine`).
 */
function titleOf(headings: readonly Heading[], lines: readonly string[], spec: Family['metadata'], ctx: StageContext): Title | null {
  const ends = spec.titleHeading;
  const whole = spec.titleLine ? spec.titleLine : null;
  const numbered = new RegExp(`[（(]\\s*(${spec.docNumber.source})\\s*[）)]$`, 'u');
  const headingLines = new Set(headings.map((h) => h.line));
  const read = (text: string): { text: string; docNumber: string } => {
    const m = numbered.exec(text);
    return m ? { text: text.slice(0, m.index).trim(), docNumber: m[1] ?? '' } : { text, docNumber: '' };
  };
  const heading = headings.find((h) => ends.test(read(h.text.trim()).text));
  if (heading) return joinSplitTitle({ ...read(heading.text.trim()), line: heading.line }, lines, headingLines, spec, whole, ctx);
  if (!whole) return null;
  const at = lines.findIndex((l) => whole.test(read(plainLine(l)).text));
  if (at >= 0) return { ...read(plainLine(lines[at] ?? '')), line: at + 1, endLine: at + 1, heading: false };
  // The last part of a split title: a short line that ends as a title and joins the lines above into one.
  for (let i = 0; i < lines.length; i++) {
    const end = read(plainLine(lines[i] ?? ''));
    if (end.text.length > TITLE_PART_MAX_LENGTH || end.text.includes('。') || !ends.test(end.text)) continue;
    const title = joinSplitTitle({ ...end, line: i + 1 }, lines, headingLines, spec, whole, ctx);
    if (title.line < title.endLine) return title;
  }
  return null;
}

/** Join the lines above a title's last line while the whole does not yet read as a title; the last line alone when no join does. */
function joinSplitTitle(
  end: { text: string; docNumber: string; line: number },
  lines: readonly string[],
  headingLines: ReadonlySet<number>,
  spec: Family['metadata'],
  whole: RegExp | null,
  ctx: StageContext,
): Title {
  const single: Title = { ...end, endLine: end.line, heading: headingLines.has(end.line) };
  if (!whole || whole.test(end.text)) return single;
  const masthead = spec.issuerHeading;
  const docNumber = spec.docNumber;
  const parts = [end.text];
  let at = end.line - 1;
  let heading = single.heading;
  while (parts.length < TITLE_MAX_LINES) {
    at = previousTextLine(lines, at);
    const text = at < 0 ? '' : plainLine(lines[at] ?? '');
    // A masthead, a document number, an addressee line or a sentence is no part of the title.
    if (!text || /[。：:]/.test(text) || masthead.test(text) || docNumber.test(text)) break;
    parts.unshift(text);
    heading &&= headingLines.has(at + 1);
    // A line break inside a Chinese title is no space.
    const joined = parts.join('');
    if (whole.test(joined)) {
      ctx.count('title-lines-joined', parts.length - 1);
      return { text: joined, docNumber: end.docNumber, line: at + 1, endLine: end.line, heading };
    }
  }
  return single;
}

/** Index of the nearest non-blank line before index `i`, or -1. */
function previousTextLine(lines: readonly string[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if ((lines[j] ?? '').trim()) return j;
  return -1;
}

/** Index of the nearest non-blank line after index `i`, or -1. */
function nextTextLine(lines: readonly string[], i: number): number {
  for (let j = i + 1; j < lines.length; j++) if ((lines[j] ?? '').trim()) return j;
  return -1;
}

/** Non-blank lines after the title (or the `…文件` masthead) that may hold the notice's own number. */
const DOC_NUMBER_LOOKAHEAD = 6;
/** Most characters a document-number line holds besides the number (`签发人：张三`). */
const DOC_NUMBER_LINE_EXTRA = 16;

/**
 * The notice's own document number: one standing on a line of its own in the masthead (before the
 * title or a few lines after it), else one the title closes with in parentheses. A number cited in a
 * sentence or in parentheses (`《…办法》（粤财工〔2019〕122号）`) is another document's; with none, ''.
 */
function ownDocNumber(lines: readonly string[], title: Title | null, spec: Family['metadata']): string {
  const pattern = spec.docNumber;
  const masthead = spec.issuerHeading;
  const anchor = title ? title.endLine : lines.findIndex((l) => masthead.test(plainLine(l))) + 1;
  let after = 0;
  for (let i = 0; i < lines.length; i++) {
    const text = plainLine(lines[i] ?? '');
    if (!text) continue;
    if (i + 1 > anchor && ++after > DOC_NUMBER_LOOKAHEAD) break;
    const m = pattern.exec(text);
    if (m && standsAlone(text, m)) return canonicalDocNumber(m[0]);
  }
  return title?.docNumber ? canonicalDocNumber(title.docNumber) : '';
}

/** True when a number is the line's matter: not in brackets, and the rest of the line short and no sentence. */
function standsAlone(text: string, m: RegExpExecArray): boolean {
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  if (/[（(《〈【[]\s*$/u.test(before) || /^\s*[）)》〉】\]]/u.test(after)) return false;
  const rest = (before + after).replace(/\s+/g, '');
  return rest.length <= DOC_NUMBER_LINE_EXTRA && !/[。，；,;]/.test(rest);
}

/** A document number as written (`粤 财工【2023】 126号`) in its canonical form. */
function canonicalDocNumber(written: string): string {
  // OCR spaces inside the issuer code (粤 财工) would cut it short.
  return normalizeDocNumber(written.replace(/\s+/g, ''));
}

/** A date in Chinese numerals; ○ is OCR's 〇. */
const CHINESE_DATE = /([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/gu;

/** A line with its date in ASCII digits: full-width digits folded, a date in Chinese numerals (二〇二三年十二月二十八日) rewritten. */
function dateDigits(text: string): string {
  return text
    .replace(/[０-９]/gu, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(CHINESE_DATE, (whole, year: string, month: string, day: string) => {
      const parts = [year.replace(/○/gu, '〇'), month, day].map(chineseNumeralValue);
      return parts.includes('') ? whole : `${parts[0]}年${parts[1]}月${parts[2]}日`;
    });
}

/** The date a pattern finds in a text (groups 1–3), as YYYY-MM-DD; '' when none. */
function dateIn(text: string, pattern: RegExp, ctx: StageContext): string {
  const digits = dateDigits(text);
  const m = pattern.exec(digits);
  if (!m) return '';
  if (digits !== text) ctx.count('date-digits');
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

/** The cells of a line (a pipe or TAB table row, HTML cells), markup dropped; the line itself when it is none. */
function cellsOf(line: string): string[] {
  return line
    .split(/\||\t|<\/t[dh]>/)
    .map((cell) => plainLine(cell.replace(/<[^<>]*>/g, '')))
    .filter(Boolean);
}

/**
 * The date the notice was issued: the 版记's date (`2023年12月28日印发`) wherever it stands; else the
 * last date line of the body, or of the lines after the last annex's tables (never one inside an
 * annex); else a web copy's `… 来源：` line.
 */
function issuedDate(lines: readonly string[], layout: NoticeLayout, spec: Family['metadata'], ctx: StageContext): string {
  if (spec.dateImprint) {
    const imprint = spec.dateImprint;
    for (let i = lines.length - 1; i >= 0; i--) {
      for (const cell of cellsOf(lines[i] ?? '')) {
        const date = dateIn(cell, imprint, ctx);
        if (date) return date;
      }
    }
  }
  const tables = layout.outline.tableLines;
  let lastTable = 0;
  for (const line of tables) lastTable = Math.max(lastTable, line);
  const body = lines.slice(0, layout.body.end).map((l, i) => ({ text: l, line: i + 1 }));
  const trailing = layout.annexes.length > 0 && lastTable > layout.body.end ? lines.slice(lastTable).map((l, i) => ({ text: l, line: lastTable + i + 1 })) : [];
  const candidates = [...body, ...trailing].filter((l) => !tables.has(l.line)).reverse();
  const date = spec.date;
  for (const l of candidates) {
    const found = dateIn(plainLine(l.text), date, ctx);
    if (found) return found;
  }
  if (!spec.dateSource) return '';
  const source = spec.dateSource;
  for (const l of body.reverse()) {
    const found = dateIn(plainLine(l.text), source, ctx);
    if (found) return found;
  }
  return '';
}

/** How many lines after the title may stand before the addressees (a date or source line, a document number). */
const ADDRESSEE_LOOKAHEAD = 6;
/** Longest line read as the addressees. */
const ADDRESSEE_MAX_LENGTH = 80;

/** The addressees: the first short line after the title that ends with a colon, or such a line wrapped over two. */
function addressees(lines: string[], titleLine: number, spec: Family['metadata'], ctx: StageContext): string[] {
  const regex = spec.recipients;
  const dated = spec.dateSource ? spec.dateSource : null;
  let seen = 0;
  for (let i = titleLine; i < lines.length && seen < ADDRESSEE_LOOKAHEAD; i++) {
    const text = plainLine(lines[i] ?? '');
    if (!text || (lines[i] ?? '').trim().startsWith('#') || dated?.test(text)) continue;
    seen++;
    const names = addresseeNames(text, regex);
    if (names.length > 0) return names;
    // Wrapped: a first part of names only (no colon, digit or sentence mark), the next line ending with the colon.
    const next = nextTextLine(lines, i);
    if (next < 0 || /[：:。；;\d]|^[（(【[]/u.test(text) || (lines[next] ?? '').trim().startsWith('#')) continue;
    const joined = addresseeNames(text + plainLine(lines[next] ?? ''), regex);
    if (joined.length > 0) {
      ctx.count('addressee-lines-joined');
      return joined;
    }
  }
  return [];
}

/** The names of an addressee line, split on 、，, ; none when the line is no addressee line. */
function addresseeNames(text: string, regex: RegExp): string[] {
  // Addressees are a short line of names; a sentence (。) or a paragraph ending in 如下： is not one.
  if (text.length > ADDRESSEE_MAX_LENGTH || text.includes('。') || /如下\s*[：:]$/.test(text)) return [];
  const m = regex.exec(text);
  return (m?.[1] ?? '').split(/[、，,]/).map((s) => s.trim()).filter(Boolean);
}

function attachmentTitles(lines: string[], regex: RegExp): string[] {
  const start = lines.findIndex((l) => regex.test(l.trim()));
  if (start < 0) return [];
  const titles: string[] = [];
  for (let i = start; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim().replace(regex, '').trim();
    if (!text) break;
    const item = /^\d+(?:\s*[-－—]\s*\d+)*\s*[.、．]\s*(.+)$/u.exec(text);
    if (item?.[1]) titles.push(joinCjkSpaces(item[1].trim()));
    else if (i > start) break;
  }
  return titles;
}

import type { StageContext } from '../findings/context.js';
import type { Family } from '../family/spec.js';
import type { Heading, ParsedNotice } from '../parse/markdown.js';
import type { NoticeLayout } from './annexes.js';
import { joinCjkSpaces } from '../normalize/rules.js';
import { normalizeDocNumber } from '../normalize/docNumber.js';

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
  const bodyLines = parsed.lines.slice(0, layout.body.end);
  const body = bodyLines.join('\n');
  const bodyHeadings = layout.headings.filter((h) => h.line <= layout.body.end);
  const docMatch = new RegExp(spec.docNumber, 'u').exec(body);
  const title = titleOf(bodyHeadings, bodyLines, spec);
  const titleRaw = title?.text ?? '';
  // A plain `…文件` line names the issuer only above the title (the masthead).
  const issuerMatch = [...bodyHeadings.map((h) => h.text), ...bodyLines.slice(0, title?.line ?? 0).map(plainLine)].map((t) => new RegExp(spec.issuerHeading, 'u').exec(t.trim())).find((m) => m);
  const issuerFromTitle = spec.issuerInTitle ? new RegExp(spec.issuerInTitle, 'u').exec(titleRaw.replace(/\s+/g, ''))?.[1] : undefined;
  const subject = new RegExp(spec.budgetSubject, 'u').exec(body.replace(/\s+/g, ' '));
  const yearInBody = spec.budgetYearBody ? new RegExp(spec.budgetYearBody, 'u').exec(body)?.[1] : undefined;
  const meta: NoticeMeta = {
    doc_number: docMatch ? normalizeDocNumber(docMatch[0]) : '',
    title: joinCjkSpaces(titleRaw.replace(/\s+/g, ' ')),
    title_raw: titleRaw,
    issuer: issuerMatch?.[1]?.trim() ?? issuerFromTitle ?? '',
    issued_date: lastDate(parsed.lines, spec.date) || (spec.dateSource ? lastDate(bodyLines, spec.dateSource) : ''),
    budget_year: new RegExp(spec.budgetYear, 'u').exec(titleRaw)?.[1] ?? yearInBody ?? '',
    recipients: addressees(bodyLines, title?.line ?? 0, spec.recipients, spec.dateSource),
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

/** A body line as plain text: emphasis marks, a heading's `#` marks and list bullets dropped. */
function plainLine(line: string): string {
  return line.replace(/^\s*(?:#+|[-*>])\s*/, '').replace(/[*_]/g, '').trim();
}

/** The title: a heading that reads as one, else the first plain body line that does (issuer … 关于 … 的通知). */
function titleOf(headings: readonly Heading[], lines: readonly string[], spec: Family['metadata']): { text: string; line: number; heading: boolean } | null {
  const heading = headings.find((h) => new RegExp(spec.titleHeading, 'u').test(h.text.trim()));
  if (heading) return { text: heading.text.trim(), line: heading.line, heading: true };
  if (!spec.titleLine) return null;
  const pattern = new RegExp(spec.titleLine, 'u');
  const at = lines.findIndex((l) => pattern.test(plainLine(l)));
  return at < 0 ? null : { text: plainLine(lines[at] ?? ''), line: at + 1, heading: false };
}

function lastDate(lines: string[], pattern: string): string {
  const regex = new RegExp(pattern, 'u');
  for (let i = lines.length - 1; i >= 0; i--) {
    // The family pattern names a line of its own (the 印发 line), never a date inside a table cell.
    const m = regex.exec((lines[i] ?? '').replace(/[*_]/g, '').trim());
    if (m) return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  }
  return '';
}

/** How many lines after the title may stand before the addressees (a date or source line, a document number). */
const ADDRESSEE_LOOKAHEAD = 6;
/** Longest line read as the addressees. */
const ADDRESSEE_MAX_LENGTH = 80;

function addressees(lines: string[], titleLine: number, pattern: string, dateSource: string | undefined): string[] {
  const regex = new RegExp(pattern, 'u');
  const dated = dateSource ? new RegExp(dateSource, 'u') : null;
  let seen = 0;
  for (let i = titleLine; i < lines.length && seen < ADDRESSEE_LOOKAHEAD; i++) {
    const text = plainLine(lines[i] ?? '');
    if (!text || (lines[i] ?? '').trim().startsWith('#') || dated?.test(text)) continue;
    seen++;
    // Addressees are a short line of names; a sentence (。) or a paragraph ending in 如下： is not one.
    const m = text.length <= ADDRESSEE_MAX_LENGTH && !text.includes('。') && !/如下\s*[：:]$/.test(text) ? regex.exec(text) : null;
    if (m?.[1]) return m[1].split('、').map((s) => s.trim()).filter(Boolean);
  }
  return [];
}

function attachmentTitles(lines: string[], pattern: string): string[] {
  const regex = new RegExp(pattern, 'u');
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

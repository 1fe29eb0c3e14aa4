import type { StageContext } from '../findings/context.js';
import type { Family } from '../family/spec.js';
import type { ParsedNotice } from '../parse/markdown.js';
import type { NoticeLayout } from './annexes.js';
import { joinCjkSpaces } from '../normalize/rules.js';

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

/** Read document number, title, issuer, date, budget year, addressees, budget subject and attachment titles. */
export function readMetadata(parsed: ParsedNotice, layout: NoticeLayout, family: Family, ctx: StageContext): NoticeMeta {
  const spec = family.metadata;
  const bodyLines = parsed.lines.slice(0, layout.body.end);
  const body = bodyLines.join('\n');
  const bodyHeadings = layout.headings.filter((h) => h.line <= layout.body.end);
  const docMatch = new RegExp(spec.docNumber, 'u').exec(body);
  const titleHeading = bodyHeadings.find((h) => new RegExp(spec.titleHeading, 'u').test(h.text.trim()));
  const issuerMatch = bodyHeadings.map((h) => new RegExp(spec.issuerHeading, 'u').exec(h.text.trim())).find((m) => m);
  const titleRaw = titleHeading?.text.trim() ?? '';
  const subject = new RegExp(spec.budgetSubject, 'u').exec(body.replace(/\s+/g, ' '));
  const meta: NoticeMeta = {
    doc_number: docMatch ? normalizeDocNumber(docMatch[0]) : '',
    title: joinCjkSpaces(titleRaw.replace(/\s+/g, ' ')),
    title_raw: titleRaw,
    issuer: issuerMatch?.[1]?.trim() ?? '',
    issued_date: lastDate(parsed.lines, spec.date),
    budget_year: new RegExp(spec.budgetYear, 'u').exec(titleRaw)?.[1] ?? '',
    recipients: addressees(bodyLines, titleHeading?.line ?? 0, spec.recipients),
    budget_subject_code: subject?.[1] ?? '',
    budget_subject_name: subject?.[2]?.trim() ?? '',
    attachments: attachmentTitles(bodyLines, spec.attachments),
  };
  for (const field of ['doc_number', 'title', 'issuer', 'issued_date', 'budget_year', 'budget_subject_code', 'budget_subject_name', 'recipients', 'attachments'] as const) {
    const value = meta[field];
    if (value.length === 0) ctx.report({ code: 'locate/metadata-missing', annex: 'body', params: { field } });
  }
  return meta;
}

/** `粤财工 [2023] 126 号` → `粤财工〔2023〕126号`. */
export function normalizeDocNumber(text: string): string {
  return text
    .replace(/\s+/g, '')
    .replace(/[\[［(（]/u, '〔')
    .replace(/[\]］)）]/u, '〕');
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

function addressees(lines: string[], titleLine: number, pattern: string): string[] {
  const regex = new RegExp(pattern, 'u');
  for (let i = titleLine; i < lines.length; i++) {
    const text = (lines[i] ?? '').trim();
    if (!text || text.startsWith('#')) continue;
    const m = regex.exec(text);
    return m?.[1] ? m[1].split('、').map((s) => s.trim()).filter(Boolean) : [];
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
    const item = /^\d+\s*[.、．]\s*(.+)$/u.exec(text);
    if (item?.[1]) titles.push(joinCjkSpaces(item[1].trim()));
    else if (i > start) break;
  }
  return titles;
}

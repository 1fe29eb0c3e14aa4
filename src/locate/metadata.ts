import type { NoticeMeta } from '../../schemas/notice.js';
import type { StageContext } from '../findings/context.js';
import type { Family } from '../family/spec.js';
import type { ParsedNotice } from '../parse/markdown.js';
import type { NoticeLayout } from './annexes.js';
import { joinCjkSpaces } from '../normalize/rules.js';
import { plainLine } from '../parse/lines.js';
import { readAddressees } from './addressees.js';
import { readAttachments } from './attachments.js';
import { noticeDates } from './dates.js';
import { readIssuers } from './issuers.js';
import { dropZeroWidth } from './metaLines.js';
import { readSubjects } from './subjects.js';
import { canonicalDocNumber, ownDocNumber, titleOf } from './title.js';

/** Document metadata read from the notice body, from notice.json's schema. */
export type { NoticeMeta };

/** Fields reported when empty (`locate/metadata-missing`); an income subject is written by few notices and is not. */
const REQUIRED_FIELDS = [
  'doc_number',
  'title',
  'issuer',
  'issued_date',
  'printed_date',
  'budget_year',
  'budget_subject_code',
  'budget_subject_name',
  'recipients',
  'attachments',
] as const;

/**
 * Read document number, title, issuers, the 成文日期 and 印发日期, budget year, addressees, budget
 * subjects and attachment titles. A web copy writes its body as plain text: the title is then the line
 * that reads as one, the issuer comes from the title or the signature.
 */
export function readMetadata(
  parsed: ParsedNotice,
  layout: NoticeLayout,
  family: Family,
  ctx: StageContext,
): NoticeMeta {
  const spec = family.metadata;
  const allLines = parsed.lines.map(dropZeroWidth);
  const bodyLines = allLines.slice(0, layout.body.end);
  const body = bodyLines.join('\n');
  const bodyHeadings = layout.headings
    .filter((h) => h.line <= layout.body.end)
    .map((h) => ({ ...h, text: dropZeroWidth(h.text) }));
  const title = titleOf(bodyHeadings, bodyLines, spec, ctx);
  const titleRaw = title?.text ?? '';
  // A plain `…文件` line names the issuer only above the title (the masthead).
  const mastheadPattern = spec.issuerHeading;
  const masthead = [...bodyHeadings.map((h) => h.text), ...bodyLines.slice(0, title?.line ?? 0).map(plainLine)]
    .map((t) => mastheadPattern.exec(t.trim()))
    .find((m) => m);
  const titleIssuer = spec.issuerInTitle ? spec.issuerInTitle.exec(titleRaw.trim())?.[1] : undefined;
  const subjects = readSubjects(body.replace(/\s+/g, ' '), spec);
  const yearInBody = spec.budgetYearBody ? spec.budgetYearBody.exec(body)?.[1] : undefined;
  const dates = noticeDates(allLines, layout, spec, ctx);
  const sources = { title: titleIssuer ?? '', masthead: masthead?.[1] ?? '', signature: dates.signature };
  const { organs: issuers, fromTitle } = readIssuers(allLines, sources, spec, ctx);
  const attachments = readAttachments(bodyLines, spec);
  const meta: NoticeMeta = {
    doc_number: ownDocNumber(bodyLines, title, spec, ctx) || numberBeforeAttachments(attachments.prefix, spec, ctx),
    title: normalTitle(titleRaw, fromTitle && issuers.length > 1 ? (titleIssuer ?? '') : '', issuers),
    title_raw: titleRaw,
    issuer: issuers[0] ?? '',
    issuers,
    issued_date: dates.issued,
    printed_date: dates.imprint?.date ?? '',
    budget_year: spec.budgetYear.exec(titleRaw)?.[1] ?? yearInBody ?? '',
    recipients: readAddressees(bodyLines, title?.endLine ?? 0, spec, ctx),
    budget_subject_code: subjects.expenditure?.code ?? '',
    budget_subject_name: subjects.expenditure?.name ?? '',
    income_subject_code: subjects.income?.code ?? '',
    income_subject_name: subjects.income?.name ?? '',
    attachments: attachments.items.map((a) => a.title),
    attachment_file_exts: attachments.items.map((a) => a.fileExt),
  };
  for (const field of REQUIRED_FIELDS) {
    if (meta[field].length === 0) ctx.report({ code: 'locate/metadata-missing', annex: 'body', params: { field } });
  }
  if (title && !title.heading) {
    ctx.report({ code: 'locate/title-from-line', annex: 'body', source_line: title.line, actual: titleRaw });
  }
  return meta;
}

/**
 * The title with OCR spaces inside Chinese joined; the organs of a joint notice that open it stay
 * apart (`广东省财政厅 广东省卫生健康委员会关于…`, or by the 、 the title writes between them).
 */
function normalTitle(titleRaw: string, issuerPart: string, organs: readonly string[]): string {
  const text = titleRaw.trim();
  const rest = issuerPart && text.startsWith(issuerPart) ? text.slice(issuerPart.length) : text;
  const normal = joinCjkSpaces(rest.replace(/\s+/g, ' '));
  // The organs keep the mark the title parts them with (、 or ，), else one space.
  const mark = /[、，,]/u.exec(issuerPart)?.[0] ?? ' ';
  return rest === text ? normal : `${organs.join(mark)}${normal}`;
}

/**
 * A web copy may name its number only before its list of attachments, as the file names carry it
 * (`(粤财预〔2018〕124号)附件:…情况表.xls`): the notice's own, read when no masthead line holds one.
 */
function numberBeforeAttachments(
  prefix: { text: string; line: number } | null,
  spec: Family['metadata'],
  ctx: StageContext,
): string {
  if (!prefix) return '';
  const m = spec.docNumber.exec(prefix.text);
  if (!m || prefix.text.replace(m[0], '').trim()) return '';
  const code = 'locate/doc-number-from-attachments';
  ctx.report({ code, annex: 'body', source_line: prefix.line, actual: prefix.text });
  return canonicalDocNumber(m[0]);
}

import type { StageContext } from '../findings/context.js';
import type { Family } from '../family/spec.js';
import { chineseNumeralValue } from '../normalize/chineseNumeral.js';
import { foldDigits } from '../normalize/width.js';
import { plainLine } from '../parse/lines.js';
import type { NoticeLayout } from './annexes.js';
import { cellsOf, nextTextLine } from './metaLines.js';

/** A date found on a line: YYYY-MM-DD, the line (1-based) and its text. */
export interface DatedLine {
  date: string;
  line: number;
  text: string;
}

/** The two dates GB/T 9704-2012 gives a document. */
export interface NoticeDates {
  /** 成文日期: the date under the signature; null when the notice shows none. */
  signature: DatedLine | null;
  /** 印发日期: the date of the 版记's 印发 line; null when there is none. */
  imprint: DatedLine | null;
  /** The issued date to publish: the signature's, else a fallback named in a finding. */
  issued: string;
}

/** A date in Chinese numerals; ○ is OCR's 〇. */
const CHINESE_DATE =
  /([〇○零一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*日/gu;

/** A line with its date in ASCII digits: full-width digits folded, a date in Chinese numerals rewritten. */
function dateDigits(text: string): string {
  return foldDigits(text).replace(CHINESE_DATE, (whole, year: string, month: string, day: string) => {
    const parts = [year.replace(/○/gu, '〇'), month, day].map(chineseNumeralValue);
    return parts.includes('') ? whole : `${parts[0]}年${parts[1]}月${parts[2]}日`;
  });
}

/** The date a pattern finds in a text (groups 1–3), as YYYY-MM-DD; '' when none. Counts `date-digits` if rewritten. */
function dateIn(text: string, pattern: RegExp, ctx: StageContext): string {
  const digits = dateDigits(text);
  const m = pattern.exec(digits);
  if (!m) return '';
  if (digits !== text) ctx.count('date-digits');
  return `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
}

/**
 * The 成文日期 and the 印发日期. The 印发 date is the 版记's (`2023年12月28日印发`, any cell of its
 * line, a table included). The 成文日期 is the last date line of the body under the signature (in
 * digits or Chinese numerals, the organ's name before it allowed), never an 印发 line nor a web page's
 * `来源` line. Without it the issued date falls back, with a finding, to the 印发 date, else a date
 * line after the last annex's tables, else a web copy's `… 来源：` line.
 */
export function noticeDates(
  lines: readonly string[],
  layout: NoticeLayout,
  spec: Family['metadata'],
  ctx: StageContext,
): NoticeDates {
  const imprint = imprintDate(lines, spec, ctx);
  const signature = signatureDate(lines, layout, spec, ctx);
  if (signature) return { signature, imprint, issued: signature.date };
  const fallback = (source: string, found: DatedLine): NoticeDates => {
    const code = 'locate/issued-date-fallback';
    ctx.report({ code, annex: 'body', source_line: found.line, actual: found.text, params: { source } });
    return { signature, imprint, issued: found.date };
  };
  if (imprint) return fallback('印发 line of the 版记', imprint);
  const trailing = trailingDate(lines, layout, spec, ctx);
  if (trailing) return fallback('date line after the last annex', trailing);
  const source = sourceDate(lines.slice(0, layout.body.end), spec, ctx);
  if (source) return fallback('web page date line (来源)', source);
  return { signature, imprint, issued: '' };
}

/** The 版记's 印发 date, the last one of the notice. */
function imprintDate(lines: readonly string[], spec: Family['metadata'], ctx: StageContext): DatedLine | null {
  if (!spec.dateImprint) return null;
  const imprint = spec.dateImprint;
  for (let i = lines.length - 1; i >= 0; i--) {
    for (const cell of cellsOf(lines[i] ?? '')) {
      const date = dateIn(cell, imprint, ctx);
      if (date) return { date, line: i + 1, text: cell };
    }
  }
  return null;
}

/**
 * The date under the signature: the last line of the body (outside tables) that is a date alone or
 * after the organs' names, and not followed by a line `印发` alone (an 印发 line OCR broke in two).
 */
function signatureDate(
  lines: readonly string[],
  layout: NoticeLayout,
  spec: Family['metadata'],
  ctx: StageContext,
): DatedLine | null {
  if (!spec.dateSignature) return null;
  const signature = spec.dateSignature;
  const tables = layout.outline.tableLines;
  for (let i = Math.min(layout.body.end, lines.length) - 1; i >= 0; i--) {
    if (tables.has(i + 1)) continue;
    const text = plainLine(lines[i] ?? '');
    if (!text || !/[日]$/u.test(text)) continue;
    const date = dateIn(text, signature, ctx);
    if (!date) continue;
    const next = nextTextLine(lines, i);
    if (next >= 0 && /^(?:印发|发布)$/u.test(plainLine(lines[next] ?? ''))) continue;
    return { date, line: i + 1, text };
  }
  return null;
}

/** The last date line (`date`) after the last annex's tables, outside tables; none when the notice has no annex. */
function trailingDate(
  lines: readonly string[],
  layout: NoticeLayout,
  spec: Family['metadata'],
  ctx: StageContext,
): DatedLine | null {
  const tables = layout.outline.tableLines;
  let lastTable = 0;
  for (const line of tables) lastTable = Math.max(lastTable, line);
  if (layout.annexes.length === 0 || lastTable <= layout.body.end) return null;
  const date = spec.date;
  for (let i = lines.length - 1; i >= lastTable; i--) {
    if (tables.has(i + 1)) continue;
    const text = plainLine(lines[i] ?? '');
    const found = text ? dateIn(text, date, ctx) : '';
    if (found) return { date: found, line: i + 1, text };
  }
  return null;
}

/** A web copy's `2023年12月28日 来源：本网` line, the last of the body. */
function sourceDate(body: readonly string[], spec: Family['metadata'], ctx: StageContext): DatedLine | null {
  if (!spec.dateSource) return null;
  const source = spec.dateSource;
  for (let i = body.length - 1; i >= 0; i--) {
    const text = plainLine(body[i] ?? '');
    const found = text ? dateIn(text, source, ctx) : '';
    if (found) return { date: found, line: i + 1, text };
  }
  return null;
}

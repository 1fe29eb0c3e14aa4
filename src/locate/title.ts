import type { StageContext } from '../findings/context.js';
import type { Family } from '../family/spec.js';
import type { Heading } from '../parse/markdown.js';
import { normalizeDocNumber } from '../normalize/docNumber.js';
import { plainLine } from '../parse/lines.js';
import { previousTextLine } from './metaLines.js';

/** The title as read: its text, its first and last line, and whether every line of it is a heading. */
export interface Title {
  /** The title as written, lines joined. */
  text: string;
  /** First source line (1-based). */
  line: number;
  /** Last source line (1-based). */
  endLine: number;
  /** True when every line of it is a heading. */
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
export function titleOf(
  headings: readonly Heading[],
  lines: readonly string[],
  spec: Family['metadata'],
  ctx: StageContext,
): Title | null {
  const ends = spec.titleHeading;
  const whole = spec.titleLine ? spec.titleLine : null;
  const numbered = new RegExp(`[（(]\\s*(${spec.docNumber.source})\\s*[）)]$`, 'u');
  const headingLines = new Set(headings.map((h) => h.line));
  const read = (text: string): { text: string; docNumber: string } => {
    const m = numbered.exec(text);
    return m ? { text: text.slice(0, m.index).trim(), docNumber: m[1] ?? '' } : { text, docNumber: '' };
  };
  const heading = headings.find((h) => ends.test(read(h.text.trim()).text));
  if (heading) {
    return joinSplitTitle({ ...read(heading.text.trim()), line: heading.line }, lines, headingLines, spec, whole, ctx);
  }
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

/** Join the lines above a title's last line until the whole reads as a title; the last line alone when no join does. */
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

/** Non-blank lines after the title (or the `…文件` masthead) that may hold the notice's own number. */
const DOC_NUMBER_LOOKAHEAD = 6;
/** Most characters a document-number line holds besides the number (`签发人：张三`). */
const DOC_NUMBER_LINE_EXTRA = 16;

/**
 * The notice's own document number: one standing on a line of its own in the masthead (before the
 * title or a few lines after it), else one the title closes with in parentheses. A number cited in a
 * sentence or in parentheses (`《…办法》（粤财工〔2019〕122号）`) is another document's; with none, ''.
 */
export function ownDocNumber(
  lines: readonly string[],
  title: Title | null,
  spec: Family['metadata'],
  ctx?: StageContext,
): string {
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
    // OCR may drop the 号 that closes a number on a line of its own (`粤财科教〔2024〕12`): read with it restored.
    const restored = /\d\s*$/u.test(text) ? pattern.exec(`${text}号`) : null;
    if (restored && standsAlone(`${text}号`, restored)) {
      ctx?.count('doc-number-hao-restored');
      return canonicalDocNumber(restored[0]);
    }
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
export function canonicalDocNumber(written: string): string {
  // OCR spaces inside the issuer code (粤 财工) would cut it short.
  return normalizeDocNumber(written.replace(/\s+/g, ''));
}

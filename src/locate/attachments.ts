import type { Family } from '../family/spec.js';
import { joinCjkSpaces } from '../normalize/rules.js';
import { plainLine } from '../parse/lines.js';
import { foldDigits } from '../normalize/width.js';

/** One attachment as the body lists it. */
export interface ListedAttachment {
  /** Its number as listed (`1`, `2-1`), '' for a sole attachment listed without one. */
  label: string;
  /** The title, without its number and file extension, OCR spaces inside Chinese joined. */
  title: string;
  /** The file extension it is named with (`xls`, lower case), '' when none. */
  fileExt: string;
}

/** The body's list of attachments, and what stands in brackets before `附件` on its first line. */
export interface AttachmentList {
  items: ListedAttachment[];
  /** The bracketed text before `附件` (`粤财预〔2018〕124号` of `(粤财预〔2018〕124号)附件:…`), '' when none; with its line. */
  prefix: { text: string; line: number } | null;
}

/** A list item: its number (`1`, `2-1`, written after `附件` or not) and its text. */
const ITEM = /^(?:附件\s*)?(\d{1,2})(\s*[-－—]\s*\d{1,2})?\s*[.．、:：]\s*(\S.*)$/u;
/** Most lines one list spans (items and the blank lines between them). */
const LIST_MAX_LINES = 40;

/**
 * The attachments the body lists (附件说明): from the line `附件：` (family.json `metadata.attachments`,
 * a bracketed document number before it allowed) on, numbered items on one line (`1.甲 2.乙`) or
 * over several lines or paragraphs, or one unnumbered title. A file name's extension (.xls, .doc, …,
 * `metadata.attachmentFileExt`) is kept apart from the title.
 */
export function readAttachments(lines: readonly string[], spec: Family['metadata']): AttachmentList {
  const start = spec.attachments;
  const at = lines.findIndex((l) => start.test(foldDigits(plainLine(l))));
  if (at < 0) return { items: [], prefix: null };
  const first = foldDigits(plainLine(lines[at] ?? ''));
  const m = start.exec(first);
  const prefixText = /^[（(]([^（()）]+)[）)]/u.exec(first)?.[1] ?? '';
  const prefix = prefixText ? { text: prefixText, line: at + 1 } : null;
  const rest = first.slice((m?.index ?? 0) + (m?.[0].length ?? 0)).trim();
  const ext = spec.attachmentFileExt ? spec.attachmentFileExt : null;
  const texts: { label: string; text: string }[] = [];
  const firstItem = ITEM.exec(rest);
  if (rest && !firstItem) return { items: [attachmentOf('', rest, ext)], prefix };
  let last = 0;
  const take = (text: string): boolean => {
    const item = ITEM.exec(text);
    const n = Number(item?.[1] ?? NaN);
    // The next number, or the same one with a part (`3-1`, `3-2`).
    if (!item || !(n === last + 1 || (item[2] && n === last))) return false;
    last = n;
    let label = `${n}${item[2] ? `-${item[2].replace(/\D/gu, '')}` : ''}`;
    // Several items on one line: cut where the next number opens an item.
    let body = item[3] ?? '';
    for (;;) {
      const cut = nextItemAt(body, last + 1);
      if (cut < 0) break;
      texts.push({ label, text: body.slice(0, cut) });
      last++;
      label = String(last);
      body = body.slice(cut).replace(/^[\s；;，,]*(?:附件\s*)?\d{1,2}\s*[.．、:：]\s*/u, '');
    }
    texts.push({ label, text: body });
    return true;
  };
  if (rest) take(rest);
  for (let i = at + 1; i < lines.length && i <= at + LIST_MAX_LINES; i++) {
    const text = foldDigits(plainLine(lines[i] ?? ''));
    if (!text) continue;
    if (take(text)) continue;
    // `附件：` alone, then one unnumbered title on the next line.
    if (texts.length === 0 && !rest && ext?.test(text.toLowerCase())) texts.push({ label: '', text });
    break;
  }
  return { items: texts.map((t) => attachmentOf(t.label, t.text, ext)), prefix };
}

/** Where the item numbered `n` opens inside a line's text (after a space or a separator), or -1. */
function nextItemAt(text: string, n: number): number {
  const m = new RegExp(`(?:\\s|[；;，,])\\s*(?:附件\\s*)?${n}\\s*[.．、:：]\\s*\\S`, 'u').exec(text);
  return m ? m.index : -1;
}

/** The text without the list punctuation closing it (；，。), cut by a scan from the end: linear on any run of it. */
function withoutClosingPunctuation(text: string): string {
  let end = text.length;
  while (end > 0 && '；;，,。'.includes(text[end - 1] ?? '')) end--;
  return text.slice(0, end);
}

/** An item's text as a title and a file extension. */
function attachmentOf(label: string, text: string, ext: RegExp | null): ListedAttachment {
  const trimmed = withoutClosingPunctuation(text.trim()).trim();
  const m = ext?.exec(trimmed.toLowerCase());
  const title = m ? trimmed.slice(0, m.index).trim() : trimmed;
  return { label, title: joinCjkSpaces(title), fileExt: m ? (m[1] ?? '').toLowerCase() : '' };
}

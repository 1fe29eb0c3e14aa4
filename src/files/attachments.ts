import { compactKey } from '../normalize/compact.js';
import { foldAnnexLabel } from '../normalize/annexLabel.js';
import { joinCjkSpaces } from '../normalize/rules.js';
import { foldDigits } from '../normalize/width.js';

/** An attachment the body lists: `附件：1. …分配情况表`. */
export interface ListedAnnex {
  /** Its label, digits folded (`1`, `3-1`). */
  label: string;
  /** Its title as listed. */
  title: string;
}

// The family-independent start of the list (a family declares its own as `metadata.attachments`): `附件：`,
// `附件下载：`, a bracketed number before it, or `附件1：…` opening the first of items each written with 附件.
const LIST_START = /^(?:[-*+]\s*)?(?:[（(][^（()）]{1,40}[）)]\s*)?附\s*件(?:下载)?\s*(?:[：:]|(?=1\s*[.．、:：]))/u;
// A file name's extension after a listed title, kept apart from it.
const FILE_EXT = /[.．]\s*(docx?|xlsx?|pdf|wps|et|ofd|zip|rar|csv)\s*$/;
const LABEL_IN_NAME = /附\s*件\s*([0-9０-９]{1,2}(?:\s*[-－—_]\s*[0-9０-９]{1,2})?|[一二三四五六七八九十]{1,3})/u;

/** One attachment as the body lists it. */
export interface ListedAttachment {
  /** Its number as listed (`1`, `2-1`), '' for a sole attachment listed without one. */
  label: string;
  /** The title, without its number and file extension, OCR spaces inside Chinese joined. */
  title: string;
  /** The file extension it is named with (`xls`, lower case), '' when none. */
  fileExt: string;
}

/** A list item: its number (`1`, `2-1`, written after `附件` or not) and its text. */
const ITEM = /^(?:附件\s*)?(\d{1,2})(\s*[-－—]\s*\d{1,2})?\s*[.．、:：]\s*(\S.*)$/u;
/** Most lines one list spans (items and the blank lines between them). */
const LIST_MAX_LINES = 40;

/**
 * The one reader of a body's list of attachments (附件说明), for the notice folder's files and for the
 * notice's metadata alike: from the line `start` matches (in `plain` text: markup gone, digits folded)
 * on, numbered items on one line (`1.甲 2.乙`) or over several lines or paragraphs, each with 附件 before
 * its number or not, or unnumbered file names one a line (numbered in order; a sole one keeps no
 * number) or one unnumbered title. A file name's extension (`ext`) is kept apart from the title.
 * `first` is the plain text of the list's first line, null when the body lists none.
 */
export function readAttachmentList(
  lines: readonly string[],
  plain: (line: string) => string,
  start: RegExp,
  ext: RegExp | null,
): { items: ListedAttachment[]; first: string | null; at: number } {
  const at = lines.findIndex((l) => start.test(plain(l)));
  if (at < 0) return { items: [], first: null, at };
  const first = plain(lines[at] ?? '');
  const m = start.exec(first);
  const rest = first.slice((m?.index ?? 0) + (m?.[0].length ?? 0)).trim();
  const texts: { label: string; text: string }[] = [];
  const firstItem = ITEM.exec(rest);
  if (rest && !firstItem) return { items: [attachmentOf('', rest, ext)], first, at };
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
  // `附件：` alone, then unnumbered file names one a line (a site's list of download links): 1, 2, … in order.
  const named: string[] = [];
  for (let i = at + 1; i < lines.length && i <= at + LIST_MAX_LINES; i++) {
    const text = plain(lines[i] ?? '');
    if (!text) continue;
    if (named.length === 0 && take(text)) continue;
    if (texts.length === 0 && !rest && ext?.test(text.toLowerCase())) {
      named.push(text);
      continue;
    }
    break;
  }
  // A sole unnumbered title keeps no number, as the body writes it.
  named.forEach((text, i) => texts.push({ label: named.length === 1 ? '' : String(i + 1), text }));
  return { items: texts.map((t) => attachmentOf(t.label, t.text, ext)), first, at };
}

/** Where the item numbered `n` opens inside a line's text (after a space or a separator), or -1. */
function nextItemAt(text: string, n: number): number {
  // From the start of a run of separators only (the look-behind): a run is scanned once, not once per character.
  const m = new RegExp(`(?<![\\s；;，,])[\\s；;，,]+(?:附件\\s*)?${n}\\s*[.．、:：]\\s*\\S`, 'u').exec(text);
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

/** A body line as the list is read: a Markdown list, heading or quote mark and emphasis gone, digits folded. */
function plainBodyLine(line: string): string {
  return foldDigits(
    line
      .replace(/^\s*(?:#+|[-*>])\s*/, '')
      .replace(/[*_]/g, '')
      .trim(),
  );
}

/**
 * The body's list of attachments as the notice folder's files are matched to it: the list the
 * metadata reads (readAttachmentList), with the family-independent start; a single unnumbered
 * attachment is 附件1. Empty when the body lists none.
 */
export function listedAnnexes(lines: readonly string[]): ListedAnnex[] {
  return readAttachmentList(lines, plainBodyLine, LIST_START, FILE_EXT).items.map((a) => ({
    label: foldAnnexLabel(a.label || '1'),
    title: a.title,
  }));
}

/** The label a file name gives (`附件1-关于….xlsx` → `1`), or null. */
export function labelInName(name: string): string | null {
  const found = LABEL_IN_NAME.exec(name);
  return found ? foldAnnexLabel(found[1] ?? '') : null;
}

/** A title as compared: width folded, white space, brackets and punctuation gone. */
export function titleKey(text: string): string {
  return compactKey(text).replace(/[\p{P}\p{S}]/gu, '');
}

/** The listed annex whose title holds `text`, or is held by it, when exactly one does. */
export function listedByTitle(text: string, listed: readonly ListedAnnex[]): ListedAnnex | null {
  const key = titleKey(text);
  if (key.length < 2) return null;
  const hits = listed.filter((a) => {
    const title = titleKey(a.title);
    return title !== '' && (title === key || title.includes(key) || key.includes(title));
  });
  if (hits.length <= 1) return hits[0] ?? null;
  return hits.find((a) => titleKey(a.title) === key) ?? null;
}

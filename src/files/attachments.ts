import { compactKey } from '../normalize/compact.js';
import { foldAnnexLabel } from '../normalize/annexLabel.js';

/** An attachment the body lists: `附件：1. …分配情况表`. */
export interface ListedAnnex {
  /** Its label, digits folded (`1`, `3-1`). */
  label: string;
  /** Its title as listed. */
  title: string;
}

const LIST_START = /^\s*(?:[-*+]\s+)?附\s*件\s*[：:]\s*(.*)$/u;
// The title is taken to the end and trimmed in code: a lazy group before `\s*$` would be quadratic on spaces.
const ITEM = /^\s*(?:[-*+]\s+)?(\d{1,2}(?:\s*[-－—]\s*\d{1,2})?)\s*[.、．。]\s*(\S.*)$/u;
const LABEL_IN_NAME = /附\s*件\s*([0-9０-９]{1,2}(?:\s*[-－—_]\s*[0-9０-９]{1,2})?|[一二三四五六七八九十]{1,3})/u;

/**
 * The body's list of attachments: the line `附件：` and the numbered items that follow it (on
 * that line and the next ones); a single unnumbered attachment is 附件1. Empty when the body lists none.
 */
export function listedAnnexes(lines: readonly string[]): ListedAnnex[] {
  const start = lines.findIndex((l) => LIST_START.test(l));
  if (start < 0) return [];
  const first = (LIST_START.exec(lines[start] ?? '')?.[1] ?? '').trim();
  const listed: ListedAnnex[] = [];
  const firstItem = ITEM.exec(first);
  if (firstItem) listed.push({ label: foldAnnexLabel(firstItem[1] ?? ''), title: (firstItem[2] ?? '').trim() });
  else if (first !== '') return [{ label: '1', title: first }];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') {
      if (listed.length > 0) break;
      continue;
    }
    const item = ITEM.exec(line);
    if (!item) break;
    listed.push({ label: foldAnnexLabel(item[1] ?? ''), title: (item[2] ?? '').trim() });
  }
  return listed;
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

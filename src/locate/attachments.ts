import type { Family } from '../family/spec.js';
import { type ListedAttachment, readAttachmentList } from '../files/attachments.js';
import { plainLine } from '../parse/lines.js';
import { foldDigits } from '../normalize/width.js';

export type { ListedAttachment } from '../files/attachments.js';

/** The body's list of attachments, and what stands in brackets before `附件` on its first line. */
export interface AttachmentList {
  items: ListedAttachment[];
  /** The bracketed text before `附件` (`粤财预〔2018〕124号` of `(粤财预〔2018〕124号)附件:…`), '' when none; with its line. */
  prefix: { text: string; line: number } | null;
}

/**
 * The attachments the body lists (附件说明): from the line `附件：` (family.json `metadata.attachments`,
 * a bracketed document number before it allowed) on, read by the one list reader the notice folder's
 * files are matched with; a file name's extension (.xls, .doc, …, `metadata.attachmentFileExt`) is kept
 * apart from the title.
 */
export function readAttachments(lines: readonly string[], spec: Family['metadata']): AttachmentList {
  const ext = spec.attachmentFileExt ? spec.attachmentFileExt : null;
  const list = readAttachmentList(lines, (l) => foldDigits(plainLine(l)), spec.attachments, ext);
  if (list.first === null) return { items: [], prefix: null };
  const prefixText = /^[（(]([^（()）]+)[）)]/u.exec(list.first)?.[1] ?? '';
  return { items: list.items, prefix: prefixText ? { text: prefixText, line: list.at + 1 } : null };
}

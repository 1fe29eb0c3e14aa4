import { plainLine } from '../parse/lines.js';
import { stripTags } from '../normalize/markup.js';

/** Zero-width spaces and joiners, the byte-order mark and the word joiner. */
const ZERO_WIDTH = /[\u200B-\u200D\uFEFF\u2060]/g;

/** A text without the zero-width marks OCR or a web page leaves: they carry nothing and split words and numbers. */
export function dropZeroWidth(text: string): string {
  return text.replace(ZERO_WIDTH, '');
}

/** Index of the nearest non-blank line before index `i`, or -1. */
export function previousTextLine(lines: readonly string[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if ((lines[j] ?? '').trim()) return j;
  return -1;
}

/** Index of the nearest non-blank line after index `i`, or -1. */
export function nextTextLine(lines: readonly string[], i: number): number {
  for (let j = i + 1; j < lines.length; j++) if ((lines[j] ?? '').trim()) return j;
  return -1;
}

/** The cells of a line (a pipe or TAB table row, HTML cells), markup dropped; the line itself when it is none. */
export function cellsOf(line: string): string[] {
  return line
    .split(/\||\t|<\/t[dh]>/)
    .map((cell) => plainLine(stripTags(cell)))
    .filter(Boolean);
}

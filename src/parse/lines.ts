/** A range of source lines, 1-based, both ends included. */
export interface LineRange {
  start: number;
  end: number;
}

/** True when a source line is a tab-separated table row. */
export function isTsvLine(line: string): boolean {
  return line.includes('\t');
}

/**
 * A heading's text without its closing sequence of `#` (`## 说明 ##`): spaces, then `#`s, then
 * spaces are trimmed from the end. Written without a regular expression: `/\s*#*\s*$/` tries every
 * start position in a run of spaces and took minutes on one line of 50,000. With `spaced`, the `#`s
 * go only when white space (or nothing) stands before them, as CommonMark's closing sequence.
 */
export function withoutClosingHashes(text: string, spaced = false): string {
  const trimmed = text.trimEnd();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '#') end--;
  if (end === trimmed.length) return trimmed;
  const before = trimmed.slice(0, end);
  if (spaced && before !== '' && before.trimEnd() === before) return trimmed;
  return before.trimEnd();
}

/** A line as plain text: a heading's `#` marks, a list bullet or quote mark, and emphasis marks dropped. */
export function plainLine(line: string): string {
  return line
    .replace(/^\s*(?:#+|[-*>])\s*/, '')
    .replace(/[*_]/g, '')
    .trim();
}

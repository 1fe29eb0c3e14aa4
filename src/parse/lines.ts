/** A range of source lines, 1-based, both ends included. */
export interface LineRange {
  start: number;
  end: number;
}

/** True when a source line is a tab-separated table row. */
export function isTsvLine(line: string): boolean {
  return line.includes('\t');
}

/** A line as plain text: a heading's `#` marks, a list bullet or quote mark, and emphasis marks dropped. */
export function plainLine(line: string): string {
  return line.replace(/^\s*(?:#+|[-*>])\s*/, '').replace(/[*_]/g, '').trim();
}

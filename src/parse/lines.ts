/** A range of source lines, 1-based, both ends included. */
export interface LineRange {
  start: number;
  end: number;
}

/** True when a source line is a tab-separated table row. */
export function isTsvLine(line: string): boolean {
  return line.includes('\t');
}

import type { ParsedNotice } from '../parse/markdown.js';
import type { LineRange } from '../grid/build.js';

const UNIT_LINE = /^\s*(?:金额)?单位\s*[:：]\s*(元|万元|亿元)\s*$/u;

/** The unit stated on a `单位：元` line inside a range, with its line, or null. */
export function statedUnit(parsed: ParsedNotice, range: LineRange): { unit: string; line: number } | null {
  for (let l = range.start; l <= range.end; l++) {
    const match = UNIT_LINE.exec(parsed.lines[l - 1] ?? '');
    if (match?.[1]) return { unit: match[1], line: l };
  }
  return null;
}

/** Unit of a table: a `单位：万元` line before the header wins over a header suffix, which wins over the family default. */
export function tableUnit(statedLine: string | null, headerUnit: string | null, fallback: string): string {
  return statedLine ?? headerUnit ?? fallback;
}

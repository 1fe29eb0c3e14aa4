import type { ParsedNotice } from '../parse/markdown.js';
import type { LineRange } from '../grid/build.js';
import type { StageContext } from '../findings/context.js';
import type { GridRow } from '../grid/grid.js';
import { UNIT_ALTERNATION } from '../normalize/units.js';

const UNIT_LINE = new RegExp(`^\\s*(?:金额)?单位\\s*[:：]\\s*(${UNIT_ALTERNATION})\\s*$`, 'u');

/** The unit stated on a `单位：元` line inside a range, with its line, or null. */
export function statedUnit(parsed: ParsedNotice, range: LineRange): { unit: string; line: number } | null {
  for (let l = range.start; l <= range.end; l++) {
    const match = UNIT_LINE.exec(parsed.lines[l - 1] ?? '');
    if (match?.[1]) return { unit: match[1], line: l };
  }
  return null;
}

/** The unit stated in a title row inside the table (`<td colspan="9">单位：元</td>`), with its line, or null. */
export function unitInTitleRows(rows: readonly GridRow[]): { unit: string; line: number } | null {
  for (const row of rows) {
    const match = UNIT_LINE.exec(row.cells.find((c) => c.text !== '')?.text ?? '');
    if (match?.[1]) return { unit: match[1], line: row.line };
  }
  return null;
}

/**
 * Unit of a table: a `单位：万元` line wins over a header suffix, which wins over the family default.
 * A line and a suffix that disagree are an error (a ×10,000 mistake either way); falling back to the
 * default is reported, since it is a guess.
 */
export function tableUnit(stated: { unit: string; line: number } | null, header: { unit: string | null; line: number }, fallback: string, annex: string, ctx: StageContext): string {
  if (stated && header.unit && stated.unit !== header.unit) {
    ctx.report({ code: 'extract/unit-conflict', annex, source_line: header.line, actual: header.unit, expected: `${stated.unit} (line ${stated.line})` });
  }
  const unit = stated?.unit ?? header.unit;
  if (unit) return unit;
  ctx.report({ code: 'extract/unit-defaulted', annex, source_line: header.line, expected: fallback });
  return fallback;
}

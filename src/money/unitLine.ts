import type { ParsedNotice } from '../parse/markdown.js';
import type { LineRange } from '../grid/build.js';
import type { StageContext } from '../findings/context.js';
import type { GridRow } from '../grid/grid.js';
import { UNIT_ALTERNATION } from '../normalize/units.js';
import { plainLine } from '../parse/lines.js';
import { foldCompatibility } from '../normalize/width.js';

/** `单位：万元` on a line of its own, maybe in brackets (`（单位：万元）`), maybe after other text (a title, a date). */
const UNIT_LINE = new RegExp(
  `(?:^|[\\s（(【\\[])(?:金额|资金)?单位\\s*[:：]\\s*(${UNIT_ALTERNATION})\\s*[)）】\\]]?\\s*$`,
  'u',
);
/** A title ending in its unit: `…分配表（万元）`. */
const TITLE_UNIT = new RegExp(`\\S\\s*[（(]\\s*(${UNIT_ALTERNATION})\\s*[)）]\\s*$`, 'u');

/** The unit a text line states: `单位：元`, `（单位：万元）`, `…分配表（单位：万元）`, `…分配表（万元）`; null for a table row or none. */
function unitOfLine(line: string): string | null {
  // A table row's header cell (`资金额（万元）`) is the header's unit, read with the header.
  if (/[\t|]|<t[dhr][\s>]/i.test(line)) return null;
  const text = foldCompatibility(plainLine(line)).replace(/\s+/g, ' ');
  return UNIT_LINE.exec(text)?.[1] ?? TITLE_UNIT.exec(text)?.[1] ?? null;
}

/**
 * The unit stated on a line inside a range (a `单位：元` line, or a title that ends in its unit), with its line, or null.
 */
export function statedUnit(parsed: ParsedNotice, range: LineRange): { unit: string; line: number } | null {
  for (let l = range.start; l <= range.end; l++) {
    const unit = unitOfLine(parsed.lines[l - 1] ?? '');
    if (unit) return { unit, line: l };
  }
  return null;
}

/** The unit stated in a title row inside the table (`<td colspan="9">单位：元</td>`), with its line, or null. */
export function unitInTitleRows(rows: readonly GridRow[]): { unit: string; line: number } | null {
  for (const row of rows) {
    const unit = unitOfLine(row.cells.find((c) => c.text !== '')?.text ?? '');
    if (unit) return { unit, line: row.line };
  }
  return null;
}

/**
 * Unit of a table: a `单位：万元` line wins over a header suffix, which wins over the family default.
 * A line and a suffix that disagree are an error (a ×10,000 mistake either way); falling back to the
 * default is reported, since it is a guess.
 */
export function tableUnit(
  stated: { unit: string; line: number } | null,
  header: { unit: string | null; line: number },
  fallback: string,
  annex: string,
  ctx: StageContext,
): string {
  if (stated && header.unit && stated.unit !== header.unit) {
    ctx.report({
      code: 'money/unit-conflict',
      annex,
      source_line: header.line,
      actual: header.unit,
      expected: `${stated.unit} (line ${stated.line})`,
    });
  }
  const unit = stated?.unit ?? header.unit;
  if (unit) return unit;
  ctx.report({ code: 'money/unit-defaulted', annex, source_line: header.line, expected: fallback });
  return fallback;
}

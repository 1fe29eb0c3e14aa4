import type { ParsedNotice } from '../parse/markdown.js';
import type { LineRange } from '../grid/build.js';
import type { StageContext } from '../findings/context.js';
import type { GridRow } from '../grid/grid.js';
import { UNIT_ALTERNATION } from '../normalize/units.js';
import { plainLine } from '../parse/lines.js';
import { foldCompatibility } from '../normalize/width.js';

// The patterns below read text whose whitespace is collapsed to single spaces (unitOfLine), so each ` ?` stands for
// any run of it and no two repeats can trade characters.
/** `人民币` before or after a unit (`单位：人民币万元`, `单位：万元人民币`). */
const RMB = '(?:人民币)?';
/** What may close a unit: a short remark in brackets (`单位：万元（保留两位小数）`), a punctuation mark. */
const AFTER = '(?: ?[（(][^（()）]{0,20}[)）])?(?: ?[；;。.，,])? ?$';

/**
 * `单位：万元` on a line of its own, maybe in brackets (`（单位：万元）`), maybe after other text (a title, a date); the
 * label may name what is measured (`金额单位`, `货币单位`), the colon may be lost in OCR (`单位 万元`), the currency
 * named (`人民币万元`), a remark follow.
 */
const UNIT_LINE = new RegExp(
  `(?:^|[ （(【\\[])(?:金额|资金|货币|计量)?单位 ?[:：]? ?${RMB}(${UNIT_ALTERNATION})${RMB}(?: ?[)）】\\]])?${AFTER}`,
  'u',
);
/** A title ending in its unit (`…分配表（万元）`, `…分配表（人民币万元）`), or the bracketed unit alone on its line. */
const TITLE_UNIT = new RegExp(`(?:^|[^ ]) ?[（(] ?${RMB}(${UNIT_ALTERNATION})${RMB} ?[)）]${AFTER}`, 'u');

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

/**
 * The unit stated in a title row inside the table (`<td colspan="9">单位：元</td>`, or `单位：万元` in the last cell of a
 * row of a spreadsheet), with its line, or null.
 */
export function unitInTitleRows(rows: readonly GridRow[]): { unit: string; line: number } | null {
  for (const row of rows)
    for (const cell of row.cells) {
      const unit = cell.text === '' ? null : unitOfLine(cell.text);
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

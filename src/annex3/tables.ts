import type { StageContext } from '../findings/context.js';
import type { TargetsAnnex } from '../family/spec.js';
import { gridRows, type LineRange } from '../grid/build.js';
import { rowText, type GridRow } from '../grid/grid.js';
import type { Heading, ParsedNotice } from '../parse/markdown.js';

/** One performance-target table of Annex 3. */
export interface TargetTable {
  /** Line of the heading that opens the table. */
  line: number;
  /** From the heading to the line before the next table heading, or to the end of the annex. */
  range: LineRange;
  /** Its rows, whatever their encoding (tab-separated, pipe or HTML). */
  rows: GridRow[];
}

/**
 * Split Annex 3 at the headings that match the family's table heading (at any depth). Table rows
 * before the first such heading belong to no table and are reported.
 */
export function targetTables(parsed: ParsedNotice, annex: LineRange, headings: readonly Heading[], spec: TargetsAnnex, ctx: StageContext): TargetTable[] {
  const pattern = new RegExp(spec.tableHeading, 'u');
  const starts = headings.filter((h) => h.line >= annex.start && h.line <= annex.end && pattern.test(h.text.replace(/\s+/g, '')));
  const firstLine = starts[0]?.line ?? annex.end + 1;
  for (const row of gridRows(parsed, { start: annex.start, end: firstLine - 1 })) {
    if (rowText(row) !== '') ctx.report({ code: 'annex3/row-outside-table', annex: spec.label, source_line: row.line, actual: rowText(row) });
  }
  if (starts.length === 0) {
    ctx.report({ code: 'annex3/tables-missing', annex: spec.label, source_line: annex.start, expected: spec.tableHeading });
    return [];
  }
  return starts.map((heading, i) => {
    const range = { start: heading.line, end: (starts[i + 1]?.line ?? annex.end + 1) - 1 };
    return { line: heading.line, range, rows: gridRows(parsed, range) };
  });
}

import type { StageContext } from '../findings/context.js';
import type { TargetsAnnex } from '../family/spec.js';
import { gridRows, type LineRange } from '../grid/build.js';
import { rowText, type GridRow } from '../grid/grid.js';
import type { ParsedNotice } from '../parse/markdown.js';
import { compactKey } from '../normalize/compact.js';
import type { Outline } from '../locate/outline.js';

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
 * Split a target-table annex at the title lines that match the family's table title, however they
 * are written (heading of any depth, bold or plain line, list item, an HTML table's caption or
 * spanning title row). Table rows before the first title belong to no table and are reported.
 */
export function targetTables(
  parsed: ParsedNotice,
  annex: LineRange,
  outline: Outline,
  spec: TargetsAnnex,
  ctx: StageContext,
): TargetTable[] {
  const titles = outline.lines.filter(
    (h) => h.line >= annex.start && h.line <= annex.end && spec.tableHeading.test(compactKey(h.text)),
  );
  // A title followed by another title before any table row (an annex title above the first table's own) opens no table.
  const starts = titles.filter((title, i) => {
    const next = titles[i + 1];
    if (!next) return true;
    for (let l = title.line; l < next.line; l++) if (outline.tableLines.has(l)) return true;
    // The annex's own marker line (`附件3：…绩效目标表`) naming the kind is expected, not worth a finding.
    if (title.line !== annex.start)
      ctx.report({
        code: 'targets/title-without-table',
        annex: spec.label,
        source_line: title.line,
        actual: title.text,
      });
    return false;
  });
  const firstLine = starts[0]?.line ?? annex.end + 1;
  for (const row of gridRows(parsed, { start: annex.start, end: firstLine - 1 })) {
    if (rowText(row) !== '')
      ctx.report({ code: 'targets/row-outside-table', annex: spec.label, source_line: row.line, actual: rowText(row) });
  }
  if (starts.length === 0) {
    ctx.report({
      code: 'targets/tables-missing',
      annex: spec.label,
      source_line: annex.start,
      expected: spec.tableHeading.source,
    });
    return [];
  }
  return starts.map((heading, i) => {
    const range = { start: heading.line, end: (starts[i + 1]?.line ?? annex.end + 1) - 1 };
    return { line: heading.line, range, rows: gridRows(parsed, range) };
  });
}

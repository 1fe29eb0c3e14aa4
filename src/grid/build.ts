import type { ParsedNotice } from '../parse/markdown.js';
import type { GridRow } from './grid.js';
import { htmlRows } from './html.js';
import { pipeRows } from './pipe.js';
import { isTsvLine, tsvRow } from './tsv.js';
import { htmlTableRanges, MAX_TABLE_DEPTH } from '../parse/maskRows.js';
import type { LineRange } from '../parse/lines.js';

export type { LineRange } from '../parse/lines.js';

/**
 * Every table row between two lines, whatever its encoding: GFM pipe tables from the tree,
 * HTML `<table>` fragments from the source, and the remaining tab-separated lines, in source order, numbered 1… in that
 * order.
 */
export function gridRows(parsed: ParsedNotice, range: LineRange): GridRow[] {
  const rows: GridRow[] = [];
  const covered = new Set<number>();
  for (const table of parsed.pipeTables) {
    if (table.start < range.start || table.end > range.end) continue;
    // Pushed one by one: spread into push, a table of 130k rows overflows the call stack.
    for (const row of pipeRows(table)) rows.push(row);
    for (let l = table.start; l <= table.end; l++) covered.add(l);
  }
  for (const table of htmlTableRanges(parsed.lines, range.start, range.end, covered)) {
    // Too deep to parse without overflowing the stack; locate reports it (locate/table-nested-too-deep).
    if (table.depth > MAX_TABLE_DEPTH) continue;
    const fragment = parsed.lines.slice(table.start - 1, table.end).join('\n');
    for (const row of htmlRows(fragment, table.start)) rows.push(row);
    for (let l = table.start; l <= table.end; l++) covered.add(l);
  }
  for (let l = range.start; l <= range.end; l++) {
    const source = parsed.lines[l - 1] ?? '';
    if (!covered.has(l) && isTsvLine(source)) rows.push(tsvRow(source, l));
  }
  rows.sort((a, b) => a.line - b.line);
  rows.forEach((row, i) => (row.row = i + 1));
  return rows;
}

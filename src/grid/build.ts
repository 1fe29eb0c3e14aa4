import type { Table } from 'mdast';
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
  for (const node of parsed.tree.children) {
    const start = node.position?.start.line ?? 0;
    const end = node.position?.end.line ?? 0;
    if (node.type !== 'table' || start < range.start || end > range.end) continue;
    rows.push(...pipeRows(node as Table, parsed.lines));
    for (let l = start; l <= end; l++) covered.add(l);
  }
  for (const table of htmlTableRanges(parsed.lines, range.start, range.end, covered)) {
    // Too deep to parse without overflowing the stack; locate reports it (locate/table-nested-too-deep).
    if (table.depth > MAX_TABLE_DEPTH) continue;
    const fragment = parsed.lines.slice(table.start - 1, table.end).join('\n');
    rows.push(...htmlRows(fragment, table.start));
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

import { htmlToText } from '../normalize/markup.js';
import type { PipeTable } from '../parse/pipeTables.js';
import type { GridRow } from './grid.js';

/** Rows of a GFM pipe table as grid rows: each cell's HTML read as text, its source kept as written. */
export function pipeRows(table: PipeTable): GridRow[] {
  return table.rows.map((row) => ({
    line: row.line,
    cells: row.cells.map((cell) => ({
      text: htmlToText(cell.markup),
      raw: cell.raw,
      line: cell.line,
      column: cell.column,
    })),
    encoding: 'pipe',
    row: 0,
  }));
}

import { htmlToText } from '../normalize/markup.js';
import type { Cell, GridRow } from './grid.js';

export { isTsvLine } from '../parse/lines.js';

/** Split one tab-separated source line into cells that keep their line and column. */
export function tsvRow(source: string, line: number): GridRow {
  const cells: Cell[] = [];
  let column = 1;
  for (const raw of source.split('\t')) {
    cells.push({ text: htmlToText(raw), raw, line, column });
    column += raw.length + 1;
  }
  return { line, cells, encoding: 'tsv', row: 0 };
}

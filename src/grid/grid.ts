/** One table cell, as found in the source. */
export interface Cell {
  /** Plain text: HTML tags stripped (lists and paragraphs become lines), entities decoded, trimmed. */
  text: string;
  /** The cell's source exactly as written (HTML kept). */
  raw: string;
  /** 1-based source line where the cell starts. */
  line: number;
  /** 1-based source column where the cell starts. */
  column: number;
  /** True when this position is covered by a rowspan/colspan of another cell; its text is then ''. */
  spanned?: boolean;
  /** For a position covered by a rowspan from above: the cell that spans it (its value holds here too). */
  rowSpanOf?: Cell;
}

/** One table row: its cells in column order. */
export interface GridRow {
  /** 1-based source line where the row starts. */
  line: number;
  /** Cells in column order. */
  cells: Cell[];
  /** How the row was encoded in the source. */
  encoding: 'tsv' | 'pipe' | 'html';
  /** 1-based row within the table or annex it was read from (`gridRows` numbers them; 0 before). */
  row: number;
}

/** Cells with text, in order. */
export function filledCells(row: GridRow): Cell[] {
  return row.cells.filter((c) => c.text !== '');
}

/** Index of the last non-empty cell + 1: the row's width without trailing empty cells. */
export function usedWidth(row: GridRow): number {
  for (let i = row.cells.length - 1; i >= 0; i--) if (row.cells[i]?.text) return i + 1;
  return 0;
}

/** The row's non-empty cell texts joined with ' | ', for messages. */
export function rowText(row: GridRow): string {
  return filledCells(row)
    .map((c) => c.text)
    .join(' | ');
}

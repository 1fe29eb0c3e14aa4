import { escapeUTF8 } from 'entities';

/** Where a line of an assembled notice came from: a file of the notice folder and a place in it. */
export interface Provenance {
  /** The file, relative to the notice folder (`附件1.xlsx`). */
  file: string;
  /** The place in the file: `Sheet1!A12` for a spreadsheet row, `table 2 row 5` for a Word row, `line 7`. */
  ref: string;
}

/** One cell of an annex table as a file holds it; a merged cell is its top-left cell with its spans. */
export interface FileCell {
  /** The cell's text as shown (lines kept). */
  text: string;
  /** Rows the cell spans (1 when not merged down). */
  rowSpan: number;
  /** Columns the cell spans (1 when not merged across). */
  colSpan: number;
}

/**
 * One row of an annex table: its cells left to right (cells covered by a merge above or to the left are not listed).
 */
export interface FileRow {
  cells: FileCell[];
  /** Where the row is (its first cell). */
  ref: string;
}

/**
 * A part of a file in reading order: lines of text, a table, or Markdown source taken as it is (tabs and blank lines
 * kept).
 */
export type Block =
  | { kind: 'text'; lines: { text: string; ref: string }[] }
  | { kind: 'table'; rows: FileRow[] }
  | { kind: 'markdown'; lines: { text: string; ref: string }[] };

/** An assembled notice's text so far, one provenance per line (null for lines the assembly wrote itself). */
export class NoticeText {
  /** The lines of the synthetic notice. */
  readonly lines: string[] = [];
  /** Provenance of each line, by index (line - 1). */
  readonly places: (Provenance | null)[] = [];

  /** Add a line the assembly wrote (an annex marker, a blank line). */
  own(line: string): void {
    this.lines.push(line);
    this.places.push(null);
  }

  /** Add a line read from `file` at `ref`. Tabs become spaces: a text line with a tab would read as a table row. */
  text(line: string, file: string, ref: string): void {
    this.lines.push(line.replace(/\t/g, ' '));
    this.places.push({ file, ref });
  }

  /** Add the blocks of one file: text lines as they are, each table as an HTML `<table>` with one `<tr>` per line. */
  blocks(blocks: readonly Block[], file: string): void {
    for (const block of blocks) {
      if (block.kind === 'markdown') {
        // A Markdown file's own tables (tab-separated, pipe, HTML) need its tabs and blank lines.
        for (const line of block.lines) {
          this.lines.push(line.text);
          this.places.push({ file, ref: line.ref });
        }
        this.own('');
        continue;
      }
      if (block.kind === 'text') {
        for (const line of block.lines) if (line.text.trim() !== '') this.text(line.text, file, line.ref);
        this.own('');
        continue;
      }
      if (block.rows.length === 0) continue;
      this.own('<table>');
      for (const row of block.rows) {
        this.lines.push(`<tr>${row.cells.map(cellHtml).join('')}</tr>`);
        this.places.push({ file, ref: row.ref });
      }
      this.own('</table>');
      this.own('');
    }
  }
}

/** A cell as HTML: text escaped, its lines as `<br>`, spans as attributes. */
function cellHtml(cell: FileCell): string {
  const spans =
    (cell.rowSpan > 1 ? ` rowspan="${cell.rowSpan}"` : '') + (cell.colSpan > 1 ? ` colspan="${cell.colSpan}"` : '');
  const text = cell.text
    .split(/\r?\n/)
    .map((l) => escapeUTF8(l.trim()))
    .join('<br>');
  return `<td${spans}>${text}</td>`;
}

/** True when a table row has at most one cell with text: a title, unit or note line written in a table. */
export function isLineRow(row: FileRow): boolean {
  return row.cells.filter((c) => c.text.trim() !== '').length <= 1;
}

/**
 * A file's table with its leading and trailing one-cell rows (the title merged across, `单位：元`, notes
 * under the table) as text lines around it, as a notice printed on paper has them; one-cell rows
 * between data rows stay in the table.
 */
export function tableBlocks(rows: readonly FileRow[]): Block[] {
  let start = 0;
  while (start < rows.length && isLineRow(rows[start] as FileRow)) start++;
  let end = rows.length;
  while (end > start && isLineRow(rows[end - 1] as FileRow)) end--;
  const asLines = (part: readonly FileRow[]): Block => ({
    kind: 'text',
    lines: part.flatMap((r) =>
      r.cells
        .filter((c) => c.text.trim() !== '')
        .map((c) => ({
          text: c.text
            .split('\n')
            .map((part) => part.trim())
            .filter((part) => part !== '')
            .join(' '),
          ref: r.ref,
        })),
    ),
  });
  const blocks: Block[] = [];
  if (start > 0) blocks.push(asLines(rows.slice(0, start)));
  if (end > start) blocks.push({ kind: 'table', rows: rows.slice(start, end) });
  if (end < rows.length) blocks.push(asLines(rows.slice(end)));
  return blocks;
}

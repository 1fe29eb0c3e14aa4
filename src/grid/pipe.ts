import type { PhrasingContent, Table, TableCell } from 'mdast';
import { htmlToText } from '../normalize/markup.js';
import type { Cell, GridRow } from './grid.js';

/** Rows of a GFM pipe table node, cells sliced from the source lines by their line and column. */
export function pipeRows(table: Table, lines: readonly string[]): GridRow[] {
  const rows: GridRow[] = [];
  for (const row of table.children) {
    const cells: Cell[] = row.children.map((cell) => {
      const start = cell.position?.start;
      const end = cell.position?.end;
      const slice =
        start && end && start.line === end.line
          ? (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1)
          : '';
      // A cell's position covers its leading pipe (and the closing one on the last cell).
      const raw = slice.replace(/^\|/, '').replace(/\|$/, '').trim().replace(/\\\|/g, '|');
      return { text: htmlToText(cellMarkup(cell)), raw, line: start?.line ?? 0, column: (start?.column ?? 0) + 1 };
    });
    rows.push({ line: row.position?.start.line ?? 0, cells, encoding: 'pipe', row: 0 });
  }
  return rows;
}

/**
 * A pipe cell as HTML: Markdown emphasis dropped, inline HTML kept, and text re-escaped because
 * remark has already decoded its entities (`&lt;` would otherwise read as a tag).
 */
function cellMarkup(cell: TableCell): string {
  const walk = (nodes: PhrasingContent[]): string =>
    nodes
      .map((n) => {
        if (n.type === 'text' || n.type === 'inlineCode') return escapeHtml(n.value);
        if (n.type === 'html') return n.value;
        if (n.type === 'break') return '<br>';
        return 'children' in n ? walk(n.children as PhrasingContent[]) : '';
      })
      .join('');
  return walk(cell.children);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

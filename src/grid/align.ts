import type { TableAnnex } from '../family/spec.js';
import type { Cell, GridRow } from './grid.js';
import type { ColumnMap } from './header.js';

/** What one column accepts: its declared content, or any text that no other column's content claims. */
interface ColumnShape {
  /** The declared content of the column (`^\d{9}$`), or null for free text. */
  content: RegExp | null;
  /** Row-type labels (合计, 小计) that may stand in this column whatever its content. */
  labels: RegExp[];
}

/** The outcome of aligning one row with its table's header. */
export type Alignment =
  | {
      /** The row fits its columns as written (or nothing fits better): read as it is. */
      kind: 'as-written';
      /** The row, unchanged. */
      row: GridRow;
    }
  | {
      /** The row was rebuilt by content: one cell per header column. */
      kind: 'aligned';
      /** The rebuilt row. */
      row: GridRow;
      /** True when some cell moved to another column. */
      shifted: boolean;
      /** How many cells were split in two. */
      splits: number;
    }
  | {
      /** The row cannot be aligned: it is left out with an error. */
      kind: 'unaligned';
      /** Two placements tie, or none fits a row wider than the header. */
      reason: 'ambiguous' | 'no-fit';
    };

/** A cell text placed in a column by an alignment. */
interface Placed {
  col: number;
  text: string;
  from: Cell;
  split: boolean;
  /** Position in the row as written, a split cell's second part counted as its own position. */
  at: number;
}

/** Alignments tried per row at most; a row beyond it is left as written (a pathological row, not a table row). */
const SEARCH_BUDGET = 20000;

/**
 * Align a data row with the header by content. A row whose cells all fit their columns, amount
 * included, is kept as written. Otherwise its non-empty cells are placed, in order, in columns whose
 * declared content they match (9-digit codes, amounts, 是/否, 合计/小计 labels), a cell holding two
 * fields (`1 601001`, `项目名称 1239`) possibly split in two; the placement that moves the fewest
 * runs of cells and splits the fewest cells wins. Two different placements that tie, or none at all
 * in a row wider than the header, leave the row unaligned.
 */
export function alignRow(row: GridRow, columns: ColumnMap, spec: TableAnnex): Alignment {
  const shapes = columnShapes(columns, spec);
  const amountCol = columns.roles.get('amount');
  const fits = (col: number, text: string): boolean => fitsColumn(shapes, col, text);
  const claimed = (text: string): boolean => shapes.some((s) => s.content?.test(text.trim()));
  const withinWidth = row.cells.every((c, i) => c.text === '' || i < columns.width);
  // Unreadable text in a column of declared content (an amount `12,39O000.00`) is the field's problem, not the row's.
  const misplaced = row.cells.some(
    (c, i) => c.text !== '' && !fits(i, c.text) && (claimed(c.text) || !shapes[i]?.content),
  );
  const hasAmount = amountCol === undefined || (row.cells[amountCol]?.text ?? '') !== '';
  if (withinWidth && !misplaced && hasAmount) return { kind: 'as-written', row };
  const asWritten = withinWidth;
  const tokens = row.cells.map((cell) => ({ cell, options: cellOptions(cell, shapes) }));
  let best = Number.POSITIVE_INFINITY;
  let winners: Placed[][] = [];
  let budget = SEARCH_BUDGET;
  const placed: Placed[] = [];
  const visit = (i: number, e: number, nextCol: number, offset: number | null, cost: number): void => {
    if (cost > best || --budget < 0) return;
    if (i === tokens.length) {
      const total = cost + (amountCol !== undefined && !placed.some((p) => p.col === amountCol) ? 2 : 0);
      if (total < best) [best, winners] = [total, [[...placed]]];
      else if (total === best) winners.push([...placed]);
      return;
    }
    const { cell, options } = tokens[i] as (typeof tokens)[number];
    if (cell.text === '') return visit(i + 1, e + 1, nextCol, offset, cost);
    for (const parts of options) {
      const place = (k: number, e2: number, col0: number, off: number | null, c: number): void => {
        if (k === parts.length) return visit(i + 1, e2, col0, off, c + parts.length - 1);
        for (let col = col0; col < columns.width; col++) {
          const text = parts[k] as string;
          if (!fits(col, text)) continue;
          const o = col - e2;
          // A cell kept whole in a free-text column while it splits into a field a column declares
          // (`珠海市小计 440400000`) hides that field: it costs what a split does.
          const hidden = parts.length === 1 && options.length > 1 && !shapes[col]?.content ? 1 : 0;
          placed.push({ col, text, from: cell, split: parts.length > 1, at: e2 });
          place(k + 1, e2 + 1, col + 1, o, c + hidden + (o === (off ?? 0) ? 0 : 1));
          placed.pop();
        }
      };
      place(0, e, nextCol, offset, cost);
    }
  };
  visit(0, 0, 0, null, 0);
  if (budget < 0) return asWritten ? { kind: 'as-written', row } : { kind: 'unaligned', reason: 'no-fit' };
  const distinct = new Map(winners.map((w) => [w.map((p) => `${p.col}:${p.text}`).join('|'), w]));
  // No placement fits: a row as wide as the header is read as written (each odd field is reported where it is read).
  if (distinct.size === 0) return asWritten ? { kind: 'as-written', row } : { kind: 'unaligned', reason: 'no-fit' };
  const identity = [...distinct.values()].find((w) => w.every((p) => !p.split && row.cells[p.col] === p.from));
  if (identity) return { kind: 'as-written', row };
  if (distinct.size > 1) return { kind: 'unaligned', reason: 'ambiguous' };
  const winner = [...distinct.values()][0] as Placed[];
  return {
    kind: 'aligned',
    row: rebuild(row, winner, columns.width),
    shifted: winner.some((p) => p.col !== p.at),
    splits: new Set(winner.filter((p) => p.split).map((p) => p.from)).size,
  };
}

/** A row rebuilt from a placement: each column its placed text, the others empty. */
function rebuild(row: GridRow, placed: readonly Placed[], width: number): GridRow {
  const cells: Cell[] = [];
  for (let col = 0; col < width; col++) {
    const p = placed.find((x) => x.col === col);
    if (p) cells.push({ ...p.from, text: p.text, raw: p.split ? p.text : p.from.raw });
    // A position covered by a rowspan keeps its spanning cell's value.
    else
      cells.push(row.cells[col]?.spanned ? (row.cells[col] as Cell) : { text: '', raw: '', line: row.line, column: 0 });
  }
  return { ...row, cells };
}

/** How many separators of a cell are tried as the place two merged fields meet (its last one too). */
const MAX_SPLIT_POINTS = 8;

/**
 * A cell as one token, or split in two at a space or slash where one side is content a column
 * declares: at each of its first few separators and at its last (`441521000 海丰县 W 无` splits after
 * the name, where the 三保目录 begins).
 */
function cellOptions(cell: Cell, shapes: readonly ColumnShape[]): string[][] {
  const options: string[][] = [[cell.text]];
  const text = cell.text.trim();
  const claimed = (t: string): boolean => shapes.some((s) => s.content?.test(t));
  const points: number[] = [];
  for (let k = 1; k < text.length && points.length < MAX_SPLIT_POINTS; k++) {
    if (/[\s/／]/u.test(text[k] ?? '') && !/[\s/／]/u.test(text[k - 1] ?? '')) points.push(k);
  }
  // A slash a converter wrote between two merged fields (`1/601001`) counts as a space.
  const last = text.search(/[\s/／][^\s/／]*$/u);
  for (const at of new Set([...points, last])) {
    if (at <= 0) continue;
    const left = text.slice(0, at).trim();
    const right = text
      .slice(at)
      .replace(/^[\s/／]+/u, '')
      .trim();
    if (left && right && (claimed(left) || claimed(right))) options.push([left, right]);
  }
  return options;
}

/** True when a text may stand in a column: its declared content, a row-type label, or free text no column claims. */
function fitsColumn(shapes: readonly ColumnShape[], col: number, text: string): boolean {
  const shape = shapes[col];
  const compact = text.replace(/\s+/g, '');
  if (shape?.labels.some((l) => l.test(compact))) return true;
  if (shape?.content) return shape.content.test(text.trim());
  return !shapes.some((s) => s.content?.test(text.trim()));
}

const shapeCache = new WeakMap<ColumnMap, ColumnShape[]>();

/** Shapes of a table's columns by header position (unknown columns are free text). */
function columnShapes(columns: ColumnMap, spec: TableAnnex): ColumnShape[] {
  let shapes = shapeCache.get(columns);
  if (shapes) return shapes;
  shapes = Array.from({ length: columns.width }, () => ({ content: null, labels: [] }) as ColumnShape);
  for (const [role, index] of columns.roles) {
    const declared = spec.columns.find((c) => c.role === role);
    const labels = spec.rowTypes.filter((r) => r.roles.includes(role)).map((r) => r.pattern);
    if (index < shapes.length) shapes[index] = { content: declared?.content ?? null, labels };
  }
  shapeCache.set(columns, shapes);
  return shapes;
}

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

/** What the cost of a placement adds when it leaves the amount column empty: a row is there for its amount. */
const NO_AMOUNT_COST = 2;

/**
 * Align a data row with the header by content. A row whose cells all fit their columns, amount
 * included, is kept as written. Otherwise its non-empty cells are placed, in order, in columns whose
 * declared content they match (9-digit codes, amounts, 是/否, 合计/小计 labels), a cell holding two
 * fields (`1 601001`, `项目名称 1239`) possibly split in two; the placement of least cost wins. Two
 * different placements that tie, or none at all in a row wider than the header, leave the row unaligned.
 *
 * The cost of a placement counts what it takes to believe it:
 * - 1 for each change of shift: a text's shift is its column minus its position as written (a split
 *   cell's second part counted as a position of its own), compared with the shift of the text placed
 *   before it (0 before the first), so a run of cells moved together costs 1 however long it is;
 * - 1 for each cell split in two;
 * - 1 for a cell kept whole in a free-text column although it splits into a field a column declares
 *   (`珠海市小计 440400000` whole under 地区 hides its code);
 * - 2 when no text lands in the amount column.
 *
 * Worked example, Annex 2 (序号 `^\d{1,3}$` | 预算代码 `^\d{6}$` | 地区（单位） | 项目名称 | 资金额, an amount),
 * the row `1 601001 | 广州市小计 | | 1239` (OCR merged 序号 and 预算代码; it has no amount in column 4,
 * and `1 601001` reads as an amount, so the row is searched):
 * - `1 601001` whole fits the amount column only (shift 4: cost 1), and nothing is left for the cells
 *   after it: no placement.
 * - split, `1` → 序号 (position 0, shift 0) and `601001` → 预算代码 (position 1, shift 0): cost 1 (the
 *   split); `广州市小计` (position 2) → 地区（单位） (shift 0, a subtotal label), the empty cell passed
 *   over (position 3), `1239` (position 4) → 资金额 (shift 0): total 1.
 * - the same with `广州市小计` → 项目名称 (shift 1: +1) and `1239` → 资金额 (shift 0 again: +1): total 3.
 * The placement of cost 1 wins alone: the row is rebuilt as `1 | 601001 | 广州市小计 | | 1239`.
 */
export function alignRow(row: GridRow, columns: ColumnMap, spec: TableAnnex): Alignment {
  const shapes = columnShapes(columns, spec);
  const amountColumn = columns.roles.get('amount');
  const withinWidth = row.cells.every((c, i) => c.text === '' || i < columns.width);
  if (withinWidth && fitsAsWritten(row, shapes, amountColumn)) return { kind: 'as-written', row };
  const search = new PlacementSearch(row, shapes, columns.width, amountColumn);
  const found = search.run();
  // A row beyond the budget, or one no placement fits, is read as written when it is as wide as the header (each odd
  // field is reported where it is read), else left out.
  if (found === null || found.size === 0)
    return withinWidth ? { kind: 'as-written', row } : { kind: 'unaligned', reason: 'no-fit' };
  return chooseAlignment(row, [...found.values()], columns.width);
}

/**
 * True when a row may be read as written: every filled cell fits its column (unreadable text in a column of declared
 * content, an amount `12,39O000.00`, is the field's problem, not the row's) and the amount column, if any, is filled.
 */
function fitsAsWritten(row: GridRow, shapes: readonly ColumnShape[], amountColumn: number | undefined): boolean {
  const claimed = (text: string): boolean => shapes.some((s) => s.content?.test(text.trim()));
  const misplaced = row.cells.some(
    (c, i) => c.text !== '' && !fitsColumn(shapes, i, c.text) && (claimed(c.text) || !shapes[i]?.content),
  );
  const hasAmount = amountColumn === undefined || (row.cells[amountColumn]?.text ?? '') !== '';
  return !misplaced && hasAmount;
}

/** The alignment of a row from the distinct placements of least cost. */
function chooseAlignment(row: GridRow, winners: readonly Placed[][], width: number): Alignment {
  const identity = winners.find((w) => w.every((p) => !p.split && row.cells[p.col] === p.from));
  if (identity) return { kind: 'as-written', row };
  if (winners.length > 1) return { kind: 'unaligned', reason: 'ambiguous' };
  const winner = winners[0] as Placed[];
  return {
    kind: 'aligned',
    row: rebuild(row, winner, width),
    shifted: winner.some((p) => p.col !== p.at),
    splits: new Set(winner.filter((p) => p.split).map((p) => p.from)).size,
  };
}

/** A cell of the row and the ways it may be placed: whole, or split in two at one of its separators. */
interface Token {
  /** The cell as written. */
  cell: Cell;
  /** Its texts per way of reading it: `[whole]` first, then `[left, right]` per split point. */
  options: string[][];
}

/** Where the search stands before placing the next text. */
interface SearchState {
  /** Index of the row's cell being placed. */
  cell: number;
  /** Position as written of the next text: its cell's index, plus one per split before it. */
  written: number;
  /** Lowest column the next text may take: texts keep the row's order. */
  fromColumn: number;
  /** Shift (column − position as written) of the last text placed; null before the first. */
  shift: number | null;
  /** Cost of the placement so far (see alignRow). */
  cost: number;
}

/**
 * Depth-first search over the placements of a row's texts, cut where the cost passes the best found; collects every
 * placement of least cost. At most SEARCH_BUDGET states are expanded.
 */
class PlacementSearch {
  private readonly tokens: Token[];
  private best = Number.POSITIVE_INFINITY;
  private winners: Placed[][] = [];
  private budget = SEARCH_BUDGET;
  /** The texts placed on the way to the current state, in row order. */
  private readonly placed: Placed[] = [];

  constructor(
    row: GridRow,
    private readonly shapes: readonly ColumnShape[],
    private readonly width: number,
    private readonly amountColumn: number | undefined,
  ) {
    this.tokens = row.cells.map((cell) => ({ cell, options: cellOptions(cell, shapes) }));
  }

  /** The distinct placements of least cost by their texts and columns (first found first); null past the budget. */
  run(): Map<string, Placed[]> | null {
    this.visit({ cell: 0, written: 0, fromColumn: 0, shift: null, cost: 0 });
    if (this.budget < 0) return null;
    return new Map(this.winners.map((w) => [w.map((p) => `${p.col}:${p.text}`).join('|'), w]));
  }

  /** Place the cell the state points at, each way it may be read, or close the placement after the last cell. */
  private visit(state: SearchState): void {
    if (state.cost > this.best || --this.budget < 0) return;
    if (state.cell === this.tokens.length) return this.close(state.cost);
    const token = this.tokens[state.cell] as Token;
    if (token.cell.text === '') return this.visit({ ...state, cell: state.cell + 1, written: state.written + 1 });
    for (const parts of token.options) this.placeParts(token, parts, 0, state);
  }

  /** Place `parts[part]` and the parts after it in every column they fit, then go on with the next cell. */
  private placeParts(token: Token, parts: readonly string[], part: number, state: SearchState): void {
    if (part === parts.length) {
      // A split costs 1: a whole cell has one part.
      return this.visit({ ...state, cell: state.cell + 1, cost: state.cost + parts.length - 1 });
    }
    const text = parts[part] as string;
    for (let col = state.fromColumn; col < this.width; col++) {
      if (!fitsColumn(this.shapes, col, text)) continue;
      const shift = col - state.written;
      const cost = state.cost + this.hiddenFieldCost(token, parts, col) + (shift === (state.shift ?? 0) ? 0 : 1);
      this.placed.push({ col, text, from: token.cell, split: parts.length > 1, at: state.written });
      this.placeParts(token, parts, part + 1, {
        cell: state.cell,
        written: state.written + 1,
        fromColumn: col + 1,
        shift,
        cost,
      });
      this.placed.pop();
    }
  }

  /**
   * 1 for a cell kept whole in a free-text column while it splits into a field a column declares (`珠海市小计 440400000`):
   * the whole cell hides that field, which costs what a split does.
   */
  private hiddenFieldCost(token: Token, parts: readonly string[], col: number): number {
    return parts.length === 1 && token.options.length > 1 && !this.shapes[col]?.content ? 1 : 0;
  }

  /** A complete placement: kept when its cost, the amount column's penalty added, is the least so far. */
  private close(cost: number): void {
    const amountMissing = this.amountColumn !== undefined && !this.placed.some((p) => p.col === this.amountColumn);
    const total = cost + (amountMissing ? NO_AMOUNT_COST : 0);
    if (total < this.best) [this.best, this.winners] = [total, [[...this.placed]]];
    else if (total === this.best) this.winners.push([...this.placed]);
  }
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

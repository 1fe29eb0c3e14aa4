import type { Cell, GridRow } from '../grid/grid.js';
import { isLevelWord, labelKey, levelRank, truncatedLevelWords, type LevelVocabulary } from './levels.js';
import type { HeaderColumn } from './tableParts.js';
import { isComparatorWord } from './value.js';

/** A cell read as a level label cut short by OCR (`社会效益`). */
export interface TruncatedLabel {
  /** The cell. */
  cell: Cell;
  /** The level labels it starts; more than one means it cannot say which. */
  words: string[];
  /** True when it counts as its label: it names one label, and no full label of that level is in the row. */
  counted: boolean;
}

/** One indicator row read by vocabulary, whatever column OCR put each cell in. */
export interface IndicatorCells {
  /** Level labels of the row in row order, truncated ones expanded where they count. */
  levelWords: string[];
  /** Every label cell of the row as written (block labels such as 绩效指标 excluded). */
  labelsRaw: string[];
  /** Cells read as truncated labels. */
  truncated: TruncatedLabel[];
  /** The first cell that is not a label: the indicator's name. */
  name: Cell | undefined;
  /** The next such cell: its value. */
  value: Cell | undefined;
  /** Further non-label cells, which a well-formed row does not have. */
  extra: Cell[];
  /** Cells under a header word the family does not name (备注), with that word; not read. */
  ignored: { cell: Cell; header: string }[];
  /**
   * The cells `value` was joined from when the table writes comparator and unit in columns of their own
   * (指标性质 | 指标值 | 度量单位: `≥`, `35`, `公里` → `≥35公里`); absent when the value is one cell.
   */
  valueApart?: { value: string; comparator?: string; unit?: string };
}

/**
 * The header column of each content cell, when the header has a column the family does not name or one of comparator
 * or unit, and a name column: by order when the row has a cell for each content column (whatever column OCR put them
 * in), else by position when every cell stands under a column of a one-row header (a row that leaves 度量单位 empty).
 * Undefined otherwise: the cells are read in order as name and value.
 */
function columnsOf(
  row: GridRow,
  content: readonly Cell[],
  columns: readonly HeaderColumn[],
): readonly HeaderColumn[] | undefined {
  const apart = columns.some((c) => c.role === 'comparator' || c.role === 'unit');
  if (!(apart || columns.some((c) => c.role === null)) || !columns.some((c) => c.role === 'name')) return undefined;
  if (content.length === columns.length) return columns;
  if (!apart) return undefined;
  const placed = content.map((cell) => columns.find((c) => c.at !== undefined && c.at === row.cells.indexOf(cell)));
  return placed.every((c) => c !== undefined) ? (placed as HeaderColumn[]) : undefined;
}

/** The comparator and unit cells of an indicator row whose table gives them columns of their own. */
type ValueApart = { comparator?: Cell; unit?: Cell };

/**
 * The value as one text, as a table that writes it in one cell would: the comparator before the figure when it is a
 * comparator keyword (`≥`, `不低于`; not `定性`) and the value does not start with one already, the unit after it when
 * the value does not end with it. Undefined when the row has no value cell and nothing to join.
 */
function joinedValue(value: Cell | undefined, apart: ValueApart): Cell | undefined {
  const text = value?.text.trim() ?? '';
  const comparator = apart.comparator?.text.trim() ?? '';
  const unit = apart.unit?.text.trim() ?? '';
  if (text === '') return value;
  const before = isComparatorWord(comparator) && !startsWithComparator(text) ? comparator : '';
  const after = unit !== '' && !text.endsWith(unit) && /[\d０-９]$/u.test(text) ? unit : '';
  return before === '' && after === '' ? value : { ...(value as Cell), text: before + text + after };
}

/** True when a value starts with a comparator sign or keyword of its own. */
function startsWithComparator(text: string): boolean {
  for (let end = 1; end <= Math.min(5, text.length); end++) if (isComparatorWord(text.slice(0, end))) return true;
  return false;
}

/** The texts of the comparator and unit cells. */
function textsOf(apart: ValueApart): { comparator?: string; unit?: string } {
  return {
    ...(apart.comparator ? { comparator: apart.comparator.text } : {}),
    ...(apart.unit ? { unit: apart.unit.text } : {}),
  };
}

/**
 * Split a row into labels and content: drop empty and spanned cells and block labels, take level labels
 * out, and read the first remaining cell as the name and the next as the value. A leading cell that starts
 * a level label (`社会效益`, `经济`) is that label cut short when more than two cells would remain with it.
 * When the header has a column the family does not name (`columns`: its content columns in order) and
 * the row has a cell for each content column, the cells are read by column in order, whatever column OCR
 * put them in, and those under the unnamed column are set aside.
 */
export function indicatorCells(
  row: GridRow,
  vocab: LevelVocabulary,
  columns: readonly HeaderColumn[] = [],
): IndicatorCells {
  const labels: { cell: Cell; word: string }[] = [];
  const content: Cell[] = [];
  for (const cell of row.cells) {
    const key = labelKey(cell.text);
    if (key === '' || vocab.blockLabels.has(key)) continue;
    if (isLevelWord(vocab, key)) labels.push({ cell, word: key });
    else content.push(cell);
  }
  const truncated: TruncatedLabel[] = [];
  while (content.length > 2) {
    const words = truncatedLevelWords(vocab, content[0]?.text ?? '');
    if (words.length === 0) break;
    truncated.push({ cell: content.shift() as Cell, words, counted: false });
  }
  for (const t of truncated) {
    const word = t.words[0] ?? '';
    t.counted = t.words.length === 1 && !labels.some((l) => levelRank(vocab, l.word) === levelRank(vocab, word));
  }
  const inRowOrder = (a: Cell, b: Cell): number => row.cells.indexOf(a) - row.cells.indexOf(b);
  const ordered = [
    ...labels,
    ...truncated.filter((t) => t.counted).map((t) => ({ cell: t.cell, word: t.words[0] ?? '' })),
  ];
  ordered.sort((a, b) => inRowOrder(a.cell, b.cell));
  const raw = [...labels.map((l) => l.cell), ...truncated.map((t) => t.cell)].sort(inRowOrder);
  const ignored: IndicatorCells['ignored'] = [];
  const apart: ValueApart = {};
  const byColumn = columnsOf(row, content, columns);
  if (byColumn) {
    const kept = content.filter((cell, i) => {
      const column = byColumn[i];
      if (column?.role === null) ignored.push({ cell, header: column.text });
      else if (column?.role === 'comparator' || column?.role === 'unit') apart[column.role] = cell;
      return column?.role === 'name' || column?.role === 'value';
    });
    content.splice(0, content.length, ...kept);
  }
  const value = apart.comparator || apart.unit ? joinedValue(content[1], apart) : content[1];
  return {
    levelWords: ordered.map((o) => o.word),
    labelsRaw: raw.map((c) => c.text),
    truncated,
    name: content[0],
    value,
    ...(value !== content[1] ? { valueApart: { value: content[1]?.text ?? '', ...textsOf(apart) } } : {}),
    extra: content.slice(2),
    ignored,
  };
}

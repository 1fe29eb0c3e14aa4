import type { Cell, GridRow } from '../grid/grid.js';
import { isLevelWord, labelKey, levelRank, truncatedLevelWords, type LevelVocabulary } from './levels.js';
import type { HeaderColumn } from './tableParts.js';

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
  if (
    content.length === columns.length &&
    columns.some((c) => c.role === null) &&
    columns.some((c) => c.role === 'name')
  ) {
    const kept = content.filter((cell, i) => {
      const column = columns[i];
      if (column?.role === null) ignored.push({ cell, header: column.text });
      return column?.role !== null;
    });
    content.splice(0, content.length, ...kept);
  }
  return {
    levelWords: ordered.map((o) => o.word),
    labelsRaw: raw.map((c) => c.text),
    truncated,
    name: content[0],
    value: content[1],
    extra: content.slice(2),
    ignored,
  };
}

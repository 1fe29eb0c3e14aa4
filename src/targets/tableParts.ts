import type { StageContext } from '../findings/context.js';
import { reportRepeatedHeader, reportTitleRow } from '../grid/droppedRows.js';
import type { IndicatorColumnRole, TargetMetadataField, TargetsAnnex } from '../family/spec.js';
import { filledCells, rowText, type Cell, type GridRow } from '../grid/grid.js';
import { headerWord, isLevelWord, labelKey, type LevelVocabulary } from './levels.js';

/** A metadata value of a target table and where its label was. */
export interface MetadataValue {
  /** The value cell, or undefined when the label has no value beside it. */
  cell: Cell | undefined;
  /** Line of the label. */
  line: number;
  /** Row of the label within its table. */
  row: number;
  /** Unit the label states after its words (`资金需求（万元）` → 万元); absent when it states none. */
  unit?: string;
}

/** A content column of the indicator header (not a level column), in header order. */
export interface HeaderColumn {
  /** What its cells hold; null for a header word the family does not name (备注), whose cells are not read. */
  role: Exclude<IndicatorColumnRole, 'level1' | 'level2'> | null;
  /** The header cell's text. */
  text: string;
  /** Its position in the header row's cells (the grid's column), where the header is one row. */
  at?: number;
}

/** A target table split into its metadata block and its indicator rows. */
export interface TableParts {
  /** Metadata values by field; a field whose label never appears is absent. */
  metadata: Partial<Record<TargetMetadataField, MetadataValue>>;
  /** Rows that are neither metadata nor the indicator header, in source order. */
  indicatorRows: GridRow[];
  /** Rows left out with a finding: the table's title, running headers, page marks, the notice's closing block. */
  droppedRows: GridRow[];
  /** The content columns of the table's first indicator header, in order; [] when the table has no header. */
  columns: HeaderColumn[];
}

/**
 * Sort a table's rows: a row whose first filled cell is a metadata label is metadata (label, value,
 * label, value…); a row of header words is the indicator header; a row of the notice's closing block
 * (版记) ends the indicators; any other filled row is an indicator. A repeated metadata label or header
 * is reported and the first one kept.
 */
export function splitTargetTable(
  rows: readonly GridRow[],
  spec: TargetsAnnex,
  vocab: LevelVocabulary,
  ctx: StageContext,
): TableParts {
  const labelOf = metadataLabels(spec);
  const metadata: TableParts['metadata'] = {};
  const indicatorRows: GridRow[] = [];
  const droppedRows: GridRow[] = [];
  const columns: HeaderCell[] = [];
  let headerLine: number | null = null;
  let previousWasHeader = false;
  const marks = [spec.tableHeading, ...spec.pageMarks];
  // Rows above the indicator header (or, in a table that lost it, above the first row naming a level)
  // belong to the metadata block: one whose label names no field is no indicator.
  const isHeaderAt = (row: GridRow): boolean => {
    const filled = filledCells(row);
    return filled.length > 0 && labelOf(filled[0]?.text ?? '') === undefined && isHeaderRow(filled, vocab, false);
  };
  const headerAt = rows.findIndex(isHeaderAt);
  const firstHeader =
    headerAt >= 0 ? headerAt : rows.findIndex((row) => filledCells(row).some((c) => isLevelWord(vocab, c.text)));
  rows.forEach((row, index) => {
    const filled = filledCells(row);
    const first = filled[0];
    if (!first) return;
    const isMetadata = labelOf(first.text) !== undefined;
    const isHeader: boolean = !isMetadata && isHeaderRow(filled, vocab, previousWasHeader);
    if (isTitleOrPageMark(filled, marks)) {
      // The table's title as its first spanning row, a running header or a page number: no indicator.
      reportTitleRow({ annex: spec.label, line: row.line, text: rowText(row) }, ctx);
      droppedRows.push(row);
    } else if (isMetadata) {
      readMetadataRow(filled, row.row, labelOf, metadata, spec.label, ctx);
    } else if (isHeader) {
      // A header split over two rows continues on the next row; only a header after other rows repeats it.
      if (headerLine !== null && !previousWasHeader)
        reportRepeatedHeader({ annex: spec.label, line: row.line, text: rowText(row) }, ctx);
      else columns.push(...headerColumns(row, vocab, spec.label, ctx));
      headerLine ??= row.line;
    } else if (index < firstHeader) {
      ctx.report({
        code: 'targets/metadata-label-unknown',
        annex: spec.label,
        source_line: row.line,
        actual: rowText(row),
      });
      droppedRows.push(row);
    } else {
      indicatorRows.push(row);
    }
    previousWasHeader = isHeader;
  });
  return { metadata, indicatorRows, droppedRows, columns: contentColumns(columns) };
}

/**
 * A row of header words: every word (block labels aside) a header word of the family, at least two of them
 * or continuing a header above; or at least two header words, more than the cells that are none, and no
 * level label (a header with a column the family does not name, such as 备注).
 */
function isHeaderRow(filled: readonly Cell[], vocab: LevelVocabulary, previousWasHeader: boolean): boolean {
  const words = filled.filter((c) => !vocab.blockLabels.has(labelKey(c.text)));
  if (words.length === 0) return false;
  const read = words.map((c) => headerWord(vocab, c.text));
  if (read.every((r) => r !== null && r.guessedFrom === undefined)) return words.length >= 2 || previousWasHeader;
  const known = read.filter((r) => r !== null).length;
  return known >= 2 && known > words.length - known && !words.some((c) => isLevelWord(vocab, c.text));
}

/**
 * A header cell as read: its role, or 'blank' for an empty cell between words, or null for a word the family does not
 * name.
 */
type HeaderCell = { role: IndicatorColumnRole | 'blank' | null; text: string; at: number };

/**
 * The header row's cells from its first word to its last, block labels left out; a guessed or unnamed word is reported.
 */
function headerColumns(row: GridRow, vocab: LevelVocabulary, annex: string, ctx: StageContext): HeaderCell[] {
  const cells = row.cells.filter((c) => !c.spanned && !vocab.blockLabels.has(labelKey(c.text)));
  const firstWord = cells.findIndex((c) => c.text !== '');
  const lastWord = cells.length - 1 - [...cells].reverse().findIndex((c) => c.text !== '');
  return cells.slice(firstWord, lastWord + 1).map((cell): HeaderCell => {
    const at = row.cells.indexOf(cell);
    if (cell.text === '') return { role: 'blank', text: '', at };
    const word = headerWord(vocab, cell.text);
    const base = { annex, source_line: cell.line, actual: cell.text };
    if (word === null) ctx.report({ ...base, code: 'targets/header-column-unnamed' });
    else if (word.guessedFrom !== undefined)
      ctx.report({ ...base, code: 'targets/header-word-guessed', expected: word.guessedFrom });
    return { role: word?.role ?? null, text: cell.text, at };
  });
}

/**
 * The header's content columns in order: level columns left out; a blank cell after the name column
 * stands for the value column when no word names it (OCR lost 指标值), other blanks are left out.
 */
function contentColumns(cells: readonly HeaderCell[]): HeaderColumn[] {
  const hasValue = cells.some((c) => c.role === 'value');
  // Positions hold for a header of one row; one split over two rows has no single row to hold them against.
  const oneRow = new Set(cells.map((c) => c.at)).size === cells.length;
  const out: HeaderColumn[] = [];
  for (const cell of cells) {
    if (cell.role === 'level1' || cell.role === 'level2') continue;
    const at = oneRow ? { at: cell.at } : {};
    if (cell.role !== 'blank') out.push({ role: cell.role, text: cell.text, ...at });
    else if (!hasValue && out.some((c) => c.role === 'name') && !out.some((c) => c.role === 'value'))
      out.push({ role: 'value', text: '', ...at });
  }
  return out;
}

/** A metadata label as read: its field, and the unit written after its words. */
interface MetadataLabel {
  /** The field it names. */
  field: TargetMetadataField;
  /** The unit the label states (`资金需求（万元）`), when it states one. */
  unit?: string;
}

/** Reads a cell as a metadata label: one of the family's labels, or one followed by a unit (`资金需求（万元）`). */
function metadataLabels(spec: TargetsAnnex): (text: string) => MetadataLabel | undefined {
  const fields = new Map<string, TargetMetadataField>();
  for (const [field, labels] of Object.entries(spec.metadataLabels) as [TargetMetadataField, string[]][]) {
    for (const label of labels) fields.set(labelKey(label), field);
  }
  const unitPattern = spec.metadataLabelUnit === undefined ? null : spec.metadataLabelUnit;
  return (text) => {
    const key = labelKey(text);
    const field = fields.get(key);
    if (field) return { field };
    const unit = unitPattern?.exec(key);
    const base = unit ? fields.get(key.slice(0, unit.index)) : undefined;
    return base && unit?.[1] ? { field: base, unit: unit[1] } : undefined;
  };
}

/** Each label cell takes the next filled cell that is not itself a label as its value. */
function readMetadataRow(
  filled: readonly Cell[],
  row: number,
  labelOf: (text: string) => MetadataLabel | undefined,
  metadata: TableParts['metadata'],
  annex: string,
  ctx: StageContext,
): void {
  filled.forEach((cell, i) => {
    const label = labelOf(cell.text);
    if (!label) return;
    const next = filled[i + 1];
    const value = next && !labelOf(next.text) ? next : undefined;
    const seen = metadata[label.field];
    if (seen) {
      ctx.report({
        code: 'targets/metadata-repeated',
        annex,
        source_line: cell.line,
        actual: cell.text,
        expected: seen.line,
        params: { same: value?.text === seen.cell?.text ? 'the same' : 'a different' },
      });
      return;
    }
    if (label.unit !== undefined) ctx.count('metadata-label-unit');
    metadata[label.field] = {
      cell: value,
      line: cell.line,
      row,
      ...(label.unit === undefined ? {} : { unit: label.unit }),
    };
  });
}

/** A row of one text (maybe repeated across a span) that is the table's title or a page mark (`- 3 -`, `第 3 页`). */
function isTitleOrPageMark(filled: readonly Cell[], marks: readonly RegExp[]): boolean {
  const texts = new Set(filled.map((c) => c.text.replace(/\s+/g, '')));
  const only = texts.size === 1 ? (filled[0]?.text.trim() ?? '') : '';
  return only !== '' && marks.some((m) => m.test(only) || m.test(only.replace(/\s+/g, '')));
}

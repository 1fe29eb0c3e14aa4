import type { StageContext } from '../findings/context.js';
import type { TargetMetadataField, TargetsAnnex } from '../family/spec.js';
import { filledCells, rowText, type Cell, type GridRow } from '../grid/grid.js';
import { labelKey, type LevelVocabulary } from './levels.js';

/** A metadata value of a target table and where its label was. */
export interface MetadataValue {
  /** The value cell, or undefined when the label has no value beside it. */
  cell: Cell | undefined;
  /** Line of the label. */
  line: number;
  /** Row of the label within its table. */
  row: number;
}

/** A target table split into its metadata block and its indicator rows. */
export interface TableParts {
  /** Metadata values by field; a field whose label never appears is absent. */
  metadata: Partial<Record<TargetMetadataField, MetadataValue>>;
  /** Rows that are neither metadata nor the indicator header, in source order. */
  indicatorRows: GridRow[];
  /** Rows left out with a finding: the table's title, running headers, page marks. */
  droppedRows: GridRow[];
}

/**
 * Sort a table's rows: a row whose first filled cell is a metadata label is metadata (label, value,
 * label, value…); a row of header words only is the indicator header; any other filled row is an
 * indicator. A repeated metadata label or header is reported and the first one kept.
 */
export function splitTargetTable(rows: readonly GridRow[], spec: TargetsAnnex, vocab: LevelVocabulary, ctx: StageContext): TableParts {
  const fieldOf = metadataFields(spec);
  const metadata: TableParts['metadata'] = {};
  const indicatorRows: GridRow[] = [];
  const droppedRows: GridRow[] = [];
  let headerLine: number | null = null;
  let previousWasHeader = false;
  const marks = [spec.tableHeading, ...spec.pageMarks].map((p) => new RegExp(p, 'u'));
  for (const row of rows) {
    const filled = filledCells(row);
    const first = filled[0];
    if (!first) continue;
    // The block label (绩效指标) may span the header row and the indicator rows: it is not a header word, nor content.
    const words = filled.filter((c) => !vocab.blockLabels.has(labelKey(c.text)));
    const isHeader: boolean = words.length > 0 && words.every((c) => vocab.header.has(labelKey(c.text))) && (words.length >= 2 || previousWasHeader);
    if (isTitleOrPageMark(filled, marks)) {
      // The table's title as its first spanning row, a running header or a page number: no indicator.
      ctx.report({ code: 'grid/title-row-dropped', annex: spec.label, source_line: row.line, actual: rowText(row) });
      droppedRows.push(row);
    } else if (fieldOf.has(labelKey(first.text))) {
      readMetadataRow(filled, row.row, fieldOf, metadata, spec.label, ctx);
    } else if (isHeader) {
      // A header split over two rows continues on the next row; only a header after other rows repeats it.
      if (headerLine !== null && !previousWasHeader) ctx.report({ code: 'grid/repeated-header-dropped', annex: spec.label, source_line: row.line, actual: rowText(row) });
      headerLine ??= row.line;
    } else {
      indicatorRows.push(row);
    }
    previousWasHeader = isHeader && !fieldOf.has(labelKey(first.text));
  }
  return { metadata, indicatorRows, droppedRows };
}

/** Metadata label (as compared) → its field. */
function metadataFields(spec: TargetsAnnex): Map<string, TargetMetadataField> {
  const fields = new Map<string, TargetMetadataField>();
  for (const [field, labels] of Object.entries(spec.metadataLabels) as [TargetMetadataField, string[]][]) {
    for (const label of labels) fields.set(labelKey(label), field);
  }
  return fields;
}

/** Each label cell takes the next filled cell that is not itself a label as its value. */
function readMetadataRow(
  filled: readonly Cell[],
  row: number,
  fieldOf: ReadonlyMap<string, TargetMetadataField>,
  metadata: TableParts['metadata'],
  annex: string,
  ctx: StageContext,
): void {
  filled.forEach((cell, i) => {
    const field = fieldOf.get(labelKey(cell.text));
    if (!field) return;
    const next = filled[i + 1];
    const value = next && !fieldOf.has(labelKey(next.text)) ? next : undefined;
    const seen = metadata[field];
    if (seen) {
      ctx.report({ code: 'annex3/metadata-repeated', annex, source_line: cell.line, actual: cell.text, expected: seen.line, params: { same: value?.text === seen.cell?.text ? 'the same' : 'a different' } });
      return;
    }
    metadata[field] = { cell: value, line: cell.line, row };
  });
}

/** A row of one text (maybe repeated across a span) that is the table's title or a page mark (`- 3 -`, `第 3 页`). */
function isTitleOrPageMark(filled: readonly Cell[], marks: readonly RegExp[]): boolean {
  const texts = new Set(filled.map((c) => c.text.replace(/\s+/g, '')));
  const only = texts.size === 1 ? filled[0]?.text.trim() ?? '' : '';
  return only !== '' && marks.some((m) => m.test(only) || m.test(only.replace(/\s+/g, '')));
}

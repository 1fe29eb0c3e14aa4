import type { IndicatorRow } from '../../schemas/indicators.js';
import type { StageContext } from '../findings/context.js';
import { rowText, type GridRow } from '../grid/grid.js';
import { normalizeText, type RuleCounts, type RuleName } from '../normalize/rules.js';
import { indicatorCells, type IndicatorCells } from './indicatorCells.js';
import type { HeaderColumn } from './tableParts.js';
import { labelKey, resolveLevels, type LevelVocabulary, type Levels, type ResolvedLevels } from './levels.js';
import { targetValueReader, type ParsedValue } from './value.js';
import { unitKind } from './valueUnits.js';

/** A flag of an indicator record. */
type Flag = IndicatorRow['flags'][number];

/** Where the indicators of one table go in findings. */
interface TableContext {
  /** Annex label for findings (`annex3`). */
  annex: string;
  /** The table's recipient code, or ''. */
  recipientCode: string;
  /** How the table was joined to its recipient. */
  recipientMatch: IndicatorRow['recipient_match'];
}

/**
 * One record per indicator row of a table: name and value read by vocabulary (see `indicatorCells`),
 * levels carried down from the rows above, the value parsed. What is irregular is flagged on the
 * record and reported.
 */
export function extractIndicators(
  rows: readonly GridRow[],
  vocab: LevelVocabulary,
  where: TableContext,
  ctx: StageContext,
  columns: readonly HeaderColumn[] = [],
): IndicatorRow[] {
  const records: IndicatorRow[] = [];
  const ruleCounts: RuleCounts = {};
  const targetValueOf = targetValueReader(vocab.valueUnits);
  let carried: Levels = { level1: '', level2: '' };
  // Line of the conflicting row whose kept levels the rows below inherit, until a row names its own.
  let conflictAbove: number | null = null;
  for (const row of rows) {
    const cells = indicatorCells(row, vocab, columns);
    reportTruncated(cells, where, ctx);
    for (const { cell, header } of cells.ignored) {
      ctx.report({
        code: 'targets/unnamed-column-cell',
        annex: where.annex,
        recipient_code: where.recipientCode,
        source_line: cell.line,
        actual: cell.text,
        expected: header,
      });
    }
    const resolved = resolveLevels(vocab, cells.levelWords, carried);
    const inherited: number | null = cells.levelWords.length === 0 ? conflictAbove : null;
    carried = resolved.levels;
    conflictAbove = resolved.conflict ? row.line : inherited;
    const flags = rowFlags(row, cells, resolved, inherited, where, ctx);
    if (!cells.name) continue; // a row of labels only: its levels carry down
    reportSeveral(cells, targetValueOf, where, ctx);
    // 指标性质 | 指标值 | 度量单位 read as one value (`≥35公里`); value_raw holds the joined text.
    if (cells.valueApart) ctx.count('value-columns-joined');
    const value = targetValueOf(cells.value?.text ?? '');
    if (unitKind(value.unit, vocab.valueUnits) === null) {
      const at = {
        annex: where.annex,
        recipient_code: where.recipientCode,
        source_line: cells.value?.line ?? row.line,
      };
      ctx.report({ ...at, code: 'targets/value-unit-unlisted', actual: value.unit, expected: cells.value?.text ?? '' });
    }
    records.push({
      annex: where.annex,
      recipient_code: where.recipientCode,
      seq: records.length + 1,
      level1: resolved.levels.level1 as IndicatorRow['level1'],
      level2: resolved.levels.level2 as IndicatorRow['level2'],
      name_raw: cells.name.text,
      name: normalizeText(cells.name.text, undefined, ruleCounts),
      indicator_id: '',
      value_raw: cells.value?.text ?? '',
      value_comparator: value.comparator,
      value_number: value.number,
      value_number_max: value.numberMax,
      value_unit: value.unit,
      flags,
      source_line: row.line,
      source_row: row.row,
      level_labels_raw: cells.labelsRaw,
      // Filled by the indicator stage (src/indicators/assign.ts) from the family's registry.
      indicator_match: 'none',
      indicator_score: 0,
      recipient_match: where.recipientMatch,
    });
  }
  for (const [rule, count] of Object.entries(ruleCounts) as [RuleName, number][]) ctx.count(rule, count);
  return records;
}

/** Flags of one row, each reported as a finding; a row of labels only can still have a level conflict. */
function rowFlags(
  row: GridRow,
  cells: IndicatorCells,
  resolved: ResolvedLevels,
  inherited: number | null,
  where: TableContext,
  ctx: StageContext,
): Flag[] {
  const flags: Flag[] = [];
  const name = cells.name?.text ?? '';
  const levels = levelsText(resolved.levels);
  const base = { annex: where.annex, recipient_code: where.recipientCode, source_line: row.line };
  if (resolved.conflict) {
    flags.push('level_conflict');
    ctx.report({ ...base, code: 'targets/level-conflict', actual: cells.labelsRaw.join(' | '), expected: levels });
  }
  if (!cells.name) return flags;
  if (inherited !== null) {
    flags.push('level_after_conflict');
    ctx.report({
      ...base,
      code: 'targets/level-after-conflict',
      actual: name,
      expected: levels,
      params: { other: inherited },
    });
  }
  if (resolved.levels.level1 === '') {
    flags.push('level_missing');
    ctx.report({ ...base, code: 'targets/level-missing', actual: name });
  }
  if (!cells.value) {
    flags.push('missing_value');
    ctx.report({ ...base, code: 'targets/value-missing', actual: name });
  } else if (labelKey(cells.value.text) === labelKey(name)) {
    flags.push('value_equals_name');
    ctx.report({ ...base, code: 'targets/value-equals-name', actual: name });
  }
  if (cells.extra.length > 0) {
    flags.push('extra_cells');
    ctx.report({
      ...base,
      code: 'targets/indicator-extra-cells',
      actual: rowText(row),
      expected: `${name} | ${cells.value?.text ?? ''}`,
    });
  }
  return flags;
}

/** Every cell read as a cut-short level label is an info finding; one that names no single label, a warning. */
function reportTruncated(cells: IndicatorCells, where: TableContext, ctx: StageContext): void {
  for (const t of cells.truncated) {
    ctx.report({
      code: t.counted ? 'targets/level-label-truncated' : 'targets/level-label-fragment-ignored',
      annex: where.annex,
      recipient_code: where.recipientCode,
      source_line: t.cell.line,
      actual: t.cell.text,
      expected: t.words.join(' or '),
    });
  }
}

/** Levels as a finding quotes them: `产出指标/时效指标`. */
function levelsText(levels: Levels): string {
  return levels.level2 ? `${levels.level1}/${levels.level2}` : levels.level1;
}

/** A value line that states a figure (不少于5家, ≥90%), not a text target (逐步提升). */
function statesFigure(text: string, targetValueOf: (raw: string) => ParsedValue): boolean {
  const comparator = targetValueOf(text).comparator;
  return comparator !== '' && comparator !== 'text';
}

/**
 * A converter may write two indicators in one row, their names and their values each a cell of two
 * lines (`名1<br>名2` | `值1<br>值2`), or two figures in one value cell. The row is read as one
 * indicator, its value's first figure parsed; both are reported, never read in silence.
 */
function reportSeveral(
  cells: IndicatorCells,
  targetValueOf: (raw: string) => ParsedValue,
  where: TableContext,
  ctx: StageContext,
): void {
  const names = cells.name?.text.split('\n') ?? [];
  const values = cells.value?.text.split('\n') ?? [];
  const base = {
    annex: where.annex,
    recipient_code: where.recipientCode,
    source_line: cells.value?.line ?? cells.name?.line ?? null,
  };
  if (names.length >= 2 && values.length === names.length) {
    ctx.report({
      ...base,
      code: 'targets/cell-lines-paired',
      actual: `${names.join(' / ')} = ${values.join(' / ')}`,
      params: { lines: names.length },
    });
  } else if (values.length >= 2 && values.filter((v) => statesFigure(v, targetValueOf)).length >= 2) {
    ctx.report({ ...base, code: 'targets/value-several', actual: values.join(' / ') });
  }
}

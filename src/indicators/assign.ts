/**
 * The indicator stage after Annex 3 extraction: each indicator row gets the id of the standard
 * indicator its name spells, how it matched and the score. A fuzzy match is an info finding and a
 * review row; a row that names no standard indicator is a local indicator, counted, not reported.
 */
import type { IndicatorRow } from '../../schemas/indicators.js';
import { decisionKey } from '../family/decisions.js';
import type { StageContext } from '../findings/context.js';
import { matchIndicator, type IndicatorMatch } from './match.js';
import type { Indicator } from '../family/registries.js';

/** An indicator row matched by similarity, awaiting a reviewer. */
export interface PendingIndicator {
  /** The record as written to indicators. */
  record: IndicatorRow;
  /** The match with its candidates. */
  match: IndicatorMatch;
}

/** Indicator rows with their ids, and those awaiting review. */
export interface AssignedIndicators {
  /** Every row, in source order, `indicator_id`, `indicator_match` and `indicator_score` filled. */
  records: IndicatorRow[];
  /** Rows matched fuzzy, in source order. */
  pending: PendingIndicator[];
}

/** The level-1 labels a level-2 label sits under, in framework order (成本指标 sits under two). */
export type LevelParents = (level2: string) => readonly string[];

/**
 * Fill `indicator_id` of every row from the registry, reporting each fuzzy match; a name a reviewer
 * rejected (`rejected`) is `rejected`. A row that names no level of its own and spells a standard
 * indicator (exactly or by alias) whose registry entry declares another level-2 than the one carried
 * down from the rows above takes the registry's level, flagged `level_from_registry` and reported.
 */
export function assignIndicators(
  rows: readonly IndicatorRow[],
  registry: readonly Indicator[],
  ctx: StageContext,
  rejected: ReadonlyMap<string, string> = new Map(),
  parents: LevelParents = () => [],
): AssignedIndicators {
  const out: AssignedIndicators = { records: [], pending: [] };
  const names = new Map(registry.map((i) => [i.id, i.name] as const));
  const levels = new Map(registry.map((i) => [i.id, i.level2] as const));
  for (const row of rows) {
    const matched = matchIndicator(row.name, registry);
    const reason = matched.match === 'fuzzy' ? rejected.get(decisionKey('indicator', row.name)) : undefined;
    const match: IndicatorMatch =
      reason === undefined ? matched : { ...matched, indicator_id: '', match: 'rejected', score: 0 };
    let record: IndicatorRow = {
      ...row,
      indicator_id: match.indicator_id,
      indicator_match: match.match,
      indicator_score: match.score,
    };
    const declared = levels.get(match.indicator_id) ?? '';
    const sure = match.match === 'exact' || match.match === 'alias';
    // Only a level-2 carried down is corrected; a row whose source gives no level-2 at all keeps none.
    if (sure && declared && row.level_labels_raw.length === 0 && row.level2 !== '' && declared !== row.level2) {
      const above = parents(declared);
      const level1 = (above.includes(row.level1) ? row.level1 : above[0]) ?? '';
      if (level1) {
        ctx.report({
          code: 'indicators/level-from-registry',
          annex: row.annex,
          recipient_code: row.recipient_code,
          source_line: row.source_line,
          actual: row.name,
          expected: `${level1}/${declared}`,
          params: { carried: [row.level1, row.level2].filter(Boolean).join('/') || 'no level' },
        });
        const flags = [...row.flags.filter((f) => f !== 'level_missing'), 'level_from_registry' as const];
        record = { ...record, level1: level1 as IndicatorRow['level1'], level2: declared, flags };
      }
    }
    out.records.push(record);
    if (reason !== undefined) {
      ctx.report({
        code: 'indicators/rejected',
        annex: row.annex,
        recipient_code: row.recipient_code,
        source_line: row.source_line,
        actual: row.name,
        expected: reason,
      });
      continue;
    }
    if (match.match !== 'fuzzy') continue;
    out.pending.push({ record, match });
    ctx.report({
      code: 'indicators/fuzzy',
      annex: row.annex,
      recipient_code: row.recipient_code,
      source_line: row.source_line,
      actual: row.name,
      expected: `${match.indicator_id} "${names.get(match.indicator_id) ?? ''}"`,
      params: { score: match.score.toFixed(3) },
    });
  }
  return out;
}

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

/** Fill `indicator_id` of every row from the registry, reporting each fuzzy match; a name a reviewer rejected (`rejected`) is `rejected`. */
export function assignIndicators(rows: readonly IndicatorRow[], registry: readonly Indicator[], ctx: StageContext, rejected: ReadonlyMap<string, string> = new Map()): AssignedIndicators {
  const out: AssignedIndicators = { records: [], pending: [] };
  const names = new Map(registry.map((i) => [i.id, i.name] as const));
  for (const row of rows) {
    const matched = matchIndicator(row.name, registry);
    const reason = matched.match === 'fuzzy' ? rejected.get(decisionKey('indicator', row.name)) : undefined;
    const match: IndicatorMatch = reason === undefined ? matched : { ...matched, indicator_id: '', match: 'rejected', score: 0 };
    const record: IndicatorRow = { ...row, indicator_id: match.indicator_id, indicator_match: match.match, indicator_score: match.score };
    out.records.push(record);
    if (reason !== undefined) {
      ctx.report({ code: 'annex3/indicator-rejected', annex: row.annex, recipient_code: row.recipient_code, source_line: row.source_line, actual: row.name, expected: reason });
      continue;
    }
    if (match.match !== 'fuzzy') continue;
    out.pending.push({ record, match });
    ctx.report({
      code: 'annex3/indicator-fuzzy',
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

/**
 * The rows of `review.csv`: every citation matched fuzzy or not at all and every indicator matched
 * fuzzy, with the best candidates a reviewer chooses from. Policies first, then indicators, each
 * in source order, so the same notice and registries always give the same file.
 */
import type { ReviewRow } from '../../schemas/review.js';
import type { PendingCitation } from '../citations/extract.js';
import type { Indicator, Policy } from '../family/registries.js';
import { byCodeUnits } from '../normalize/order.js';
import type { PendingIndicator } from '../indicators/assign.js';

/** A candidate as both matchers return it. */
interface Candidate {
  id: string;
  score: number;
  veto: string;
}

/** The candidate columns of a row: three slots, empty where there are fewer candidates. */
function candidateColumns(candidates: readonly Candidate[], titleOf: (id: string) => string) {
  const slot = (n: 0 | 1 | 2) => {
    const c = candidates[n];
    return { id: c?.id ?? '', title: c ? titleOf(c.id) : '', score: c?.score ?? null, veto: c?.veto ?? '' };
  };
  const [a, b, c] = [slot(0), slot(1), slot(2)];
  return {
    candidate_1_id: a.id,
    candidate_1_title: a.title,
    candidate_1_score: a.score,
    candidate_1_veto: a.veto,
    candidate_2_id: b.id,
    candidate_2_title: b.title,
    candidate_2_score: b.score,
    candidate_2_veto: b.veto,
    candidate_3_id: c.id,
    candidate_3_title: c.title,
    candidate_3_score: c.score,
    candidate_3_veto: c.veto,
  };
}

/** Review rows of pending citations and indicators, policies first, then by line and seq. */
export function reviewRows(
  citations: readonly PendingCitation[],
  indicators: readonly PendingIndicator[],
  registries: { policies: readonly Policy[]; indicators: readonly Indicator[] },
): ReviewRow[] {
  const policyTitles = new Map(registries.policies.map((p) => [p.id, p.title] as const));
  const indicatorNames = new Map(registries.indicators.map((i) => [i.id, i.name] as const));
  const rows: ReviewRow[] = [
    ...citations.map(({ record, match }) => ({
      kind: 'policy' as const,
      recipient_code: record.recipient_code,
      source_line: record.source_line,
      seq: record.seq,
      raw: record.title_raw,
      normalized: record.title,
      doc_number: record.doc_number,
      match: record.match,
      score: record.score,
      matched_id: record.policy_id,
      ...candidateColumns(match.candidates, (id) => policyTitles.get(id) ?? ''),
      decision: '',
      policy_or_indicator_id: '',
      reason: '',
    })),
    ...indicators.map(({ record, match }) => ({
      kind: 'indicator' as const,
      recipient_code: record.recipient_code,
      source_line: record.source_line,
      seq: record.seq,
      raw: record.name_raw,
      normalized: record.name,
      doc_number: '',
      match: record.indicator_match,
      score: record.indicator_score,
      matched_id: record.indicator_id,
      ...candidateColumns(match.candidates, (id) => indicatorNames.get(id) ?? ''),
      decision: '',
      policy_or_indicator_id: '',
      reason: '',
    })),
  ];
  return rows.sort((a, b) => byCodeUnits(b.kind, a.kind) || a.source_line - b.source_line || a.seq - b.seq);
}

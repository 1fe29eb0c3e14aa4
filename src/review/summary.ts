/**
 * What matching made of a notice, in numbers: how many citation spellings resolved to how many
 * policies, how many rows carry a standard indicator, and how many await review. Written to
 * report.json (`matching`) and printed by the CLI.
 */
import type { CitationRow } from '../../schemas/citations.js';
import type { IndicatorRow } from '../../schemas/indicators.js';
import type { MatchCounts, MatchSummary } from '../../schemas/report.js';

/** Counts per match kind, and the matching outcome of one notice (report.json `matching`), from their schema. */
export type { MatchSummary };

/** Count rows per match kind. */
function countMatches(kinds: readonly string[]): MatchCounts {
  const counts: MatchCounts = { exact: 0, alias: 0, fuzzy: 0, none: 0, rejected: 0 };
  for (const k of kinds) if (Object.hasOwn(counts, k)) counts[k as keyof MatchCounts]++;
  return counts;
}

/** Summarize the citation and indicator records of one notice. */
export function summarizeMatches(citations: readonly CitationRow[], indicators: readonly IndicatorRow[]): MatchSummary {
  const resolved = citations.filter((c) => c.policy_id !== '');
  const standard = indicators.filter((i) => i.indicator_id !== '');
  const citation_matches = countMatches(citations.map((c) => c.match));
  const indicator_matches = countMatches(indicators.map((i) => i.indicator_match));
  return {
    citations: citations.length,
    citation_spellings: new Set(citations.map((c) => c.title_raw)).size,
    resolved_spellings: new Set(resolved.map((c) => c.title_raw)).size,
    policies: new Set(resolved.map((c) => c.policy_id)).size,
    citation_matches,
    indicators: indicators.length,
    standard_indicator_rows: standard.length,
    standard_indicators: new Set(standard.map((i) => i.indicator_id)).size,
    indicator_matches,
    review_rows: citation_matches.fuzzy + citation_matches.none + indicator_matches.fuzzy,
  };
}

/** The summary as the CLI prints it under a notice's line. */
export function summaryLine(s: MatchSummary): string {
  const c = s.citation_matches;
  const i = s.indicator_matches;
  return (
    `citations ${s.citations}: ${s.resolved_spellings} of ${s.citation_spellings} spellings → ` +
    `${s.policies} policies, ${c.fuzzy + c.none} await review (${c.fuzzy} fuzzy, ${c.none} unmatched)` +
    (c.rejected > 0 ? `, ${c.rejected} rejected` : '') +
    '; ' +
    `indicators ${s.indicators}: ${s.standard_indicator_rows} rows → ${s.standard_indicators} standard indicators, ` +
    `${i.fuzzy} await review, ${i.none} local`
  );
}

/**
 * The citation stage after Annex 3 extraction: every 政策依据 cell is split into citations, each
 * read (issuer, title, document number) and matched to the family's policy registry. A record per
 * citation; what needs a person (fuzzy and unmatched citations) is also handed on for review.
 */
import type { CitationRow } from '../../schemas/citations.js';
import type { PolicyBasisCell } from '../targets/target.js';
import { decisionKey } from '../family/decisions.js';
import type { StageContext } from '../findings/context.js';
import type { RuleCounts, RuleName } from '../normalize/rules.js';
import { matchPolicy, otherOwner, type PolicyMatch } from './match.js';
import { parseCitation, type ParsedCitation } from './parse.js';
import type { Policy } from '../family/registries.js';
import { splitCitations } from './split.js';
import { CitationFindingGroups } from './findingGroups.js';
import { memoByObject, memoByText } from '../normalize/memo.js';

/** A citation matched fuzzy or not at all, awaiting a reviewer. */
export interface PendingCitation {
  /** The record as written to citations. */
  record: CitationRow;
  /** The match with its candidates. */
  match: PolicyMatch;
}

/** Citation records and those awaiting review. */
export interface CitationRecords {
  /** One per citation, cells in table order, citations in cell order. */
  records: CitationRow[];
  /** Citations matched fuzzy or none, in the same order. */
  pending: PendingCitation[];
}

/**
 * Split, read and match every 政策依据 cell; findings for what a reader should check. A spelling a
 * reviewer rejected (`rejected`, by decision key, with the reason) is `rejected` instead of fuzzy or
 * none, and is not handed on for review again.
 */
export function extractCitations(
  cells: readonly PolicyBasisCell[],
  registry: readonly Policy[],
  ctx: StageContext,
  rejected: ReadonlyMap<string, string> = new Map(),
): CitationRecords {
  const out: CitationRecords = { records: [], pending: [] };
  const byId = new Map(registry.map((p) => [p.id, p] as const));
  const ruleCounts: RuleCounts = {};
  const findings = new CitationFindingGroups();
  for (const cell of cells) {
    for (const piece of splitCell(cell.raw)) {
      const known = readCitation(piece.raw);
      for (const [rule, n] of Object.entries(known.counts) as [RuleName, number][])
        ruleCounts[rule] = (ruleCounts[rule] ?? 0) + n;
      const parsed = known.parsed;
      for (const repair of parsed.repairs) ctx.count(repair);
      const matched = matchOnce(parsed, registry);
      const reason =
        matched.match === 'fuzzy' || matched.match === 'none'
          ? rejected.get(decisionKey('policy', parsed.title))
          : undefined;
      const match: PolicyMatch =
        reason === undefined ? matched : { ...matched, policy_id: '', match: 'rejected', score: 0, conflict: '' };
      const policy = byId.get(match.policy_id);
      const record: CitationRow = {
        annex: cell.annex,
        recipient_code: cell.recipient_code,
        seq: piece.index,
        title_raw: parsed.title_raw,
        title: parsed.title,
        issuer: parsed.issuer,
        doc_number: parsed.doc_number,
        policy_id: match.policy_id,
        match: match.match,
        score: match.score,
        source_line: cell.source_line,
        source_row: cell.source_row,
        policy_title: policy?.title ?? '',
        repairs: parsed.repairs,
        recipient_match: cell.recipient_match,
      };
      out.records.push(record);
      if (match.match === 'fuzzy' || match.match === 'none') out.pending.push({ record, match });
      reportCitation(record, parsed, match, policy, registry, cell.annex, findings, reason);
    }
  }
  for (const [rule, count] of Object.entries(ruleCounts) as [RuleName, number][]) ctx.count(rule, count);
  findings.reportTo(ctx);
  return out;
}

/*
 * A notice cites a few dozen documents in ~1,000 places, and a batch repeats them: each cell is
 * split once, each spelling read once and each reading matched once per registry, for the whole
 * process. Rule counts are added again for every place a spelling stands, and findings are made per
 * place, so the report counts stay per citation. The text memos are emptied past a bound.
 */
const MEMO_LIMIT = 20_000;

/** The citations of a cell, split once per distinct cell text. */
const splitCell = memoByText(splitCitations, MEMO_LIMIT);

/** A spelling read once: the citation and the normalization rules that changed it. */
const readCitation = memoByText((raw): { parsed: ParsedCitation; counts: RuleCounts } => {
  const counts: RuleCounts = {};
  return { parsed: parseCitation(raw, counts), counts };
}, MEMO_LIMIT);

/** Each registry's matches, by reading (a reading is one object per spelling, see readCitation). */
const matchesOf = memoByObject((registry: readonly Policy[]) =>
  memoByObject((parsed: ParsedCitation) => matchPolicy(parsed, registry)),
);

/** A reading matched once per registry. */
function matchOnce(parsed: ParsedCitation, registry: readonly Policy[]): PolicyMatch {
  return matchesOf(registry)(parsed);
}

/**
 * The findings of one citation: unmatched, fuzzy, a number that disagrees, a number without serial; gathered by
 * spelling.
 */
function reportCitation(
  record: CitationRow,
  parsed: ParsedCitation,
  match: PolicyMatch,
  policy: Policy | undefined,
  registry: readonly Policy[],
  annex: string,
  groups: CitationFindingGroups,
  rejectedReason?: string,
): void {
  const base = { annex, recipient_code: record.recipient_code, source_line: record.source_line };
  if (match.match === 'rejected') {
    groups.add({ ...base, code: 'citations/rejected', actual: record.title_raw, expected: rejectedReason ?? '' });
  } else if (match.match === 'none') {
    const best = match.candidates[0];
    const nearest = best
      ? `${best.id} at ${best.score.toFixed(3)}${best.veto ? ` (vetoed: ${best.veto})` : ''}`
      : 'none';
    groups.add({ ...base, code: 'citations/unmatched', actual: record.title_raw, expected: nearest });
  } else if (match.match === 'fuzzy' && policy) {
    groups.add({
      ...base,
      code: 'citations/fuzzy',
      actual: record.title_raw,
      expected: `${policy.id} 《${policy.title}》`,
      params: { score: match.score.toFixed(3) },
    });
  }
  if (match.conflict !== '' && policy) {
    const owner = otherOwner(record.doc_number, policy, registry);
    const why =
      match.conflict === 'doc-number-differs'
        ? `${policy.id} is ${policy.doc_number}`
        : `it is the number of ${owner?.id ?? 'another policy'}`;
    groups.add({
      ...base,
      code: 'citations/doc-number-conflict',
      actual: record.doc_number,
      expected: policy.doc_number,
      params: { policy: policy.id, why },
    });
  }
  if (parsed.repairs.includes('doc-number-incomplete')) {
    groups.add({ ...base, code: 'citations/doc-number-incomplete', actual: record.title_raw });
  }
}

/**
 * `review accept`: the decisions of a review sheet become family data (`decisions.json`). Reading
 * the sheet, planning (checking every row against the registries) and writing are separate, so
 * nothing is written when any row is refused.
 */
import type { Decision } from '../family/decisions.js';
import { applyDecisions, type AppliedDecisions } from '../family/decisions.js';
import type { Family } from '../family/spec.js';
import { normalizeDocNumber, docNumberParts } from '../normalize/docNumber.js';
import { normalizeText } from '../normalize/rules.js';
import { matchKey } from '../matching/similarity.js';
import type { AliasRequest } from './addAliases.js';
import { misfiledCitations, type CitedNumber } from './docNumberGuard.js';
import { acceptIndicatorAliases } from './indicatorAliases.js';
import { acceptAliases, citationSpelling } from './policyAliases.js';
import { readCsv } from './readCsv.js';

/** Columns a review sheet must have. */
const REQUIRED = ['kind', 'raw', 'decision', 'policy_or_indicator_id'];

/** Words of each decision; an empty cell or `skip` leaves the row alone. */
const ACCEPT = /^(accept|accepted|yes|y|true|1)$/i;
const REJECT = /^(reject|rejected|no|n)$/i;
const NEW = /^(new|new-policy|new-indicator)$/i;
const LEAVE = /^(|skip)$/i;

/** A row rejected or made a new entry, with where it comes from. */
export interface SheetDecision {
  /** The decision, spelling normalized as the matcher reads it. */
  decision: Decision;
  /** Where the row is (`row 3 "…"`), for messages. */
  origin: string;
}

/** The decided rows of a sheet, and the rows that cannot be read. */
export interface Decisions {
  /** Accepted citations: spelling as written, policy id. */
  policies: AliasRequest[];
  /** Accepted indicator names: spelling as written, indicator id. */
  indicators: AliasRequest[];
  /** Rejections and new entries. */
  others: SheetDecision[];
  /** Every citation row of the sheet, decided or not: the document numbers an accepted spelling would cover. */
  cited: (CitedNumber & { spelling: string })[];
  /** Rows that cannot be read: an unknown kind or decision, an accept without an id, a reject without a reason. */
  problems: string[];
}

/** The spelling of a row as the matcher reads it: a citation's parsed title, an indicator's normalized name. */
function spellingOf(kind: 'policy' | 'indicator', raw: string): string {
  return kind === 'policy' ? citationSpelling(raw) : normalizeText(raw).trim();
}

/**
 * Read the decisions of a review sheet; `policy_or_indicator_id` left empty with accept takes the fuzzy match
 * (`matched_id`).
 */
export function readDecisions(csvText: string): Decisions {
  const { header, records } = readCsv(csvText);
  const out: Decisions = { policies: [], indicators: [], others: [], problems: [], cited: [] };
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) return { ...out, problems: [`not a review sheet: no column ${missing.join(', ')}`] };
  for (const { row, cells } of records) {
    const cell = (name: string): string => (cells[name] ?? '').trim();
    const decision = cell('decision');
    const raw = cells['raw'] ?? '';
    const origin = `row ${row} "${raw}"`;
    const kind = cell('kind');
    const doc_number = normalizeDocNumber(cell('doc_number'));
    if (kind === 'policy') out.cited.push({ spelling: spellingOf(kind, raw), doc_number, origin });
    if (LEAVE.test(decision)) continue;
    if (kind !== 'policy' && kind !== 'indicator') {
      out.problems.push(`${origin}: kind "${kind}" is neither policy nor indicator`);
      continue;
    }
    const id = cell('policy_or_indicator_id');
    if (ACCEPT.test(decision)) {
      const chosen = id || cell('matched_id');
      if (chosen === '')
        out.problems.push(`${origin}: accepted without policy_or_indicator_id, and no fuzzy match to take`);
      else (kind === 'policy' ? out.policies : out.indicators).push({ spelling: raw, id: chosen, origin });
    } else if (REJECT.test(decision)) {
      const reason = cell('reason');
      if (reason === '') out.problems.push(`${origin}: rejected without a reason (column reason)`);
      else out.others.push({ decision: { kind, spelling: spellingOf(kind, raw), decision: 'reject', reason }, origin });
    } else if (NEW.test(decision)) {
      const made = newEntry(kind, raw, id, cells);
      if (typeof made === 'string') out.problems.push(`${origin}: ${made}`);
      else out.others.push({ decision: made, origin });
    } else out.problems.push(`${origin}: decision "${decision}" is none of accept, reject, new`);
  }
  return out;
}

/** A new-policy or new-indicator decision from a row, or why the row cannot make one. */
function newEntry(
  kind: 'policy' | 'indicator',
  raw: string,
  id: string,
  cells: Record<string, string>,
): Decision | string {
  if (id === '') return `new ${kind} without an id in policy_or_indicator_id`;
  const spelling = spellingOf(kind, raw);
  if (kind === 'policy') {
    const written = normalizeDocNumber((cells['doc_number'] ?? '').trim());
    const doc_number = docNumberParts(written) ? written : '';
    return {
      kind,
      spelling,
      decision: 'new-policy',
      entry: { id, title: spelling, issuer: (cells['issuer'] ?? '').trim(), doc_number, aliases: [] },
    };
  }
  const level2 = (cells['level2'] ?? '').trim();
  if (level2 === '') return 'a new indicator needs its level2 (add a column level2)';
  // The level2 word is checked by the decisions schema when the plan is applied.
  return {
    kind,
    spelling,
    decision: 'new-indicator',
    entry: { id, name: spelling, level2: level2 as never, aliases: [] },
  };
}

/** What an accept will write: the decisions, plus what was added, skipped and refused. */
export interface AcceptPlan {
  /** Decisions to record in the family's decisions.json. */
  decisions: Decision[];
  /** Decisions made, as `id: alias`, `rejected: spelling`, `new id`. */
  added: string[];
  /** Rows already satisfied. */
  skipped: string[];
  /** Rows refused; when any, nothing may be written. */
  conflicts: string[];
}

/** A registry as committed: two-space JSON, one trailing newline. */
export function registryJson(entries: readonly unknown[]): string {
  return JSON.stringify(entries, null, 2) + '\n';
}

/** Plan the decisions of a sheet against a family (its registries with the decisions already in force). */
export function planAccept(decisions: Decisions, family: Family): AcceptPlan {
  const plan: AcceptPlan = { decisions: [], added: [], skipped: [], conflicts: [...decisions.problems] };
  const kinds = [
    {
      kind: 'policy' as const,
      requests: decisions.policies,
      update: () => acceptAliases(family.policies, decisions.policies),
    },
    {
      kind: 'indicator' as const,
      requests: decisions.indicators,
      update: () => acceptIndicatorAliases(family.indicators, decisions.indicators),
    },
  ];
  for (const k of kinds) {
    if (k.requests.length === 0) continue;
    const update = k.update();
    plan.added.push(...update.added);
    plan.skipped.push(...update.skipped);
    plan.conflicts.push(...update.conflicts);
    for (const a of update.accepted)
      plan.decisions.push({ kind: k.kind, spelling: a.spelling, decision: 'accept', id: a.id });
    if (k.kind === 'policy') plan.conflicts.push(...misfiled(update.accepted, decisions.cited, family));
  }
  for (const { decision, origin } of decisions.others) {
    plan.decisions.push(decision);
    plan.added.push(
      decision.decision === 'reject'
        ? `rejected ${decision.kind} "${decision.spelling}" (${origin})`
        : `new ${decision.kind} ${'entry' in decision ? decision.entry.id : ''}`,
    );
  }
  return plan;
}

/**
 * Accepted spellings that would file a citation of the sheet under a policy whose number it does not
 * carry: one line per such citation, naming the accepted row's policy and both numbers.
 */
function misfiled(
  accepted: readonly { id: string; spelling: string }[],
  cited: Decisions['cited'],
  family: Family,
): string[] {
  return accepted.flatMap((a) => {
    const key = matchKey(a.spelling);
    const covered = cited.filter((c) => matchKey(c.spelling) === key);
    const advice =
      `accepting "${a.spelling}" as ${a.id} would file it there ` +
      "(leave the spelling's rows undecided, or correct the id)";
    return misfiledCitations(a.id, family.policies, covered).map((line) => `${line}: ${advice}`);
  });
}

/** Record the planned decisions in the family's decisions.json (validated, written atomically). */
export function writePlan(plan: AcceptPlan, family: Family): AppliedDecisions {
  return applyDecisions(family.folder, plan.decisions);
}

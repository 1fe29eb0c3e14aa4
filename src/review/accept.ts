/**
 * `review accept`: the rows of a review sheet marked `accept` become aliases in the family's
 * registries. Reading the decisions, planning the registry changes and writing them are separate,
 * so nothing is written when any row is refused.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acceptAliases } from '../citations/aliases.js';
import type { Family } from '../family/spec.js';
import { acceptIndicatorAliases } from '../indicators/aliases.js';
import type { AliasRequest } from './addAliases.js';
import { readCsv } from './readCsv.js';

/** Columns a review sheet must have. */
const REQUIRED = ['kind', 'raw', 'decision', 'policy_or_indicator_id'];

/** Decisions that accept a row; `reject`, `skip` and an empty cell leave it alone. */
const ACCEPT = /^(accept|accepted|yes|y|true|1)$/i;
const LEAVE = /^(|reject|rejected|skip|no|n)$/i;

/** The accepted rows of a sheet, by registry, and the rows that cannot be read. */
export interface Decisions {
  /** Accepted citations: spelling as written, policy id. */
  policies: AliasRequest[];
  /** Accepted indicator names: spelling as written, indicator id. */
  indicators: AliasRequest[];
  /** Rows that cannot be read: an unknown kind or decision, an accept without an id. */
  problems: string[];
}

/** Read the decisions of a review sheet; `policy_or_indicator_id` left empty takes the fuzzy match (`matched_id`). */
export function readDecisions(csvText: string): Decisions {
  const { header, records } = readCsv(csvText);
  const out: Decisions = { policies: [], indicators: [], problems: [] };
  const missing = REQUIRED.filter((c) => !header.includes(c));
  if (missing.length > 0) return { ...out, problems: [`not a review sheet: no column ${missing.join(', ')}`] };
  for (const { row, cells } of records) {
    const decision = (cells['decision'] ?? '').trim();
    if (LEAVE.test(decision)) continue;
    const origin = `row ${row} "${cells['raw'] ?? ''}"`;
    if (!ACCEPT.test(decision)) {
      out.problems.push(`${origin}: decision "${decision}" is neither accept nor reject`);
      continue;
    }
    const id = (cells['policy_or_indicator_id'] ?? '').trim() || (cells['matched_id'] ?? '').trim();
    if (id === '') {
      out.problems.push(`${origin}: accepted without policy_or_indicator_id, and no fuzzy match to take`);
      continue;
    }
    const kind = (cells['kind'] ?? '').trim();
    const request = { spelling: cells['raw'] ?? '', id, origin };
    if (kind === 'policy') out.policies.push(request);
    else if (kind === 'indicator') out.indicators.push(request);
    else out.problems.push(`${origin}: kind "${kind}" is neither policy nor indicator`);
  }
  return out;
}

/** The registry files an accept changes: file → new content, plus what was added, skipped and refused. */
export interface AcceptPlan {
  /** New content of each changed registry file (absolute path → JSON text). */
  writes: Map<string, string>;
  /** Aliases added, as `id: alias`. */
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

/** Plan the registry changes of a family's accepted rows. */
export function planAccept(decisions: Decisions, family: Family): AcceptPlan {
  const plan: AcceptPlan = { writes: new Map(), added: [], skipped: [], conflicts: [...decisions.problems] };
  const kinds = [
    { file: family.registries.policies, requests: decisions.policies, update: () => acceptAliases(family.policies, decisions.policies) },
    { file: family.registries.indicators, requests: decisions.indicators, update: () => acceptIndicatorAliases(family.indicators, decisions.indicators) },
  ];
  for (const kind of kinds) {
    if (kind.requests.length === 0) continue;
    if (!kind.file) {
      plan.conflicts.push(`family ${family.id} declares no registry for ${kind.requests[0]?.origin ?? 'these rows'}`);
      continue;
    }
    const update = kind.update();
    plan.added.push(...update.added);
    plan.skipped.push(...update.skipped);
    plan.conflicts.push(...update.conflicts);
    if (update.added.length > 0) plan.writes.set(join(family.folder, kind.file), registryJson(update.entries));
  }
  return plan;
}

/** Write each planned file through a temporary file and a rename, so a registry is never half written. */
export function writePlan(plan: AcceptPlan): void {
  for (const [file, text] of plan.writes) {
    const temp = `${file}.tmp-${process.pid}`;
    writeFileSync(temp, text);
    renameSync(temp, file);
  }
}

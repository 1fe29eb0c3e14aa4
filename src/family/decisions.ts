/**
 * Review decisions as family data (`pipelines/<family>/decisions.json`): a spelling accepted as a
 * registry entry, rejected (with a reason), or made a new entry. They are applied to the registries
 * on every run, so a decision outlives the review sheet it came from. `review accept` (and later the
 * review server) write the file through `applyDecisions`, which validates before it writes.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { RegistryKind } from '../../schemas/review.js';
import { indicatorKey, indicatorRegistryProblems } from '../matching/indicatorKeys.js';
import { aliasKeys, policyKeys, registryProblems } from '../matching/policyKeys.js';
import { KeyClaims } from '../matching/keyOwners.js';
import { matchKey } from '../matching/similarity.js';
import { ConfigError, parseConfig, type ConfigProblem } from './configError.js';
import { readDeclaration, readRegistries } from './files.js';
import { Indicator, Policy } from './registries.js';
import { writeFileAtomically } from '../tool/writeAtomic.js';

/** Name of the decisions file in a family folder. */
export const DECISIONS_FILE = 'decisions.json';

/** Which registry a decision is about, as review.csv names it. */
export const DecisionKind = RegistryKind;

/** The spelling a decision is about, as the matcher reads it (a citation's `title`, an indicator's `name`). */
const spelling = z.string().trim().min(1);

/** One decision of a reviewer. */
export const Decision = z.discriminatedUnion('decision', [
  z.strictObject({
    /** Registry the spelling belongs to. */
    kind: DecisionKind,
    /** The spelling, normalized as the matcher reads it. */
    spelling,
    /** The spelling is another way of writing entry `id`. */
    decision: z.literal('accept'),
    /** The entry it names. */
    id: z.string().min(1),
  }),
  z.strictObject({
    /** Registry the spelling belongs to. */
    kind: DecisionKind,
    /** The spelling, normalized as the matcher reads it. */
    spelling,
    /** The spelling names no entry: its citations or indicators are `rejected`, never queued again. */
    decision: z.literal('reject'),
    /** Why, for the next reviewer. */
    reason: z.string().trim().min(1),
  }),
  z.strictObject({
    /** A new policy. */
    kind: z.literal('policy'),
    /** The spelling that led to it; an alias of the new entry when it differs from its title. */
    spelling,
    /** Add `entry` to the policy registry. */
    decision: z.literal('new-policy'),
    /** The new policy. */
    entry: Policy,
  }),
  z.strictObject({
    /** A new standard indicator. */
    kind: z.literal('indicator'),
    /** The spelling that led to it; an alias of the new entry when it differs from its name. */
    spelling,
    /** Add `entry` to the indicator registry. */
    decision: z.literal('new-indicator'),
    /** The new indicator. */
    entry: Indicator,
  }),
]);

/** One decision of a reviewer. */
export type Decision = z.infer<typeof Decision>;

/** The decisions file: every decision in force, one per spelling. */
export const DecisionsFile = z.strictObject({
  /** Format of the file. */
  schema: z.literal('decisions@1'),
  /** Decisions in the order they were first made. */
  decisions: z.array(Decision),
});

/** The registries of a family with its decisions applied. */
export interface DecidedRegistries {
  /** Policies: the registry's, with accepted aliases and new policies. */
  policies: Policy[];
  /** Indicators: the registry's, with accepted aliases and new indicators. */
  indicators: Indicator[];
  /** Rejected spellings by match key, with the reason. */
  rejected: { policies: Map<string, string>; indicators: Map<string, string> };
}

/** The key decisions are compared by: a spelling's match key within its registry. */
export function decisionKey(kind: Decision['kind'], text: string): string {
  return `${kind}:${kind === 'policy' ? matchKey(text) : indicatorKey(text).key}`;
}

/** Read a family's decisions file; none means no decisions. */
export function readDecisionsFile(folder: string): Decision[] {
  const file = join(folder, DECISIONS_FILE);
  return existsSync(file) ? parseConfig(file, DecisionsFile).decisions : [];
}

/**
 * Apply decisions to registries, in order; the result must still be a usable registry. Problems
 * name the decision (`$.decisions[3]`) in `file`.
 */
export function decideRegistries(
  registries: { policies: readonly Policy[]; indicators: readonly Indicator[] },
  decisions: readonly Decision[],
  file: string,
): { registries: DecidedRegistries; problems: ConfigProblem[] } {
  const out: DecidedRegistries = {
    policies: registries.policies.map((p) => ({ ...p, aliases: [...p.aliases] })),
    indicators: registries.indicators.map((i) => ({ ...i, aliases: [...i.aliases] })),
    rejected: { policies: new Map(), indicators: new Map() },
  };
  const problems: ConfigProblem[] = [];
  /** The first decision about each spelling: a file holds one decision per spelling. */
  const first = new Map<string, number>();
  let policies: PolicyChanges | undefined;
  decisions.forEach((d, i) => {
    const path = `$.decisions[${i}]`;
    const key = decisionKey(d.kind, d.spelling);
    const earlier = first.get(key);
    if (earlier !== undefined) {
      const same = JSON.stringify(decisions[earlier]) === JSON.stringify(d);
      const what = same ? 'repeats' : 'contradicts';
      return void problems.push({
        file,
        path,
        message: `${what} $.decisions[${earlier}] about the same ${d.kind} spelling; keep one decision per spelling`,
      });
    }
    first.set(key, i);
    if (d.decision === 'reject') {
      (d.kind === 'policy' ? out.rejected.policies : out.rejected.indicators).set(
        decisionKey(d.kind, d.spelling),
        d.reason,
      );
      return;
    }
    if (d.kind === 'policy') {
      policies ??= new PolicyChanges(out.policies);
      const message = policies.apply(d);
      for (const m of typeof message === 'string' ? [message] : message) problems.push({ file, path, message: m });
      return;
    }
    const before = indicatorRegistryProblems(out.indicators).length;
    if (d.decision === 'accept') {
      const entry = out.indicators.find((e) => e.id === d.id);
      if (!entry) return void problems.push({ file, path, message: `no ${d.kind} ${d.id}` });
      entry.aliases.push(d.spelling);
    } else if (d.decision === 'new-indicator') {
      if (out.indicators.some((x) => x.id === d.entry.id))
        return void problems.push({ file, path, message: `indicator ${d.entry.id} exists already` });
      out.indicators.push({
        ...d.entry,
        aliases: withSpelling(d.entry.aliases, d.entry.name, d.spelling, 'indicator'),
      });
    }
    const after = indicatorRegistryProblems(out.indicators);
    for (const message of after.slice(before)) problems.push({ file, path, message });
  });
  return { registries: out, problems };
}

/**
 * Accepted spellings and new policies applied to a policy registry, with the registry problems each adds. The
 * registry is re-checked whole only for a change that claims another policy's key or a taken id: any other change
 * leaves its problems as they were, so a large registry is not re-read per decision.
 */
class PolicyChanges {
  private readonly byId = new Map<string, Policy>();
  private readonly claims: KeyClaims<Policy>;

  constructor(private readonly policies: Policy[]) {
    for (const p of policies) if (!this.byId.has(p.id)) this.byId.set(p.id, p);
    this.claims = new KeyClaims(policies, policyKeys);
  }

  /** Apply one decision; the problem that refuses it, or the registry problems it adds. */
  apply(d: Extract<Decision, { decision: 'accept' | 'new-policy' }>): string | string[] {
    const entry = d.decision === 'accept' ? this.byId.get(d.id) : undefined;
    if (d.decision === 'accept' && !entry) return `no policy ${d.id}`;
    if (d.decision === 'new-policy' && this.byId.has(d.entry.id)) return `policy ${d.entry.id} exists already`;
    const added =
      d.decision === 'new-policy'
        ? { ...d.entry, aliases: withSpelling(d.entry.aliases, d.entry.title, d.spelling, 'policy') }
        : undefined;
    const id = entry?.id ?? added?.id ?? '';
    const keys = entry ? aliasKeys(entry, d.spelling) : added ? policyKeys(added) : [];
    const clash = this.claims.clashes(id, keys, added !== undefined);
    const before = clash ? registryProblems(this.policies).length : 0;
    if (entry) entry.aliases.push(d.spelling);
    if (added) {
      this.policies.push(added);
      this.byId.set(added.id, added);
    }
    this.claims.add(id, keys, added !== undefined);
    return clash ? registryProblems(this.policies).slice(before) : [];
  }
}

/** Aliases of a new entry: its own, plus the spelling that led to it when that is not its canonical form. */
function withSpelling(aliases: readonly string[], canonical: string, text: string, kind: Decision['kind']): string[] {
  const known = [canonical, ...aliases].map((s) => decisionKey(kind, s));
  return known.includes(decisionKey(kind, text)) ? [...aliases] : [...aliases, text];
}

/** What `applyDecisions` did. */
export interface AppliedDecisions {
  /** Decisions about spellings that had none. */
  added: Decision[];
  /** Decisions that replaced an earlier one about the same spelling. */
  replaced: Decision[];
  /** Decisions already in force as given. */
  unchanged: Decision[];
}

/**
 * Merge decisions into a family's decisions file and write it atomically. A later decision about a
 * spelling replaces the earlier one. Validates the decisions and the registries they produce first:
 * any problem throws a ConfigError and nothing is written.
 */
export function applyDecisions(familyFolder: string, decisions: readonly unknown[]): AppliedDecisions {
  const file = join(familyFolder, DECISIONS_FILE);
  const registries = readRegistries(familyFolder, readDeclaration(familyFolder));
  const incoming = parseConfig(file, z.array(Decision), decisions);
  const current = readDecisionsFile(familyFolder);
  const result: AppliedDecisions = { added: [], replaced: [], unchanged: [] };
  const merged = [...current];
  for (const d of incoming) {
    const key = decisionKey(d.kind, d.spelling);
    const at = merged.findIndex((m) => decisionKey(m.kind, m.spelling) === key);
    if (at < 0) {
      merged.push(d);
      result.added.push(d);
    } else if (JSON.stringify(merged[at]) === JSON.stringify(d)) result.unchanged.push(d);
    else {
      merged[at] = d;
      result.replaced.push(d);
    }
  }
  const { problems } = decideRegistries(registries, merged, file);
  if (problems.length > 0) throw new ConfigError(problems);
  if (result.added.length + result.replaced.length > 0) {
    writeFileAtomically(file, JSON.stringify({ schema: 'decisions@1', decisions: merged }, null, 2) + '\n');
  }
  return result;
}

/**
 * `notice-extract review accept <review.csv> [--family ID] [--pipelines DIR]`: the decisions of a
 * review sheet (accept, reject with a reason, new) become the family's decisions.json, applied on
 * every run. All or nothing: any refused row → exit 2, nothing written; an unreadable sheet → exit 78.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { planAccept, readDecisions, writePlan } from '../curation/accept.js';
import { decodeSheet } from '../curation/sheetText.js';
import { ConfigError } from '../family/configError.js';
import { loadFamilies, pipelinesDir } from '../family/load.js';
import type { Family } from '../family/spec.js';
import { EXIT } from './exitCodes.js';

/** Options of `review accept`, as commander parses them. */
export interface ReviewAcceptOptions {
  /** The family whose decisions change; default: the one recorded beside the sheet, or the only one. */
  family?: string;
  /** Folder of the families (default `pipelines/` of the project). */
  pipelines?: string;
}

/** The family id recorded in notice.json beside a sheet, or undefined when there is none to read. */
function recordedFamily(file: string): string | undefined {
  const notice = join(dirname(file), 'notice.json');
  if (!existsSync(notice)) return undefined;
  try {
    return (JSON.parse(readFileSync(notice, 'utf8')) as { pipeline?: { family?: string } }).pipeline?.family;
  } catch (error) {
    // A notice.json that is not JSON names no family; the caller then asks for --family.
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** The family of a review sheet: named, recorded in notice.json beside it, or the only one there is. */
function familyOf(file: string, families: readonly Family[], named: string | undefined): Family | string {
  if (named)
    return (
      families.find((f) => f.id === named) ?? `no family "${named}" (known: ${families.map((f) => f.id).join(', ')})`
    );
  const found = families.find((f) => f.id === recordedFamily(file));
  if (found) return found;
  const [only, ...others] = families;
  return only && others.length === 0 ? only : 'name the family with --family';
}

/**
 * Run `review accept`; returns the exit code. Configuration errors (a bad sheet or family file) are thrown as
 * ConfigError.
 */
export function runReviewAccept(file: string, opts: ReviewAcceptOptions): number {
  const err = (s: string): boolean => process.stderr.write(`notice-extract review accept: ${s}\n`);
  if (!existsSync(file)) {
    err(`${file}: no such file`);
    return EXIT.usage;
  }
  const dir = opts.pipelines ?? pipelinesDir();
  if (!existsSync(dir)) {
    err(`${dir}: no such folder`);
    return EXIT.usage;
  }
  const family = familyOf(file, loadFamilies(dir), opts.family);
  if (typeof family === 'string') {
    err(family);
    return EXIT.usage;
  }
  const decisions = readDecisions(decodeSheet(file, readFileSync(file)).text);
  if (decisions.problems.length > 0)
    throw new ConfigError(decisions.problems.map((p) => ({ file, path: /^row \d+/.exec(p)?.[0] ?? '$', message: p })));
  const plan = planAccept(decisions, family);
  if (plan.conflicts.length > 0) {
    for (const c of plan.conflicts) err(`refused ${c}`);
    err(`nothing written: ${plan.conflicts.length} row(s) refused; correct them in ${file} and run again`);
    return EXIT.inputFailed;
  }
  const applied = writePlan(plan, family);
  for (const line of plan.added) process.stdout.write(`decided ${line}\n`);
  for (const line of plan.skipped) process.stdout.write(`already known ${line}\n`);
  process.stderr.write(
    `${applied.added.length} decisions added, ${applied.replaced.length} replaced, ` +
      `${plan.skipped.length} already known; ${join(family.folder, 'decisions.json').slice(dir.length + 1)}\n`,
  );
  return EXIT.ok;
}

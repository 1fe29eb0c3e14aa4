/**
 * `notice-extract review accept <review.csv> [--family ID] [--pipelines DIR]`: the rows a reviewer
 * marked `accept` become aliases in the family's registries (policies.json, indicators.json), so
 * the next extraction matches those spellings as `alias`. All or nothing: any refused row → exit 2.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadFamilies, pipelinesDir } from '../family/load.js';
import type { Family } from '../family/spec.js';
import { planAccept, readDecisions, writePlan } from '../review/accept.js';
import { EXIT } from './extract.js';

/** Options of `review accept`, as commander parses them. */
export interface ReviewAcceptOptions {
  /** The family whose registries take the aliases; default: the one recorded beside the sheet, or the only one. */
  family?: string;
  /** Folder of the families (default `pipelines/` of the project). */
  pipelines?: string;
}

/** The family of a review sheet: named, recorded in notice.json beside it, or the only one there is. */
function familyOf(file: string, families: readonly Family[], named: string | undefined): Family | string {
  if (named) return families.find((f) => f.id === named) ?? `no family "${named}" (known: ${families.map((f) => f.id).join(', ')})`;
  const notice = join(dirname(file), 'notice.json');
  if (existsSync(notice)) {
    try {
      const id = (JSON.parse(readFileSync(notice, 'utf8')) as { pipeline?: { family?: string } }).pipeline?.family;
      const found = families.find((f) => f.id === id);
      if (found) return found;
    } catch {
      // An unreadable notice.json names no family; fall through to the only family, or ask.
    }
  }
  const [only, ...others] = families;
  return only && others.length === 0 ? only : 'name the family with --family';
}

/** Run `review accept`; returns the exit code. */
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
  const plan = planAccept(readDecisions(readFileSync(file, 'utf8')), family);
  if (plan.conflicts.length > 0) {
    for (const c of plan.conflicts) err(`refused ${c}`);
    err(`nothing written: ${plan.conflicts.length} row(s) refused; correct them in ${file} and run again`);
    return EXIT.inputFailed;
  }
  writePlan(plan);
  for (const line of plan.added) process.stdout.write(`added ${line}\n`);
  for (const line of plan.skipped) process.stdout.write(`already known ${line}\n`);
  const files = [...plan.writes.keys()].map((f) => f.slice(dir.length + 1)).join(', ') || 'no registry';
  process.stderr.write(`${plan.added.length} aliases added, ${plan.skipped.length} already known; changed ${files}\n`);
  return EXIT.ok;
}

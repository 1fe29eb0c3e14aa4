/**
 * The workbench's state, apart from HTTP: the served notices, their queue, and deciding one
 * spelling — check the version, record the decision in the family's decisions.json (validated,
 * atomic), re-extract the notices it touches, rebuild the queue. Decisions run one at a time.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError } from '../family/configError.js';
import { applyDecisions, decisionKey, readDecisionsFile, type Decision } from '../family/decisions.js';
import { Collector } from '../findings/context.js';
import { decodeInput } from '../read/readInput.js';
import type { Policy } from '../family/registries.js';
import { misfiledCitations, type CitedNumber } from './docNumberGuard.js';
import { readCsv } from './readCsv.js';
import {
  buildQueue,
  itemKey,
  queueCounts,
  versionOf,
  type NoticeRows,
  type QueueCounts,
  type QueueItem,
} from './queue.js';
import type { DecisionRequest } from './request.js';

/** One served notice: its output folder, family and input. */
export interface ServedNotice {
  /** Notice id. */
  id: string;
  /** Its output folder (`out/<id>/`). */
  folder: string;
  /** Family it was extracted with. */
  family: string;
  /** The input it is re-extracted from. */
  input: string;
}

/** What the workbench needs from outside. */
export interface WorkbenchOptions {
  /** The notices served. */
  notices: readonly ServedNotice[];
  /** Folder of a family (where its decisions.json is). */
  familyFolder(family: string): string;
  /** The family's policies as they are now (registry and decisions in force). */
  policies(family: string): readonly Policy[];
  /** Re-extract these notices with the family data as it now is; returns one line per notice that failed. */
  reextract(notices: readonly ServedNotice[]): Promise<string[]>;
}

/** The queue with its counts. */
export interface QueueState {
  /** Pending spellings. */
  items: QueueItem[];
  /** Counts by kind and notice. */
  counts: QueueCounts;
}

/** An answer to a decision: HTTP status and JSON body. */
export interface DecisionAnswer {
  /**
   * 200 done, 404 unknown spelling, 409 conflict, 422 refused (by the family's rules, or an accept that
   * would file a citation under another document number), 500 re-extraction failed.
   */
  status: number;
  /** `{error}` or `{decided, queue counts, pending keys}`. */
  body: Record<string, unknown>;
}

/** The served notices' queue and the decisions made on it. */
export class Workbench {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: WorkbenchOptions) {}

  /** The queue as the notices' review.csv and the families' decisions.json are now. */
  queue(): QueueState {
    const notices = this.options.notices;
    const items = buildQueue(notices.map(readRows), this.decisions());
    return {
      items,
      counts: queueCounts(
        items,
        notices.map((n) => n.id),
      ),
    };
  }

  /** Decide one spelling; waits for decisions already under way. */
  decide(request: DecisionRequest): Promise<DecisionAnswer> {
    const run = this.chain.then(() => this.decideNow(request));
    // The caller gets the failure through `run`; the chain only orders the next decision after this one.
    this.chain = run.catch(() => undefined);
    return run;
  }

  /** Resolves when no decision is under way (for a clean stop). */
  async idle(): Promise<void> {
    await this.chain;
  }

  private decisions(): Map<string, Decision[]> {
    const families = new Set(this.options.notices.map((n) => n.family));
    return new Map([...families].map((f) => [f, readDecisionsFile(this.options.familyFolder(f))] as const));
  }

  private async decideNow({ decision, version, family: named }: DecisionRequest): Promise<DecisionAnswer> {
    const families = [...new Set(this.options.notices.map((n) => n.family))];
    if (named !== undefined && !families.includes(named))
      return fail(404, `no served notice belongs to family "${named}" (served: ${families.join(', ')})`);
    const before = this.queue();
    const candidates = named ? [named] : families;
    const inForce = this.decisions();
    // The spelling must be pending, or already decided (a second tab, or a change of mind made on a current version).
    const known = candidates.filter(
      (f) =>
        before.items.some((i) => i.key === itemKey(f, decision.kind, decision.spelling)) ||
        current(inForce.get(f), decision) !== undefined,
    );
    if (known.length === 0)
      return fail(404, `no pending or decided ${decision.kind} spelling "${decision.spelling}" in the served notices`);
    if (known.length > 1)
      return fail(422, `"${decision.spelling}" is pending in families ${known.join(', ')}: name one with "family"`);
    const family = known[0] as string;
    const existing = current(inForce.get(family), decision);
    if (versionOf(existing) !== version) {
      return {
        status: 409,
        body: {
          error: `conflict: "${decision.spelling}" was decided meanwhile (${describe(existing)}); nothing was written`,
          current: existing ?? null,
          version: versionOf(existing),
        },
      };
    }
    const key = itemKey(family, decision.kind, decision.spelling);
    const notices = this.options.notices.filter((n) => n.family === family);
    // Where the spelling occurs: pending in review.csv, or (already decided) among the records.
    const pending = (n: ServedNotice) =>
      before.items.some((i) => i.key === key && i.occurrences.some((o) => o.notice === n.id));
    const citing = notices.filter((n) => pending(n) || recordsOf(n, decision).length > 0);
    if (decision.kind === 'policy' && decision.decision === 'accept') {
      const cited = citing.flatMap((n) => recordsOf(n, decision));
      const misfiled = misfiledCitations(decision.id, this.options.policies(family), cited);
      const what =
        `accepting "${decision.spelling}" as ${decision.id} ` + 'would file citations under a number they do not carry';
      if (misfiled.length > 0) return fail(422, `refused: ${what}: ${misfiled.join('; ')}`);
    }
    try {
      applyDecisions(this.options.familyFolder(family), [decision]);
    } catch (error) {
      // The family's rules refuse it (no such entry, a spelling two entries would claim): the reviewer's to fix.
      if (error instanceof ConfigError) return fail(422, `refused: ${error.problems.map((p) => p.message).join('; ')}`);
      throw error;
    }
    // A new entry (made or withdrawn) can change how every notice of the family matches; an alias or a
    // rejection only the notices citing it.
    const everyNotice = decision.decision.startsWith('new-') || (existing?.decision.startsWith('new-') ?? false);
    const touched = everyNotice ? notices : citing;
    const failures = await this.options.reextract(touched);
    const after = this.queue();
    const body = {
      decided: decision,
      version: versionOf(decision),
      reextracted: touched.map((n) => n.id),
      counts: after.counts,
      pending: after.items.map((i) => i.key),
    };
    if (failures.length > 0)
      return {
        status: 500,
        body: { ...body, error: `decision recorded, but re-extraction failed: ${failures.join('; ')}` },
      };
    return { status: 200, body };
  }
}

/** The decision in force about the same spelling, if any. */
function current(list: readonly Decision[] | undefined, d: Decision): Decision | undefined {
  const key = decisionKey(d.kind, d.spelling);
  return list?.find((x) => decisionKey(x.kind, x.spelling) === key);
}

function describe(d: Decision | undefined): string {
  if (!d) return 'its decision was withdrawn';
  if (d.decision === 'accept') return `accepted as ${d.id}`;
  if (d.decision === 'reject') return `rejected: ${d.reason}`;
  return `made new ${d.kind} ${d.entry.id}`;
}

function fail(status: number, error: string): DecisionAnswer {
  return { status, body: { error } };
}

/** The records of a notice that carry a spelling (citations by title, indicators by name), with numbers and lines. */
function recordsOf(notice: ServedNotice, d: Decision): CitedNumber[] {
  const file = join(notice.folder, d.kind === 'policy' ? 'citations.json' : 'indicators.json');
  if (!existsSync(file)) return [];
  const key = decisionKey(d.kind, d.spelling);
  type Carrier = { title?: string; name?: string; doc_number?: string; source_line: number };
  const records = (JSON.parse(readFileSync(file, 'utf8')) as { records: Carrier[] }).records;
  return records
    .filter((r) => decisionKey(d.kind, (d.kind === 'policy' ? r.title : r.name) ?? '') === key)
    .map((r) => ({ doc_number: r.doc_number ?? '', origin: `${notice.id} line ${r.source_line}` }));
}

/** A notice's review rows and input lines. */
function readRows(notice: ServedNotice): NoticeRows {
  const sheet = join(notice.folder, 'review.csv');
  const rows = existsSync(sheet) ? readCsv(readFileSync(sheet, 'utf8')).records.map((r) => r.cells) : [];
  const lines = decodeInput(notice.input, readFileSync(notice.input), new Collector()).text.split('\n');
  return { id: notice.id, family: notice.family, rows, lines };
}

/**
 * The workbench's queue: the review rows of the served notices grouped by spelling (as the matcher
 * reads it, so one decision settles every occurrence), minus the spellings already decided, each
 * with its source context, its candidates (diff against the spelling, vetoes) and a version for
 * optimistic concurrency.
 */
import { createHash } from 'node:crypto';
import { decisionKey, type Decision } from '../family/decisions.js';
import { normalizeText } from '../normalize/rules.js';
import { charDiff, type DiffPart } from './charDiff.js';
import { citationSpelling } from './policyAliases.js';

/** A review row as read from review.csv (cells by column name). */
export type ReviewCells = Record<string, string>;

/** The review rows of one served notice. */
export interface NoticeRows {
  /** Notice id (its output folder's name). */
  id: string;
  /** Family the notice was extracted with (notice.json `pipeline.family`). */
  family: string;
  /** Rows of its review.csv. */
  rows: readonly ReviewCells[];
  /** The input's lines, for source context; empty when the input is not at hand. */
  lines: readonly string[];
}

/** Where a spelling occurs, with the source line cut around it. */
export interface Occurrence {
  /** Notice id. */
  notice: string;
  /** Recipient whose target table holds it. */
  recipient_code: string;
  /** 1-based line of the input. */
  source_line: number;
  /** The text as written. */
  raw: string;
  /** The source line around the text: before it, the text itself as found ('' when not found), after it. */
  context: { before: string; text: string; after: string };
}

/** One registry entry a spelling may name. */
export interface QueueCandidate {
  /** Entry id. */
  id: string;
  /** Its canonical title or name. */
  title: string;
  /** Best similarity over the occurrences. */
  score: number;
  /** Why the matcher ruled it out ('' when it did not), over the occurrences. */
  veto: string;
  /** Spelling → title, character by character. */
  diff: DiffPart[];
}

/** One spelling awaiting a decision. */
export interface QueueItem {
  /** Stable key: family and decision key. */
  key: string;
  /** Family whose data the decision changes. */
  family: string;
  /** Registry the spelling belongs to. */
  kind: 'policy' | 'indicator';
  /** The spelling as the matcher reads it: what a decision records. */
  spelling: string;
  /** How it matched: fuzzy or none (the best over its occurrences). */
  match: string;
  /** Its best match score. */
  score: number;
  /** Document number cited with it, if any. */
  doc_number: string;
  /** Every place it occurs. */
  occurrences: Occurrence[];
  /** Candidates, best first. */
  candidates: QueueCandidate[];
  /** Version of the decision in force for it ('none' hashed): a decision must name it, or it conflicts. */
  version: string;
}

/** Pending spellings and occurrences, by kind, over all served notices and per notice. */
export interface QueueCounts {
  /** Spellings awaiting a decision, by kind. */
  spellings: { policy: number; indicator: number };
  /** Review rows (occurrences) behind them, by kind. */
  rows: { policy: number; indicator: number };
  /** Review rows per notice. */
  notices: { id: string; policy: number; indicator: number }[];
}

/** The spelling a review row's decision is recorded under (as `review accept` records it). */
export function rowSpelling(kind: 'policy' | 'indicator', raw: string): string {
  return kind === 'policy' ? citationSpelling(raw) : normalizeText(raw).trim();
}

/** Key of a spelling within the served families. */
export function itemKey(family: string, kind: 'policy' | 'indicator', spelling: string): string {
  return `${family}|${decisionKey(kind, spelling)}`;
}

/** Version of the decision in force for a spelling: a short hash of it, or of its absence. */
export function versionOf(decision: Decision | undefined): string {
  return createHash('sha256')
    .update(JSON.stringify(decision ?? null))
    .digest('hex')
    .slice(0, 16);
}

/** Characters of the source line kept on each side of the text. */
const CONTEXT_CHARS = 60;

/** The source line cut around `raw` (or its start when `raw` is not on it). */
export function sourceContext(line: string, raw: string): Occurrence['context'] {
  const at = raw === '' ? -1 : line.indexOf(raw);
  if (at < 0) return { before: clip(line, 2 * CONTEXT_CHARS, 'end'), text: '', after: '' };
  return {
    before: clip(line.slice(0, at), CONTEXT_CHARS, 'start'),
    text: raw,
    after: clip(line.slice(at + raw.length), CONTEXT_CHARS, 'end'),
  };
}

function clip(text: string, chars: number, cut: 'start' | 'end'): string {
  const cps = [...text];
  if (cps.length <= chars) return text;
  return cut === 'start' ? '…' + cps.slice(-chars).join('') : cps.slice(0, chars).join('') + '…';
}

/** Decisions in force, by item key, for each family. */
export type DecisionsByFamily = ReadonlyMap<string, readonly Decision[]>;

/**
 * The queue of the served notices, in review.csv order (policies, then indicators, by line), decided spellings left
 * out.
 */
export function buildQueue(notices: readonly NoticeRows[], decisions: DecisionsByFamily): QueueItem[] {
  const decided = new Set<string>();
  for (const [family, list] of decisions) for (const d of list) decided.add(itemKey(family, d.kind, d.spelling));
  const items = new Map<string, QueueItem>();
  for (const notice of notices) {
    for (const row of notice.rows) {
      const kind = row['kind'];
      if (kind !== 'policy' && kind !== 'indicator') continue;
      const raw = row['raw'] ?? '';
      const spelling = rowSpelling(kind, raw);
      const key = itemKey(notice.family, kind, spelling);
      if (spelling === '' || decided.has(key)) continue;
      const item = items.get(key) ?? newItem(key, notice.family, kind, spelling, row);
      items.set(key, item);
      const line = Number(row['source_line']);
      item.occurrences.push({
        notice: notice.id,
        recipient_code: row['recipient_code'] ?? '',
        source_line: line,
        raw,
        context: sourceContext(notice.lines[line - 1] ?? '', raw),
      });
      const score = Number(row['score'] ?? 0);
      if (score > item.score || (row['match'] === 'fuzzy' && item.match !== 'fuzzy'))
        Object.assign(item, { score: Math.max(score, item.score), match: row['match'] ?? item.match });
      if (item.doc_number === '') item.doc_number = row['doc_number'] ?? '';
      addCandidates(item, row);
    }
  }
  return [...items.values()];
}

function newItem(
  key: string,
  family: string,
  kind: 'policy' | 'indicator',
  spelling: string,
  row: ReviewCells,
): QueueItem {
  return {
    key,
    family,
    kind,
    spelling,
    match: row['match'] ?? '',
    score: 0,
    doc_number: '',
    occurrences: [],
    candidates: [],
    version: versionOf(undefined),
  };
}

/** Merge a row's candidates into an item's: best score, vetoes joined, ordered by score. */
function addCandidates(item: QueueItem, row: ReviewCells): void {
  for (const n of [1, 2, 3]) {
    const id = row[`candidate_${n}_id`] ?? '';
    if (id === '') continue;
    const score = Number(row[`candidate_${n}_score`] || 0);
    const veto = row[`candidate_${n}_veto`] ?? '';
    const known = item.candidates.find((c) => c.id === id);
    if (known) {
      known.score = Math.max(known.score, score);
      if (veto !== '' && !known.veto.split(', ').includes(veto))
        known.veto = known.veto ? `${known.veto}, ${veto}` : veto;
    } else {
      const title = row[`candidate_${n}_title`] ?? '';
      item.candidates.push({ id, title, score, veto, diff: charDiff(item.spelling, title) });
    }
  }
  item.candidates.sort((a, b) => b.score - a.score);
}

/** Counts of a queue: spellings and review rows by kind, rows per notice. */
export function queueCounts(queue: readonly QueueItem[], noticeIds: readonly string[]): QueueCounts {
  const counts: QueueCounts = {
    spellings: { policy: 0, indicator: 0 },
    rows: { policy: 0, indicator: 0 },
    notices: noticeIds.map((id) => ({ id, policy: 0, indicator: 0 })),
  };
  for (const item of queue) {
    counts.spellings[item.kind]++;
    counts.rows[item.kind] += item.occurrences.length;
    for (const o of item.occurrences) {
      const notice = counts.notices.find((n) => n.id === o.notice);
      if (notice) notice[item.kind]++;
    }
  }
  return counts;
}

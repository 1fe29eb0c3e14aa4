/**
 * Build or bring up to date a corpus from notice output folders: every folder found is fingerprinted
 * from its notice.json and its files' sizes and times; a notice whose fingerprint the corpus already
 * holds is neither read nor written again. The others are read one at a time (their rows never held
 * together) and replaced in the corpus; notices no longer found are removed. One document number in
 * two folders is kept once, from the first folder found (inputs in the order given, sorted under
 * each), with a finding.
 */
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import type { FindingRow } from '../../schemas/report.js';
import type { Family } from '../family/spec.js';
import type { FindingInput } from '../findings/finding.js';
import { findingOf } from '../findings/context.js';
import { corpusTables, roundedValues, type RoundedValue } from './columns.js';
import { fundReader } from './fund.js';
import {
  findNoticeFolders,
  NoticeFolderError,
  readNoticeHead,
  readNoticeRecords,
  type NoticeHead,
} from './noticeFolder.js';
import { CorpusStore } from './store.js';

/** What a build did. */
export interface BuildSummary {
  /** Notice folders found under the inputs. */
  found: number;
  /** Notices new to the corpus, read and written. */
  added: string[];
  /** Notices whose output changed, read and written again. */
  updated: string[];
  /** Notices left as they were: not read, not written. */
  unchanged: number;
  /** Notices no longer found, removed with their files. */
  removed: string[];
  /** Folders that could not be read (the corpus keeps what it had of them). */
  failed: NoticeFolderError[];
  /** Inputs that do not exist or are no folders. */
  missing: string[];
  /** The corpus's own findings of this build (duplicates, ids taken, no fund, no year), also in `findings`. */
  findings: FindingRow[];
}

/** How a build runs. */
export interface BuildOptions {
  /** The corpus folder. */
  to: string;
  /** Families, for each notice's fund name. */
  families: readonly Family[];
}

/** Notices per transaction: a commit (and its sync to disk) per notice would cost more than the notice. */
const BATCH = 25;

/** What the corpus's rows of a notice depend on besides its files: the column layout and the fund pattern. */
const LAYOUT = createHash('sha256')
  .update(JSON.stringify(corpusTables().map((t) => [t.name, t.columns.map((c) => [c.name, c.type])])))
  .digest('hex');

/** Build the corpus under `options.to` from the notice folders under `roots`. */
export async function buildCorpus(roots: readonly string[], options: BuildOptions): Promise<BuildSummary> {
  const funds = fundReader(options.families);
  const { folders, missing } = findNoticeFolders(roots);
  const summary: BuildSummary = {
    found: folders.length,
    added: [],
    updated: [],
    unchanged: 0,
    removed: [],
    failed: [],
    missing,
    findings: [],
  };
  const corpusFindings: { notice: Record<string, unknown>; finding: FindingRow }[] = [];
  const note = (notice: Record<string, unknown>, input: FindingInput): void => {
    const finding = findingOf(input);
    corpusFindings.push({ notice, finding });
    summary.findings.push(finding);
  };

  // Which folder speaks for each notice: the first found per document number and per id.
  const kept = new Map<string, { head: NoticeHead; values: Record<string, unknown> }>();
  const failedFolders = new Set<string>();
  const fail = (folder: string, error: NoticeFolderError): void => {
    summary.failed.push(error);
    failedFolders.add(resolve(folder));
  };
  const byDocNumber = new Map<string, NoticeHead>();
  for (const folder of folders) {
    let head: NoticeHead;
    try {
      head = readNoticeHead(folder);
    } catch (error) {
      if (!(error instanceof NoticeFolderError)) throw error;
      fail(folder, error);
      continue;
    }
    const { notice } = head;
    const family = notice.pipeline.family;
    if (!/^[\p{L}\p{N}_.-]{1,100}$/u.test(family) || family.startsWith('.')) {
      fail(folder, new NoticeFolderError(`${folder}/notice.json`, `pipeline.family "${family}" is no family id`));
      continue;
    }
    const fingerprint = createHash('sha256')
      .update(`${head.fingerprint}\0${LAYOUT}\0${funds.patternOf(family)}`)
      .digest('hex');
    const values = {
      ...notice,
      family,
      fund: funds.fundOf(family, notice.title),
      source_folder: resolve(folder),
      source_fingerprint: fingerprint,
    };
    const twin = notice.doc_number === '' ? undefined : byDocNumber.get(notice.doc_number);
    const holder = twin ?? kept.get(notice.notice_id)?.head;
    if (holder) {
      const keeper = kept.get(holder.notice.notice_id)?.values ?? values;
      if (twin || holder.notice.doc_number === notice.doc_number) {
        const same = holder.notice.input_sha256 === notice.input_sha256 ? 'the same input' : 'different inputs';
        note(keeper, {
          code: 'corpus/notice-duplicate',
          actual: notice.doc_number || notice.notice_id,
          params: { kept: holder.folder, other: folder, same },
        });
      } else {
        note(keeper, {
          code: 'corpus/notice-id-taken',
          actual: notice.notice_id,
          expected: notice.doc_number,
          params: { kept: holder.folder, other: folder },
        });
      }
      continue;
    }
    kept.set(notice.notice_id, { head, values });
    if (notice.doc_number !== '') byDocNumber.set(notice.doc_number, head);
    if (values.fund === '') note(values, { code: 'corpus/fund-unknown', actual: notice.title });
    if (notice.budget_year === '') note(values, { code: 'corpus/budget-year-missing' });
  }

  const store = await CorpusStore.open(options.to);
  const tables = new Map(corpusTables().map((t) => [t.name, t] as const));
  let inBatch = 0;
  try {
    const stored = await store.storedNotices();
    await store.begin();
    for (const [id, { head, values }] of kept) {
      const previous = stored.get(id);
      if (
        previous &&
        previous.source_fingerprint === values.source_fingerprint &&
        previous.source_folder === values.source_folder
      ) {
        summary.unchanged++;
        continue;
      }
      let rows: Map<string, readonly Record<string, unknown>[]>;
      let rounded: RoundedValue[] = [];
      try {
        const records = readNoticeRecords(head);
        rows = new Map(records.datasets);
        rows.set('findings', records.findings);
        for (const [name, list] of records.datasets) {
          const table = tables.get(name);
          if (table) rounded = rounded.concat(roundedValues(table, list));
        }
      } catch (error) {
        if (!(error instanceof NoticeFolderError)) throw error;
        // The corpus keeps what it had of the notice: the folder is to be mended, not forgotten.
        fail(head.folder, error);
        continue;
      }
      await store.putNotice({ values }, rows, roundedFindings(rounded), previous);
      (previous ? summary.updated : summary.added).push(id);
      if (++inBatch >= BATCH) {
        await store.commit();
        await store.begin();
        inBatch = 0;
      }
    }
    for (const [id, previous] of stored) {
      if (kept.has(id) || failedFolders.has(previous.source_folder)) continue;
      await store.removeNotice(previous);
      summary.removed.push(id);
    }
    await store.setCorpusFindings(corpusFindings);
    await store.commit();
  } catch (error) {
    await store.rollback();
    throw error;
  } finally {
    await store.close();
  }
  return summary;
}

/** The findings of values stored rounded, kept with the notice's own findings. */
function roundedFindings(rounded: readonly RoundedValue[]): FindingRow[] {
  return rounded.map((r) =>
    findingOf({
      code: 'corpus/decimal-rounded',
      annex: r.table,
      actual: r.value,
      expected: r.type,
      params: { dataset: r.table, field: r.column },
    }),
  );
}

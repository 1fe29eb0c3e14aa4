/**
 * A notice as `diff` compares it: who gets how much, each recipient's indicators and cited policies.
 * Read from a notice output folder (its JSON, checked against the schemas) or from a corpus (its
 * DuckDB tables, decimals read back as text), so both give the same snapshot of one notice.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AllocationRow } from '../../schemas/allocations.js';
import type { CitationRow } from '../../schemas/citations.js';
import type { IndicatorRow } from '../../schemas/indicators.js';
import type { TargetRow } from '../../schemas/targets.js';
import { quoteIdent } from '../corpus/columns.js';
import type { FundReader } from '../corpus/fund.js';
import type { z } from 'zod';
import type { DiffNotice } from '../../schemas/diff.js';
import { readNoticeHead, readNoticeRecords } from '../corpus/noticeFolder.js';
import { DATABASE_FILE } from '../corpus/store.js';

/** Which notice a snapshot is of: the diff's own record of it. */
export type SnapshotNotice = z.infer<typeof DiffNotice>;

/** The fields of a notice's records that `diff` compares. */
export interface NoticeSnapshot {
  notice: SnapshotNotice;
  allocations: Pick<AllocationRow, 'row_type' | 'recipient_code' | 'recipient_name' | 'amount_yuan'>[];
  targets: Pick<TargetRow, 'recipient_code' | 'local_department'>[];
  indicators: Pick<
    IndicatorRow,
    | 'recipient_code'
    | 'indicator_id'
    | 'name'
    | 'value_raw'
    | 'value_comparator'
    | 'value_number'
    | 'value_number_max'
    | 'value_unit'
  >[];
  citations: Pick<CitationRow, 'recipient_code' | 'policy_id' | 'title'>[];
}

/** A notice `diff` cannot read or find: one line for stderr; `usage` when the user must say more. */
export class DiffInputError extends Error {
  constructor(
    message: string,
    /**
     * True when the reference is ambiguous or malformed (exit 64), false when data is missing or unreadable (exit 2).
     */
    readonly usage = false,
  ) {
    super(message);
  }
}

/** A snapshot of a notice output folder. */
export function snapshotFromFolder(folder: string, funds: FundReader): NoticeSnapshot {
  const head = readNoticeHead(folder);
  const records = readNoticeRecords(head);
  const { notice } = head;
  const rows = <T>(name: string) => (records.datasets.get(name) ?? []) as T[];
  return {
    notice: {
      notice_id: notice.notice_id,
      doc_number: notice.doc_number,
      title: notice.title,
      budget_year: notice.budget_year,
      family: notice.pipeline.family,
      fund: funds.fundOf(notice.pipeline.family, notice.title),
    },
    allocations: rows('allocations'),
    targets: rows('targets'),
    indicators: rows('indicators'),
    citations: rows('citations'),
  };
}

/** Columns read per table, cast to text where the corpus types them otherwise. */
const READ = {
  allocations: ['row_type', 'recipient_code', 'recipient_name', 'amount_yuan'],
  targets: ['recipient_code', 'local_department'],
  indicators: [
    'recipient_code',
    'indicator_id',
    'name',
    'value_raw',
    'value_comparator',
    'value_number',
    'value_number_max',
    'value_unit',
  ],
  citations: ['recipient_code', 'policy_id', 'title'],
} as const;

/** Source order of each table's rows, so indicators named twice pair in the order they are written. */
const ORDER = {
  allocations: 'source_row',
  targets: 'source_line',
  indicators: 'source_line, source_row',
  citations: 'source_line, seq',
} as const;

/**
 * Snapshots of two notices of a corpus, each named by its budget year (with `fund` when the corpus
 * holds several funds that year), its notice id or its document number.
 */
export async function snapshotsFromCorpus(
  dir: string,
  refs: readonly [string, string],
  fund: string | undefined,
): Promise<[NoticeSnapshot, NoticeSnapshot]> {
  const file = join(dir, DATABASE_FILE);
  if (!existsSync(file))
    throw new DiffInputError(`${dir}: no ${DATABASE_FILE} (build it with notice-extract corpus … --to ${dir})`);
  // DuckDB (a native module) is loaded only when a corpus is read, not for two folders.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(file, { access_mode: 'READ_ONLY' });
  const db = await instance.connect();
  const rows = async (sql: string, values: string[]): Promise<Record<string, string | null>[]> =>
    (await db.runAndReadAll(sql, values)).getRowObjectsJS() as Record<string, string | null>[];
  try {
    const snapshot = async (ref: string): Promise<NoticeSnapshot> => {
      const byYear = /^\d{4}$/.test(ref);
      const where = byYear ? 'budget_year = CAST($1 AS INTEGER)' : '(notice_id = $1 OR doc_number = $1)';
      const found = await rows(
        'SELECT notice_id, doc_number, title, CAST(budget_year AS VARCHAR) AS budget_year, family, fund ' +
          `FROM notices WHERE ${where}` +
          (fund === undefined ? '' : ' AND fund = $2') +
          ' ORDER BY notice_id',
        fund === undefined ? [ref] : [ref, fund],
      );
      const [notice, ...others] = found;
      if (!notice)
        throw new DiffInputError(
          `${dir}: no notice ${byYear ? 'of budget year' : 'with id or document number'} ${ref}` +
            (fund ? ` for the fund ${fund}` : ''),
        );
      if (others.length > 0) {
        const list = found.map((n) => `${n.notice_id} (${n.fund || 'no fund'})`).join(', ');
        throw new DiffInputError(
          `${dir}: ${found.length} notices match ${ref}: ${list}; name one by its id, or the fund with --fund`,
          true,
        );
      }
      const read = async <T>(table: keyof typeof READ): Promise<T[]> => {
        const columns = READ[table].map((c) => `COALESCE(CAST(${quoteIdent(c)} AS VARCHAR), '') AS ${quoteIdent(c)}`);
        return (await rows(
          `SELECT ${columns.join(', ')} FROM ${table} WHERE notice_id = $1 ORDER BY annex, ${ORDER[table]}`,
          [notice.notice_id ?? ''],
        )) as T[];
      };
      const text = (v: string | null | undefined) => v ?? '';
      return {
        notice: {
          notice_id: text(notice.notice_id),
          doc_number: text(notice.doc_number),
          title: text(notice.title),
          budget_year: text(notice.budget_year),
          family: text(notice.family),
          fund: text(notice.fund),
        },
        allocations: await read('allocations'),
        targets: await read('targets'),
        indicators: await read('indicators'),
        citations: await read('citations'),
      };
    };
    return [await snapshot(refs[0]), await snapshot(refs[1])];
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

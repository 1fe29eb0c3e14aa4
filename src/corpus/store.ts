/**
 * The corpus on disk: `corpus.duckdb` (one table per dataset plus `notices`, `findings` and the
 * corpus's own findings) and the Parquet files, one per notice and table, under Hive partitions
 * `<table>/family=<id>/budget_year=<year>/<notice>.parquet`. A notice is replaced as a whole: its
 * rows are appended to staging tables, written to Parquet from there, and swapped into the main
 * tables in one transaction, so a failure leaves the notice as it was.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DuckDBInstance, LIST, listValue, VARCHAR, type DuckDBAppender, type DuckDBConnection } from '@duckdb/node-api';
import { z } from 'zod';
import type { FindingRow } from '../../schemas/report.js';
import {
  corpusTables,
  createTableSql,
  findingsTable,
  PARTITION_KEYS,
  quoteIdent,
  quoteLiteral,
  type CorpusTable,
  type SqlColumn,
} from './columns.js';

/** The DuckDB file inside a corpus folder. */
export const DATABASE_FILE = 'corpus.duckdb';
/** Table of the corpus's own findings (duplicates, missing years); the `findings` view adds them to the notices'. */
const CORPUS_FINDINGS = 'corpus_findings';
/** The table each notice's findings (report.json) are stored in; `findings` is a view over it and the corpus's. */
const NOTICE_FINDINGS = 'notice_findings';
/** DuckDB's memory limit while building (its buffer pool; Node's heap comes on top). */
const MEMORY_LIMIT = '256MB';
/** Hive's name for a partition whose value is NULL (Spark, Trino and DuckDB read it as NULL). */
export const NULL_PARTITION = '__HIVE_DEFAULT_PARTITION__';

/** A row of `notices` as DuckDB returns it (INTEGER as a number): what the corpus remembers of a notice. */
const StoredNotice = z.object({
  notice_id: z.string(),
  family: z.string(),
  budget_year: z.number().int().nullable(),
  source_folder: z.string(),
  source_fingerprint: z.string(),
});
/** What the corpus remembers of a notice between runs. */
export type StoredNotice = z.infer<typeof StoredNotice>;

/** A notice's row of `notices`, whose keys every other row of the notice carries. */
export interface NoticeRow {
  /** notice.json's fields as written, plus `family`, `fund`, `source_folder` and `source_fingerprint`. */
  values: Record<string, unknown>;
}

/** A Parquet-safe file name for a notice id: the id itself when it is one plain path segment, else a hash of it. */
export function parquetName(noticeId: string): string {
  const plain = /^[\p{L}\p{N}_-][\p{L}\p{N}_.-]{0,199}$/u.test(noticeId);
  return plain
    ? `${noticeId}.parquet`
    : `notice-${createHash('sha256').update(noticeId).digest('hex').slice(0, 16)}.parquet`;
}

/** The Parquet file of one notice in one table. */
export function parquetPath(
  root: string,
  table: string,
  family: string,
  budgetYear: number | null,
  noticeId: string,
): string {
  return join(root, table, `family=${family}`, `budget_year=${budgetYear ?? NULL_PARTITION}`, parquetName(noticeId));
}

/** Value at a column's path in an object. */
function valueAt(source: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = source;
  for (const step of path)
    value = value === null || typeof value !== 'object' ? undefined : (value as Record<string, unknown>)[step];
  return value;
}

/** The corpus database, opened for one build. */
export class CorpusStore {
  private readonly tables = corpusTables();
  /** Parquet files of the open batch, written under a temporary name: [temporary, final]. */
  private readonly pending: [string, string][] = [];
  /** Notices of the open batch whose previous Parquet files go once it is committed. */
  private readonly replaced: StoredNotice[] = [];
  /** Whether a batch's transaction is open. */
  private open = false;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly db: DuckDBConnection,
    /** The corpus folder. */
    readonly root: string,
  ) {}

  /** Open (or create) the corpus in a folder: its tables, the `findings` view and the staging tables. */
  static async open(root: string): Promise<CorpusStore> {
    mkdirSync(root, { recursive: true });
    // A bounded buffer pool: DuckDB spills what it does not hold, so memory stays flat as the corpus grows.
    const instance = await DuckDBInstance.create(join(root, DATABASE_FILE), { memory_limit: MEMORY_LIMIT });
    const db = await instance.connect();
    const store = new CorpusStore(instance, db, root);
    await store.createSchema();
    return store;
  }

  private async createSchema(): Promise<void> {
    const findings = findingsTable();
    for (const table of this.tables) {
      const stored = table.name === 'findings' ? NOTICE_FINDINGS : table.name;
      await this.db.run(createTableSql(table, stored));
      await this.db.run(createTableSql(table, `stage_${table.name}`).replace('CREATE TABLE', 'CREATE TEMP TABLE'));
    }
    await this.db.run(createTableSql(findings, CORPUS_FINDINGS));
    await this.db.run(
      `CREATE OR REPLACE VIEW findings AS SELECT * FROM ${NOTICE_FINDINGS} UNION ALL SELECT * FROM ${CORPUS_FINDINGS}`,
    );
  }

  /** The notices stored by earlier runs, by notice id. */
  async storedNotices(): Promise<Map<string, StoredNotice>> {
    const result = await this.db.runAndReadAll(
      'SELECT notice_id, family, budget_year, source_folder, source_fingerprint FROM notices',
    );
    const rows = z.array(StoredNotice).parse(result.getRowObjectsJS());
    return new Map(rows.map((r) => [r.notice_id, r]));
  }

  /** Start a batch of notices: one transaction, committed by `commit`. */
  async begin(): Promise<void> {
    await this.db.run('BEGIN TRANSACTION');
    this.open = true;
  }

  /** Commit the batch, then put its Parquet files in place and remove the replaced ones. */
  async commit(): Promise<void> {
    await this.db.run('COMMIT');
    this.open = false;
    for (const previous of this.replaced.splice(0)) this.removeParquet(previous);
    for (const [temp, target] of this.pending.splice(0)) renameSync(temp, target);
  }

  /** Give up the open batch, if any: nothing of it is stored, its Parquet files are removed. */
  async rollback(): Promise<void> {
    if (this.open) await this.db.run('ROLLBACK');
    this.open = false;
    this.replaced.length = 0;
    for (const [temp] of this.pending.splice(0)) rmSync(temp, { force: true });
  }

  /**
   * Replace a notice, within the open batch: its rows in every table (the notice keys taken from
   * `notice`), `extraFindings` among its findings, and its Parquet files (in place once committed).
   */
  async putNotice(
    notice: NoticeRow,
    rows: ReadonlyMap<string, readonly Record<string, unknown>[]>,
    extraFindings: readonly FindingRow[],
    previous?: StoredNotice,
  ): Promise<void> {
    const id = String(notice.values.notice_id);
    const family = String(notice.values.family);
    const year = notice.values.budget_year ? Number(notice.values.budget_year) : null;
    for (const table of this.tables) {
      const stored = quoteIdent(table.name === 'findings' ? NOTICE_FINDINGS : table.name);
      if (previous) await this.db.run(`DELETE FROM ${stored} WHERE notice_id = $1`, [id]);
      const records: readonly Record<string, unknown>[] =
        table.name === 'notices'
          ? [notice.values]
          : table.name === 'findings'
            ? [...(rows.get('findings') ?? []), ...extraFindings]
            : (rows.get(table.name) ?? []);
      if (records.length === 0) continue;
      const stage = quoteIdent(`stage_${table.name}`);
      await this.db.run(`DELETE FROM ${stage}`);
      await this.append(`stage_${table.name}`, table, notice.values, records);
      // Parquet beside its place under a hidden name (Spark, Hive and DuckDB's globs skip it), renamed once committed.
      const target = parquetPath(this.root, table.name, family, year, id);
      const temp = join(dirname(target), `.${parquetName(id)}.tmp`);
      mkdirSync(dirname(target), { recursive: true });
      const columns = table.columns.filter((c) => !(PARTITION_KEYS as readonly string[]).includes(c.name));
      await this.db.run(
        `COPY (SELECT ${columns.map((c) => quoteIdent(c.name)).join(', ')} FROM ${stage}) ` +
          `TO ${quoteLiteral(temp)} (FORMAT parquet, COMPRESSION snappy)`,
      );
      this.pending.push([temp, target]);
      await this.db.run(`INSERT INTO ${stored} SELECT * FROM ${stage}`);
    }
    if (previous) this.replaced.push(previous);
  }

  /** Append rows to a table with DuckDB's appender (the notice's own row, findings made by the corpus). */
  private async append(
    name: string,
    table: CorpusTable,
    keys: Record<string, unknown>,
    records: readonly Record<string, unknown>[],
  ): Promise<void> {
    const appender = await this.db.createAppender(name, null, name.startsWith('stage_') ? 'temp' : null);
    try {
      for (const record of records) this.appendRow(appender, table, keys, record);
    } finally {
      appender.closeSync();
    }
  }

  /** Remove a notice's rows, within the open batch, and its Parquet files once committed. */
  async removeNotice(previous: StoredNotice): Promise<void> {
    for (const table of this.tables) {
      const stored = table.name === 'findings' ? NOTICE_FINDINGS : table.name;
      await this.db.run(`DELETE FROM ${quoteIdent(stored)} WHERE notice_id = $1`, [previous.notice_id]);
    }
    this.replaced.push(previous);
  }

  private removeParquet(previous: StoredNotice): void {
    for (const table of this.tables) {
      rmSync(parquetPath(this.root, table.name, previous.family, previous.budget_year, previous.notice_id), {
        force: true,
      });
    }
  }

  /** Replace the corpus's own findings (each with the keys of the notice it concerns). */
  async setCorpusFindings(
    findings: readonly { notice: Record<string, unknown>; finding: FindingRow }[],
  ): Promise<void> {
    const table = findingsTable();
    await this.db.run(`DELETE FROM ${CORPUS_FINDINGS}`);
    if (findings.length === 0) return;
    const appender = await this.db.createAppender(CORPUS_FINDINGS);
    try {
      for (const f of findings) this.appendRow(appender, table, f.notice, f.finding);
    } finally {
      appender.closeSync();
    }
  }

  /** Run a query and return its rows as plain objects (DECIMAL as numbers: for summaries, not for money). */
  async query(sql: string): Promise<Record<string, unknown>[]> {
    return (await this.db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  }

  /** Write the database to disk and close it. */
  async close(): Promise<void> {
    await this.db.run('CHECKPOINT');
    this.db.closeSync();
    this.instance.closeSync();
  }

  private appendRow(
    appender: DuckDBAppender,
    table: CorpusTable,
    keys: Record<string, unknown>,
    record: Record<string, unknown>,
  ): void {
    table.columns.forEach((column, i) => {
      appendValue(
        appender,
        column,
        valueAt(i < table.keyCount ? keys : record, i < table.keyCount ? [column.name] : column.path),
      );
    });
    appender.endRow();
  }
}

/** The type of a `VARCHAR[]` column, so an empty list needs no guess. */
const LIST_OF_TEXT = LIST(VARCHAR);

/** Append one value as its column's kind; '' in a typed column is NULL. */
function appendValue(appender: DuckDBAppender, column: SqlColumn, value: unknown): void {
  if (value === null || value === undefined) return appender.appendNull();
  switch (column.kind) {
    case 'integer':
      return appender.appendInteger(Number(value));
    case 'double':
      return appender.appendDouble(Number(value));
    case 'boolean':
      return appender.appendBoolean(Boolean(value));
    case 'list':
      return appender.appendList(listValue((value as unknown[]).map(String)), LIST_OF_TEXT);
    case 'json':
      return appender.appendVarchar(JSON.stringify(value));
    case 'typed-string': {
      const text = String(value);
      if (text === '') return appender.appendNull();
      // DuckDB casts the text to the column's type exactly (DECIMAL from its digits, DATE from ISO).
      return appender.appendVarchar(text);
    }
    default:
      return appender.appendVarchar(String(value));
  }
}

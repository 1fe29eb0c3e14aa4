import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects, parquetSchema } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corpusTables } from '../src/corpus/columns.js';
import type { NoticeFolderData } from '../scripts/noticeYears.js';
import { SEED_OUT, threeYears, writeLaterYears, type Year } from './support/laterYears.js';

/** The bundled CLI (`npm test` builds it first). */
const cli = new URL('../dist/bin/cli.js', import.meta.url).pathname;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr };
}

/** Rows of a SQL query on a corpus, opened read-only, values as JS (DECIMAL as numbers, so sums are cast to text). */
async function query(corpus: string, sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(join(corpus, 'corpus.duckdb'), { access_mode: 'READ_ONLY' });
  const db = await instance.connect();
  try {
    return (await db.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** Every file under a folder, relative, with its modification time. */
function files(dir: string): Map<string, number> {
  const found = new Map<string, number>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else found.set(relative(dir, join(d, e.name)), statSync(join(d, e.name)).mtimeMs);
    }
  };
  walk(dir);
  return found;
}

/** Sum of item amounts in fen, from the generator's data. */
function itemFen(data: NoticeFolderData): number {
  return data.allocations
    .filter((r) => r.row_type === 'item')
    .reduce((s, r) => s + Math.round(Number(r.amount_yuan) * 100), 0);
}

let dir: string;
let years: Year[];
let later: string;
let corpus: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'notice-extract-corpus-'));
  years = threeYears();
  later = join(dir, 'out');
  writeLaterYears(later, years);
  corpus = join(dir, 'corpus');
  const result = run('corpus', SEED_OUT, later, '--to', corpus);
  if (result.code !== 0) throw new Error(result.stderr);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a corpus of the seed and two generated later years', () => {
  it('holds every row of every notice, per table and notice, as the generator wrote them', async () => {
    const rows = await query(
      corpus,
      `
      SELECT 'allocations' AS t, notice_id, count(*)::INTEGER AS n FROM allocations GROUP BY ALL
      UNION ALL SELECT 'details', notice_id, count(*)::INTEGER FROM details GROUP BY ALL
      UNION ALL SELECT 'targets', notice_id, count(*)::INTEGER FROM targets GROUP BY ALL
      UNION ALL SELECT 'indicators', notice_id, count(*)::INTEGER FROM indicators GROUP BY ALL
      UNION ALL SELECT 'citations', notice_id, count(*)::INTEGER FROM citations GROUP BY ALL
      UNION ALL SELECT 'notices', notice_id, count(*)::INTEGER FROM notices GROUP BY ALL`,
    );
    const got = Object.fromEntries(rows.map((r) => [`${r.t} ${r.notice_id}`, r.n]));
    const expected: Record<string, number> = {};
    for (const { data } of years) {
      for (const t of ['allocations', 'details', 'targets', 'indicators', 'citations'] as const)
        expected[`${t} ${data.notice.notice_id}`] = data[t].length;
      expected[`notices ${data.notice.notice_id}`] = 1;
    }
    expect(got).toEqual(expected);
  });

  it("sums the money of each budget year to the fen, and carries each notice's keys on its rows", async () => {
    const rows = await query(
      corpus,
      `
      SELECT budget_year, any_value(doc_number) AS doc, any_value(CAST(issued_date AS VARCHAR)) AS issued, count(DISTINCT family) AS families,
             CAST(sum(amount_yuan) * 100 AS BIGINT) AS fen
      FROM allocations WHERE row_type = 'item' GROUP BY budget_year ORDER BY budget_year`,
    );
    expect(rows).toEqual(
      years.map(({ data }) => ({
        budget_year: Number(data.notice.budget_year),
        doc: data.notice.doc_number,
        issued: data.notice.issued_date,
        families: 1n,
        fen: BigInt(itemFen(data)),
      })),
    );
  });

  it('gives every column the type its schema declares: amounts DECIMAL(18,2), codes VARCHAR, dates DATE, integers INTEGER, booleans BOOLEAN', async () => {
    for (const table of corpusTables()) {
      const described = await query(
        corpus,
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_name = '${table.name}' ORDER BY ordinal_position`,
      );
      expect(
        described.map((c) => `${c.column_name} ${c.data_type}`),
        table.name,
      ).toEqual(table.columns.map((c) => `${c.name} ${c.type}`));
    }
    const types = Object.fromEntries(
      (
        await query(
          corpus,
          "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'allocations'",
        )
      ).map((c) => [c.column_name, c.data_type]),
    );
    expect(types).toMatchObject({
      amount_yuan: 'DECIMAL(18,2)',
      recipient_code: 'VARCHAR',
      region_code: 'VARCHAR',
      issued_date: 'DATE',
      budget_year: 'INTEGER',
      direct_to_sanbao_account: 'BOOLEAN',
      source_line: 'INTEGER',
      notice_id: 'VARCHAR',
      family: 'VARCHAR',
    });
  });

  it('writes Parquet by family and budget year that an independent reader (hyparquet) sums to the same fen, with the same types', async () => {
    const allocationFiles = [...files(join(corpus, 'allocations')).keys()].filter((f) => f.endsWith('.parquet')).sort();
    expect(allocationFiles).toEqual(
      years
        .map(
          ({ data }) =>
            `family=gd-special-transfer/budget_year=${data.notice.budget_year}/${data.notice.notice_id}.parquet`,
        )
        .sort(),
    );
    for (const { data } of years) {
      const file = join(
        corpus,
        'allocations',
        'family=gd-special-transfer',
        `budget_year=${data.notice.budget_year}`,
        `${data.notice.notice_id}.parquet`,
      );
      const buffer = await asyncBufferFromFile(file);
      const records = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
      expect(records.length).toBe(data.allocations.length);
      const fen = records
        .filter((r) => r.row_type === 'item')
        .reduce((s: number, r) => s + Math.round(Number(r.amount_yuan) * 100), 0);
      expect(fen).toBe(itemFen(data));
      expect(records.every((r) => typeof r.recipient_code === 'string')).toBe(true);
      expect(records[0]?.issued_date).toBeInstanceOf(Date);
      const schema = parquetSchema(await parquetMetadataAsync(buffer));
      const column = (name: string) => schema.children.find((c) => c.element.name === name)?.element;
      expect(column('amount_yuan')).toMatchObject({ converted_type: 'DECIMAL', scale: 2, precision: 18 });
      expect(column('recipient_code')).toMatchObject({ type: 'BYTE_ARRAY', converted_type: 'UTF8' });
      expect(column('issued_date')).toMatchObject({ type: 'INT32', converted_type: 'DATE' });
      expect(column('source_line')).toMatchObject({ type: 'INT32' });
      expect(column('direct_to_sanbao_account')).toMatchObject({ type: 'BOOLEAN' });
      // The partition columns live in the folder names only.
      expect(column('budget_year')).toBeUndefined();
      expect(column('family')).toBeUndefined();
    }
  });

  it("reads the Parquet layout back through DuckDB's Hive partitioning with the database's totals", async () => {
    const glob = join(corpus, 'allocations', '*', '*', '*.parquet');
    const [parquet] = await query(
      corpus,
      `SELECT CAST(sum(amount_yuan) AS VARCHAR) AS s, count(DISTINCT budget_year) AS y FROM read_parquet('${glob}', hive_partitioning = true) WHERE row_type = 'item'`,
    );
    const [table] = await query(
      corpus,
      "SELECT CAST(sum(amount_yuan) AS VARCHAR) AS s FROM allocations WHERE row_type = 'item'",
    );
    expect(parquet?.s).toBe(table?.s);
    expect(parquet?.y).toBe(3n);
  });

  it("names each notice's fund from its title, the same fund for all three years", async () => {
    const rows = await query(corpus, 'SELECT DISTINCT fund FROM notices');
    expect(rows).toEqual([{ fund: '省级市场监管管理（知识产权创造、运用和保护）专项资金' }]);
  });
});

describe('bringing a corpus up to date', () => {
  it('neither reads nor writes a notice whose output is unchanged, and rewrites only the one that changed', () => {
    const copy = join(dir, 'corpus-incremental');
    cpSync(corpus, copy, { recursive: true });
    const before = files(copy);
    const again = run('corpus', SEED_OUT, later, '--to', copy);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(
      /3 notice\(s\) from 3 folder\(s\): 0 added, 0 updated, 3 unchanged \(not read\), 0 removed/,
    );
    const parquetBefore = [...before].filter(([f]) => f.endsWith('.parquet'));
    expect(parquetBefore.length).toBeGreaterThan(0);
    for (const [f, mtime] of parquetBefore) expect(files(copy).get(f), f).toBe(mtime);

    // One notice's output changes (its folder and the corpus are copied; the corpus holds the folder's path).
    const changed = (years[2] as Year).data;
    const folder = join(later, changed.notice.notice_id);
    const saved = readFileSync(join(folder, 'allocations.json'));
    const { atimeMs, mtimeMs } = statSync(join(folder, 'allocations.json'));
    const allocations = JSON.parse(saved.toString('utf8'));
    allocations.records = allocations.records.slice(0, -1);
    writeFileSync(join(folder, 'allocations.json'), JSON.stringify(allocations));
    const third = run('corpus', SEED_OUT, later, '--to', copy);
    expect(third.stderr).toMatch(/0 added, 1 updated, 2 unchanged/);
    const after = files(copy);
    for (const [f, mtime] of parquetBefore) {
      if (f.includes(changed.notice.notice_id)) expect(after.get(f), f).not.toBe(mtime);
      else expect(after.get(f), f).toBe(mtime);
    }
    // The folder as it was, and its time, for the other tests.
    writeFileSync(join(folder, 'allocations.json'), saved);
    utimesSync(join(folder, 'allocations.json'), atimeMs / 1000, mtimeMs / 1000);
  });

  it('keeps one notice in two folders once, with a finding naming both', async () => {
    const copy = join(dir, 'corpus-duplicate');
    const twin = join(dir, 'elsewhere', 'renamed-copy');
    cpSync(join(later, (years[1] as Year).data.notice.notice_id), twin, { recursive: true });
    const notice = JSON.parse(readFileSync(join(twin, 'notice.json'), 'utf8'));
    writeFileSync(join(twin, 'notice.json'), JSON.stringify({ ...notice, notice_id: 'renamed-copy' }));
    for (const name of ['allocations', 'details', 'targets', 'indicators', 'citations']) {
      const data = JSON.parse(readFileSync(join(twin, `${name}.json`), 'utf8'));
      writeFileSync(join(twin, `${name}.json`), JSON.stringify({ ...data, notice_id: 'renamed-copy' }));
    }
    const result = run('corpus', SEED_OUT, later, join(dir, 'elsewhere'), '--to', copy);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/3 notice\(s\) from 4 folder\(s\)/);
    const notices = await query(copy, 'SELECT notice_id FROM notices ORDER BY notice_id');
    expect(notices.map((n) => n.notice_id)).toEqual(years.map((y) => y.data.notice.notice_id).sort());
    const findings = await query(
      copy,
      "SELECT notice_id, message FROM findings WHERE code = 'corpus/notice-duplicate'",
    );
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain(twin);
    expect(
      existsSync(
        join(
          copy,
          'allocations',
          'family=gd-special-transfer',
          `budget_year=${notice.budget_year}`,
          'renamed-copy.parquet',
        ),
      ),
    ).toBe(false);
  });

  it('removes a notice no longer found, with its Parquet files', async () => {
    const copy = join(dir, 'corpus-removal');
    cpSync(corpus, copy, { recursive: true });
    const result = run('corpus', later, '--to', copy);
    expect(result.stderr).toMatch(
      /2 notice\(s\) from 2 folder\(s\): 0 added, 0 updated, 2 unchanged \(not read\), 1 removed/,
    );
    const seed = (years[0] as Year).data.notice;
    expect(await query(copy, `SELECT count(*) AS n FROM allocations WHERE notice_id = '${seed.notice_id}'`)).toEqual([
      { n: 0n },
    ]);
    expect([...files(copy).keys()].filter((f) => f.includes(seed.notice_id))).toEqual([]);
  });

  it('names a folder it cannot read in one line, exits 2, and still loads the others', async () => {
    const broken = join(dir, 'broken', 'bad-notice');
    cpSync(SEED_OUT, broken, { recursive: true });
    writeFileSync(
      join(broken, 'allocations.json'),
      '{"schema": "allocations@2", "notice_id": "yue-cai-gong-2023-126", "records": [{"amount_yuan": 12}]}',
    );
    const notice = JSON.parse(readFileSync(join(broken, 'notice.json'), 'utf8'));
    writeFileSync(join(broken, 'notice.json'), JSON.stringify({ ...notice, doc_number: '粤财工〔2099〕1号' }));
    const copy = join(dir, 'corpus-broken');
    const result = run('corpus', later, join(dir, 'broken'), '--to', copy);
    expect(result.code).toBe(2);
    const lines = result.stderr.split('\n').filter((l) => l.includes('bad-notice'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/allocations\.json: does not match its schema: records\.0\./);
    expect((await query(copy, 'SELECT count(*) AS n FROM notices'))[0]?.n).toBe(2n);
  });
});

describe('a decimal with more places than its column holds', () => {
  it('is stored rounded and reported as a finding of its notice, never in silence', async () => {
    const folder = join(dir, 'fine', 'fine-figures');
    cpSync(join(later, (years[1] as Year).data.notice.notice_id), folder, { recursive: true });
    const rename = (name: string, change: (data: Record<string, unknown>) => Record<string, unknown>) =>
      writeFileSync(join(folder, name), JSON.stringify(change(JSON.parse(readFileSync(join(folder, name), 'utf8')))));
    rename('notice.json', (n) => ({ ...n, notice_id: 'fine-figures', doc_number: '粤财工〔2099〕7号' }));
    for (const name of ['allocations', 'details', 'targets', 'citations', 'report'])
      rename(`${name}.json`, (d) => ({ ...d, notice_id: 'fine-figures' }));
    rename('indicators.json', (d) => {
      const records = d.records as Record<string, unknown>[];
      records[0] = { ...records[0], value_comparator: 'at_least', value_number: '0.123456789012' };
      return { ...d, notice_id: 'fine-figures', records };
    });
    const copy = join(dir, 'corpus-fine');
    const result = run('corpus', join(dir, 'fine'), '--to', copy);
    expect(result.code, result.stderr).toBe(0);
    const findings = await query(
      copy,
      "SELECT annex, actual, expected FROM findings WHERE code = 'corpus/decimal-rounded'",
    );
    expect(findings).toEqual([{ annex: 'indicators', actual: '0.123456789012', expected: 'DECIMAL(38,10)' }]);
    const [stored] = await query(
      copy,
      "SELECT CAST(value_number AS VARCHAR) AS v FROM indicators WHERE notice_id = 'fine-figures' AND value_number BETWEEN 0.1234 AND 0.1235",
    );
    expect(stored?.v).toBe('0.1234567890');
  });
});

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiffJson } from '../schemas/diff.js';
import { indicatorKey, type NoticeFolderData, type YearPlan } from '../scripts/noticeYears.js';
import { SEED_OUT, threeYears, writeLaterYears, type Year } from './support/laterYears.js';

/** The bundled CLI (`npm test` builds it first). */
const cli = new URL('../dist/bin/cli.js', import.meta.url).pathname;

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, stderr: result.stderr };
}

/** The README's SQL blocks, by the name in their first line (`-- top-recipients: …`). */
function readmeQueries(): Map<string, string> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const queries = new Map<string, string>();
  for (const m of readme.matchAll(/```sql\n(-- ([a-z-]+):[^\n]*\n[\s\S]*?)```/g))
    queries.set(m[2] as string, m[1] as string);
  return queries;
}

let dir: string;
let years: Year[];
let corpus: string;
let queries: Map<string, string>;

/** Rows of a README query, values as text (decimals exactly as DuckDB writes them). */
async function rowsOf(name: string): Promise<Record<string, string>[]> {
  const sql = queries.get(name);
  if (!sql) throw new Error(`README has no query ${name}`);
  const instance = await DuckDBInstance.create(join(corpus, 'corpus.duckdb'), { access_mode: 'READ_ONLY' });
  const db = await instance.connect();
  try {
    const rows = (await db.runAndReadAll(sql)).getRowObjects();
    return rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)])));
  } finally {
    db.closeSync();
    instance.closeSync();
  }
}

/** Item money per recipient of a generated notice. */
function perRecipient(data: NoticeFolderData): Map<string, Decimal> {
  const sums = new Map<string, Decimal>();
  for (const r of data.allocations)
    if (r.row_type === 'item')
      sums.set(r.recipient_code, (sums.get(r.recipient_code) ?? new Decimal(0)).plus(r.amount_yuan));
  return sums;
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'notice-extract-queries-'));
  years = threeYears();
  writeLaterYears(join(dir, 'out'), years);
  corpus = join(dir, 'corpus');
  const result = run('corpus', SEED_OUT, join(dir, 'out'), '--to', corpus);
  if (result.code !== 0) throw new Error(result.stderr);
  queries = readmeQueries();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the README's SQL, run on a corpus of the seed and two generated years", () => {
  it('has the five queries the README promises', () => {
    expect([...queries.keys()].sort()).toEqual([
      'by-year-and-department',
      'change-by-city',
      'policies-cited-most',
      'targets-lowered',
      'top-recipients',
    ]);
  });

  it("top-recipients gives each year's five largest recipients with their sums", async () => {
    const rows = await rowsOf('top-recipients');
    const expected = years.flatMap(({ data }) =>
      [...perRecipient(data)]
        .sort(([a, x], [b, y]) => y.comparedTo(x) || (a < b ? -1 : 1))
        .slice(0, 5)
        .map(([code, yuan]) => `${data.notice.budget_year} ${code} ${yuan.toFixed(2)}`),
    );
    expect(rows.map((r) => `${r.budget_year} ${r.recipient_code} ${r.yuan}`)).toEqual(expected);
  });

  it("by-year-and-department adds up to each year's total", async () => {
    const rows = await rowsOf('by-year-and-department');
    for (const { data } of years) {
      const total = rows
        .filter((r) => r.budget_year === data.notice.budget_year)
        .reduce((s, r) => s.plus(r.yuan as string), new Decimal(0));
      expect(total.toFixed(2)).toBe(
        [...perRecipient(data).values()].reduce((s, v) => s.plus(v), new Decimal(0)).toFixed(2),
      );
    }
    expect(new Set(rows.map((r) => r.provincial_department)).size).toBeGreaterThan(0);
  });

  it("change-by-city gives each city's sum per year and its change from the year before", async () => {
    const rows = await rowsOf('change-by-city');
    const sums = new Map<string, Decimal>();
    for (const { data } of years) {
      for (const d of data.details)
        if (d.row_type === 'item')
          sums.set(
            `${d.city} ${data.notice.budget_year}`,
            (sums.get(`${d.city} ${data.notice.budget_year}`) ?? new Decimal(0)).plus(d.amount_yuan),
          );
    }
    expect(new Map(rows.map((r) => [`${r.city} ${r.budget_year}`, new Decimal(r.yuan as string).toFixed(2)]))).toEqual(
      new Map([...sums].map(([k, v]) => [k, v.toFixed(2)])),
    );
    for (const r of rows) {
      const before = sums.get(`${r.city} ${Number(r.budget_year) - 1}`);
      const expected = before ? new Decimal(r.yuan as string).minus(before).toFixed(2) : '';
      expect(
        r.change_yuan === '' ? '' : new Decimal(r.change_yuan as string).toFixed(2),
        `${r.city} ${r.budget_year}`,
      ).toBe(expected);
    }
  });

  it('targets-lowered lists exactly the indicators the generator lowered', async () => {
    const rows = await rowsOf('targets-lowered');
    const lowered = years.flatMap((y, i) => {
      const plan = y.plan as YearPlan | null;
      if (!plan) return [];
      const before = (years[i - 1] as Year).data;
      return plan.indicatorValues
        .filter((c) => {
          const old = before.indicators.find((x) => x.recipient_code === c.code && indicatorKey(x) === c.key);
          return old && new Decimal(c.value.value_number).lessThan(old.value_number);
        })
        .map((c) => `${plan.budgetYear} ${c.code} ${c.key}`);
    });
    expect(lowered.length).toBeGreaterThan(0);
    expect(rows.map((r) => `${r.budget_year} ${r.recipient_code} ${r.indicator}`).sort()).toEqual(lowered.sort());
  });

  it('policies-cited-most counts the target tables citing each policy', async () => {
    const rows = await rowsOf('policies-cited-most');
    const tables = new Map<string, Set<string>>();
    for (const { data } of years) {
      for (const c of data.citations)
        if (c.policy_id !== '')
          tables.set(
            c.policy_id,
            (tables.get(c.policy_id) ?? new Set()).add(`${data.notice.notice_id} ${c.recipient_code}`),
          );
    }
    const expected = [...tables]
      .map(([id, set]) => [id, set.size] as const)
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, 10);
    expect(rows.map((r) => [r.policy_id, Number(r.target_tables)])).toEqual(expected);
  });
});

describe('diff of two budget years read from the corpus', () => {
  it('lists the same changes as the diff of the two folders', () => {
    const [, second] = years as [Year, Year, Year];
    const fromCorpus = run(
      'diff',
      '--corpus',
      corpus,
      years[0]?.data.notice.budget_year ?? '',
      second.data.notice.budget_year,
      '--out',
      join(dir, 'diff-corpus'),
    );
    expect(fromCorpus.code, fromCorpus.stderr).toBe(0);
    const fromFolders = run(
      'diff',
      SEED_OUT,
      join(dir, 'out', second.data.notice.notice_id),
      '--out',
      join(dir, 'diff-folders'),
    );
    expect(fromFolders.code, fromFolders.stderr).toBe(0);
    const read = (d: string) => DiffJson.parse(JSON.parse(readFileSync(join(dir, d, 'diff.json'), 'utf8')));
    const [a, b] = [read('diff-corpus'), read('diff-folders')];
    expect(a.money.length + a.indicators.length + a.citations.length).toBeGreaterThan(0);
    expect(a).toEqual(b);
    expect(fromCorpus.stderr).toBe(fromFolders.stderr);
  });

  it('names a year the corpus does not hold in one line, exit 2', () => {
    const result = run('diff', '--corpus', corpus, '1999', '2025', '--out', join(dir, 'diff-none'));
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(`notice-extract diff: ${corpus}: no notice of budget year 1999`);
  });
});

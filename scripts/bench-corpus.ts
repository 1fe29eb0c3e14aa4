/**
 * `npm run bench:corpus [-- --notices N --steps A,B,…]`: builds corpora of generated notices with
 * the CLI as users run it (`node dist/bin/cli.js corpus DIR --to CORPUS`, a child process timed from
 * spawn to exit, peak RSS from GNU time), at growing sizes (default 250, 500 and 1,000 notices) to
 * show whether memory stays flat, then re-runs the largest unchanged (the incremental path) and
 * times the README's SQL queries over it (median of 5, in this process, after one warm-up).
 *
 * The notices are derived from the seed's output (`out/<id>/`) by scripts/noticeYears.ts with a
 * seeded random plan each: budget years 2019–2028, every amount scaled by 0.5–1.5, up to three
 * recipients left out and up to two new ones added (with a copy of another's target table).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { DuckDBInstance } from '@duckdb/node-api';
import { projectRoot } from '../src/tool/projectRoot.js';
import {
  deriveYear,
  emptyPlan,
  readNoticeFolder,
  writeNoticeFolder,
  type NoticeFolderData,
  type YearPlan,
} from './noticeYears.js';
import { mulberry32 } from './random.js';

const root = projectRoot();
const cli = join(root, 'dist', 'bin', 'cli.js');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? (args[at + 1] ?? fallback) : fallback;
};
const total = Number(option('--notices', '1000'));
const steps = option('--steps', `${Math.round(total / 4)},${Math.round(total / 2)},${total}`)
  .split(',')
  .map(Number);

/** The seeded generator, so every run builds the same notices. */
const random = mulberry32;

/** A random plan for generated notice `i`. */
function benchPlan(seed: NoticeFolderData, i: number, next: () => number): YearPlan {
  const year = 2019 + (i % 10);
  const plan = emptyPlan(`bench-${String(i).padStart(5, '0')}`, `粤财工〔${year - 1}〕${1000 + i}号`, year);
  const items = seed.allocations.filter((r) => r.row_type === 'item');
  const withTables = new Set(seed.targets.map((t) => t.recipient_code));
  for (const r of items)
    plan.amounts.set(
      r.recipient_code,
      new Decimal(r.amount_yuan)
        .times(0.5 + next())
        .div(100)
        .round()
        .times(100)
        .toFixed(2),
    );
  const pick = () => items[Math.floor(next() * items.length)]?.recipient_code ?? '';
  for (let k = Math.floor(next() * 4); k > 0; k--) {
    const code = pick();
    if (!plan.removed.includes(code)) plan.removed.push(code);
  }
  const used = new Set(items.map((r) => r.recipient_code));
  for (let k = Math.floor(next() * 3); k > 0; k--) {
    const code = String(445000000 + Math.floor(next() * 90000) * 10);
    const template = [...withTables].find((c) => !plan.removed.includes(c)) ?? '';
    if (used.has(code) || !template) continue;
    used.add(code);
    plan.added.push({
      code,
      name: `新设${code.slice(4, 8)}区`,
      yuan: (Math.floor(next() * 500) * 10000 + 10000).toFixed(2),
      templateCode: template,
    });
  }
  return plan;
}

const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** Run the CLI; wall seconds from spawn to exit, peak RSS in MB (NaN without GNU time), its stderr. */
function measure(cliArgs: string[]): { seconds: number; rssMb: number; stderr: string } {
  const command = gnuTime
    ? [gnuTime, '-f', 'maxrss=%M', process.execPath, cli, ...cliArgs]
    : [process.execPath, cli, ...cliArgs];
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0] ?? '', command.slice(1), {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0)
    throw new Error(`bench-corpus: corpus exited ${result.status}: ${result.stderr.slice(-400)}`);
  return { seconds, rssMb: Number(/maxrss=(\d+)/.exec(result.stderr)?.[1] ?? NaN) / 1024, stderr: result.stderr };
}

/** Total size of a folder's files in MB. */
function sizeMb(dir: string): number {
  let bytes = 0;
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else bytes += readFileSync(join(d, e.name)).length;
    }
  };
  walk(dir);
  return bytes / 1024 / 1024;
}

const work = mkdtempSync(join(tmpdir(), 'bench-corpus-'));
try {
  const seed = readNoticeFolder(join(root, 'out', 'yue-cai-gong-2023-126'));
  const next = random(20231228);
  const started = process.hrtime.bigint();
  let rows = 0;
  // One folder per notice, written one at a time; a step of n notices is given the first n folders.
  const notices = join(work, 'notices');
  const folders: string[] = [];
  for (let i = 0; i < Math.max(...steps); i++) {
    const data = deriveYear(seed, benchPlan(seed, i, next));
    rows +=
      data.allocations.length +
      data.details.length +
      data.targets.length +
      data.indicators.length +
      data.citations.length;
    folders.push(join(notices, data.notice.notice_id));
    writeNoticeFolder(folders[i] as string, data);
  }
  const generated = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `generated ${Math.max(...steps)} notices (${rows} dataset rows) in ${generated.toFixed(1)} s\n\n`,
  );
  process.stdout.write(
    '| notices | corpus wall time | per notice | peak RSS | corpus.duckdb + Parquet |\n|---|---|---|---|---|\n',
  );
  let largest = '';
  steps.forEach((n) => {
    const corpus = join(work, `corpus-${n}`);
    const m = measure(['corpus', ...folders.slice(0, n), '--to', corpus]);
    process.stdout.write(
      `| ${n} | ${m.seconds.toFixed(1)} s | ${((m.seconds / n) * 1000).toFixed(0)} ms | ${m.rssMb.toFixed(0)} MB | ${sizeMb(corpus).toFixed(0)} MB |\n`,
    );
    largest = corpus;
  });
  const again = measure(['corpus', notices, '--to', largest]);
  const unchanged = /(\d+) unchanged/.exec(again.stderr)?.[1];
  process.stdout.write(
    `\nre-run of the ${Math.max(...steps)}, nothing changed: ${again.seconds.toFixed(1)} s, ${again.rssMb.toFixed(0)} MB (${unchanged} unchanged, not read)\n\n`,
  );

  // The README's queries on the largest corpus.
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const queries = [...readme.matchAll(/```sql\n(-- ([a-z-]+):[^\n]*\n[\s\S]*?)```/g)].map(
    (m) => [m[2] as string, m[1] as string] as const,
  );
  const instance = await DuckDBInstance.create(join(largest, 'corpus.duckdb'), { access_mode: 'READ_ONLY' });
  const db = await instance.connect();
  const [{ n: allocationRows } = { n: 0 }] = (
    await db.runAndReadAll('SELECT count(*)::INTEGER AS n FROM allocations')
  ).getRowObjectsJS() as { n: number }[];
  process.stdout.write(
    `| query over ${Math.max(...steps)} notices (${allocationRows} allocation rows) | median of 5 | rows |\n|---|---|---|\n`,
  );
  for (const [name, sql] of queries) {
    await db.runAndReadAll(sql);
    const times: number[] = [];
    let count = 0;
    for (let k = 0; k < 5; k++) {
      const t = process.hrtime.bigint();
      count = (await db.runAndReadAll(sql)).currentRowCount;
      times.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
    times.sort((a, b) => a - b);
    process.stdout.write(`| ${name} | ${(times[2] ?? NaN).toFixed(0)} ms | ${count} |\n`);
  }
  db.closeSync();
  instance.closeSync();
} finally {
  rmSync(work, { recursive: true, force: true });
}

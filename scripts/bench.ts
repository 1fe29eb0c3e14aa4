/**
 * `npm run bench [-- --copies N --jobs J --runs R]`: wall time of the whole pipeline on a batch of N
 * copies of the notices in raw/ against a bare unified + remark-parse + remark-gfm parse of the same
 * files, printed as a ratio, with each side's peak RSS. Each side runs in its own process, R times;
 * the median is reported. A benchmark, not a test: it prints and never fails on speed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/family/load.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const copies = option('copies', 24);
const jobs = option('jobs', 1);
const runs = option('runs', 3);
const root = projectRoot();
const child = join(root, 'dist', 'scripts', 'bench-child.js');
const work = mkdtempSync(join(tmpdir(), 'notice-bench-'));
const sources = readdirSync(join(root, 'raw')).filter((n) => n.endsWith('.md'));
const files: string[] = [];
for (let i = 0; i < copies; i++) {
  const file = join(work, `notice-${String(i).padStart(3, '0')}.md`);
  copyFileSync(join(root, 'raw', sources[i % sources.length] ?? ''), file);
  files.push(file);
}

/** One run of the child in its own process: wall seconds and peak RSS in MB. */
function measure(args: string[]): { seconds: number; rssMb: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [child, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0) throw new Error(`bench child failed: ${args[0]}`);
  const { maxRssKb } = JSON.parse(result.stdout.trim().split('\n').at(-1) ?? '{}') as { maxRssKb: number };
  return { seconds, rssMb: maxRssKb / 1024 };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const parse: { seconds: number; rssMb: number }[] = [];
const pipeline: { seconds: number; rssMb: number }[] = [];
for (let r = 0; r < runs; r++) {
  parse.push(measure(['parse', ...files]));
  pipeline.push(measure(['extract', join(work, 'out'), String(jobs), ...files]));
}
rmSync(work, { recursive: true, force: true });

const p = median(parse.map((m) => m.seconds));
const e = median(pipeline.map((m) => m.seconds));
const line = (label: string, s: number, rss: number): string => `${label.padEnd(28)} ${s.toFixed(2).padStart(7)} s   peak RSS ${rss.toFixed(0).padStart(5)} MB`;
process.stdout.write(
  [
    `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    `batch: ${copies} notices, median of ${runs} runs`,
    line('bare remark parse (1 thread)', p, Math.max(...parse.map((m) => m.rssMb))),
    line(`pipeline (--jobs ${jobs})`, e, Math.max(...pipeline.map((m) => m.rssMb))),
    `ratio pipeline / parse: ${(e / p).toFixed(2)}`,
  ].join('\n') + '\n',
);

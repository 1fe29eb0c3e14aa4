/**
 * `npm run bench [-- --copies N --runs R]`: the CLI as users run it against a bare Markdown parse.
 *
 * Over N copies of the notices in raw/, each side is a child process timed from spawn to exit:
 * the bundle users run, `node dist/bin/cli.js extract --force --out DIR FILES` as users run it (no
 * --jobs: as many threads as threadCount chooses from the cores and the batch), with --jobs 1 and
 * --jobs 2, against a bare unified + remark-parse + remark-gfm parse of the same files in one
 * process, and `--help` against `node -e 0`. Peak RSS comes from GNU time where it exists. One more
 * run under `--cpu-prof` gives each stage's share of the CPU time (self time by `src/<stage>/`
 * folder); that run profiles the unbundled `dist/src/cli.js`, because shares are attributed by the
 * `dist/src/<stage>/` path of each frame, which the bundle's chunks lose (the stages run the same
 * code either way; only the cost of loading modules differs). Medians of R runs are printed as ratios. A
 * benchmark, not a test: it prints and never fails on speed.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { threadCount } from '../src/cli/extract.js';
import { projectRoot } from '../src/tool/projectRoot.js';
import { stageShares } from './profileShares.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

const copies = option('copies', 24);
const runs = option('runs', 3);
const root = projectRoot();
/** What users run (package.json's bin). */
const cli = join(root, 'dist', 'bin', 'cli.js');
/** The unbundled build, whose file paths name the stages (for the profile only). */
const unbundled = join(root, 'dist', 'src', 'cli.js');
const parseChild = join(root, 'dist', 'scripts', 'bench-child.js');
const work = mkdtempSync(join(tmpdir(), 'notice-bench-'));
const sources = readdirSync(join(root, 'raw')).filter((n) => n.endsWith('.md'));
const files: string[] = [];
for (let i = 0; i < copies; i++) {
  const file = join(work, `notice-${String(i).padStart(3, '0')}.md`);
  copyFileSync(join(root, 'raw', sources[i % sources.length] ?? ''), file);
  files.push(file);
}
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : null;

/** One measurement: wall seconds from spawn to exit, and peak RSS in MB (NaN without GNU time). */
interface Measure {
  seconds: number;
  rssMb: number;
}

/** Run `node ARGS` in a child process, timed as a user would time it. */
function measure(args: string[]): Measure {
  const command = gnuTime ? [gnuTime, '-f', 'maxrss=%M', process.execPath, ...args] : [process.execPath, ...args];
  const start = process.hrtime.bigint();
  const result = spawnSync(command[0] ?? '', command.slice(1), {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    cwd: root,
  });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (result.status !== 0)
    throw new Error(
      `bench: node ${args.slice(0, 2).join(' ')} … exited ${result.status}: ${result.stderr.slice(-400)}`,
    );
  const kb = Number(/maxrss=(\d+)/.exec(result.stderr)?.[1] ?? NaN);
  return { seconds, rssMb: kb / 1024 };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

const extractArgs = (jobs: number | 'default', entry = cli): string[] => [
  entry,
  'extract',
  '--force',
  ...(jobs === 'default' ? [] : ['--jobs', String(jobs)]),
  '--out',
  join(work, `out-${jobs}`),
  ...files,
];
const sides = {
  parse: [parseChild, 'parse', ...files],
  usual: extractArgs('default'),
  jobs1: extractArgs(1),
  jobs2: extractArgs(2),
  help: [cli, '--help'],
  node: ['-e', '0'],
};
const results = Object.fromEntries(Object.keys(sides).map((k) => [k, [] as Measure[]])) as Record<
  keyof typeof sides,
  Measure[]
>;
// Interleaved, so a slow spell of the machine hits every side alike.
for (let r = 0; r < runs; r++)
  for (const [side, args] of Object.entries(sides)) results[side as keyof typeof sides].push(measure(args));

const profileDir = join(work, 'profile');
spawnSync(process.execPath, ['--cpu-prof', '--cpu-prof-dir', profileDir, ...extractArgs(1, unbundled)], {
  stdio: 'ignore',
  cwd: root,
});
const profile = readdirSync(profileDir).find((n) => n.endsWith('.cpuprofile'));
const shares = profile ? stageShares(JSON.parse(readFileSync(join(profileDir, profile), 'utf8'))) : [];
rmSync(work, { recursive: true, force: true });

const secs = (side: keyof typeof sides): number => median(results[side].map((m) => m.seconds));
const rss = (side: keyof typeof sides): number => Math.max(...results[side].map((m) => m.rssMb));
const line = (label: string, side: keyof typeof sides): string =>
  `${label.padEnd(34)} ${secs(side).toFixed(3).padStart(7)} s   peak RSS ${Number.isNaN(rss(side)) ? '   ?' : rss(side).toFixed(0).padStart(4)} MB`;
process.stdout.write(
  [
    `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
    `batch: ${copies} notices, median of ${runs} runs, each side a child process timed from spawn to exit`,
    line('bare remark parse (one process)', 'parse'),
    line(`notice-extract extract (${threadCount(undefined, copies, availableParallelism())} threads)`, 'usual'),
    line('notice-extract extract --jobs 1', 'jobs1'),
    line('notice-extract extract --jobs 2', 'jobs2'),
    line('notice-extract --help', 'help'),
    line('node -e 0', 'node'),
    `ratio extract (as run) / parse:   ${(secs('usual') / secs('parse')).toFixed(2)}`,
    `ratio extract (--jobs 1) / parse: ${(secs('jobs1') / secs('parse')).toFixed(2)}`,
    `ratio extract (--jobs 2) / parse: ${(secs('jobs2') / secs('parse')).toFixed(2)}`,
    `ratio --jobs 2 / --jobs 1:        ${(secs('jobs2') / secs('jobs1')).toFixed(2)}`,
    `ratio --help / node -e 0:         ${(secs('help') / secs('node')).toFixed(2)}`,
    'CPU time by stage (--jobs 1 unbundled, self time of each src/ folder and what it calls in libraries):',
    ...shares.map((s) => `  ${s.stage.padEnd(22)} ${(s.share * 100).toFixed(1).padStart(5)} %`),
  ].join('\n') + '\n',
);

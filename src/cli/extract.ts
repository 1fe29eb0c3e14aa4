import { existsSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { isNoticeFolder } from '../files/folder.js';
import { loadFamilies } from '../family/load.js';
import type { Family } from '../family/spec.js';
import { EXIT } from './exitCodes.js';
import { WorkerPool } from './pool.js';
import { summaryLine } from '../review/summary.js';
import { extractOne, writeHere, writeOne, type FolderWriter, type RunOutcome } from './runOne.js';
import { WriterThread } from './writerThread.js';
import { reportLeftBehind } from './leftBehind.js';
import { noticeIdKey, noticeIdProblem, shownName } from '../read/noticeId.js';
import { OutFolderError, prepareOutFolder, sweepStaleFolders } from '../tool/writeAtomic.js';
import type { WorkerJob, WorkerStart } from './worker.js';
import { byCodeUnits } from '../normalize/order.js';

/** Options of `notice-extract extract`, as commander parses them. */
export interface ExtractCliOptions {
  out: string;
  strict?: boolean;
  /** `--bom` (true) or `--no-bom` (false); unset means no BOM. */
  bom?: boolean;
  jobs?: number;
  force?: boolean;
  allowPartial?: boolean;
  debug?: boolean;
}

/**
 * The inputs as notices: a file is one; a notice folder (files/folder.ts: it holds a page, a
 * spreadsheet, a Word or CSV file, or a file named 附件…) is one; any other folder is a batch, its
 * Markdown files and its notice folders each one notice (sorted). Also the paths that do not exist.
 */
export function expandInputs(inputs: readonly string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) missing.push(input);
    else if (!statSync(input).isDirectory()) files.push(input);
    else if (isNoticeFolder(input)) files.push(input);
    else {
      const entries = readdirSync(input, { withFileTypes: true }).sort((a, b) => byCodeUnits(a.name, b.name));
      for (const e of entries) {
        const path = join(input, e.name);
        if (e.isFile() && /\.(md|markdown)$/i.test(e.name)) files.push(path);
        else if (e.isDirectory() && !e.name.startsWith('.') && isNoticeFolder(path)) files.push(path);
      }
    }
  }
  return { files, missing };
}

/**
 * A path as the file system resolves it (symbolic links followed), also for a path not made yet: its nearest existing
 * folder resolved, the rest appended.
 */
function realPath(path: string): string {
  const absolute = resolve(path);
  if (existsSync(absolute)) return realpathSync(absolute);
  const parent = dirname(absolute);
  return parent === absolute ? absolute : join(realPath(parent), basename(absolute));
}

/**
 * The index of an input a notice's output folder would replace (writing a folder moves aside and removes what was
 * there): one that is the folder or lies inside it; -1 when none does.
 */
function inputUnder(target: string, inputs: readonly string[]): number {
  return inputs.findIndex((input) => input === target || input.startsWith(target + sep));
}

/** The notice id of an input: a file's name without the extension, a notice folder's name. */
export function noticeIdOf(file: string): string {
  return existsSync(file) && statSync(file).isDirectory() ? basename(file) : basename(file, extname(file));
}

/** Run the extract command; returns the exit code. */
export async function runExtract(inputs: string[], opts: ExtractCliOptions): Promise<number> {
  const { files, missing } = expandInputs(inputs);
  // A missing path is an input that cannot be read: one line, exit 2, and the rest still run.
  for (const m of missing) process.stderr.write(`notice-extract: ${shownName(m)}: no such file or folder\n`);
  if (files.length === 0) {
    if (missing.length > 0) return EXIT.inputFailed;
    process.stderr.write(`notice-extract: no notices (Markdown files or notice folders) in ${inputs.join(', ')}\n`);
    return EXIT.usage;
  }
  // A file name is input: an id that could name anything but a folder of its own is refused (noticeId.ts).
  const refused: string[] = [];
  const accepted: string[] = [];
  const inputPaths = files.map(realPath);
  for (const file of files) {
    const problem = noticeIdProblem(noticeIdOf(file));
    const replaced = problem ? -1 : inputUnder(realPath(join(opts.out, noticeIdOf(file))), inputPaths);
    if (problem) refused.push(`notice-extract: ${shownName(file)}: ${problem}; rename the file`);
    else if (replaced >= 0) {
      const input = shownName(files[replaced] ?? '');
      refused.push(
        `notice-extract: ${shownName(file)}: its output folder would replace the input ${input}; ` +
          'give an --out outside the inputs',
      );
    } else accepted.push(file);
  }
  for (const line of refused) process.stderr.write(line + '\n');
  const keys = accepted.map((f) => noticeIdKey(noticeIdOf(f)));
  const duplicate = accepted.find((_, i) => keys.indexOf(keys[i] ?? '') !== i);
  if (duplicate) {
    process.stderr.write(
      `notice-extract: two inputs share the notice id "${shownName(noticeIdOf(duplicate))}" ` +
        '(ignoring case and width)\n',
    );
    return EXIT.usage;
  }
  files.splice(0, files.length, ...accepted);
  if (files.length === 0) return EXIT.inputFailed;
  const ids = files.map(noticeIdOf);
  const notRun = missing.length + refused.length;
  // Families are loaded (and their configuration checked) once, before any notice runs, on any runner.
  const families = loadFamilies();
  try {
    prepareOutFolder(opts.out);
    for (const stale of sweepStaleFolders(opts.out)) {
      process.stderr.write(
        `notice-extract: ${stale.action} ${shownName(stale.folder)}, left by an interrupted run (pid ${stale.pid})\n`,
      );
    }
  } catch (error) {
    if (!(error instanceof OutFolderError)) throw error;
    process.stderr.write(`notice-extract: --out ${shownName(error.message)}\n`);
    return EXIT.cantCreate;
  }
  const progress = progressLine(files.length);
  const options = {
    out: opts.out,
    bom: opts.bom === true,
    force: opts.force === true,
    allowPartial: opts.allowPartial === true,
  };
  const threads = threadCount(opts.jobs, files.length, availableParallelism());
  const runner = threads > 1 && canUseWorkers() ? sharedRunner(families, threads - 2) : inlineRunner(families);
  let started = 0;
  let outcomes: RunOutcome[];
  try {
    outcomes = await Promise.all(
      files.map(async (file, i) => {
        const id = ids[i] ?? file;
        const outcome = await runner.run({ file, id, options }, () => progress(started++, id));
        printOutcome(outcome, opts.debug === true);
        return outcome;
      }),
    );
  } finally {
    await runner.close();
    // Previous outputs are removed in the background (writeAtomic.ts); the run ends when they are gone.
    await reportLeftBehind();
  }
  progress(-1, '');
  process.stderr.write(batchLine(outcomes, notRun) + '\n');
  if (notRun > 0 || outcomes.some((o) => o.status === 'failed')) return EXIT.inputFailed;
  if (opts.strict && outcomes.some((o) => o.status !== 'failed' && o.counts.error > 0)) return EXIT.strictErrors;
  return EXIT.ok;
}

/**
 * Threads `extract` uses when --jobs is not given: one per core, at most this many (each whole-notice worker adds ~100
 * MB).
 */
export const AUTO_THREADS_MAX = 4;

/**
 * How many threads a batch runs on. This one extracts; a second, the writer thread, renders the
 * workbooks and writes the folders for it; each beyond that extracts and writes whole notices. Two
 * threads split a notice's work rather than the batch: each warms up only its half of the code, and
 * one notice is enough to keep both busy. Never more threads than cores (one more only adds start-up
 * and memory) nor than notices plus the writer. Without --jobs the count comes from the cores and the
 * batch: a single notice runs on this thread alone (a second thread's start-up would cost more than it
 * saves), a batch on one thread per core, at most AUTO_THREADS_MAX. The output is the same either way.
 */
export function threadCount(jobs: number | undefined, notices: number, cores: number): number {
  if (jobs === undefined) return notices < 2 ? 1 : Math.max(1, Math.min(cores, notices + 1, AUTO_THREADS_MAX));
  return Math.max(1, Math.min(jobs, cores, notices + 1));
}

/** Runs notices one at a time on this thread, or on a pool of worker threads. */
interface Runner {
  run(job: WorkerJob, onStart: () => void): Promise<RunOutcome>;
  close(): Promise<void>;
}

/**
 * A notice taken by this thread: `extracted` once this thread is free for the next, `outcome` once its folder is
 * written.
 */
interface Taken {
  extracted: Promise<unknown>;
  outcome: Promise<RunOutcome>;
}

/**
 * Notices on this thread, one extraction at a time in the order given. Each folder goes to `writer`;
 * the next extraction starts as soon as the writer has room, so with a writer thread extracting one
 * notice and writing the one before run side by side.
 */
function thisThread(families: readonly Family[], writer: FolderWriter): (job: WorkerJob, onStart: () => void) => Taken {
  let previous: Promise<unknown> = Promise.resolve();
  return (job, onStart) => {
    const extracted = previous.then(async () => {
      await writer.ready();
      // Let finished writes and workers' answers in (and hand workers their next notices) before this thread works.
      await new Promise<void>((resolve) => setImmediate(resolve));
      onStart();
      return extractOne(job.file, job.id, families, job.options);
    });
    previous = extracted;
    // writeOne never rejects: a folder that cannot be written is its notice's outcome.
    return { extracted, outcome: extracted.then((e) => writeOne(job.file, e, writer)) };
  };
}

/** Notices on this thread only, each folder written here before the next notice starts. */
function inlineRunner(families: readonly Family[]): Runner {
  const take = thisThread(families, writeHere);
  return { run: (job, onStart) => take(job, onStart).outcome, close: async () => {} };
}

/**
 * Notices on this thread, its folders written by a writer thread, and on `workers` more worker
 * threads that each extract and write whole notices, all from one queue: each worker holds a
 * couple of notices ahead (pool.ts), this thread takes the next one whenever it is free. Workers
 * get the families already loaded, so none reads or validates them again.
 */
function sharedRunner(families: readonly Family[], workers: number): Runner {
  const writer = new WriterThread();
  const pool = workers > 0 ? new WorkerPool(workers, undefined, { families } satisfies WorkerStart) : null;
  const take = thisThread(families, writer);
  // Jobs in the pool's hands at most: enough to keep every worker's queue full.
  const ahead = workers * 2;
  let inPool = 0;
  const queue: { job: WorkerJob; onStart: () => void; settle: (o: RunOutcome) => void }[] = [];
  let inlineBusy = false;
  const pump = (): void => {
    while (pool && inPool < ahead && queue.length > 0) {
      const next = queue.shift() as (typeof queue)[number];
      inPool++;
      next.onStart();
      void pool.run(next.job).then((outcome) => {
        inPool--;
        next.settle(outcome);
        pump();
      });
    }
    if (!inlineBusy && queue.length > 0) {
      const next = queue.shift() as (typeof queue)[number];
      inlineBusy = true;
      const taken = take(next.job, next.onStart);
      void taken.outcome.then(next.settle);
      void taken.extracted.then(() => {
        inlineBusy = false;
        pump();
      });
    }
  };
  return {
    run: (job, onStart) =>
      new Promise<RunOutcome>((settle) => {
        queue.push({ job, onStart, settle });
        pump();
      }),
    close: async () => {
      await Promise.all([writer.close(), pool?.close()]);
    },
  };
}

/** Workers need the compiled worker module; under a TypeScript test runner the work stays on this thread. */
function canUseWorkers(): boolean {
  return import.meta.url.endsWith('.js');
}

/**
 * Per notice: records and findings by severity, what matching resolved and what awaits review, its first errors; a
 * skipped notice its stored summary; a failure as one line.
 */
function printOutcome(outcome: RunOutcome, debug: boolean): void {
  const err = (s: string): boolean => process.stderr.write(s + '\n');
  if (outcome.status === 'failed') {
    err(`notice-extract: ${outcome.message}`);
    if (debug && outcome.stack) err(outcome.stack);
    return;
  }
  const records = Object.entries(outcome.records)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const skipped = outcome.status === 'skipped' ? ' (unchanged, skipped; --force re-extracts)' : '';
  err(
    `${outcome.id}: ${records}; findings ${outcome.counts.error} error, ` +
      `${outcome.counts.warning} warning, ${outcome.counts.info} info${skipped}`,
  );
  if (outcome.matching.citations + outcome.matching.indicators > 0) err(`  ${summaryLine(outcome.matching)}`);
  for (const f of outcome.firstErrors) err(`  error ${f.code}: ${f.message}`);
}

/**
 * The batch summary: notices extracted, skipped and failed (a missing path counts as failed); errors, warnings and
 * review rows over all of them.
 */
export function batchLine(outcomes: readonly RunOutcome[], missing = 0): string {
  const done = outcomes.filter((o) => o.status !== 'failed');
  const sum = (f: (o: (typeof done)[number]) => number): number => done.reduce((n, o) => n + f(o), 0);
  const count = (status: RunOutcome['status']): number => outcomes.filter((o) => o.status === status).length;
  const inputs = outcomes.length + missing;
  return (
    `${inputs} ${inputs === 1 ? 'notice' : 'notices'}: ` +
    `${count('extracted')} extracted, ${count('skipped')} skipped, ${count('failed') + missing} failed; ` +
    `findings ${sum((o) => o.counts.error)} error, ${sum((o) => o.counts.warning)} warning; ` +
    `${sum((o) => o.matching.review_rows)} rows await review`
  );
}

/** A progress line that rewrites itself, only when stderr is a terminal; NO_COLOR turns off colour. */
function progressLine(total: number): (index: number, id: string) => void {
  if (!process.stderr.isTTY) return () => {};
  const dim = process.env['NO_COLOR'] ? (s: string) => s : (s: string) => `\u001b[2m${s}\u001b[22m`;
  return (index, id) => {
    process.stderr.write('\r\u001b[K');
    if (index >= 0) process.stderr.write(dim(`[${index + 1}/${total}] ${id}`) + '\r');
  };
}

/**
 * `notice-extract review serve [--port N] [--input PATH]... [--pipelines DIR] DIR...`: the review
 * workbench for the notices whose output folders are given (or folders holding them). A notice is
 * re-extracted from its input, found by notice id among `--input` (default `raw/`), since
 * notice.json records the input's hash but not its path. Runs until SIGINT or SIGTERM.
 */
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { serveWorkbench, type WorkbenchServer } from '../curation/server.js';
import { Workbench, type ServedNotice } from '../curation/workbench.js';
import { loadFamilies, pipelinesDir } from '../family/load.js';
import { EXIT } from './exitCodes.js';
import { expandInputs, noticeIdOf } from './extract.js';
import { runOne } from './runOne.js';
import { settleRemovals } from '../tool/writeAtomic.js';
import { leftBehindLine } from './leftBehind.js';

/** Options of `review serve`, as commander parses them. */
export interface ReviewServeOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** Inputs (files or folders) the notices are re-extracted from; default `raw`. */
  input?: string[];
  /** Folder of the families (default `pipelines/` of the project). */
  pipelines?: string;
}

/** A served notice, with how it was written (so re-extraction writes it the same way). */
interface NoticeSetup extends ServedNotice {
  /** CSVs carry a BOM. */
  bom: boolean;
  /** Extracted with --allow-partial. */
  allowPartial: boolean;
}

/** The notice output folders among DIRs: each DIR that holds notice.json, or its subfolders that do. */
export function noticeFolders(dirs: readonly string[]): { folders: string[]; problems: string[] } {
  const folders: string[] = [];
  const problems: string[] = [];
  for (const dir of dirs) {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) problems.push(`${dir}: no such folder`);
    else if (existsSync(join(dir, 'notice.json'))) folders.push(dir);
    else {
      const inside = readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'notice.json')))
        .map((d) => join(dir, d.name));
      if (inside.length === 0)
        problems.push(`${dir}: not a notice output folder (no notice.json in it or its subfolders)`);
      folders.push(...inside.sort());
    }
  }
  return { folders, problems };
}

/** Read what a notice folder records: its family and how it was written; find its input. */
function setupOf(folder: string, inputs: ReadonlyMap<string, string>, inputNames: string): NoticeSetup | string {
  const id = basename(folder);
  const notice = JSON.parse(readFileSync(join(folder, 'notice.json'), 'utf8')) as {
    pipeline?: { family?: string; allow_partial?: boolean };
  };
  const family = notice.pipeline?.family;
  if (!family) return `${folder}: notice.json names no family`;
  const input = inputs.get(id);
  if (!input) return `${folder}: no input ${id}.md among ${inputNames} (name it with --input)`;
  return { id, folder, family, input, bom: hasBom(folder), allowPartial: notice.pipeline?.allow_partial === true };
}

/** Whether a notice's CSVs were written with a BOM, read from the files themselves (review.csv is always written). */
export function hasBom(folder: string): boolean {
  const csvs = [
    'review.csv',
    ...readdirSync(folder)
      .filter((f) => f.endsWith('.csv'))
      .sort(),
  ];
  const csv = csvs.find((f) => existsSync(join(folder, f)));
  if (csv === undefined) return false;
  const fd = openSync(join(folder, csv), 'r');
  try {
    const head = Buffer.alloc(3);
    const read = readSync(fd, head, 0, 3, 0);
    return read === 3 && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf;
  } finally {
    closeSync(fd);
  }
}

/**
 * A workbench over notice folders, re-extracting with `runOne` as `extract --force` does; throws ConfigError for bad
 * family data.
 */
export function openWorkbench(dirs: readonly string[], opts: ReviewServeOptions): Workbench | string[] {
  const pipelines = opts.pipelines ?? pipelinesDir();
  const { folders, problems } = noticeFolders(dirs);
  const inputPaths = opts.input ?? ['raw'];
  const { files, missing } = expandInputs(inputPaths);
  problems.push(...missing.map((m) => `--input ${m}: no such file or folder`));
  const inputs = new Map(files.map((f) => [noticeIdOf(f), f] as const));
  const families = loadFamilies(pipelines);
  const setups: NoticeSetup[] = [];
  for (const folder of folders) {
    const setup = setupOf(folder, inputs, inputPaths.join(', '));
    if (typeof setup === 'string') problems.push(setup);
    else if (!families.some((f) => f.id === setup.family))
      problems.push(`${folder}: family "${setup.family}" is not in ${pipelines}`);
    else setups.push(setup);
  }
  if (problems.length > 0) return problems;
  if (setups.length === 0) return ['no notice folders to serve'];
  return new Workbench({
    notices: setups,
    familyFolder: (id) => families.find((f) => f.id === id)?.folder ?? join(pipelines, id),
    // Read again per decision: the decisions in force change the registry.
    policies: (id) => loadFamilies(pipelines).find((f) => f.id === id)?.policies ?? [],
    reextract: async (notices) => {
      // Families are read again: the decision just written changes them.
      const fresh = loadFamilies(pipelines);
      const failures: string[] = [];
      for (const n of notices) {
        const setup = setups.find((s) => s.id === n.id) as NoticeSetup;
        const outcome = await runOne(setup.input, setup.id, fresh, {
          out: dirname(setup.folder),
          bom: setup.bom,
          force: true,
          allowPartial: setup.allowPartial,
        });
        if (outcome.status === 'failed') failures.push(outcome.message);
      }
      return [...failures, ...(await settleRemovals()).map(leftBehindLine)];
    },
  });
}

/** Run `review serve` until SIGINT or SIGTERM; returns the exit code. */
export async function runReviewServe(dirs: string[], opts: ReviewServeOptions): Promise<number> {
  const opened = openWorkbench(dirs, opts);
  if (Array.isArray(opened)) {
    for (const p of opened) process.stderr.write(`notice-extract review serve: ${p}\n`);
    return EXIT.usage;
  }
  let server: WorkbenchServer;
  try {
    server = await serveWorkbench(opened, opts.port ?? 0);
  } catch (error) {
    // The port is taken or not ours to use: wrong usage, said in one line.
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EADDRINUSE' && code !== 'EACCES') throw error;
    process.stderr.write(`notice-extract review serve: cannot listen on 127.0.0.1:${opts.port ?? 0} (${code})\n`);
    return EXIT.usage;
  }
  const { counts } = opened.queue();
  process.stdout.write(`review workbench at ${server.url}\n`);
  process.stderr.write(
    `${counts.notices.length} notice(s); ` +
      `pending ${counts.spellings.policy} policy and ${counts.spellings.indicator} indicator spellings; Ctrl-C stops\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string): void => {
      process.stderr.write(`${signal}: stopping after the decisions under way\n`);
      void server.close().then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  process.stderr.write('review workbench stopped\n');
  return EXIT.ok;
}

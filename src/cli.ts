#!/usr/bin/env node
/**
 * The command line. Only commander is loaded up front: a subcommand's modules (the pipeline, the
 * registries, the review tools) are imported when that subcommand runs, so `--help` and
 * `--version` answer at once. Configuration errors are caught here, once, and printed one per line.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { EXIT, exitCodeRows } from './cli/exitCodes.js';
import { packageInfo } from './tool/projectRoot.js';

/**
 * A reader that stops early (`notice-extract --help | head -2`, `extract … | head`) closes the pipe:
 * what is left to print goes nowhere, and the work itself (writing the folders) carries on and ends
 * with its own exit code, instead of dying on an unhandled EPIPE with output half-written.
 */
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
  });
}

/** Exit code for wrong usage (sysexits EX_USAGE). */
export const EXIT_USAGE = EXIT.usage;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of 1 or more');
  return n;
}

function port(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535)
    throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return n;
}

function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

const HELP_FOOTER = `
Exit codes:
${exitCodeRows()
  .map((e) => `  ${String(e.code).padEnd(4)}${e.meaning.replace(/`/g, '')}`)
  .join('\n')}

Examples:
  $ notice-extract extract --out out raw
  $ notice-extract review accept out/yue-cai-gong-2023-126/review.csv
  $ notice-extract review serve --port 8080 out
  $ notice-extract corpus out --to corpus
  $ notice-extract diff out/notice-2023 out/notice-2024 --out diff
  $ notice-extract diff --corpus corpus 2024 2025
`;

const program = new Command('notice-extract')
  .description("Extract canonical JSON and CSV datasets from OCR'd Chinese fiscal notices")
  .version(packageInfo().version, '-V, --version', 'print the version')
  .addHelpText('after', HELP_FOOTER)
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command('extract')
  .description('extract every notice (Markdown file, or folder of them) into DIR/<notice-id>/')
  .argument('<inputs...>', 'Markdown files or folders holding them')
  .option('--out <dir>', 'output folder', 'out')
  .option('--strict', 'exit 1 when any notice has a finding of severity error')
  .option('--bom', 'start each CSV with a UTF-8 byte order mark, for Excel (declared utf-8-sig in datapackage.json)')
  .option('--no-bom', 'write CSV without the byte order mark (the default)')
  .option(
    '--jobs <n>',
    'threads to use (default: one per core, at most 4; 1 for a single notice); with 2, one extracts while ' +
      'the other writes the folders, beyond that whole notices run on worker threads',
    positiveInt,
  )
  .option('--force', 're-extract inputs whose output is up to date')
  .option('--allow-partial', 'extract notices whose required annexes are missing, with error findings')
  .option('--debug', 'show stack traces for input errors')
  .addHelpText('after', HELP_FOOTER)
  .action(async (inputs: string[], opts) => {
    const { runExtract } = await import('./cli/extract.js');
    process.exitCode = await runExtract(inputs, opts);
  });

program
  .command('corpus')
  .description(
    'stack the notice output folders under DIRs into one corpus: corpus.duckdb and Parquet partitioned by ' +
      'family and budget year',
  )
  .argument('<dirs...>', 'notice output folders (out/<id>/), or folders holding them (out/)')
  .requiredOption(
    '--to <corpus>',
    'corpus folder (created, or brought up to date: unchanged notices are not read again)',
  )
  .option('--pipelines <dir>', "folder of the family folders, for the fund names (default: the project's pipelines/)")
  .action(async (dirs: string[], opts: { to: string; pipelines?: string }) => {
    const { runCorpus } = await import('./cli/corpus.js');
    process.exitCode = await runCorpus(dirs, opts);
  });

program
  .command('diff')
  .description(
    "what changed from one year's notice of a fund to the next: money per recipient, targets, cited policies",
  )
  .argument('<old>', 'the earlier notice: its output folder, or with --corpus its budget year or notice id')
  .argument('<new>', 'the later notice, likewise')
  .option('--corpus <dir>', 'read both notices from this corpus')
  .option('--fund <name>', 'with --corpus: the fund, when the corpus holds several for a year')
  .option('--out <dir>', 'folder for diff.json, diff.csv and diff.html', 'diff')
  .option('--pipelines <dir>', "folder of the family folders, for the fund names (default: the project's pipelines/)")
  .option('--bom', 'start diff.csv with a UTF-8 byte order mark, for Excel (as extract --bom does)')
  .action(
    async (
      oldRef: string,
      newRef: string,
      opts: { corpus?: string; fund?: string; out: string; pipelines?: string; bom?: boolean },
    ) => {
      const { runDiff } = await import('./cli/diff.js');
      process.exitCode = await runDiff(oldRef, newRef, opts);
    },
  );

const review = program.command('review').description("work with a notice's review.csv");

review
  .command('accept')
  .description(
    "record the decisions of a review.csv (accept, reject with a reason, new) in the family's decisions.json",
  )
  .argument(
    '<review.csv>',
    'review sheet with decision (and policy_or_indicator_id, reason) filled in; UTF-8 or GB18030',
  )
  .option('--family <id>', 'family whose decisions change (default: the one in notice.json beside the sheet)')
  .option('--pipelines <dir>', "folder of the family folders (default: the project's pipelines/)")
  .action(async (file: string, opts: { family?: string; pipelines?: string }) => {
    const { runReviewAccept } = await import('./cli/review.js');
    process.exitCode = runReviewAccept(file, opts);
  });

review
  .command('serve')
  .description(
    'the review workbench on 127.0.0.1: decide pending citations and indicators of notice output folders in a browser',
  )
  .argument('<dirs...>', 'notice output folders (out/<id>/), or folders holding them (out/)')
  .option('--port <n>', 'port on 127.0.0.1 (default 0: a free one)', port)
  .option(
    '--input <path>',
    'input file or folder the notices are re-extracted from, by notice id (repeatable; default raw)',
    collect,
  )
  .option('--pipelines <dir>', "folder of the family folders (default: the project's pipelines/)")
  .action(async (dirs: string[], opts: { port?: number; input?: string[]; pipelines?: string }) => {
    const { runReviewServe } = await import('./cli/serve.js');
    process.exitCode = await runReviewServe(dirs, opts);
  });

/** Calls that write: their refusal means an output cannot be made (73), any other an input cannot be read (2). */
const WRITE_CALLS = new Set(['mkdir', 'rename', 'rmdir', 'rm', 'unlink', 'write', 'copyfile', 'symlink', 'mkdtemp']);

/** An error a file system raised for a path (it carries an errno code and the call that failed). */
function isFsRefusal(error: unknown): error is NodeJS.ErrnoException {
  const e = error as NodeJS.ErrnoException | null;
  return e instanceof Error && typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code) && typeof e.syscall === 'string';
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are not errors; everything else commander rejects is wrong usage.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    const { ConfigError, configLine } = await import('./family/configError.js');
    if (error instanceof ConfigError) {
      for (const p of error.problems) process.stderr.write(`notice-extract: ${configLine(p)}\n`);
      process.exitCode = EXIT.config;
    } else if (isFsRefusal(error)) {
      // A file system that refuses is not a bug: one line naming the path (EACCES, ENOTDIR, EROFS, …).
      process.stderr.write(`notice-extract: ${error.message.split('\n')[0]}\n`);
      process.exitCode = WRITE_CALLS.has(error.syscall ?? '') ? EXIT.cantCreate : EXIT.inputFailed;
    } else {
      process.stderr.write(`notice-extract: internal error: ${(error as Error).stack ?? String(error)}\n`);
      process.exitCode = EXIT.internal;
    }
  }
}

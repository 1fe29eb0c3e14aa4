#!/usr/bin/env node
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { runExtract } from './cli/extract.js';
import { runReviewAccept } from './cli/review.js';

/** Exit code for wrong usage (sysexits EX_USAGE). */
export const EXIT_USAGE = 64;

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of 1 or more');
  return n;
}

const program = new Command('notice-extract')
  .description('Extract canonical JSON and CSV datasets from OCR\'d Chinese fiscal notices')
  .exitOverride()
  .configureOutput({ writeErr: (s) => process.stderr.write(s) });

program
  .command('extract')
  .description('extract every notice (Markdown file, or folder of them) into DIR/<notice-id>/')
  .argument('<inputs...>', 'Markdown files or folders holding them')
  .option('--out <dir>', 'output folder', 'out')
  .option('--strict', 'exit 1 when any notice has a finding of severity error')
  .option('--no-bom', 'write CSV without the UTF-8 byte order mark')
  .option('--jobs <n>', 'notices extracted at once, on worker threads (default 1)', positiveInt)
  .option('--force', 're-extract inputs whose output is up to date')
  .option('--allow-partial', 'extract notices whose required annexes are missing, with error findings')
  .option('--debug', 'show stack traces for input errors')
  .action(async (inputs: string[], opts) => {
    process.exitCode = await runExtract(inputs, opts);
  });

const review = program.command('review').description("work with a notice's review.csv");

review
  .command('accept')
  .description('add the rows marked accept in a review.csv to the family registries as aliases')
  .argument('<review.csv>', 'review sheet with decision and policy_or_indicator_id filled in')
  .option('--family <id>', 'family whose registries change (default: the one in notice.json beside the sheet)')
  .option('--pipelines <dir>', 'folder of the family folders (default: the project\'s pipelines/)')
  .action((file: string, opts: { family?: string; pipelines?: string }) => {
    process.exitCode = runReviewAccept(file, opts);
  });

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Help and version are not errors; everything else commander rejects is wrong usage.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT_USAGE;
  } else {
    process.stderr.write(`notice-extract: internal error: ${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 70;
  }
}

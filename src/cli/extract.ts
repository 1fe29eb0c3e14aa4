import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import pLimit from 'p-limit';
import { loadFamilies } from '../family/load.js';
import { writeFolderAtomically } from '../emit/writeAtomic.js';
import { extractNotice } from '../pipeline.js';
import { InputError } from '../read/inputError.js';

/** Options of `notice-extract extract`, as commander parses them. */
export interface ExtractCliOptions {
  out: string;
  strict?: boolean;
  bom: boolean;
  jobs?: number;
  force?: boolean;
  allowPartial?: boolean;
  debug?: boolean;
}

/** Exit codes of the contract. */
export const EXIT = { ok: 0, strictErrors: 1, inputFailed: 2, usage: 64 } as const;

/** Expand folders into their Markdown files, sorted; a path that does not exist is wrong usage. */
export function expandInputs(inputs: readonly string[]): string[] | string {
  const files: string[] = [];
  for (const input of inputs) {
    if (!existsSync(input)) return `${input}: no such file or folder`;
    if (statSync(input).isDirectory()) {
      files.push(
        ...readdirSync(input)
          .filter((n) => /\.(md|markdown)$/i.test(n))
          .sort()
          .map((n) => join(input, n)),
      );
    } else files.push(input);
  }
  return files;
}

/** The notice id of an input: its file name without the extension. */
export function noticeIdOf(file: string): string {
  return basename(file, extname(file));
}

/** Run the extract command; returns the exit code. */
export async function runExtract(inputs: string[], opts: ExtractCliOptions): Promise<number> {
  const files = expandInputs(inputs);
  if (typeof files === 'string') {
    process.stderr.write(`notice-extract: ${files}\n`);
    return EXIT.usage;
  }
  if (files.length === 0) {
    process.stderr.write(`notice-extract: no Markdown notices in ${inputs.join(', ')}\n`);
    return EXIT.usage;
  }
  const ids = files.map(noticeIdOf);
  const duplicate = ids.find((id, i) => ids.indexOf(id) !== i);
  if (duplicate) {
    process.stderr.write(`notice-extract: two inputs share the notice id "${duplicate}"\n`);
    return EXIT.usage;
  }
  const families = loadFamilies();
  const limit = pLimit(opts.jobs ?? 1);
  const tty = process.stderr.isTTY === true;
  let failed = 0;
  let withErrors = 0;
  await Promise.all(
    files.map((file) =>
      limit(async () => {
        const id = noticeIdOf(file);
        try {
          const result = extractNotice(file, id, readFileSync(file), families, { bom: opts.bom, allowPartial: opts.allowPartial === true });
          writeFolderAtomically(join(opts.out, id), result.files);
          const counts = { error: 0, warning: 0, info: 0 };
          for (const f of result.findings) counts[f.severity]++;
          if (counts.error > 0) withErrors++;
          const records = Object.entries(result.recordCounts).map(([k, v]) => `${k} ${v}`).join(', ');
          process.stderr.write(`${id}: ${records}; findings ${counts.error} error, ${counts.warning} warning, ${counts.info} info\n`);
          for (const f of result.findings.filter((x) => x.severity === 'error').slice(0, 5)) {
            process.stderr.write(`  error ${f.code}: ${f.message}\n`);
          }
        } catch (error) {
          failed++;
          if (error instanceof InputError) {
            process.stderr.write(`notice-extract: ${error.message}\n`);
            if (opts.debug) process.stderr.write(`${error.stack}\n`);
          } else {
            process.stderr.write(`notice-extract: ${file}: internal error: ${(error as Error).message}\n`);
            if (opts.debug || !tty) process.stderr.write(`${(error as Error).stack}\n`);
          }
        }
      }),
    ),
  );
  if (failed > 0) return EXIT.inputFailed;
  if (opts.strict && withErrors > 0) return EXIT.strictErrors;
  return EXIT.ok;
}

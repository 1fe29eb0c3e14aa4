/**
 * `notice-extract corpus DIR… --to CORPUS`: stack every notice output folder under DIR… into one
 * corpus (DuckDB file and Hive-partitioned Parquet), bringing an existing one up to date. One line
 * per unreadable folder on stderr and exit 2; the others are still loaded.
 */
import { buildCorpus } from '../corpus/build.js';
import { loadFamilies } from '../family/load.js';
import { EXIT } from './exitCodes.js';

/** Options of `corpus`, as commander parses them. */
export interface CorpusCliOptions {
  /** The corpus folder. */
  to: string;
  /** Folder of the family folders (default: the project's pipelines/). */
  pipelines?: string;
}

/** Run `corpus`; returns the exit code. */
export async function runCorpus(dirs: string[], opts: CorpusCliOptions): Promise<number> {
  const err = (s: string): boolean => process.stderr.write(`notice-extract corpus: ${s}\n`);
  const families = loadFamilies(opts.pipelines);
  const summary = await buildCorpus(dirs, { to: opts.to, families });
  for (const m of summary.missing) err(`${m}: no such folder`);
  for (const f of summary.failed) err(f.message);
  for (const f of summary.findings) err(`${f.severity}: ${f.code}: ${f.message}`);
  const held = summary.added.length + summary.updated.length + summary.unchanged;
  err(
    `${opts.to}: ${held} notice(s) from ${summary.found} folder(s): ${summary.added.length} added, ` +
      `${summary.updated.length} updated, ${summary.unchanged} unchanged (not read), ${summary.removed.length} removed`,
  );
  if (summary.found === 0 && summary.missing.length === 0) {
    err(`no notice folders (with notice.json) under ${dirs.join(', ')}`);
    return EXIT.usage;
  }
  return summary.failed.length > 0 || summary.missing.length > 0 ? EXIT.inputFailed : EXIT.ok;
}

/**
 * `notice-extract diff OLD NEW [--corpus DIR] [--fund NAME] [--out DIR]`: what changed from one
 * notice of a fund to the next, as diff.json, diff.csv and diff.html in --out, and one line per
 * section on stderr. OLD and NEW are notice output folders, or with --corpus budget years, notice
 * ids or document numbers of the corpus.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DiffCsvRow, DiffJson } from '../../schemas/diff.js';
import { fundReader } from '../corpus/fund.js';
import { NoticeFolderError } from '../corpus/noticeFolder.js';
import { compareNotices } from '../diff/compare.js';
import { diffPage } from '../diff/page.js';
import { diffRows, summaryLines } from '../diff/rows.js';
import { DiffInputError, snapshotFromFolder, snapshotsFromCorpus, type NoticeSnapshot } from '../diff/snapshot.js';
import { toCsv } from '../emit/csv.js';
import { fieldsOf } from '../emit/fields.js';
import { writeFileAtomically } from '../tool/writeAtomic.js';
import { loadFamilies } from '../family/load.js';
import { EXIT } from './exitCodes.js';

/** Options of `diff`, as commander parses them. */
export interface DiffCliOptions {
  /** Read both notices from this corpus. */
  corpus?: string;
  /** With --corpus: the fund, when a year holds several. */
  fund?: string;
  /** Folder for diff.json, diff.csv and diff.html. */
  out: string;
  /** Folder of the family folders. */
  pipelines?: string;
  /** Start diff.csv with a byte order mark (`--bom`); without it, none, as extract's CSV. */
  bom?: boolean;
}

/** Run `diff`; returns the exit code. */
export async function runDiff(oldRef: string, newRef: string, opts: DiffCliOptions): Promise<number> {
  const err = (s: string): boolean => process.stderr.write(`notice-extract diff: ${s}\n`);
  const funds = fundReader(loadFamilies(opts.pipelines));
  let snapshots: [NoticeSnapshot, NoticeSnapshot];
  try {
    if (opts.corpus !== undefined) snapshots = await snapshotsFromCorpus(opts.corpus, [oldRef, newRef], opts.fund);
    else {
      for (const ref of [oldRef, newRef]) {
        if (!existsSync(ref) || !statSync(ref).isDirectory())
          throw new DiffInputError(`${ref}: no such notice folder (or give --corpus DIR to name years)`);
      }
      snapshots = [snapshotFromFolder(oldRef, funds), snapshotFromFolder(newRef, funds)];
    }
  } catch (error) {
    if (error instanceof DiffInputError) {
      err(error.message);
      return error.usage ? EXIT.usage : EXIT.inputFailed;
    }
    if (error instanceof NoticeFolderError) {
      err(error.message);
      return EXIT.inputFailed;
    }
    throw error;
  }
  // The schema is checked on the way out: a diff that does not match it is a bug, not a file to write.
  const diff = DiffJson.parse(compareNotices(...snapshots));
  const lines = summaryLines(diff);
  mkdirSync(opts.out, { recursive: true });
  writeFileAtomically(join(opts.out, 'diff.json'), JSON.stringify(diff, null, 2) + '\n');
  writeFileAtomically(
    join(opts.out, 'diff.csv'),
    toCsv(diffRows(diff), fieldsOf(DiffCsvRow), { bom: opts.bom === true }),
  );
  writeFileAtomically(join(opts.out, 'diff.html'), diffPage(diff, lines));
  for (const line of lines) process.stderr.write(`${line}\n`);
  for (const f of diff.findings) err(`${f.severity}: ${f.code}: ${f.message}`);
  return EXIT.ok;
}

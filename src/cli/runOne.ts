import { existsSync, readFileSync, statSync } from 'node:fs';
import { WORKSHEETS } from '../../schemas/index.js';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { noticeFolder, type NoticeFiles } from '../emit/noticeFiles.js';
import { fsReason, isFsError, writeFolderAtomically } from '../tool/writeAtomic.js';
import { toolVersion } from '../family/load.js';
import type { Family } from '../family/spec.js';
import type { Severity } from '../findings/codes.js';
import type { Finding } from '../findings/finding.js';
import { assembleNoticeFolder } from '../files/assemble.js';
import { folderManifest } from '../files/folder.js';
import { extractNotice } from '../pipeline.js';
import { InputError } from '../read/inputError.js';
import { MAX_INPUT_BYTES } from '../read/readInput.js';
import type { MatchSummary } from '../review/summary.js';

/** Options for one notice. */
export interface RunOptions {
  out: string;
  bom: boolean;
  force: boolean;
  allowPartial: boolean;
}

/**
 * What the CLI prints of a notice: records, findings, matching, its first errors (from the run, or from the stored
 * report of a skipped notice).
 */
export interface NoticeSummary {
  id: string;
  /** Records per dataset. */
  records: Record<string, number>;
  /** Findings per severity. */
  counts: Record<Severity, number>;
  /** The first few errors. */
  firstErrors: Finding[];
  /** What matching resolved and what awaits review. */
  matching: MatchSummary;
}

/** What happened to one input. */
export type RunOutcome =
  | ({ status: 'extracted' } & NoticeSummary)
  | ({ status: 'skipped' } & NoticeSummary)
  | { status: 'failed'; id: string; message: string; stack?: string };

/** Where a notice's folder is written: on this thread, or by a writer thread (writerThread.ts). */
export interface FolderWriter {
  /** Write one notice's folder; resolves once it is in place, rejects when it could not be written. */
  write(target: string, files: NoticeFiles): Promise<void>;
  /** Resolves when the writer can take one more folder without holding more than it should (memory stays bounded). */
  ready(): Promise<void>;
}

/** Folders written on this thread, each before the next notice starts. */
export const writeHere: FolderWriter = {
  write: async (target, files) => writeFolderAtomically(target, noticeFolder(files)),
  ready: async () => {},
};

/**
 * A notice as this thread leaves it: its outcome if it is written, and its folder still to write (none when skipped or
 * failed).
 */
export interface Extracted {
  outcome: RunOutcome;
  folder?: { target: string; files: NoticeFiles };
}

/**
 * Read, extract and write one notice; an unchanged input whose output is current is skipped unless forced. Never
 * rejects.
 */
export function runOne(
  file: string,
  id: string,
  families: readonly Family[],
  options: RunOptions,
  writer: FolderWriter = writeHere,
): Promise<RunOutcome> {
  return extractOne(file, id, families, options).then((extracted) => writeOne(file, extracted, writer));
}

/**
 * The part of a notice that is work for this thread: read it, check whether its output is current, extract it and
 * render its files but the record files, which the writer makes piece by piece as it writes them.
 */
export async function extractOne(
  file: string,
  id: string,
  families: readonly Family[],
  options: RunOptions,
): Promise<Extracted> {
  try {
    const stat = statSync(file);
    // Checked before reading, so a huge file never enters memory.
    if (stat.size > MAX_INPUT_BYTES)
      throw new InputError(file, `file is ${stat.size} bytes, more than the ${MAX_INPUT_BYTES} a notice can be`);
    // A notice folder is identified by its manifest (file names and hashes), a file by its bytes.
    const bytes = stat.isDirectory() ? folderManifest(file) : readFileSync(file);
    const target = join(options.out, id);
    const current = options.force ? null : currentOutput(target, bytes, options, families);
    if (current) return { outcome: { status: 'skipped', ...current, id } };
    const input = stat.isDirectory() ? await assembleNoticeFolder(file, bytes) : bytes;
    const result = extractNotice(file, id, input, families, {
      bom: options.bom,
      allowPartial: options.allowPartial,
      deferRecordFiles: true,
    });
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of result.findings) counts[f.severity]++;
    const outcome: RunOutcome = {
      status: 'extracted',
      id,
      records: result.recordCounts,
      counts,
      firstErrors: firstErrors(result.findings),
      matching: result.matching,
    };
    return { outcome, folder: { target, files: result } };
  } catch (error) {
    return { outcome: failed(file, id, error) };
  }
}

/** Write an extracted notice's folder; a folder that cannot be written fails this notice only. Never rejects. */
export async function writeOne(
  file: string,
  extracted: Extracted,
  writer: FolderWriter = writeHere,
): Promise<RunOutcome> {
  if (!extracted.folder) return extracted.outcome;
  try {
    await writer.write(extracted.folder.target, extracted.folder.files);
    return extracted.outcome;
  } catch (error) {
    return failed(file, extracted.outcome.id, error);
  }
}

/** A failure as the CLI reports it: an unreadable input in its own words, anything else as an internal error. */
function failed(file: string, id: string, error: unknown): RunOutcome {
  if (error instanceof InputError)
    return { status: 'failed', id, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  const e = error as Error;
  // A file system that refuses (EACCES, ENOTDIR, EROFS, ENOSPC, …) is not a bug: its own line names the path.
  if (isFsError(error))
    return { status: 'failed', id, message: `${file}: ${fsReason(error)}`, ...(e.stack ? { stack: e.stack } : {}) };
  return {
    status: 'failed',
    id,
    message: `${file}: internal error: ${e.message}`,
    ...(e.stack ? { stack: e.stack } : {}),
  };
}

/**
 * An output folder is current when its notice.json records this input's sha256, the same family
 * version and folder hash, the same tool version and --allow-partial choice, its CSVs were written
 * with the same BOM choice and still match the hashes in datapackage.json, and every other file is
 * there. Returns the summary stored in its report (so --strict still sees a skipped notice's errors), else null.
 */
function currentOutput(
  target: string,
  bytes: Buffer,
  options: RunOptions,
  families: readonly Family[],
): NoticeSummary | null {
  const read = <T>(name: string): T => JSON.parse(readFileSync(join(target, name), 'utf8')) as T;
  try {
    const notice = read<{
      notice_id?: string;
      input_sha256?: string;
      pipeline?: { family?: string; family_sha256?: string; tool?: string; allow_partial?: boolean };
    }>('notice.json');
    const pkg = read<{ resources?: { path: string; hash?: string }[] }>('datapackage.json');
    const report = read<{
      records?: Record<string, number>;
      counts: Record<Severity, number>;
      matching: MatchSummary;
      findings: Finding[];
    }>('report.json');
    const p = notice.pipeline;
    const same =
      notice.input_sha256 === sha256(bytes) &&
      p?.family !== undefined &&
      p.family_sha256 === families.find((f) => f.id === p.family)?.fingerprint &&
      p.tool === toolVersion() &&
      p.allow_partial === options.allowPartial &&
      (pkg.resources ?? []).every(
        (r) =>
          sameCsv(readFileSync(join(target, r.path)), r.hash, options.bom) &&
          (WORKSHEETS.some((w) => r.path === `${w.name}.csv`) ||
            existsSync(join(target, r.path.replace(/\.csv$/, '.json')))),
      ) &&
      existsSync(join(target, `${notice.notice_id ?? ''}.xlsx`));
    if (!same || !report.records) return null;
    return {
      id: notice.notice_id ?? '',
      records: report.records,
      counts: report.counts,
      matching: report.matching,
      firstErrors: firstErrors(report.findings),
    };
  } catch (error) {
    // A missing or unparsable file means the output is not current; any other failure is a bug.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) return null;
    throw error;
  }
}

/** The errors a summary shows. */
function firstErrors(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error').slice(0, 5);
}

/** A CSV is current when it still has its recorded hash and was written with the same BOM choice. */
function sameCsv(bytes: Buffer, hash: string | undefined, bom: boolean): boolean {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  return hasBom === bom && hash === `sha256:${sha256(bytes)}`;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

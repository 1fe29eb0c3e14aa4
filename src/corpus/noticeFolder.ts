/**
 * Notice output folders (`out/<id>/`) as the corpus reads them: found under the folders given,
 * their notice.json read first (small) to decide whether the rest need reading at all, then their
 * datasets and report.json, each checked against its schema. A folder that cannot be read is a
 * NoticeFolderError naming the file and the reason.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { envelope } from '../../schemas/common.js';
import { DATASETS } from '../../schemas/index.js';
import { NoticeJson } from '../../schemas/notice.js';
import { ReportJson, type FindingRow } from '../../schemas/report.js';
import { byCodeUnits } from '../normalize/order.js';

/** A notice folder that cannot be read: the file and what is wrong with it. */
export class NoticeFolderError extends Error {
  constructor(
    /** The file (or folder) at fault. */
    readonly file: string,
    /** What is wrong, in one line. */
    readonly reason: string,
  ) {
    super(`${file}: ${reason}`);
  }
}

/** A notice folder once its notice.json is read. */
export interface NoticeHead {
  /** The folder. */
  folder: string;
  /** Its notice.json, validated. */
  notice: NoticeJson;
  /** sha256 over notice.json and the size and time of every other file the corpus reads: equal means unchanged. */
  fingerprint: string;
}

/** A notice's rows: each dataset's records by name, and report.json's findings. */
export interface NoticeRecords {
  /** Records per dataset name (allocations, details, …), as validated plain objects. */
  datasets: Map<string, Record<string, unknown>[]>;
  /** The findings of report.json. */
  findings: FindingRow[];
}

/** Files of a notice folder the corpus reads besides notice.json. */
const DATA_FILES = [...DATASETS.map((d) => `${d.name}.json`), 'report.json'];

/**
 * Every notice folder (one holding notice.json) at or under the given paths, each once: in the order
 * the paths are given, sorted under each. Paths that do not exist are returned apart. Symbolic links
 * are not followed.
 */
export function findNoticeFolders(roots: readonly string[]): { folders: string[]; missing: string[] } {
  const folders = new Set<string>();
  const missing: string[] = [];
  const walk = (dir: string): void => {
    if (existsSync(join(dir, 'notice.json'))) {
      folders.add(dir);
      return;
    }
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => byCodeUnits(a.name, b.name))) {
      // Folders set aside by an extract in progress (`<id>.tmp-PID`, `<id>.old-PID-N`) are not notices yet.
      if (entry.isDirectory() && !/\.(tmp|old)-\d/.test(entry.name)) walk(join(dir, entry.name));
    }
  };
  for (const root of roots) {
    if (!existsSync(root) || !statSync(root).isDirectory()) missing.push(root);
    else walk(root);
  }
  return { folders: [...folders], missing };
}

/** A file's bytes, or a NoticeFolderError naming it. */
function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (error) {
    throw new NoticeFolderError(
      file,
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'missing' : (error as Error).message,
    );
  }
}

/** Parse a JSON file with a schema, or a NoticeFolderError naming the file. */
function readJson<T extends z.ZodType>(file: string, schema: T, bytes = readBytes(file)): z.infer<T> {
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    if (error instanceof SyntaxError) throw new NoticeFolderError(file, `not JSON: ${error.message}`);
    throw error;
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new NoticeFolderError(
      file,
      `does not match its schema: ${first ? `${first.path.join('.') || '(root)'}: ${first.message}` : 'invalid'}`,
    );
  }
  return parsed.data;
}

/** Read a folder's notice.json and fingerprint the files behind it, without reading them. */
export function readNoticeHead(folder: string): NoticeHead {
  const noticeFile = join(folder, 'notice.json');
  const bytes = readBytes(noticeFile);
  const notice = readJson(noticeFile, NoticeJson, bytes);
  const hash = createHash('sha256').update(bytes);
  for (const name of DATA_FILES) {
    const file = join(folder, name);
    if (!existsSync(file)) throw new NoticeFolderError(file, 'missing');
    const stat = statSync(file);
    // Whole milliseconds: what every file system and copy tool keeps of a time.
    hash.update(`\0${name}\0${stat.size}\0${Math.floor(stat.mtimeMs)}`);
  }
  return { folder, notice, fingerprint: hash.digest('hex') };
}

const envelopes = new Map(DATASETS.map((d) => [d.name, envelope(d.name, d.major, d.record)] as const));

/** Read a folder's datasets and findings, each file checked against its schema and its notice id. */
export function readNoticeRecords(head: NoticeHead): NoticeRecords {
  const datasets = new Map<string, Record<string, unknown>[]>();
  for (const [name, schema] of envelopes) {
    const file = join(head.folder, `${name}.json`);
    const data = readJson(file, schema);
    if (data.notice_id !== head.notice.notice_id) {
      throw new NoticeFolderError(
        file,
        `notice_id "${data.notice_id}" is not notice.json's "${head.notice.notice_id}"`,
      );
    }
    datasets.set(name, data.records as Record<string, unknown>[]);
  }
  const report = readJson(join(head.folder, 'report.json'), ReportJson);
  return { datasets, findings: report.findings };
}

/**
 * Atomic writes, in one place: a notice's output folder (written beside its target and swapped in),
 * a single file (diff outputs, decisions.json), the out folder made ready, and the leftovers of a
 * killed run swept. The corpus's Parquet files are the one other rename: DuckDB writes each under a
 * hidden name and the store renames it when its transaction commits (corpus/store.ts).
 */
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { writeContent, type FileContent } from './byteSink.js';

/** Previous outputs set aside and being removed on the threadpool; `settleRemovals` waits for them. */
const removals = new Set<Promise<void>>();
/** Removals that failed, as `folder: why`, until `settleRemovals` hands them over. */
const leftBehind: string[] = [];
let setAside = 0;

/**
 * Write a notice's files into a temporary folder beside the target, then swap it in with renames,
 * so a failure leaves the previous output (or nothing) rather than half a folder. The previous
 * output, once out of the way, is removed in the background: its hundreds of unlinks need not hold
 * up the next notice. Whoever writes folders awaits `settleRemovals` before it finishes.
 */
export function writeFolderAtomically(target: string, files: ReadonlyMap<string, FileContent>): void {
  const temp = `${target}.tmp-${process.pid}`;
  const old = `${target}.old-${process.pid}-${setAside++}`;
  rmSync(temp, { recursive: true, force: true });
  // Not recursive: the out folder exists (prepareOutFolder), and Node's recursive mkdir spins on /proc.
  mkdirSync(temp);
  let moved = false;
  try {
    // In order: a file written piece by piece may depend on those before it (datapackage.json on the CSVs).
    for (const [name, content] of files) writeContent(join(temp, name), content);
    try {
      renameSync(target, old);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    // Put the previous output back if it was already moved aside.
    if (moved) renameSync(old, target);
    throw error;
  }
  if (!moved) return;
  const removal: Promise<void> = rm(old, { recursive: true, force: true })
    .catch((error: Error) => void leftBehind.push(`${old}: ${error.message}`))
    .finally(() => removals.delete(removal));
  removals.add(removal);
}

/**
 * Wait until every previous output set aside has been removed; returns the folders that could not be (`folder: why`),
 * for the caller to report.
 */
export async function settleRemovals(): Promise<string[]> {
  while (removals.size > 0) await Promise.all([...removals]);
  return leftBehind.splice(0);
}

/** Write one file through a temporary name beside it, so a reader sees the old content or the new, never half of it. */
export function writeFileAtomically(file: string, content: string | Uint8Array): void {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/** The out folder cannot be used: it is a file, cannot be created, or cannot be written. */
export class OutFolderError extends Error {
  constructor(
    readonly folder: string,
    reason: string,
  ) {
    super(`${folder}: ${reason}`);
    this.name = 'OutFolderError';
  }
}

/**
 * Make sure `out` is a folder this process can write, creating it (and its missing parents) one
 * level at a time: Node's recursive mkdir loops forever under /proc. Throws OutFolderError.
 */
export function prepareOutFolder(out: string): void {
  const missing: string[] = [];
  let at = resolve(out);
  for (;;) {
    let isDirectory: boolean;
    try {
      isDirectory = statSync(at).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' || dirname(at) === at) throw new OutFolderError(out, fsReason(error));
      missing.unshift(at);
      at = dirname(at);
      continue;
    }
    if (!isDirectory) throw new OutFolderError(out, `${at} is not a folder (ENOTDIR)`);
    break;
  }
  try {
    for (const folder of missing) mkdirSync(folder);
    accessSync(out, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw new OutFolderError(out, fsReason(error));
  }
}

/** A file-system error as one line: what was done to which path, and why (`EACCES: permission denied, mkdir '/x'`). */
export function fsReason(error: unknown): string {
  return error instanceof Error ? (error.message.split('\n')[0] ?? String(error)) : String(error);
}

/** Error codes of a file system that refuses a write; reported as the path and the reason, not as a bug. */
export const FS_WRITE_CODES: ReadonlySet<string> = new Set([
  'EACCES',
  'EPERM',
  'ENOTDIR',
  'EISDIR',
  'EROFS',
  'ENOSPC',
  'EDQUOT',
  'EEXIST',
  'ENOENT',
  'ENAMETOOLONG',
  'EMFILE',
  'ENFILE',
  'EIO',
  'ELOOP',
  'EXDEV',
  'EBUSY',
  'ENOTEMPTY',
  'EFBIG',
]);

/** True when `error` is a file-system refusal (FS_WRITE_CODES) rather than a bug. */
export function isFsError(error: unknown): error is NodeJS.ErrnoException {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return (
    typeof code === 'string' && FS_WRITE_CODES.has(code) && typeof (error as NodeJS.ErrnoException).syscall === 'string'
  );
}

/** What the stale-folder sweep did to a folder a killed run left in the out folder. */
export interface StaleFolder {
  folder: string;
  /** `removed`, or `restored` (a previous output set aside whose replacement never arrived). */
  action: 'removed' | 'restored';
  pid: number;
}

/** True while a process with this id runs (signal 0 only asks; EPERM means it runs as another user). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Sweep the folders a run killed mid-write left in `out`: `<id>.tmp-<pid>` (a folder half written)
 * is removed, `<id>.old-<pid>-<n>` (the previous output set aside) is removed when `<id>` is in place
 * and put back when it is not. Only folders whose process is gone are touched; a run still writing
 * keeps its own.
 */
export function sweepStaleFolders(out: string): StaleFolder[] {
  const done: StaleFolder[] = [];
  for (const name of readdirSync(out)) {
    const stale = /^(.+)\.(tmp|old)-([0-9]{1,10})(?:-[0-9]{1,10})?$/.exec(name);
    if (!stale) continue;
    const [, id = '', kind, digits = ''] = stale;
    const pid = Number(digits);
    if (pid === process.pid || alive(pid)) continue;
    const folder = join(out, name);
    if (kind === 'old' && !existsSync(join(out, id))) {
      renameSync(folder, join(out, id));
      done.push({ folder, action: 'restored', pid });
    } else {
      rmSync(folder, { recursive: true, force: true });
      done.push({ folder, action: 'removed', pid });
    }
  }
  return done;
}

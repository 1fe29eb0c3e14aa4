/**
 * The messages between a thread and its writer thread (writer.ts, writerThread.ts), in a module of its own so neither
 * loads the other.
 */
import type { NoticeFiles } from '../emit/noticeFiles.js';

/** A folder to write: where, the files rendered already, and what the record files are made from. */
export interface WriteJob {
  target: string;
  files: Pick<NoticeFiles, 'files' | 'records' | 'recordFilesRendered'>;
}

/** The writer's answer to a job, in the order the jobs came: nothing, or why the folder could not be written. */
export interface WriteDone {
  error?: string;
  /** The file-system error code (EACCES, ENOSPC, …), so the sender reports it as such and not as a bug. */
  code?: string;
  /** The call that failed (mkdir, open, rename), with `code`. */
  syscall?: string;
}

/** Asked last, before the writer is stopped: answered once every previous output set aside is removed. */
export const SETTLE = 'settle';

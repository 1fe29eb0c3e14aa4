import type { NoticeFiles } from '../emit/noticeFiles.js';
import { AnsweringWorker } from './answeringWorker.js';
import { writeHere, type FolderWriter } from './runOne.js';
import { SETTLE, type WriteDone, type WriteJob } from './writerProtocol.js';

/**
 * Folders handed to the writer and not yet written, at most, before this thread waits: one being
 * written and one ready behind it keep the writer busy, and memory holds no more than two notices' files.
 */
const AHEAD = 2;

/**
 * Records above which a notice's folder is written on this thread instead: sent to the writer, its records would be
 * copied (structured clone) and held twice while the next notice is read. A notice this large takes seconds to
 * extract, so writing it here costs the batch little.
 */
export const CLONE_LIMIT = 20_000;

/** Whether a folder goes to the writer thread: unless its records are too many to copy. */
export function sentToWriter(files: Pick<NoticeFiles, 'recordCounts'>): boolean {
  let records = 0;
  for (const count of Object.values(files.recordCounts)) records += count;
  return records <= CLONE_LIMIT;
}

/**
 * A worker thread that renders record files and workbooks and writes folders (writer.ts) for the
 * notices this thread extracts, so extracting one notice and writing the one before it run side by side. A writer that
 * dies fails the folder it was writing; the rest are written on this thread.
 */
export class WriterThread implements FolderWriter {
  private readonly worker: AnsweringWorker<WriteDone | typeof SETTLE>;
  /** Folders sent and not yet answered, oldest first: the writer answers in order. */
  private readonly held: {
    target: string;
    files: NoticeFiles;
    resolve: (written: Promise<void> | void) => void;
    reject: (error: Error) => void;
  }[] = [];
  private readonly waiting: (() => void)[] = [];
  /** Why the writer died: it failed, or exited. */
  private dead: string | null = null;
  /** Resolves `close`'s wait for the writer's removals. */
  private settled: (() => void) | null = null;

  constructor(url = new URL('./writer.js', import.meta.url)) {
    // Folders the writer answered before dying are settled by their answers, before `died`.
    this.worker = new AnsweringWorker<WriteDone | typeof SETTLE>(
      url,
      undefined,
      (done) => {
        if (done === SETTLE) return this.settled?.();
        const folder = this.held.shift();
        if (done.error === undefined) folder?.resolve();
        else folder?.reject(Object.assign(new Error(done.error), { code: done.code, syscall: done.syscall }));
        this.wake();
      },
      (why) => this.died(why),
    );
  }

  write(target: string, files: NoticeFiles): Promise<void> {
    if (this.dead || !sentToWriter(files)) return writeHere.write(target, files);
    return new Promise<void>((resolve, reject) => {
      this.held.push({ target, files, resolve, reject });
      const job: WriteJob = {
        target,
        files: {
          files: files.files,
          records: files.records,
          recordFilesRendered: files.recordFilesRendered,
        },
      };
      this.worker.post(job);
    });
  }

  ready(): Promise<void> {
    if (this.dead || this.held.length < AHEAD) return Promise.resolve();
    return new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** Stop the writer once the previous outputs it set aside are removed; call once every write has settled. */
  async close(): Promise<void> {
    if (!this.dead) {
      await new Promise<void>((resolve) => {
        this.settled = resolve;
        this.worker.post(SETTLE);
      });
    }
    await this.worker.close();
  }

  private wake(): void {
    while (this.waiting.length > 0 && (this.dead || this.held.length < AHEAD)) this.waiting.shift()?.();
  }

  private died(why: string): void {
    if (this.dead) return;
    this.dead = why;
    this.settled?.();
    // The folder being written when the writer died fails (it may be what killed it); the ones
    // queued behind it are written on this thread, like every later one.
    const [writing, ...queued] = this.held.splice(0);
    writing?.reject(new Error(`writer thread ${why}`));
    for (const folder of queued) folder.resolve(writeHere.write(folder.target, folder.files));
    this.wake();
  }
}

/**
 * The writer thread of `--jobs 2` and more (writerThread.ts): it renders the record files (each
 * dataset as JSON and CSV, datapackage.json, the workbook) of each folder it is sent and writes the folder, while the thread that sent it extracts the next notice.
 * It loads only the output modules, so it starts and warms up quickly.
 */
import { parentPort } from 'node:worker_threads';
import { noticeFolder, type NoticeFiles } from '../emit/noticeFiles.js';
import { leftBehindLine, settleRemovals, writeFolderAtomically } from '../emit/writeAtomic.js';

/** A folder to write: where, the files rendered already, and what the record files are made from. */
export interface WriteJob {
  target: string;
  files: Pick<NoticeFiles, 'files' | 'records' | 'recordFilesRendered' | 'encoded'>;
}

/** The writer's answer to a job, in the order the jobs came: nothing, or why the folder could not be written. */
export interface WriteDone {
  error?: string;
}

parentPort?.on('message', async (job: WriteJob) => {
  let done: WriteDone = {};
  try {
    writeFolderAtomically(job.target, noticeFolder(job.files));
  } catch (error) {
    // Not swallowed: the answer fails the notice whose folder this was.
    done = { error: (error as Error).message };
  }
  // The previous output is removed before answering: the main thread may stop this one once answered.
  for (const folder of await settleRemovals()) process.stderr.write(leftBehindLine(folder) + '\n');
  parentPort?.postMessage(done);
});

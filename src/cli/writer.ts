/**
 * The writer thread of `--jobs 2` and more (writerThread.ts): it renders the record files of each
 * folder it is sent (each dataset as JSON and CSV, datapackage.json, the workbook) and writes the
 * folder, while the thread that sent it extracts the next notice. It loads only the output
 * modules, so it starts and warms up quickly.
 */
import { parentPort } from 'node:worker_threads';
import { noticeFolder } from '../emit/noticeFiles.js';
import { writeFolderAtomically } from '../tool/writeAtomic.js';
import { answerPort } from './answeringWorker.js';
import { reportLeftBehind } from './leftBehind.js';
import { SETTLE, type WriteDone, type WriteJob } from './writerProtocol.js';

const answers = answerPort();

parentPort?.on('message', async (job: WriteJob | typeof SETTLE) => {
  if (job === SETTLE) {
    await reportLeftBehind();
    return answers?.postMessage(SETTLE);
  }
  let done: WriteDone = {};
  try {
    writeFolderAtomically(job.target, noticeFolder(job.files));
  } catch (error) {
    // Not swallowed: the answer fails the notice whose folder this was.
    const e = error as NodeJS.ErrnoException;
    done = { error: e.message, ...(e.code ? { code: e.code } : {}), ...(e.syscall ? { syscall: e.syscall } : {}) };
  }
  answers?.postMessage(done);
});

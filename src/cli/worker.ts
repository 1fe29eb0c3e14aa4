import { parentPort, workerData } from 'node:worker_threads';
import { answerPort } from './answeringWorker.js';
import { loadFamilies } from '../family/load.js';
import type { Family } from '../family/spec.js';
import { reportLeftBehind } from './leftBehind.js';
import { runOne, type RunOptions } from './runOne.js';

/** A job sent to a worker: one notice. */
export interface WorkerJob {
  file: string;
  id: string;
  options: RunOptions;
}

/** What a worker starts with: the families the main thread loaded and checked. */
export interface WorkerStart {
  families: readonly Family[];
}

// The families come from the main thread, already read and validated (structured clone); a worker
// started without them (a test) loads them itself. Jobs run one after another, in arrival order.
const families = (workerData as WorkerStart | undefined)?.families ?? loadFamilies();
const answers = answerPort();

parentPort?.on('message', (job: WorkerJob) => {
  // runOne settles with an outcome (failures included); it never rejects.
  void runOne(job.file, job.id, families, job.options).then(async (outcome) => {
    // The previous output is removed before answering: the pool may stop this thread once answered.
    await reportLeftBehind();
    answers?.postMessage(outcome);
  });
});

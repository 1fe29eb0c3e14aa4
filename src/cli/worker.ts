import { parentPort } from 'node:worker_threads';
import { loadFamilies } from '../family/load.js';
import { runOne, type RunOptions } from './runOne.js';

/** A job sent to a worker: one notice. */
export interface WorkerJob {
  file: string;
  id: string;
  options: RunOptions;
}

// Families are loaded once per worker and reused for every notice it is given.
const families = loadFamilies();

parentPort?.on('message', (job: WorkerJob) => {
  // runOne settles with an outcome (failures included); it never rejects.
  void runOne(job.file, job.id, families, job.options).then((outcome) => parentPort?.postMessage(outcome));
});

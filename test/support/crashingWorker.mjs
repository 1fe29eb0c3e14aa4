// A worker for the pool test: answers a job named "ok", crashes on "throw", exits on "exit".
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (job) => {
  if (job.id === 'throw') throw new Error('boom');
  if (job.id === 'exit') process.exit(3);
  parentPort.postMessage({ status: 'skipped', id: job.id });
});

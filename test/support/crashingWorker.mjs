// A worker for the pool test: answers a job named "ok", crashes on "throw", exits on "exit". It answers on the port the
// pool gives it, as the real worker does.
import { parentPort, workerData } from 'node:worker_threads';

parentPort.on('message', (job) => {
  if (job.id === 'throw') throw new Error('boom');
  if (job.id === 'exit') process.exit(3);
  workerData.answers.postMessage({ status: 'skipped', id: job.id });
});

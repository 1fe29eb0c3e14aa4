// A writer for the writer-thread test: writes a marker file for a folder, answers an error for a
// target ending in "fail", exits the thread on a target ending in "exit", and answers the last
// message before it is stopped (settle) in kind.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

parentPort.on('message', (job) => {
  if (job === 'settle') return workerData.answers.postMessage('settle');
  if (job.target.endsWith('exit')) process.exit(3);
  if (job.target.endsWith('fail')) return workerData.answers.postMessage({ error: 'disk full' });
  mkdirSync(job.target, { recursive: true });
  writeFileSync(`${job.target}/written-by`, 'writer thread');
  workerData.answers.postMessage({});
});

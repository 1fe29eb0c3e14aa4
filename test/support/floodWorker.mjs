// A worker for the answering-worker test: answers each number up to workerData.count on the port it was given, then
// throws or exits as workerData.death says, in the same turn as its last answer.
import { workerData } from 'node:worker_threads';

for (let i = 0; i < workerData.count; i++) workerData.answers.postMessage(i);
if (workerData.death === 'throw') throw new Error('boom');
process.exit(3);

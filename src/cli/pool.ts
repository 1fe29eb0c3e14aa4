import { Worker } from 'node:worker_threads';
import pLimit from 'p-limit';
import type { RunOutcome } from './runOne.js';
import type { WorkerJob } from './worker.js';

/** A fixed set of worker threads; extraction is CPU-bound, so threads, not promises, give parallelism. */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly all: Worker[] = [];
  /** Bounds the jobs in flight to the number of workers. */
  private readonly limit;

  constructor(size: number) {
    const url = new URL('./worker.js', import.meta.url);
    for (let i = 0; i < size; i++) {
      const worker = new Worker(url);
      this.idle.push(worker);
      this.all.push(worker);
    }
    this.limit = pLimit(size);
  }

  /** Run one job on the next idle worker. */
  run(job: WorkerJob): Promise<RunOutcome> {
    return this.limit(
      () =>
        new Promise<RunOutcome>((resolve, reject) => {
          const worker = this.idle.pop();
          if (!worker) throw new Error('no idle worker under the pool limit');
          const done = (): void => {
            worker.off('message', onMessage);
            worker.off('error', onError);
            this.idle.push(worker);
          };
          const onMessage = (outcome: RunOutcome): void => {
            done();
            resolve(outcome);
          };
          const onError = (error: Error): void => {
            done();
            reject(error);
          };
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.postMessage(job);
        }),
    );
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.all.map((w) => w.terminate()));
  }
}

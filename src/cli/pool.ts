import { Worker } from 'node:worker_threads';
import pLimit from 'p-limit';
import type { RunOutcome } from './runOne.js';
import type { WorkerJob } from './worker.js';

/** A fixed set of worker threads; extraction is CPU-bound, so threads, not promises, give parallelism. */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly live = new Set<Worker>();
  /** Bounds the jobs in flight to the number of workers. */
  private readonly limit;
  /** The worker module; tests pass another. */
  private readonly url: URL;

  constructor(size: number, url = new URL('./worker.js', import.meta.url)) {
    this.url = url;
    for (let i = 0; i < size; i++) this.idle.push(this.spawn());
    this.limit = pLimit(size);
  }

  private spawn(): Worker {
    const worker = new Worker(this.url);
    this.live.add(worker);
    return worker;
  }

  /** Run one job on the next idle worker; a worker that dies fails its job and is replaced. */
  run(job: WorkerJob): Promise<RunOutcome> {
    return this.limit(
      () =>
        new Promise<RunOutcome>((resolve) => {
          const worker = this.idle.pop() ?? this.spawn();
          const settle = (outcome: RunOutcome, healthy: boolean): void => {
            worker.off('message', onMessage);
            worker.off('error', onError);
            worker.off('exit', onExit);
            if (healthy) this.idle.push(worker);
            else {
              this.live.delete(worker);
              void worker.terminate();
              this.idle.push(this.spawn());
            }
            resolve(outcome);
          };
          const died = (why: string): RunOutcome => ({ status: 'failed', id: job.id, message: `${job.file}: internal error: worker ${why}` });
          const onMessage = (outcome: RunOutcome): void => settle(outcome, true);
          const onError = (error: Error): void => settle({ ...died(`failed: ${error.message}`), ...(error.stack ? { stack: error.stack } : {}) }, false);
          const onExit = (code: number): void => settle(died(`exited with code ${code}`), false);
          worker.on('message', onMessage);
          worker.on('error', onError);
          worker.on('exit', onExit);
          worker.postMessage(job);
        }),
    );
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all([...this.live].map((w) => w.terminate()));
    this.live.clear();
  }
}

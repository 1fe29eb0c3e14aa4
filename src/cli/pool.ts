import { AnsweringWorker } from './answeringWorker.js';
import type { RunOutcome } from './runOne.js';
import type { WorkerJob } from './worker.js';

/**
 * Jobs sent ahead to each worker: while the main thread is busy with a notice of its own, each
 * worker already holds its next one, so no worker waits for the main thread to hand out work.
 */
const DEPTH = 2;

/** A job handed to the pool, and how to settle it. */
interface Queued {
  job: WorkerJob;
  resolve: (outcome: RunOutcome) => void;
}

/** A worker and the jobs it holds, oldest (the one it is running) first. */
interface Slot {
  worker: AnsweringWorker<RunOutcome>;
  held: Queued[];
}

/** A fixed set of worker threads; extraction is CPU-bound, so threads, not promises, give parallelism. */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: Queued[] = [];
  /** The worker module; tests pass another. */
  private readonly url: URL;
  /** Read-only data every worker starts with (the loaded families), cloned once per worker. */
  private readonly data: object | undefined;

  constructor(size: number, url = new URL('./worker.js', import.meta.url), data?: object) {
    this.url = url;
    this.data = data;
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const held: Queued[] = [];
    // Each worker runs its jobs in order, so an answer settles the oldest job it holds; the answers a worker sent
    // before dying come before `died`, so only the job it was running fails.
    const worker = new AnsweringWorker<RunOutcome>(
      this.url,
      this.data,
      (outcome) => {
        held.shift()?.resolve(outcome);
        this.dispatch();
      },
      (why, stack) => this.died(slot, why, stack),
    );
    const slot: Slot = { worker, held };
    return slot;
  }

  /** A worker that dies fails the job it was running; the jobs queued behind it go to its replacement. */
  private died(slot: Slot, why: string, stack?: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    const [running, ...rest] = slot.held;
    this.slots[index] = this.spawn();
    this.waiting.unshift(...rest);
    if (running)
      running.resolve({
        status: 'failed',
        id: running.job.id,
        message: `${running.job.file}: internal error: worker ${why}`,
        ...(stack ? { stack } : {}),
      });
    this.dispatch();
  }

  /** Hand waiting jobs to workers holding fewer than DEPTH. */
  private dispatch(): void {
    for (const slot of this.slots) {
      while (slot.held.length < DEPTH && this.waiting.length > 0) {
        const next = this.waiting.shift() as Queued;
        slot.held.push(next);
        slot.worker.post(next.job);
      }
    }
  }

  /** Run one job on a worker; a worker that dies fails its job and is replaced. Never rejects. */
  run(job: WorkerJob): Promise<RunOutcome> {
    return new Promise<RunOutcome>((resolve) => {
      this.waiting.push({ job, resolve });
      this.dispatch();
    });
  }

  /** Stop every worker. */
  async close(): Promise<void> {
    await Promise.all(this.slots.splice(0).map((s) => s.worker.close()));
  }
}

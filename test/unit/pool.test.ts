import { describe, expect, it } from 'vitest';
import { AUTO_THREADS_MAX, threadCount } from '../../src/cli/extract.js';
import { WorkerPool } from '../../src/cli/pool.js';

const options = { out: 'unused', bom: true, force: false, allowPartial: false };
const job = (id: string) => ({ file: `${id}.md`, id, options });

describe('the worker pool', () => {
  it('fails the job of a worker that throws or exits, replaces the worker and finishes the rest', async () => {
    const pool = new WorkerPool(1, new URL('../support/crashingWorker.mjs', import.meta.url));
    try {
      const outcomes = await Promise.all(['ok', 'throw', 'ok2', 'exit', 'ok3'].map((id) => pool.run(job(id))));
      expect(outcomes.map((o) => o.status)).toEqual(['skipped', 'failed', 'skipped', 'failed', 'skipped']);
      expect(outcomes[1]).toMatchObject({ id: 'throw', message: expect.stringContaining('worker failed: boom') });
      expect(outcomes[3]).toMatchObject({ id: 'exit', message: expect.stringContaining('exited with code 3') });
    } finally {
      await pool.close();
    }
  });
});

describe('the thread count of a batch', () => {
  it('without --jobs: one thread for one notice, else one per core, at most AUTO_THREADS_MAX and notices + 1', () => {
    expect(threadCount(undefined, 1, 2)).toBe(1);
    expect(threadCount(undefined, 1, 16)).toBe(1);
    expect(threadCount(undefined, 2, 2)).toBe(2);
    expect(threadCount(undefined, 24, 2)).toBe(2);
    expect(threadCount(undefined, 24, 1)).toBe(1);
    expect(threadCount(undefined, 2, 16)).toBe(3);
    expect(threadCount(undefined, 24, 16)).toBe(AUTO_THREADS_MAX);
    expect(AUTO_THREADS_MAX).toBe(4);
  });

  it('with --jobs N: N, never more than the cores nor the notices and a writer', () => {
    expect(threadCount(1, 24, 2)).toBe(1);
    expect(threadCount(2, 1, 2)).toBe(2);
    expect(threadCount(8, 24, 2)).toBe(2);
    expect(threadCount(8, 3, 16)).toBe(4);
    expect(threadCount(8, 24, 16)).toBe(8);
  });
});

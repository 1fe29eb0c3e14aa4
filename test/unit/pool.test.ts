import { describe, expect, it } from 'vitest';
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

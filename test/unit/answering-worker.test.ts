import { describe, expect, it } from 'vitest';
import { AnsweringWorker } from '../../src/cli/answeringWorker.js';

const flood = new URL('../support/floodWorker.mjs', import.meta.url);

/** Start a worker that answers `count` numbers and dies; what the owner saw, in order. */
function seen(count: number, death: 'throw' | 'exit'): Promise<(number | string)[]> {
  return new Promise((done) => {
    const events: (number | string)[] = [];
    const worker = new AnsweringWorker<number>(
      flood,
      { count, death },
      (answer) => events.push(answer),
      (why) => {
        events.push(why);
        done(events);
        void worker.close();
      },
    );
  });
}

describe('a worker answering on its own port', () => {
  it.each(['throw', 'exit'] as const)(
    'hands over every answer sent before it died (%s), then its death, once',
    async (death) => {
      const events = await seen(2000, death);
      expect(events.slice(0, -1)).toEqual(Array.from({ length: 2000 }, (_, i) => i));
      expect(events.at(-1)).toBe(death === 'throw' ? 'failed: boom' : 'exited with code 3');
    },
  );

  it('takes no message once closed, and reports no death for a close', async () => {
    let died = false;
    const worker = new AnsweringWorker<number>(
      flood,
      { count: 0, death: 'exit' },
      () => {},
      () => (died = true),
    );
    await worker.close();
    expect(() => worker.post('late')).not.toThrow();
    expect(died).toBe(false);
  });
});

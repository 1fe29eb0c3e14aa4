import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLONE_LIMIT, WriterThread } from '../../src/cli/writerThread.js';
import { extractText, seedText } from '../support/run.js';

const notice = extractText(seedText(), 'seed');

describe('the writer thread', () => {
  it('writes folders in the order given, fails only a folder it could not write, and holds at most two', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writer-'));
    const writer = new WriterThread(new URL('../support/fakeWriter.mjs', import.meta.url));
    try {
      const settled: string[] = [];
      const writes = ['a', 'b-fail', 'c'].map((name) =>
        writer.write(join(out, name), notice).then(
          () => settled.push(`${name} written`),
          (error: Error) => settled.push(`${name}: ${error.message}`),
        ),
      );
      // Three folders handed over: the writer holds two, so a fourth would wait.
      let roomForFourth = false;
      void writer.ready().then(() => (roomForFourth = true));
      await Promise.resolve();
      expect(roomForFourth).toBe(false);
      await Promise.all(writes);
      expect(settled).toEqual(['a written', 'b-fail: disk full', 'c written']);
      expect(readFileSync(join(out, 'a', 'written-by'), 'utf8')).toBe('writer thread');
      expect(existsSync(join(out, 'b-fail'))).toBe(false);
    } finally {
      await writer.close();
    }
  });

  it('fails the folder it was writing when it dies and writes the rest on this thread', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writer-'));
    const writer = new WriterThread(new URL('../support/fakeWriter.mjs', import.meta.url));
    try {
      const outcomes = await Promise.allSettled(
        ['d-exit', 'e', 'f'].map((name) => writer.write(join(out, name), notice)),
      );
      expect(outcomes[0]).toMatchObject({
        status: 'rejected',
        reason: { message: 'writer thread exited with code 3' },
      });
      expect(outcomes.slice(1).map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
      // Written here, by the real writer: the whole folder, not the fake's marker.
      for (const name of ['e', 'f']) {
        expect(existsSync(join(out, name, 'written-by'))).toBe(false);
        expect(readdirSync(join(out, name))).toContain('seed.xlsx');
        expect(readdirSync(join(out, name))).toContain('citations.csv');
      }
    } finally {
      await writer.close();
    }
  });

  it('writes a folder of more records than it copies to the writer on this thread', async () => {
    const out = mkdtempSync(join(tmpdir(), 'writer-'));
    const writer = new WriterThread(new URL('../support/fakeWriter.mjs', import.meta.url));
    try {
      const large = { ...notice, recordCounts: { ...notice.recordCounts, details: CLONE_LIMIT + 1 } };
      await writer.write(join(out, 'large'), large);
      await writer.write(join(out, 'small'), notice);
      // The large one by the real writer here (a whole folder), the small one by the (fake) writer thread.
      expect(existsSync(join(out, 'large', 'written-by'))).toBe(false);
      expect(readdirSync(join(out, 'large'))).toContain('seed.xlsx');
      expect(readFileSync(join(out, 'small', 'written-by'), 'utf8')).toBe('writer thread');
    } finally {
      await writer.close();
    }
  });
});

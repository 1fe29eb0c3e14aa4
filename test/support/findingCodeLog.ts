import { writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, expect, inject } from 'vitest';
import { Collector } from '../../src/findings/context.js';

/**
 * Setup file of every test file: records each finding code a run in this test file reported (through the
 * Collector every pipeline run reports into) and writes them, with the test file's path, to the folder the
 * global setup (findingCoverage.ts) provides, which checks at the end that every code was produced.
 */
const folder = inject('findingCodeLog');
const produced = new Set<string>();
const original = Collector.prototype.report;
Collector.prototype.report = function report(this: Collector, input) {
  produced.add(input.code);
  original.call(this, input);
};

const testFile = expect.getState().testPath ?? '';
const log = join(folder, `${createHash('sha256').update(testFile).digest('hex').slice(0, 16)}.json`);
const write = (): void => writeFileSync(log, JSON.stringify({ testFile, codes: [...produced].sort() }));
// Written at once, so a file whose tests are all skipped (no browser on this machine) still counts as run.
write();
afterAll(write);

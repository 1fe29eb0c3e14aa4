import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FINDING_CODES } from '../../src/findings/codes.js';
import { testFiles, unproducedCodes } from '../support/findingCoverage.js';

const root = new URL('../..', import.meta.url).pathname;
const folders: string[] = [];
afterEach(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

/** A log folder as the setup file writes it: one file per test file with the codes its runs reported. */
function logs(entries: { testFile: string; codes: string[] }[]): string {
  const folder = mkdtempSync(join(tmpdir(), 'finding-codes-test-'));
  folders.push(folder);
  entries.forEach((e, i) => writeFileSync(join(folder, `${i}.json`), JSON.stringify(e)));
  return folder;
}

describe('the check that every finding code is produced', () => {
  const codes = Object.keys(FINDING_CODES);
  const files = testFiles().map((f) => join(root, f));

  it('names the codes no test file produced in a run of the whole suite', () => {
    const folder = logs(files.map((testFile, i) => ({ testFile, codes: i === 0 ? codes.slice(2) : [] })));
    expect(unproducedCodes(folder, false)).toEqual({ missing: codes.slice(0, 2), whole: true });
  });

  it('finds nothing missing when every code was produced somewhere', () => {
    const folder = logs(
      files.map((testFile, i) => ({ testFile, codes: codes.filter((_, k) => k % files.length === i) })),
    );
    expect(unproducedCodes(folder, false)).toEqual({ missing: [], whole: true });
  });

  it('tells a partial run, by files or by a name filter, from the whole suite', () => {
    expect(unproducedCodes(logs(files.slice(1).map((testFile) => ({ testFile, codes }))), false).whole).toBe(false);
    expect(unproducedCodes(logs(files.map((testFile) => ({ testFile, codes }))), true).whole).toBe(false);
  });
});

import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { FINDING_CODES } from '../../src/findings/codes.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Folder where each test file writes the finding codes its runs reported (findingCodeLog.ts). */
    findingCodeLog: string;
  }
}

const root = resolve(new URL('../..', import.meta.url).pathname);

/** Every test file of the suite, relative to the project root. */
export function testFiles(): string[] {
  return readdirSync(join(root, 'test'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => join('test', f))
    .sort();
}

/** The finding codes no test file of this run produced, and whether the run was the whole suite with no name filter. */
export function unproducedCodes(folder: string, filtered: boolean): { missing: string[]; whole: boolean } {
  const logs = readdirSync(folder).map(
    (f) => JSON.parse(readFileSync(join(folder, f), 'utf8')) as { testFile: string; codes: string[] },
  );
  const ran = new Set(logs.map((l) => relative(root, l.testFile)));
  const produced = new Set(logs.flatMap((l) => l.codes));
  return {
    missing: Object.keys(FINDING_CODES).filter((code) => !produced.has(code)),
    whole: !filtered && testFiles().every((f) => ran.has(f)),
  };
}

/**
 * Global setup: a fresh folder for the code logs; at teardown, after a run of the whole suite, the run fails
 * when a finding code of src/findings/codes.ts was produced by no test or fixture (a code nobody can see is
 * a code whose wording, place and outcome nobody checks). A partial run (a file, `-t`) cannot tell; with
 * FINDING_CODES=1 it lists the codes it did not produce.
 */
export default function setup(project: TestProject): () => void {
  const folder = mkdtempSync(join(tmpdir(), 'finding-codes-'));
  project.provide('findingCodeLog', folder);
  return () => {
    const filtered = Boolean(project.config.testNamePattern);
    const { missing, whole } = unproducedCodes(folder, filtered);
    rmSync(folder, { recursive: true, force: true });
    if (!whole) {
      if (process.env['FINDING_CODES'] === '1')
        console.log(`finding codes this partial run did not produce (${missing.length}): ${missing.join(', ')}`);
      return;
    }
    if (missing.length > 0) {
      // Vitest prints an error thrown here but keeps the exit code of the tests: the run fails by its exit code.
      process.exitCode = 1;
      throw new Error(`finding codes no test or fixture produces (${missing.length}): ${missing.join(', ')}`);
    }
  };
}

import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractFile } from './support/run.js';

/**
 * Golden fixtures: test/fixtures/<family>/<case>/input.md beside expected/<file>.
 * `UPDATE=1 npm test` rewrites the expected files for review; under CI a missing expected file fails.
 */
const root = new URL('./fixtures/', import.meta.url).pathname;
const update = process.env['UPDATE'] === '1';
const ci = process.env['CI'] === 'true' || process.env['CI'] === '1';

/** Outputs compared per case: the datasets and the findings (code, severity, line, actual). */
const COMPARED = [
  'allocations.json',
  'details.json',
  'targets.json',
  'indicators.json',
  'citations.json',
  'notice.json',
  'findings.json',
];

const cases = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((family) =>
    readdirSync(join(root, family.name), { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(join(root, family.name, d.name, 'input.md')))
      .map((d) => ({ family: family.name, name: d.name, dir: join(root, family.name, d.name) })),
  );

describe('golden fixtures', () => {
  it('finds fixture cases to compare', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    describe(`${c.family}/${c.name}`, () => {
      const result = extractFile(join(c.dir, 'input.md'), c.name);
      const actual = new Map(result.files);
      const report = JSON.parse(actual.get('report.json') ?? '{}') as {
        findings: { code: string; severity: string; source_line: number | null; actual: string | null }[];
      };
      actual.set(
        'findings.json',
        JSON.stringify(
          report.findings.map((f) => ({
            code: f.code,
            severity: f.severity,
            source_line: f.source_line,
            actual: f.actual,
          })),
          null,
          2,
        ) + '\n',
      );
      const notice = JSON.parse(actual.get('notice.json') ?? '{}') as Record<string, unknown>;
      // The input hash, the family folder's hash and the tool version change without the records changing.
      delete notice['input_sha256'];
      const pipeline = notice['pipeline'] as Record<string, unknown>;
      delete pipeline['family_sha256'];
      delete pipeline['tool'];
      actual.set('notice.json', JSON.stringify(notice, null, 2) + '\n');

      for (const file of COMPARED) {
        it(`gives the expected ${file}`, () => {
          const expectedPath = join(c.dir, 'expected', file);
          const produced = actual.get(file);
          expect(produced, `${file} was not produced`).toBeDefined();
          if (update || (!existsSync(expectedPath) && !ci)) {
            mkdirSync(join(c.dir, 'expected'), { recursive: true });
            writeFileSync(expectedPath, produced ?? '');
          }
          expect(existsSync(expectedPath), `${expectedPath} is missing (run UPDATE=1 npm test and review it)`).toBe(
            true,
          );
          expect(JSON.parse(produced ?? 'null')).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
        });
      }
    });
  }
});

import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { matchPolicy } from '../src/citations/match.js';
import { parseCitation } from '../src/citations/parse.js';
import { loadFamilies } from '../src/family/load.js';
import { indicatorRegistryProblems } from '../src/matching/indicatorKeys.js';
import { registryProblems } from '../src/matching/policyKeys.js';
import { compareDocNumbers } from '../src/normalize/docNumber.js';
import { freezeCurated } from './support/run.js';
import { readSheet, type Sheet } from './support/seedScan.js';

const root = new URL('..', import.meta.url).pathname;
const NOTICE = 'yue-cai-gong-2023-126';

/** A copy of the built project with the frozen registries: the seed's queue as the README's cycle meets it. */
function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'notice-extract-accept-'));
  for (const part of ['dist', 'pipelines', 'raw', 'package.json'])
    cpSync(join(root, part), join(dir, part), { recursive: true });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  freezeCurated(join(dir, 'pipelines'));
  return dir;
}

function cli(project: string, args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(project, 'dist', 'bin', 'cli.js'), ...args], {
    cwd: project,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

type Finding = { code: string; actual: string | null; expected: string | null; source_line: number | null };
const findings = (project: string): Finding[] =>
  (JSON.parse(readFileSync(join(project, 'out', NOTICE, 'report.json'), 'utf8')) as { findings: Finding[] }).findings;
const decisionsFile = (project: string): string => {
  const file = join(project, 'pipelines', 'gd-special-transfer', 'decisions.json');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};

describe('review accept on a spelling cited with two document numbers', () => {
  it("refuses to file the other number's citation under the accepted policy, row by row; accepting the rest keeps the registries consistent", () => {
    const project = projectCopy();
    expect(cli(project, ['extract', '--out', 'out', 'raw']).code).toBe(0);
    const sheetFile = join(project, 'out', NOTICE, 'review.csv');
    const sheet = readSheet(readFileSync(sheetFile, 'utf8'));
    // The README's step 2: accept every row with a fuzzy match, id left empty to take matched_id.
    const acceptable = (r: Sheet[number]) => r['matched_id'] !== '';
    const decided: Sheet = sheet.map((r) => (acceptable(r) ? { ...r, decision: 'accept' } : r));
    writeFileSync(sheetFile, stringify(decided, { header: true, record_delimiter: '\r\n' }));
    // The case of the issue: one title cited with 〔2020〕249号 and 〔2021〕358号, only the first matched.
    const title = '国家知识产权局关于同意建设第一批国家海外知识产权纠纷应对指导中心地方分中心的通知';
    const twins = sheet.filter((r) => r['kind'] === 'policy' && r['normalized'] === title);
    expect(twins.map((r) => r['doc_number']).sort()).toEqual([
      '国知办发保字〔2020〕249号',
      '国知办发保字〔2021〕358号',
    ]);
    const before = decisionsFile(project);
    const findingsBefore = findings(project).filter((f) => f.code === 'citations/doc-number-conflict').length;

    const refused = cli(project, ['review', 'accept', sheetFile]);
    expect(refused.code).toBe(2);
    expect(decisionsFile(project)).toBe(before);
    const lines = refused.stderr
      .trim()
      .split('\n')
      .filter((l) => l.includes('refused row'));
    // Expected from the sheet itself: every row whose number another document owns or that differs in year or serial
    // from the policy its spelling's accepted row names.
    const policies = loadFamilies(join(project, 'pipelines'))[0]!.policies;
    const expected = decided.filter((r) => {
      if (r['kind'] !== 'policy' || r['doc_number'] === '') return false;
      const accepted = decided.find(
        (a) => a['decision'] === 'accept' && a['kind'] === 'policy' && a['normalized'] === r['normalized'],
      );
      const policy = policies.find((p) => p.id === accepted?.['matched_id']);
      if (!policy) return false;
      const owner = policies.find((p) => compareDocNumbers(r['doc_number']!, p.doc_number) === 'same');
      return (
        compareDocNumbers(r['doc_number']!, policy.doc_number) === 'conflict' ||
        (owner !== undefined && owner.id !== policy.id)
      );
    });
    expect(expected.length).toBeGreaterThan(0);
    expect(lines).toHaveLength(expected.length);
    const row358 = twins.find((r) => r['doc_number']?.includes('358'));
    const line358 = lines.find((l) => l.includes('〔2021〕358号'));
    expect(line358).toBeDefined();
    expect(line358).toContain(`"${row358?.['raw']}"`);
    expect(line358).toContain('〔2020〕249号');
    expect(refused.stderr).toMatch(/nothing written/);

    // As the message says: leave the refused spellings undecided; the rest is accepted.
    const refusedTitles = new Set(expected.map((r) => r['normalized']));
    const rest = decided.map((r) => (refusedTitles.has(r['normalized']) ? { ...r, decision: '' } : r));
    writeFileSync(sheetFile, stringify(rest, { header: true, record_delimiter: '\r\n' }));
    const accepted = cli(project, ['review', 'accept', sheetFile]);
    expect(accepted.stderr).toMatch(/decisions added/);
    expect(accepted.code).toBe(0);
    expect(cli(project, ['extract', '--out', 'out', 'raw']).code).toBe(0);

    // The live registries of the copy keep the invariants test/registries.test.ts checks on the real ones.
    const [family] = loadFamilies(join(project, 'pipelines'));
    if (!family) throw new Error('no family');
    expect(registryProblems(family.policies)).toEqual([]);
    expect(indicatorRegistryProblems(family.indicators)).toEqual([]);
    for (const p of family.policies) {
      for (const alias of p.aliases)
        expect(matchPolicy(parseCitation(`《${alias}》`), family.policies).policy_id, `${p.id}: ${alias}`).toBe(p.id);
    }
    // No citation was filed under a number it does not carry by the accepted aliases; the refused spelling still awaits review.
    expect(findings(project).filter((f) => f.code === 'citations/doc-number-conflict').length).toBeLessThanOrEqual(
      findingsBefore,
    );
    const queued = readSheet(readFileSync(sheetFile, 'utf8'));
    expect(
      queued
        .filter((r) => r['normalized'] === title)
        .map((r) => r['doc_number'])
        .sort(),
    ).toEqual(['国知办发保字〔2020〕249号', '国知办发保字〔2021〕358号']);
    const citations = (
      JSON.parse(readFileSync(join(project, 'out', NOTICE, 'citations.json'), 'utf8')) as {
        records: { title: string; doc_number: string; policy_id: string; match: string }[];
      }
    ).records;
    const acceptedTitles = new Set(
      rest.filter((r) => r['decision'] === 'accept' && r['kind'] === 'policy').map((r) => r['normalized']),
    );
    const newlyMatched = citations.filter((x) => acceptedTitles.has(x.title));
    expect(newlyMatched.length).toBeGreaterThan(0);
    expect(newlyMatched.every((c) => c.match === 'alias')).toBe(true);
    for (const c of newlyMatched.filter((x) => x.doc_number !== '')) {
      const policy = family.policies.find((p) => p.id === c.policy_id);
      expect(
        compareDocNumbers(c.doc_number, policy?.doc_number ?? ''),
        `${c.title} ${c.doc_number} under ${c.policy_id}`,
      ).not.toBe('conflict');
    }
  }, 240_000);
});

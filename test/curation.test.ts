import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../src/family/configError.js';
import { DecisionsFile } from '../src/family/decisions.js';
import { loadFamilies } from '../src/family/load.js';
import { freezeCurated } from './support/run.js';
import { readSheet, type Sheet } from './support/seedScan.js';

const root = new URL('..', import.meta.url).pathname;
const NOTICE = 'yue-cai-gong-2023-126';

/** A copy of the built project (what a fresh clone has after `npm ci`), so the real registries and out/ stay as they are; its registries are the frozen ones, so the review queue is the one this test was written against. */
function projectCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'notice-extract-project-'));
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
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const records = <T>(project: string, dataset: string): T[] =>
  (JSON.parse(readFileSync(join(project, 'out', NOTICE, `${dataset}.json`), 'utf8')) as { records: T[] }).records;
type Citation = { title_raw: string; title: string; policy_id: string; match: string; score: number };

describe("the maintainer's review cycle", () => {
  it('keeps accepted spellings as aliases and rejected ones rejected, through re-extraction and a restart, from a GB18030 sheet', () => {
    const project = projectCopy();
    expect(cli(project, ['extract', '--out', 'out', 'raw']).code).toBe(0);
    const sheetFile = join(project, 'out', NOTICE, 'review.csv');
    const sheet = readSheet(readFileSync(sheetFile, 'utf8'));
    const fuzzy = sheet.filter((r) => r['kind'] === 'policy' && r['match'] === 'fuzzy').slice(0, 3);
    const unmatched = sheet.find((r) => r['kind'] === 'policy' && r['match'] === 'none');
    expect(fuzzy).toHaveLength(3);
    if (!unmatched) throw new Error('no unmatched citation to reject');
    const decided: Sheet = sheet.map((r) =>
      fuzzy.includes(r)
        ? { ...r, decision: 'accept' }
        : r === unmatched
          ? { ...r, decision: 'reject', reason: '不是政策文件' }
          : r,
    );
    // Saved the way Excel on Chinese Windows saves "CSV (逗号分隔)": GBK, no BOM.
    writeFileSync(sheetFile, iconv.encode(stringify(decided, { header: true, record_delimiter: '\r\n' }), 'gbk'));

    const accepted = cli(project, ['review', 'accept', sheetFile]);
    expect(accepted.stderr).toMatch(/decisions added/);
    expect(accepted.code).toBe(0);
    const decisions = DecisionsFile.parse(
      JSON.parse(readFileSync(join(project, 'pipelines', 'gd-special-transfer', 'decisions.json'), 'utf8')),
    );
    expect(decisions.decisions.map((d) => d.decision).sort()).toEqual(['accept', 'accept', 'accept', 'reject']);

    for (const args of [
      ['extract', '--out', 'out', 'raw'],
      ['extract', '--force', '--out', 'out', 'raw'],
    ]) {
      const again = cli(project, args);
      expect(again.code).toBe(0);
      expect(again.stderr).not.toMatch(/unchanged, skipped/);
      const citations = records<Citation>(project, 'citations');
      const rejected = citations.filter((c) => c.title_raw === unmatched['raw']);
      expect(rejected.length).toBeGreaterThan(0);
      expect(rejected.every((c) => c.match === 'rejected' && c.policy_id === '' && c.score === 0)).toBe(true);
      for (const f of fuzzy)
        expect(
          citations
            .filter((c) => c.title_raw === f['raw'])
            .every((c) => c.match === 'alias' && c.policy_id === f['matched_id']),
        ).toBe(true);
      const queued = readSheet(readFileSync(sheetFile, 'utf8')).map((r) => r['raw']);
      expect(queued).not.toContain(unmatched['raw']);
      for (const f of fuzzy) expect(queued).not.toContain(f['raw']);
      const report = JSON.parse(readFileSync(join(project, 'out', NOTICE, 'report.json'), 'utf8')) as {
        findings: { code: string; message: string; expected: string | null }[];
      };
      // One finding for the rejected spelling, counting every citation of it.
      const found = report.findings.filter((f) => f.code === 'citations/rejected');
      expect(found.map((f) => f.expected)).toEqual(['不是政策文件']);
      expect(found[0]?.message).toContain(`${rejected.length} citation${rejected.length === 1 ? '' : 's'} at line`);
    }
  });
});

describe('configuration errors', () => {
  function brokenPipelines(edit: (familyDir: string) => void): string {
    const dir = mkdtempSync(join(tmpdir(), 'notice-extract-pipelines-'));
    cpSync(join(root, 'pipelines'), dir, { recursive: true });
    edit(join(dir, 'gd-special-transfer'));
    return dir;
  }
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the edits reach into arbitrary JSON
  const editJson = (file: string, change: (value: any) => void): void => {
    const value = JSON.parse(readFileSync(file, 'utf8'));
    change(value);
    writeFileSync(file, JSON.stringify(value, null, 2));
  };
  const problemsOf = (dir: string): string[] => {
    try {
      loadFamilies(dir);
    } catch (error) {
      if (error instanceof ConfigError) return error.message.split('\n');
      throw error;
    }
    return [];
  };

  it('name the file and the JSON path of a wrong unit in family.json', () => {
    const dir = brokenPipelines((f) => editJson(join(f, 'family.json'), (v) => (v.annexes.allocation.unit = 'yuan')));
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(
        /family\.json: \$\.annexes\.allocation\.unit: Invalid option: expected one of "元"\|"万元"\|"亿元"$/,
      ),
    ]);
  });

  it('name the file and the JSON path of a regular expression that does not compile', () => {
    const dir = brokenPipelines((f) =>
      editJson(join(f, 'family.json'), (v) => (v.annexes.targets.tableHeading = '绩效目标表(')),
    );
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(/family\.json: \$\.annexes\.targets\.tableHeading: not a valid regular expression/),
    ]);
  });

  it('name the entry of a malformed doc_number in policies.json', () => {
    const dir = brokenPipelines((f) => editJson(join(f, 'policies.json'), (v) => (v[0].doc_number = '中办发2019-56')));
    expect(problemsOf(dir)).toEqual([
      expect.stringMatching(/policies\.json: \$\[0\]\.doc_number: not a canonical document number$/),
    ]);
  });

  it('report JSON that does not parse, and a decision about an entry that does not exist', () => {
    expect(problemsOf(brokenPipelines((f) => writeFileSync(join(f, 'indicators.json'), '[{')))).toEqual([
      expect.stringMatching(/indicators\.json: \$: not valid JSON/),
    ]);
    const decisions = {
      schema: 'decisions@1',
      decisions: [{ kind: 'policy', spelling: '某文件', decision: 'accept', id: 'P-没有' }],
    };
    expect(
      problemsOf(brokenPipelines((f) => writeFileSync(join(f, 'decisions.json'), JSON.stringify(decisions)))),
    ).toEqual([expect.stringMatching(/decisions\.json: \$\.decisions\[0\]: no policy P-没有$/)]);
  });

  it('exit 78 with one line per problem and no stack trace', () => {
    const dir = brokenPipelines((f) =>
      editJson(join(f, 'family.json'), (v) => {
        v.annexes.allocation.unit = 'yuan';
        v.annexes.detail.unit = 'wan';
      }),
    );
    const sheet = join(mkdtempSync(join(tmpdir(), 'notice-extract-review-')), 'review.csv');
    writeFileSync(sheet, 'kind,raw,decision,policy_or_indicator_id\r\n');
    const r = cli(root, ['review', 'accept', sheet, '--pipelines', dir]);
    expect(r.code).toBe(78);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/family\.json: \$\.annexes\.allocation\.unit: /);
    expect(lines[1]).toMatch(/family\.json: \$\.annexes\.detail\.unit: /);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });

  it('refuse a review sheet that is neither UTF-8 nor GB18030 with one line', () => {
    const sheet = join(mkdtempSync(join(tmpdir(), 'notice-extract-review-')), 'review.csv');
    writeFileSync(sheet, Buffer.from([0x6b, 0x69, 0x6e, 0x64, 0x2c, 0xff, 0xff, 0xff, 0x0d, 0x0a]));
    const r = cli(root, ['review', 'accept', sheet, '--family', 'gd-special-transfer']);
    expect(r.code).toBe(78);
    expect(r.stderr.trim().split('\n')).toEqual([expect.stringMatching(/review\.csv: \$: neither UTF-8 nor GB18030/)]);
  });

  it('refuse a review sheet row it cannot read (a reject without a reason) with its row', () => {
    const sheet = join(mkdtempSync(join(tmpdir(), 'notice-extract-review-')), 'review.csv');
    writeFileSync(sheet, 'kind,raw,decision,policy_or_indicator_id,reason\r\npolicy,《某文件》,reject,,\r\n');
    const r = cli(root, [
      'review',
      'accept',
      sheet,
      '--family',
      'gd-special-transfer',
      '--pipelines',
      brokenPipelines(() => {}),
    ]);
    expect(r.code).toBe(78);
    expect(r.stderr.trim()).toMatch(/review\.csv: row 1: row 1 "《某文件》": rejected without a reason/);
  });
});

describe('the command line', () => {
  it('prints its version and, in --help, the exit codes and two examples', () => {
    const version = cli(root, ['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout.trim()).toBe(
      (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version,
    );
    const help = cli(root, ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(
      /Exit codes:[\s\S]*78[\s\S]*Examples:\n {2}\$ notice-extract extract[^\n]*\n {2}\$ notice-extract review accept/,
    );
  });

  it('reports a missing input path on one line, exits 2, and still extracts the rest', () => {
    const out = mkdtempSync(join(tmpdir(), 'notice-extract-'));
    const r = cli(root, ['extract', '--out', out, 'missing.md', 'raw']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n').filter((l) => l.includes('missing.md'))).toEqual([
      'notice-extract: missing.md: no such file or folder',
    ]);
    expect(JSON.parse(readFileSync(join(out, NOTICE, 'notice.json'), 'utf8'))).toMatchObject({ notice_id: NOTICE });
  });
});

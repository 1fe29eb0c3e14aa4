import { spawnSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedText } from './support/run.js';

/** The bundled CLI users run (dist/bin/, what package.json's bin names); `npm test` builds it before running the tests. */
const cli = new URL('../dist/bin/cli.js', import.meta.url).pathname;
const root = new URL('..', import.meta.url).pathname;

function run(args: string[]): { code: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stderr: result.stderr };
}

function openAndClose(path: string): string {
  closeSync(openSync(path, 'w'));
  return path;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'notice-extract-'));
}

/** Every file the contract lists for one notice folder. */
const CONTRACT_FILES = [
  ...['allocations', 'details', 'targets', 'indicators', 'citations'].flatMap((n) => [`${n}.csv`, `${n}.json`]),
  'notice.json',
  'report.json',
  'datapackage.json',
  'review.csv',
];

describe('notice-extract extract', () => {
  // npx runs a project's own bin through a link it keeps in ~/.npm/_npx per project path, made once and
  // never refreshed (a stale link there, from when bin was dist/src/cli.js, once failed this check with
  // 127). So this runs what that link runs: package.json's bin, as an executable, without node in front.
  it("runs package.json's bin as an executable right after the build, as `npx notice-extract` does", () => {
    const bin = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[
      'notice-extract'
    ];
    expect(bin).toBe('dist/bin/cli.js');
    const path = join(root, bin!);
    expect(statSync(path).mode & 0o111, 'executable bits').toBe(0o111);
    expect(readFileSync(path, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const result = spawnSync(path, ['extract', '--help'], { encoding: 'utf8', cwd: tmpdir() });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--allow-partial');
  });

  it('exits 0 without a stack trace when the reader of its output stops early (`--help | head`)', () => {
    // `true` exits before node has started, so every write to the pipe fails with EPIPE.
    const result = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cli}" --help | true`], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('extracts a notice into its own folder and exits 0', () => {
    const out = tempDir();
    const { code } = run(['extract', '--out', out, 'raw']);
    expect(code).toBe(0);
    const files = readdirSync(join(out, 'yue-cai-gong-2023-126'));
    for (const f of CONTRACT_FILES) expect(files).toContain(f);
  });

  it('writes byte-identical files on a second run', () => {
    const a = tempDir();
    const b = tempDir();
    expect(run(['extract', '--out', a, 'raw']).code).toBe(0);
    expect(run(['extract', '--out', b, 'raw']).code).toBe(0);
    for (const f of readdirSync(join(a, 'yue-cai-gong-2023-126'))) {
      expect(
        readFileSync(join(b, 'yue-cai-gong-2023-126', f)).equals(readFileSync(join(a, 'yue-cai-gong-2023-126', f))),
        f,
      ).toBe(true);
    }
  });

  it('writes the same files with a pool of worker threads as on one thread', () => {
    const dir = tempDir();
    for (const name of ['a.md', 'b.md', 'c.md']) writeFileSync(join(dir, name), seedText());
    const one = tempDir();
    const pool = tempDir();
    expect(run(['extract', '--jobs', '1', '--out', one, dir]).code).toBe(0);
    expect(run(['extract', '--jobs', '2', '--out', pool, dir]).code).toBe(0);
    for (const id of ['a', 'b', 'c']) {
      for (const f of readdirSync(join(one, id))) {
        expect(readFileSync(join(pool, id, f)).equals(readFileSync(join(one, id, f))), `${id}/${f}`).toBe(true);
      }
    }
  });

  it('replaces the previous output on a re-run, on one thread and with a writer thread, and leaves nothing beside it', () => {
    const dir = tempDir();
    for (const name of ['a.md', 'b.md']) writeFileSync(join(dir, name), seedText());
    for (const jobs of ['1', '2']) {
      const out = tempDir();
      expect(run(['extract', '--jobs', jobs, '--out', out, dir]).code).toBe(0);
      const first = readFileSync(join(out, 'a', 'notice.json'));
      expect(run(['extract', '--force', '--jobs', jobs, '--out', out, dir]).code).toBe(0);
      // The previous folders were renamed aside and removed before the run ended.
      expect(readdirSync(out).sort()).toEqual(['a', 'b']);
      expect(readFileSync(join(out, 'a', 'notice.json')).equals(first)).toBe(true);
    }
  });

  it('runs --jobs 2 with the writer thread module that sits beside the bundle', () => {
    // A copy of the bundle whose writer.js answers every folder with an error: every notice must
    // fail with it, which shows --jobs 2 really hands its folders to dist/bin/writer.js.
    const project = tempDir();
    cpSync(dirname(cli), join(project, 'dist', 'bin'), { recursive: true });
    writeFileSync(
      join(project, 'dist', 'bin', 'writer.js'),
      [
        "import { parentPort, workerData } from 'node:worker_threads';",
        // It answers on the port the writer thread gives it (answeringWorker.ts), as writer.js does.
        "parentPort.on('message', (m) =>",
        "  workerData.answers.postMessage(m === 'settle' ? m : { error: 'answered by the copy of writer.js' }));",
        '',
      ].join('\n'),
    );
    for (const part of ['package.json', 'pipelines', 'node_modules'])
      symlinkSync(join(root, part), join(project, part));
    const inputs = tempDir();
    for (const name of ['a.md', 'b.md', 'c.md']) writeFileSync(join(inputs, name), seedText());
    const result = spawnSync(
      process.execPath,
      [join(project, 'dist', 'bin', 'cli.js'), 'extract', '--jobs', '2', '--out', join(project, 'out'), inputs],
      // A writer that never answers would hang the run: bounded, so that fails instead.
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.status).toBe(2);
    expect(result.stderr.match(/internal error: answered by the copy of writer\.js/g)).toHaveLength(3);
    expect(result.stderr).toContain('3 notices: 0 extracted, 0 skipped, 3 failed');
  });

  it('writes CSV without a BOM, with CRLF and the contract header, and with the BOM (declared utf-8-sig) under --bom', () => {
    const out = tempDir();
    const bom = tempDir();
    run(['extract', '--out', out, 'raw']);
    run(['extract', '--bom', '--out', bom, 'raw']);
    const csv = readFileSync(join(out, 'yue-cai-gong-2023-126', 'allocations.csv'), 'utf8');
    expect(csv.startsWith('annex,row_type,region_name,region_code,project_name,recipient_code,recipient_name,')).toBe(
      true,
    );
    expect(csv.split('\r\n')).toHaveLength(65 + 2);
    expect(
      readFileSync(join(bom, 'yue-cai-gong-2023-126', 'allocations.csv'), 'utf8').startsWith('\uFEFFannex,row_type,'),
    ).toBe(true);
    const encodings = (dir: string) =>
      (
        JSON.parse(readFileSync(join(dir, 'yue-cai-gong-2023-126', 'datapackage.json'), 'utf8')) as {
          resources: { encoding: string }[];
        }
      ).resources.map((r) => r.encoding);
    expect(new Set(encodings(out))).toEqual(new Set(['utf-8']));
    expect(new Set(encodings(bom))).toEqual(new Set(['utf-8-sig']));
  });

  it('fails a bad input with one line naming it, exit 2, nothing left behind, and still extracts the others', () => {
    const dir = tempDir();
    const out = tempDir();
    writeFileSync(join(dir, 'empty.md'), '');
    writeFileSync(join(dir, 'good.md'), seedText());
    const { code, stderr } = run(['extract', '--out', out, dir]);
    expect(code).toBe(2);
    const lines = stderr.split('\n').filter((l) => l.includes('empty.md'));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('empty file');
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'empty'))).toBe(false);
    expect(readdirSync(out).filter((n) => n !== 'good')).toEqual([]);
    expect(readdirSync(join(out, 'good'))).toContain('allocations.json');
  });

  it('refuses a notice whose annexes are missing, unless --allow-partial', () => {
    const dir = tempDir();
    const cut = seedText().split('\n').slice(0, 100).join('\n');
    writeFileSync(join(dir, 'cut.md'), cut);
    const refused = run(['extract', '--out', tempDir(), join(dir, 'cut.md')]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('required annexes missing: targets');
    const out = tempDir();
    expect(run(['extract', '--allow-partial', '--out', out, join(dir, 'cut.md')]).code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'cut', 'report.json'), 'utf8')) as { counts: { error: number } };
    expect(report.counts.error).toBeGreaterThanOrEqual(1);
  });

  it('exits 1 under --strict when a notice has an error finding, and 0 without it', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'broken.md'),
      seedText().replace('\t12390000.00\t\n广州市本级', '\t12,39O000.00\t\n广州市本级'),
    );
    expect(run(['extract', '--out', tempDir(), dir]).code).toBe(0);
    expect(run(['extract', '--strict', '--out', tempDir(), dir]).code).toBe(1);
  });

  it('skips an unchanged input on a re-run, repeating its stored summary, and re-extracts it with --force', () => {
    const out = tempDir();
    const first = run(['extract', '--out', out, 'raw']);
    expect(first.code).toBe(0);
    // The batch line's figures are those of the files written (live registries: curation changes them).
    const report = JSON.parse(readFileSync(join(out, 'yue-cai-gong-2023-126', 'report.json'), 'utf8')) as {
      counts: { error: number; warning: number };
      matching: { review_rows: number };
    };
    const figures = `findings ${report.counts.error} error, ${report.counts.warning} warning; ${report.matching.review_rows} rows await review`;
    expect(first.stderr).toContain(`1 notice: 1 extracted, 0 skipped, 0 failed; ${figures}`);
    const again = run(['extract', '--out', out, 'raw']);
    expect(again.code).toBe(0);
    const [summary, matching] = first.stderr.split('\n');
    expect(again.stderr).toContain(`${summary} (unchanged, skipped; --force re-extracts)\n${matching}\n`);
    expect(again.stderr).toContain(`1 notice: 0 extracted, 1 skipped, 0 failed; ${figures}`);
    const forced = run(['extract', '--force', '--out', out, 'raw']);
    expect(forced.stderr).not.toContain('unchanged, skipped');
    expect(forced.stderr).toContain('allocations 65');
    // A different BOM choice is a different output, so it is not skipped; nor is a folder without its workbook.
    expect(run(['extract', '--bom', '--out', out, 'raw']).stderr).not.toContain('unchanged, skipped');
    rmSync(join(out, 'yue-cai-gong-2023-126', 'yue-cai-gong-2023-126.xlsx'));
    expect(run(['extract', '--bom', '--out', out, 'raw']).stderr).not.toContain('unchanged, skipped');
    expect(existsSync(join(out, 'yue-cai-gong-2023-126', 'yue-cai-gong-2023-126.xlsx'))).toBe(true);
  });

  it('refuses a 100 MB input with one line, without reading it, and extracts the rest', () => {
    const dir = tempDir();
    const out = tempDir();
    writeFileSync(join(dir, 'good.md'), seedText());
    // A sparse file: 100 MB long, nothing written, so the test itself stays light.
    truncateSync(openAndClose(join(dir, 'huge.md')), 100 * 1024 * 1024);
    const { code, stderr } = run(['extract', '--out', out, dir]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/huge\.md: file is 104857600 bytes, more than the \d+ a notice can be/);
    expect(existsSync(join(out, 'huge'))).toBe(false);
    expect(existsSync(join(out, 'good', 'report.json'))).toBe(true);
  });

  it('keeps --strict, --allow-partial and missing files honest when a notice would be skipped', () => {
    const dir = tempDir();
    const out = tempDir();
    writeFileSync(
      join(dir, 'broken.md'),
      seedText().replace('\t12390000.00\t\n广州市本级', '\t12,39O000.00\t\n广州市本级'),
    );
    expect(run(['extract', '--strict', '--out', out, dir]).code).toBe(1);
    const again = run(['extract', '--strict', '--out', out, dir]);
    expect(again.stderr).toContain('unchanged, skipped');
    expect(again.stderr).toMatch(/broken: .*findings [1-9]\d* error.*unchanged, skipped/);
    expect(again.code).toBe(1);
    rmSync(join(out, 'broken', 'details.csv'));
    expect(run(['extract', '--out', out, dir]).stderr).not.toContain('unchanged, skipped');
    expect(existsSync(join(out, 'broken', 'details.csv'))).toBe(true);
    writeFileSync(join(dir, 'cut.md'), seedText().split('\n').slice(0, 100).join('\n'));
    expect(run(['extract', '--allow-partial', '--out', out, join(dir, 'cut.md')]).code).toBe(0);
    expect(run(['extract', '--out', out, join(dir, 'cut.md')]).code).toBe(2);
  });

  it('exits 64 on wrong usage', () => {
    expect(run(['extract', '--bogus', 'raw']).code).toBe(64);
    expect(run(['frobnicate']).code).toBe(64);
    expect(run(['extract', '--jobs', 'zero', 'raw']).code).toBe(64);
  });
});

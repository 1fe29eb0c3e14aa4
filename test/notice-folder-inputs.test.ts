import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandInputs, noticeIdOf } from '../src/cli/extract.js';
import { isNoticeFolder } from '../src/files/folder.js';

const cli = new URL('../dist/bin/cli.js', import.meta.url).pathname;

describe('telling a notice folder from a batch folder', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'notice-inputs-'));
    const make = (dir: string, files: string[]): void => {
      mkdirSync(join(root, dir), { recursive: true });
      for (const f of files) writeFileSync(join(root, dir, f), 'x');
    };
    make('batch', ['a.md', 'b.md', 'notes.txt']);
    make('batch/one-notice', ['notice.html', '附件1.xlsx']);
    make('page-only', ['notice.htm']);
    make('md-annexes', ['notice.md', '附件1.md', '附件2.md']);
    make('two-bodies', ['notice.html', 'copy.md', '附件1.xlsx']);
    make('no-body', ['附件1.xlsx', '附件2.docx']);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('reads a folder of Markdown files as a batch, and a notice folder inside it as one notice', () => {
    expect(isNoticeFolder(join(root, 'batch'))).toBe(false);
    expect(expandInputs([join(root, 'batch')]).files).toEqual([
      join(root, 'batch', 'a.md'),
      join(root, 'batch', 'b.md'),
      join(root, 'batch', 'one-notice'),
    ]);
  });

  it('reads a folder with a page, a spreadsheet or a file named 附件 as one notice, named by the folder', () => {
    for (const dir of ['page-only', 'md-annexes', 'batch/one-notice'])
      expect(isNoticeFolder(join(root, dir))).toBe(true);
    expect(expandInputs([join(root, 'md-annexes')]).files).toEqual([join(root, 'md-annexes')]);
    expect(noticeIdOf(join(root, 'md-annexes'))).toBe('md-annexes');
    expect(noticeIdOf(join(root, 'batch', 'a.md'))).toBe('a');
  });

  it('refuses a notice folder with several bodies, or none, in one line naming them', () => {
    const out = join(root, 'out');
    const result = spawnSync(
      process.execPath,
      [cli, 'extract', '--out', out, join(root, 'two-bodies'), join(root, 'no-body')],
      { encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    const failures = result.stderr.split('\n').filter((l) => l.startsWith('notice-extract: '));
    expect(failures).toHaveLength(2);
    expect(failures[0]).toMatch(/two-bodies: a notice folder holds one body .* found 2 \(copy\.md, notice\.html\)/);
    expect(failures[1]).toMatch(/no-body: .* found 0 \(none\)/);
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });
});

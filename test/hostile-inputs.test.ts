/**
 * Input crafted against the tool: file names that would name a folder outside their own, lines that
 * make a backtracking regular expression hang, tables nested or never closed, an --out that cannot
 * be written, a run killed while writing, and configuration that contradicts itself. Each runs under
 * a time bound (generous: a hang, not a speed, is what fails) and the outcome is asserted: the exit
 * code, one line naming the file, and nothing outside the notice's own folder touched.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { linearTimeProblem, quadraticShape, slowProbe } from '../src/family/linearTime.js';
import { checkedPatterns } from '../src/family/spec.js';
import { noticeIdProblem } from '../src/read/noticeId.js';
import { withoutClosingHashes } from '../src/parse/lines.js';
import { extractText, families, seedText } from './support/run.js';
import { regexLiterals } from './support/regexLiterals.js';

const root = new URL('..', import.meta.url).pathname;
const cli = join(root, 'dist', 'bin', 'cli.js');
/** A hang bound, not a speed bound: linear work on these inputs takes well under a second. */
const HANG_MS = 20_000;

function run(
  args: string[],
  options: { cwd?: string; cliPath?: string } = {},
): { code: number | null; stderr: string } {
  const result = spawnSync(process.execPath, [options.cliPath ?? cli, ...args], {
    encoding: 'utf8',
    cwd: options.cwd,
    timeout: 60_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { code: result.status, stderr: result.stderr };
}

const made: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'notice-hostile-'));
  made.push(dir);
  return dir;
}
// Each configuration case copies dist/ (11 MB): removing them all can take more than the default 10 s on a busy machine.
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Every file and folder under `dir`, relative, sorted. */
function tree(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => {
      const rel = prefix + e.name;
      return e.isDirectory() ? [rel + '/', ...tree(join(dir, e.name), rel + '/')] : [rel];
    })
    .sort();
}

/** Milliseconds a function takes. */
function timed(f: () => void): number {
  const t = performance.now();
  f();
  return performance.now() - t;
}

describe('file names that would reach outside their folder', () => {
  const dots = ['.', '..', '...', '．．', '‥', '﹒﹒'];
  const hostile = [
    ...dots,
    '',
    'a/b',
    'a\\b',
    'x\u0000y',
    'x\ny',
    'x\u001b[31m',
    'x\u202ey',
    'x\u200by',
    'CON',
    'nul.txt',
    'Com1',
    'a'.repeat(201),
    '中'.repeat(70),
    'x.tmp-12',
    'x.old-1-2',
    ' lead',
    'trail.',
    'ａ／ｂ',
  ];

  it('refuses each name that is no plain folder of its own, and accepts ordinary notice names', () => {
    for (const id of hostile) expect(noticeIdProblem(id), JSON.stringify(id)).not.toBeNull();
    for (const id of ['yue-cai-gong-2023-126', '粤财工〔2023〕126号', 'notice_1.v2', '中'.repeat(60)])
      expect(noticeIdProblem(id)).toBeNull();
  });

  for (const out of ['out', join('data', 'out'), 'ABSOLUTE']) {
    it(
      `refuses ..md, ...md and kin with --out ${out === 'ABSOLUTE' ? 'absolute' : out}: exit 2, one line each, other notices untouched`,
      () => {
        const work = tempDir();
        const outDir = out === 'ABSOLUTE' ? join(work, 'abs', 'out') : out;
        const outPath = out === 'ABSOLUTE' ? outDir : join(work, outDir);
        mkdirSync(join(outPath, 'other-notice'), { recursive: true });
        writeFileSync(join(outPath, 'other-notice', 'notice.json'), '{}');
        writeFileSync(join(work, 'keep.txt'), 'parent file');
        const inputs = join(work, 'in');
        mkdirSync(inputs);
        const names = ['..md', '...md', '．．.md', '.md', 'CON.md', 'x.tmp-1.md', 'x\u001bq.md'];
        for (const name of names) writeFileSync(join(inputs, name), seedText());
        const before = tree(work);
        const result = run(['extract', '--out', outDir, inputs], { cwd: work });
        expect(result.code).toBe(2);
        const lines = result.stderr
          .trim()
          .split('\n')
          .filter((l) => l.includes('rename the file'));
        expect(lines).toHaveLength(names.length);
        // Control characters are shown escaped, never written to the terminal raw.
        expect(result.stderr).not.toContain('\u001b');
        expect(tree(work)).toEqual(before);
        expect(readFileSync(join(outPath, 'other-notice', 'notice.json'), 'utf8')).toBe('{}');
      },
      HANG_MS * 3,
    );
  }
});

describe('an --out that puts a notice folder over its own input', () => {
  /** A notice folder as the department publishes it: a body and an annex (only a listing is compared). */
  const noticeFolder = (dir: string): void => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'notice.html'), '<html><body><p>body</p></body></html>');
    writeFileSync(join(dir, '附件1.csv'), 'a,b\n');
  };
  // Each: the inputs to make, the command's --out and inputs, the input whose folder the output would be.
  const cases: { name: string; make: (work: string) => void; out: string; inputs: string[]; replaced: string }[] = [
    {
      name: 'a notice folder extracted into its parent',
      make: (w) => noticeFolder(join(w, 'yue-cai-nong-2024-301')),
      out: '.',
      inputs: ['yue-cai-nong-2024-301'],
      replaced: 'yue-cai-nong-2024-301',
    },
    {
      name: 'a batch folder extracted into itself',
      make: (w) => noticeFolder(join(w, 'batch', 'N')),
      out: 'batch',
      inputs: ['batch'],
      replaced: join('batch', 'N'),
    },
    {
      name: 'a Markdown file inside a folder of its own name',
      make: (w) => {
        mkdirSync(join(w, 'n2'));
        writeFileSync(join(w, 'n2', 'n2.md'), seedText());
      },
      out: '.',
      inputs: [join('n2', 'n2.md')],
      replaced: join('n2', 'n2.md'),
    },
    {
      name: 'the same, reached through a symbolic link',
      make: (w) => {
        mkdirSync(join(w, 'n3'));
        writeFileSync(join(w, 'n3', 'n3.md'), seedText());
        symlinkSync(join(w, 'n3'), join(w, 'link'));
      },
      out: '.',
      inputs: [join('link', 'n3.md')],
      replaced: join('link', 'n3.md'),
    },
  ];
  for (const c of cases) {
    it(`refuses ${c.name}: exit 2, one line naming the input, nothing touched`, () => {
      const work = tempDir();
      c.make(work);
      const before = tree(work);
      const result = run(['extract', '--out', c.out, ...c.inputs], { cwd: work });
      expect(result.code).toBe(2);
      expect(result.stderr).toContain(`would replace the input ${c.replaced};`);
      expect(tree(work)).toEqual(before);
    });
  }
});

describe('an --out that cannot be written', () => {
  it(
    'gives one line and exit 73 at once for /proc/xx, a path under a file, and an unwritable folder',
    () => {
      const work = tempDir();
      const input = join(work, 'n.md');
      writeFileSync(input, seedText());
      writeFileSync(join(work, 'file'), 'x');
      const cases = ['/proc/xx', join(work, 'file', 'out'), join(work, 'file')];
      for (const out of cases) {
        let result = { code: null as number | null, stderr: '' };
        const ms = timed(() => (result = run(['extract', '--out', out, input])));
        expect(result.code, out).toBe(73);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
        expect(result.stderr).toContain(out);
        expect(result.stderr).not.toContain('internal error');
        expect(ms).toBeLessThan(HANG_MS);
      }
    },
    HANG_MS * 4,
  );
});

describe('a run killed while writing', () => {
  it(
    'leaves <id>.tmp-<pid>/ that the next run removes with a line, the output then complete',
    async () => {
      const work = tempDir();
      const out = join(work, 'out');
      mkdirSync(out);
      const input = join(work, 'n.md');
      writeFileSync(input, seedText());
      const child = spawn(process.execPath, [cli, 'extract', '--jobs', '1', '--out', out, input], { stdio: 'ignore' });
      // Killed the moment its temporary folder appears: SIGKILL, no chance to clean up.
      const seen = await new Promise<string | null>((resolve) => {
        const watcher = watch(out, (_, name) => {
          if (name && /\.tmp-\d+$/.test(String(name))) {
            child.kill('SIGKILL');
            watcher.close();
            resolve(String(name));
          }
        });
        child.on('exit', () => {
          watcher.close();
          resolve(null);
        });
      });
      await new Promise((resolve) =>
        child.exitCode === null && child.signalCode === null ? child.on('exit', resolve) : resolve(null),
      );
      if (seen === null || !existsSync(join(out, seen))) {
        // The run finished its rename before the kill landed: leave a folder as a killed run would.
        mkdirSync(join(out, `n.tmp-${child.pid}`));
      }
      const stale = readdirSync(out).filter((n) => /\.tmp-\d+$/.test(n));
      expect(stale.length).toBeGreaterThan(0);
      const result = run(['extract', '--force', '--out', out, input]);
      expect(result.code).toBe(0);
      for (const name of stale) expect(result.stderr).toContain(`removed ${join(out, name)}`);
      expect(readdirSync(out).filter((n) => /\.(tmp|old)-\d+/.test(n))).toEqual([]);
      expect(existsSync(join(out, 'n', 'notice.json'))).toBe(true);
    },
    HANG_MS * 3,
  );
});

describe('lines that make a backtracking regular expression hang', () => {
  const seed = seedText();
  const bodyEnd = seed.indexOf('## 附件1');
  /** The seed with one hostile line put into its body. */
  const withLine = (line: string): string => seed.slice(0, bodyEnd) + line + '\n\n' + seed.slice(bodyEnd);
  const N = 50_000;
  const cases: [string, string][] = [
    ['a heading with 50k spaces before x', `## 说明${' '.repeat(N)}x`],
    ['a heading with 50k spaces and hashes', `## 说明${' #'.repeat(N / 2)}x`],
    ['共计 and 50k spaces', `共计${' '.repeat(N)}`],
    ['共计 and 50k ideographic spaces', `共计${'\u3000'.repeat(N)}x`],
    ['《关于强化( and 50k characters', `《关于强化(${'中'.repeat(N)}`],
    ['a pipe delimiter row with 50k spaces', `| a | b |\n|${' '.repeat(N)}x`],
    ['a run of 50k emphasis marks', '*'.repeat(N) + 'x'],
    ['a run of 50k <', '<'.repeat(N)],
    ['a run of 50k （', '（'.repeat(N)],
    ['附件 and 50k spaces', `附件${' '.repeat(N)}x`],
    ['a 50k-digit amount', `合计\t\t\t\t${'9'.repeat(N)}`],
    ['粤财 and 50k spaces', `粤${' '.repeat(N)}财`],
  ];
  for (const [name, line] of cases) {
    it(
      `extracts the seed with ${name} in its body within the hang bound`,
      () => {
        const ms = timed(() => extractText(withLine(line), 'hostile', { allowPartial: true }));
        expect(ms).toBeLessThan(HANG_MS);
      },
      HANG_MS * 2,
    );
  }

  it('reads a heading without its closing hashes as before', () => {
    expect(withoutClosingHashes('说明 ##  ')).toBe('说明');
    expect(withoutClosingHashes('说明#')).toBe('说明');
    expect(withoutClosingHashes('C#', true)).toBe('C#');
    expect(withoutClosingHashes('说明 ##', true)).toBe('说明');
    expect(withoutClosingHashes('   ')).toBe('');
  });
});

describe('every regular expression in src/ and every family pattern', () => {
  const literals = regexLiterals(join(root, 'src'));

  it('finds the literals of src/ (the check looks at something)', () => {
    expect(literals.length).toBeGreaterThan(100);
  });

  it('has a shape without two unbounded repeats over the same characters or an unanchored run', () => {
    const bad = literals
      .filter((l) => quadraticShape(l.source, l.flags) !== null)
      .map((l) => `${l.at} /${l.source}/${l.flags}: ${quadraticShape(l.source, l.flags)}`);
    expect(bad).toEqual([]);
  });

  it('runs each literal of src/ on 50k-long runs of the characters it repeats within the bound', () => {
    const slow = literals.flatMap((l) => {
      const probe = slowProbe(new RegExp(l.source, l.flags), N50K, 2_000);
      return probe ? [`${l.at} /${l.source}/${l.flags}: ${probe.probe}`] : [];
    });
    expect(slow).toEqual([]);
  }, 600_000);

  it('runs each family pattern on 50k-long runs within the bound', () => {
    expect(families.length).toBeGreaterThan(0);
    expect(checkedPatterns.size).toBeGreaterThan(20);
    const slow = [...checkedPatterns.keys()].flatMap((source) => {
      const probe = slowProbe(new RegExp(source, 'u'), N50K, 2_000);
      return probe ? [`${source}: ${probe.probe}`] : [];
    });
    expect(slow).toEqual([]);
  }, 600_000);

  it('finds the patterns the issue named, and the classic catastrophic ones', () => {
    for (const source of [
      '\\s*#*\\s*$',
      '(?:共计|合计|总计)\\s*(?:下达|安排)?\\s*(?:资金)?\\s*([0-9][0-9,.]*)\\s*(亿元|万元|元)',
      '附件\\s*[：:]?\\s*[1１一]',
      '^\\s*\\|?\\s*:?-{3,}:?\\s*(\\|\\s*:?-{3,}:?\\s*)*\\|?\\s*$',
      '<[^>]*>',
      '\\(([^()]*\\p{Script=Han}[^()]*)\\)',
      '^(a+)+$',
      '(\\d+)*x',
      '^(?:\\*\\*|__|\\*|_)+(.*?)(?:\\*\\*|__|\\*|_)+$',
    ]) {
      expect(linearTimeProblem(source), source).not.toBeNull();
    }
    for (const source of [
      '^\\d{9}$',
      '(?:共计|合计|总计)\\s*(?:(?:下达|安排)\\s*)?(?:资金\\s*)?([0-9][0-9,.]*)\\s*(亿元|万元|元)',
      '\\s+',
      '^附件\\s*[:：]\\s*(.*)$',
    ]) {
      expect(linearTimeProblem(source), source).toBeNull();
    }
  });
});

const N50K = 50_000;

describe('HTML tables nested deep or never closed', () => {
  const seed = seedText();
  const annex2 = seed.indexOf('## 附件 2');

  it('reports a table nested 1,000 deep as an error naming its line, without a stack overflow', () => {
    const nested = '<table><tr><td>'.repeat(1000) + 'x' + '</td></tr></table>'.repeat(1000);
    const text = seed.slice(0, annex2) + nested + '\n\n' + seed.slice(annex2);
    const result = extractText(text, 'nested', { allowPartial: true });
    const report = JSON.parse(result.files.get('report.json') ?? '{}') as {
      findings: { code: string; source_line: number | null }[];
    };
    const deep = report.findings.filter((f) => f.code === 'locate/table-nested-too-deep');
    expect(deep).toHaveLength(1);
    expect(deep[0]?.source_line).toBe(seed.slice(0, annex2).split('\n').length);
  });

  it('reports a <table> never closed by its line, and still finds the annexes after it', () => {
    const open = '<table>\n<tr><td>地区</td><td>金额</td></tr>\n<tr><td>x</td><td>1</td></tr>\n';
    const text = seed.slice(0, annex2) + open + '\n' + seed.slice(annex2);
    const result = extractText(text, 'unclosed');
    const report = JSON.parse(result.files.get('report.json') ?? '{}') as {
      findings: { code: string; source_line: number | null; message: string }[];
    };
    const unclosed = report.findings.filter((f) => f.code === 'locate/table-unclosed');
    expect(unclosed).toHaveLength(1);
    expect(unclosed[0]?.source_line).toBe(seed.slice(0, annex2).split('\n').length);
    expect(report.findings.filter((f) => f.code === 'locate/annex-missing')).toEqual([]);
  });
});

describe('configuration that contradicts itself or reaches outside', () => {
  /** A copy of the project's runnable parts whose pipelines/ a test may break: the bundle finds its project by package.json. */
  function project(edit: (family: string) => void): { cli: string; input: string } {
    const work = tempDir();
    for (const part of ['dist', 'package.json', 'pipelines'])
      cpSync(join(root, part), join(work, part), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'));
    edit(join(work, 'pipelines', 'gd-special-transfer'));
    const input = join(work, 'n.md');
    writeFileSync(input, seedText());
    return { cli: join(work, 'dist', 'bin', 'cli.js'), input };
  }
  const json = (file: string): Record<string, unknown> =>
    JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  const write = (file: string, value: unknown): void => writeFileSync(file, JSON.stringify(value, null, 2));

  const cases: [string, (family: string) => void, RegExp][] = [
    [
      'a decision repeated',
      (f) => {
        const d = json(join(f, 'decisions.json')) as { decisions: unknown[] };
        d.decisions.push(d.decisions[0]);
        write(join(f, 'decisions.json'), d);
      },
      /decisions\.json: \$\.decisions\[\d+\]: repeats \$\.decisions\[0\]/,
    ],
    [
      'two decisions contradicting each other',
      (f) => {
        const d = json(join(f, 'decisions.json')) as { decisions: { kind: string; spelling: string }[] };
        const first = d.decisions[0] as { kind: string; spelling: string };
        d.decisions.push({
          kind: first.kind,
          spelling: first.spelling,
          decision: 'reject',
          reason: 'not a policy',
        } as never);
        write(join(f, 'decisions.json'), d);
      },
      /decisions\.json: \$\.decisions\[\d+\]: contradicts \$\.decisions\[0\]/,
    ],
    [
      'invalid UTF-8 in decisions.json',
      (f) => {
        const bytes = readFileSync(join(f, 'decisions.json'));
        const at = bytes.indexOf(Buffer.from('spelling'));
        writeFileSync(
          join(f, 'decisions.json'),
          Buffer.concat([bytes.subarray(0, at + 12), Buffer.from([0xff, 0xfe]), bytes.subarray(at + 12)]),
        );
      },
      /decisions\.json: \$: not valid UTF-8 \(at byte \d+\)/,
    ],
    [
      'an unknown key in family.json',
      (f) => {
        const d = json(join(f, 'family.json'));
        (d['metadata'] as Record<string, unknown>)['docNumbr'] = 'x';
        write(join(f, 'family.json'), d);
      },
      /family\.json: \$\.metadata: .*docNumbr/,
    ],
    [
      'a column role declared twice',
      (f) => {
        const d = json(join(f, 'family.json')) as { annexes: { allocation: { columns: { role: string }[] } } };
        const columns = d.annexes.allocation.columns;
        columns.push({ ...(columns[0] as { role: string }), synonyms: ['另一列'] } as never);
        write(join(f, 'family.json'), d);
      },
      /family\.json: \$\.annexes\.allocation\.columns\[\d+\]\.role: role ".*" is declared twice/,
    ],
    [
      'a column role the enumeration does not declare',
      (f) => {
        const d = json(join(f, 'family.json')) as { annexes: { detail: { columns: { role: string }[] } } };
        (d.annexes.detail.columns[1] as { role: string }).role = 'budgetcode';
        write(join(f, 'family.json'), d);
      },
      /family\.json: \$\.annexes\.detail\.columns\[1\]\.role: .*"budget_code"/,
    ],
    [
      'a family id that is not its folder name',
      (f) => {
        const d = json(join(f, 'family.json'));
        d['id'] = 'another-family';
        write(join(f, 'family.json'), d);
      },
      /family\.json: \$\.id: "another-family" is not the name of its folder/,
    ],
    [
      'a registry path leaving the family folder',
      (f) => {
        const d = json(join(f, 'family.json'));
        d['registries'] = { policies: '../../../../etc/passwd', indicators: 'indicators.json' };
        write(join(f, 'family.json'), d);
      },
      /family\.json: \$\.registries\.policies: must be the name of a \.json file in the family folder/,
    ],
    [
      'an annexMarker that backtracks catastrophically',
      (f) => {
        const d = json(join(f, 'family.json'));
        d['annexMarker'] = '^附件\\s*(\\d+\\s*)*$';
        write(join(f, 'family.json'), d);
      },
      /family\.json: \$\.annexMarker: (may take quadratic time|backtracks catastrophically)/,
    ],
  ];
  for (const [name, edit, line] of cases) {
    it(
      `exits 78 with one line for ${name}`,
      () => {
        const { cli: copy, input } = project(edit);
        const out = join(tempDir(), 'out');
        let result = { code: null as number | null, stderr: '' };
        const ms = timed(() => (result = run(['extract', '--out', out, input], { cliPath: copy })));
        expect(result.code, result.stderr).toBe(78);
        const lines = result.stderr.trim().split('\n');
        expect(lines, result.stderr).toHaveLength(1);
        expect(lines[0]).toMatch(line);
        expect(result.stderr).not.toContain('root:');
        expect(existsSync(out)).toBe(false);
        expect(ms).toBeLessThan(HANG_MS);
      },
      HANG_MS * 3,
    );
  }
});

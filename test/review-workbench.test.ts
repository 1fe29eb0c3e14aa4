import { spawn } from 'node:child_process';
import { readFileSync, rmSync, symlinkSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runOne } from '../src/cli/runOne.js';
import { loadFamilies } from '../src/family/load.js';
import { rowSpelling, type QueueItem } from '../src/curation/queue.js';
import type { QueueState } from '../src/curation/workbench.js';
import type { WorkbenchServer } from '../src/curation/server.js';
import { citations, decisions, decisionsText, NOTICE, serveCopy, workbenchProject } from './support/workbench.js';

const root = new URL('..', import.meta.url).pathname;

describe('the review workbench API', () => {
  let project: string;
  let server: WorkbenchServer;
  let origin: string;
  let start: QueueState;
  /** The decisions the copied family already had. */
  let initial: ReturnType<typeof decisions>;
  const queue = async (): Promise<QueueState> => (await fetch(`${server.url}api/queue`)).json() as Promise<QueueState>;
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}api/decisions`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json', ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  const item = (i: QueueItem) => ({ kind: i.kind, spelling: i.spelling, version: i.version });
  let fuzzy: QueueItem;
  let unmatched: QueueItem;

  beforeAll(async () => {
    project = await workbenchProject();
    server = await serveCopy(project);
    origin = server.url.replace(/\/$/, '');
    start = await queue();
    initial = decisions(project);
    const f = start.items.find((i) => i.kind === 'policy' && i.match === 'fuzzy' && i.candidates[0]?.veto === '');
    const u = start.items.find((i) => i.kind === 'policy' && i.match === 'none' && i.occurrences.length > 1);
    if (!f || !u) throw new Error('no fuzzy citation or repeated unmatched citation to decide');
    [fuzzy, unmatched] = [f, u];
  }, 60_000);

  afterAll(async () => {
    await server?.close();
    rmSync(project, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 and serves the page and the queue of review.csv, grouped by spelling', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await fetch(server.url);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    expect(await page.text()).toMatch(/复核工作台/);
    const sheet =
      readFileSync(join(project, 'out', NOTICE, 'review.csv'), 'utf8')
        .trim()
        .split('\n').length - 1;
    expect(start.counts.rows.policy + start.counts.rows.indicator).toBe(sheet);
    expect(start.counts.spellings.policy).toBe(start.items.filter((i) => i.kind === 'policy').length);
  });

  it('refuses a decision from another Origin, or without one, and a request naming another Host', async () => {
    const other = await post(
      { ...item(fuzzy), decision: 'accept', id: fuzzy.candidates[0]?.id },
      { origin: 'http://evil.example' },
    );
    expect(other.status).toBe(403);
    expect(((await other.json()) as { error: string }).error).toMatch(
      /must come from the workbench page .*"http:\/\/evil\.example"/,
    );
    const none = await fetch(`${server.url}api/decisions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(none.status).toBe(403);
    const host = await new Promise<number>((resolve, reject) => {
      const r = request(`${server.url}api/queue`, { headers: { host: 'rebound.example:80' } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      r.on('error', reject);
      r.end();
    });
    expect(host).toBe(403);
    expect(decisions(project)).toEqual(initial);
  });

  it('refuses a malformed body with what is wrong, and a body that is not JSON by type', async () => {
    const broken = await post('{"kind": "policy",');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/^malformed decision: body is not JSON/);
    const invalid = await post({ ...item(unmatched), decision: 'reject' });
    expect(invalid.status).toBe(400);
    expect(((await invalid.json()) as { error: string }).error).toMatch(/malformed decision: .*\n\s+→ at reason/);
    expect((await post('{}', { 'content-type': 'text/plain' })).status).toBe(415);
    expect(decisions(project)).toEqual(initial);
  });

  it('refuses an unknown spelling (404) and an unknown entry id (422), writing nothing', async () => {
    const unknown = await post({
      kind: 'policy',
      spelling: '从未引用过的文件',
      decision: 'reject',
      reason: 'x',
      version: fuzzy.version,
    });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as { error: string }).error).toMatch(
      /no pending or decided policy spelling "从未引用过的文件"/,
    );
    const noEntry = await post({ ...item(fuzzy), decision: 'accept', id: 'P-没有这个文件' });
    expect(noEntry.status).toBe(422);
    expect(((await noEntry.json()) as { error: string }).error).toMatch(/no policy P-没有这个文件/);
    expect(decisions(project)).toEqual(initial);
  });

  it('accepts a candidate: decisions.json records it, the citations become aliases, the counts drop', async () => {
    const id = fuzzy.candidates[0]?.id ?? '';
    const r = await post({ ...item(fuzzy), decision: 'accept', id });
    const answer = (await r.json()) as { counts: QueueState['counts']; reextracted: string[]; pending: string[] };
    expect(r.status).toBe(200);
    expect(answer.reextracted).toEqual([NOTICE]);
    expect(decisions(project)).toEqual([
      ...initial,
      { kind: 'policy', spelling: fuzzy.spelling, decision: 'accept', id },
    ]);
    const cited = citations(project).filter((c) => rowSpelling('policy', c.title_raw) === fuzzy.spelling);
    expect(cited).toHaveLength(fuzzy.occurrences.length);
    expect(cited.every((c) => c.match === 'alias' && c.policy_id === id)).toBe(true);
    expect(answer.pending).not.toContain(fuzzy.key);
    expect(answer.counts.spellings.policy).toBe(start.counts.spellings.policy - 1);
    expect(answer.counts.rows.policy).toBe(start.counts.rows.policy - fuzzy.occurrences.length);
    expect(readFileSync(join(project, 'out', NOTICE, 'review.csv'), 'utf8')).not.toContain(fuzzy.occurrences[0]?.raw);
  });

  it('answers a second decision on the same version with a conflict and overwrites nothing', async () => {
    const before = decisionsText(project);
    const r = await post({ ...item(fuzzy), decision: 'reject', reason: '另一个标签页' });
    expect(r.status).toBe(409);
    const answer = (await r.json()) as { error: string; current: unknown };
    expect(answer.error).toMatch(/^conflict: .*accepted as P-/);
    expect(answer.current).toMatchObject({ decision: 'accept' });
    expect(decisionsText(project)).toBe(before);
  });

  it('lets two tabs race on one row: one decision wins, the other conflicts', async () => {
    const [a, b] = await Promise.all([
      post({ ...item(unmatched), decision: 'reject', reason: '不是政策文件' }),
      post({ ...item(unmatched), decision: 'reject', reason: '另一个理由' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const kept = decisions(project).filter((d) => d.spelling === unmatched.spelling);
    expect(kept).toHaveLength(1);
    const cited = citations(project).filter((c) => rowSpelling('policy', c.title_raw) === unmatched.spelling);
    expect(cited).toHaveLength(unmatched.occurrences.length);
    expect(cited.every((c) => c.match === 'rejected' && c.policy_id === '')).toBe(true);
  });

  it('registers a new policy and a new indicator: the notices match them at once', async () => {
    const q = await queue();
    const spelling = q.items.find((i) => i.kind === 'policy' && i.match === 'none' && i.doc_number === '');
    const indicator = q.items.find((i) => i.kind === 'indicator');
    if (!spelling || !indicator) throw new Error('no unmatched citation or fuzzy indicator left');
    const policy = { id: 'P-工作台测试', title: spelling.spelling, issuer: '', doc_number: '', aliases: [] };
    const r = await post({ ...item(spelling), decision: 'new-policy', entry: policy });
    expect(r.status).toBe(200);
    expect(
      citations(project)
        .filter((c) => rowSpelling('policy', c.title_raw) === spelling.spelling)
        .map((c) => [c.match, c.policy_id]),
    ).toEqual(spelling.occurrences.map(() => ['exact', 'P-工作台测试']));
    const entry = { id: 'I-工作台测试', name: indicator.spelling, level2: '数量指标', aliases: [] };
    const ri = await post({ ...item(indicator), decision: 'new-indicator', entry });
    const answer = (await ri.json()) as { pending: string[]; error?: string };
    expect(answer.error).toBeUndefined();
    expect(ri.status).toBe(200);
    expect(answer.pending).not.toContain(indicator.key);
    const names = (
      JSON.parse(readFileSync(join(project, 'out', NOTICE, 'indicators.json'), 'utf8')) as {
        records: { name: string; indicator_id: string }[];
      }
    ).records;
    expect(names.filter((n) => n.name === indicator.spelling).map((n) => n.indicator_id)).toEqual(
      indicator.occurrences.map(() => 'I-工作台测试'),
    );
    // The same id twice is refused by the family's rules, and nothing is written.
    const before = decisionsText(project);
    const again = q.items.find((i) => i.kind === 'policy' && i.match === 'none' && i.key !== spelling.key) as QueueItem;
    const dup = await post({ ...item(again), decision: 'new-policy', entry: { ...policy, title: again.spelling } });
    expect(dup.status).toBe(422);
    expect(((await dup.json()) as { error: string }).error).toMatch(/policy P-工作台测试 exists already/);
    expect(decisionsText(project)).toBe(before);
  });

  it('keeps every decision after a restart: the queue no longer holds them', async () => {
    await server.close();
    server = await serveCopy(project);
    origin = server.url.replace(/\/$/, '');
    const after = await queue();
    expect(after.items.map((i) => i.key)).not.toContain(fuzzy.key);
    expect(after.items.map((i) => i.key)).not.toContain(unmatched.key);
    expect(after.counts.spellings.policy).toBe(start.counts.spellings.policy - 3);
    expect(after.counts.spellings.indicator).toBe(start.counts.spellings.indicator - 1);
    expect(
      decisions(project)
        .slice(initial.length)
        .map((d) => d.decision),
    ).toEqual(['accept', 'reject', 'new-policy', 'new-indicator']);
    expect(
      decisions(project)
        .slice(initial.length, initial.length + 2)
        .map((d) => d.spelling),
    ).toEqual([fuzzy.spelling, unmatched.spelling]);
    // The next extraction (as `extract --force` runs it) gives what the workbench wrote.
    const served = readFileSync(join(project, 'out', NOTICE, 'citations.json'), 'utf8');
    expect(
      (
        await runOne(join(project, 'raw', `${NOTICE}.md`), NOTICE, loadFamilies(join(project, 'pipelines')), {
          out: join(project, 'out'),
          bom: true,
          force: true,
          allowPartial: false,
        })
      ).status,
    ).toBe('extracted');
    expect(readFileSync(join(project, 'out', NOTICE, 'citations.json'), 'utf8')).toBe(served);
  });
});

describe('notice-extract review serve', () => {
  it('prints its URL, serves until SIGINT, then stops cleanly with exit 0', async () => {
    const project = await workbenchProject();
    symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
    const child = spawn(
      process.execPath,
      [
        join(root, 'dist', 'bin', 'cli.js'),
        'review',
        'serve',
        '--port',
        '0',
        '--pipelines',
        'pipelines',
        '--input',
        'raw',
        'out',
      ],
      { cwd: project },
    );
    try {
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          stdout += d.toString();
          const m = /review workbench at (http:\/\/127\.0\.0\.1:\d+\/)\n/.exec(stdout);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${stderr}`)));
      });
      const q = (await (await fetch(`${url}api/queue`)).json()) as QueueState;
      expect(q.counts.notices.map((n) => n.id)).toEqual([NOTICE]);
      const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGINT');
      expect(await exit).toBe(0);
      expect(stderr).toMatch(/SIGINT: stopping[\s\S]*review workbench stopped\n$/);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses a folder that holds no notice output, and a notice whose input is not found, exit 64', async () => {
    const project = await workbenchProject();
    try {
      const run = (args: string[]) =>
        new Promise<{ code: number | null; stderr: string }>((resolve) => {
          const c = spawn(process.execPath, [join(root, 'dist', 'bin', 'cli.js'), 'review', 'serve', ...args], {
            cwd: project,
          });
          let stderr = '';
          c.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
          c.once('exit', (code) => resolve({ code, stderr }));
        });
      expect(await run(['--pipelines', 'pipelines', 'raw'])).toEqual({
        code: 64,
        stderr:
          'notice-extract review serve: raw: not a notice output folder (no notice.json in it or its subfolders)\n',
      });
      expect(await run(['--pipelines', 'pipelines', '--input', 'pipelines', 'out'])).toEqual({
        code: 64,
        stderr: `notice-extract review serve: ${join('out', NOTICE)}: no input ${NOTICE}.md among pipelines (name it with --input)\n`,
      });
    } finally {
      rmSync(project, { recursive: true, force: true });
    }
  }, 60_000);
});

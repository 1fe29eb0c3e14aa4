import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowSpelling, type QueueItem } from '../src/curation/queue.js';
import type { QueueState } from '../src/curation/workbench.js';
import type { WorkbenchServer } from '../src/curation/server.js';
import { chromiumMissing, openBrowser } from './support/browser.js';
import { citations, decisionsText, NOTICE, serveCopy, workbenchProject } from './support/workbench.js';

const missing = chromiumMissing();
if (missing) console.log(`review-server-hardening.test.ts: ${missing}`);

const BOM = '\uFEFF';

describe('the review server as another origin and a broken configuration meet it', () => {
  let project: string;
  let server: WorkbenchServer;
  let origin: string;
  const queue = async (): Promise<QueueState> => (await fetch(`${server.url}api/queue`)).json() as Promise<QueueState>;
  const post = (body: unknown) =>
    fetch(`${server.url}api/decisions`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const file = (name: string) => readFileSync(join(project, 'out', NOTICE, name), 'utf8');

  beforeAll(async () => {
    // The copy is extracted with a BOM (as `extract --bom` writes it), which the server must keep.
    project = await workbenchProject();
    server = await serveCopy(project);
    origin = server.url.replace(/\/$/, '');
  }, 120_000);

  afterAll(async () => {
    await server?.close();
  });

  it("forbids framing on every answer: frame-ancestors 'none' and X-Frame-Options DENY, whatever the route or status", async () => {
    const answers = [
      await fetch(server.url),
      await fetch(`${server.url}api/queue`),
      await fetch(`${server.url}no-such-page`),
      await fetch(`${server.url}api/decisions`),
      await fetch(`${server.url}api/decisions`, { method: 'POST', body: '{}' }),
      await fetch(`${server.url}api/decisions`, {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: 'not json',
      }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 404, 405, 403, 400]);
    for (const r of answers) {
      expect(r.headers.get('content-security-policy'), r.url).toBe("frame-ancestors 'none'");
      expect(r.headers.get('x-frame-options'), r.url).toBe('DENY');
    }
  });

  it.skipIf(missing !== null)(
    'is not shown inside a frame of a page from another origin, so no click there can decide',
    async () => {
      // Another origin: the same host on another port, serving a page that frames the workbench.
      const framing: Server = createServer((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(
          `<!doctype html><title>elsewhere</title><iframe id="w" src="${server.url}" width="800" height="600"></iframe>`,
        );
      });
      await new Promise<void>((resolve) => framing.listen(0, '127.0.0.1', resolve));
      const browser = await openBrowser();
      try {
        const page = await browser.newPage();
        const framedRequests: string[] = [];
        page.on('response', (r) => {
          if (r.url() === server.url) framedRequests.push(r.url());
        });
        await page.goto(`http://127.0.0.1:${(framing.address() as AddressInfo).port}/`);
        await page.waitForTimeout(1500);
        // The browser asked for the workbench (so the test reaches it) and refused to show it.
        expect(framedRequests).toEqual([server.url]);
        const frame = page.frames().find((f) => f !== page.mainFrame());
        const shown = await frame
          ?.evaluate(() => ({
            url: location.href,
            buttons: document.querySelectorAll('button').length,
            title: document.title,
          }))
          .catch(() => null);
        expect(shown?.url ?? 'blocked').not.toBe(server.url);
        expect(shown?.buttons ?? 0).toBe(0);
        // The same page opened directly does render (the check above is not vacuous).
        const direct = await browser.newPage();
        await direct.goto(server.url);
        expect(await direct.title()).not.toBe('');
      } finally {
        await browser.close();
        await new Promise<void>((resolve) => framing.close(() => resolve()));
      }
    },
    120_000,
  );

  it('refuses to accept a spelling as a policy whose number some of its citations do not carry, naming both numbers (422)', async () => {
    const title = '国家知识产权局关于同意建设第一批国家海外知识产权纠纷应对指导中心地方分中心的通知';
    const item = (await queue()).items.find((i) => i.kind === 'policy' && i.spelling === title);
    const candidate = item?.candidates[0];
    if (!item || !candidate) throw new Error('the seed no longer cites the spelling with two numbers');
    const before = decisionsText(project);
    const r = await post({
      kind: 'policy',
      spelling: item.spelling,
      version: item.version,
      decision: 'accept',
      id: candidate.id,
    });
    expect(r.status).toBe(422);
    const { error } = (await r.json()) as { error: string };
    expect(error).toContain('〔2021〕358号');
    expect(error).toContain('〔2020〕249号');
    expect(error).toContain(candidate.id);
    expect(decisionsText(project)).toBe(before);
  });

  let decided: QueueItem;
  let version: string;

  it('keeps the BOM the notice was written with when a decision re-extracts it', async () => {
    expect(file('review.csv').startsWith(BOM)).toBe(true);
    const q = await queue();
    const item = q.items.find((i) => i.kind === 'policy' && i.match === 'none' && i.occurrences.length > 0);
    if (!item) throw new Error('no unmatched citation');
    const r = await post({
      kind: item.kind,
      spelling: item.spelling,
      version: item.version,
      decision: 'reject',
      reason: '不是政策文件',
    });
    const answer = (await r.json()) as { reextracted: string[]; version: string };
    expect(r.status).toBe(200);
    expect(answer.reextracted).toEqual([NOTICE]);
    for (const name of ['review.csv', 'allocations.csv', 'citations.csv', 'findings.csv'])
      expect(file(name).startsWith(BOM), name).toBe(true);
    const pkg = JSON.parse(file('datapackage.json')) as { resources: { encoding: string }[] };
    expect(new Set(pkg.resources.map((x) => x.encoding))).toEqual(new Set(['utf-8-sig']));
    decided = item;
    version = answer.version;
  }, 120_000);

  it('re-extracts the notices citing a spelling when its decision is changed', async () => {
    // A change of mind: the rejected spelling is made a new policy, which every notice of the family may match.
    const r = await post({
      kind: 'policy',
      spelling: decided.spelling,
      version,
      decision: 'new-policy',
      entry: { id: 'P-测试-改判', title: decided.spelling, issuer: '', doc_number: '', aliases: [] },
    });
    const answer = (await r.json()) as { reextracted: string[]; error?: string; version: string };
    expect(answer.error).toBeUndefined();
    expect(r.status).toBe(200);
    expect(answer.reextracted).toEqual([NOTICE]);
    const cited = citations(project).filter((c) => rowSpelling('policy', c.title_raw) === decided.spelling);
    expect(cited.length).toBe(decided.occurrences.length);
    expect(cited.every((c) => c.match === 'exact' && c.policy_id === 'P-测试-改判')).toBe(true);
    // And back to a rejection: an alias or a rejection re-extracts the notices whose records carry it.
    const back = await post({
      kind: 'policy',
      spelling: decided.spelling,
      version: answer.version,
      decision: 'reject',
      reason: '改回驳回',
    });
    expect(((await back.json()) as { reextracted: string[] }).reextracted).toEqual([NOTICE]);
    expect(
      citations(project)
        .filter((c) => rowSpelling('policy', c.title_raw) === decided.spelling)
        .every((c) => c.match === 'rejected'),
    ).toBe(true);
  }, 180_000);

  it('answers an invalid decisions.json with one line and no stack, and goes on serving once it is mended', async () => {
    const decisionsPath = join(project, 'pipelines', 'gd-special-transfer', 'decisions.json');
    const good = readFileSync(decisionsPath, 'utf8');
    for (const broken of [
      '{"schema": "decisions@1", "decisions": [',
      JSON.stringify({ schema: 'decisions@1', decisions: [{ kind: 'policy' }] }),
    ]) {
      writeFileSync(decisionsPath, broken);
      const r = await fetch(`${server.url}api/queue`);
      expect(r.status).toBe(500);
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      const { error } = (await r.json()) as { error: string };
      expect(error).toMatch(/^configuration error: .*decisions\.json: \$/);
      expect(error).not.toContain('\n');
      expect(error).not.toMatch(/\bat .*\.(js|ts):\d+/);
      // The page itself does not need the file.
      expect((await fetch(server.url)).status).toBe(200);
    }
    writeFileSync(decisionsPath, good);
    expect((await fetch(`${server.url}api/queue`)).status).toBe(200);
  });
});

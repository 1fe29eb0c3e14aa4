import { rmSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowSpelling, type QueueItem } from '../src/curation/queue.js';
import type { WorkbenchServer } from '../src/curation/server.js';
import type { QueueState } from '../src/curation/workbench.js';
import { chromiumMissing, openBrowser, type BrowserSession } from './support/browser.js';
import { citations, decisions, serveCopy, workbenchProject } from './support/workbench.js';

const missing = chromiumMissing();
if (missing) console.log(`workbench-page.test.ts: ${missing}`);

/** Where to save a screenshot of the page after the first accept (for the README), when set. */
const SCREENSHOT = process.env['WORKBENCH_SCREENSHOT'];

describe.skipIf(missing !== null)('the review workbench in headless Chromium', () => {
  let project: string;
  let server: WorkbenchServer;
  let browser: BrowserSession;
  let tab: Page;
  let other: Page;
  let start: QueueState;

  const open = async (): Promise<Page> => {
    const page = await browser.newPage();
    await page.goto(server.url);
    await page.waitForSelector('body[data-ready=true]');
    return page;
  };
  const count = async (page: Page, name: string): Promise<number> =>
    Number(await page.locator(`[data-count="${name}"]`).textContent());
  const card = (page: Page, item: QueueItem) => page.locator(`article.item[data-key="${item.key}"]`);

  beforeAll(async () => {
    project = await workbenchProject();
    server = await serveCopy(project);
    start = (await (await fetch(`${server.url}api/queue`)).json()) as QueueState;
    browser = await openBrowser({ viewport: { width: 1280, height: 900 } });
    tab = await open();
    other = await open();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (project) rmSync(project, { recursive: true, force: true });
  });

  it('lists every pending spelling with its counts, source context, diffs and vetoes, and fetches nothing else', async () => {
    expect(await tab.locator('article.item').count()).toBe(start.items.length);
    expect(await count(tab, 'policy-spellings')).toBe(start.counts.spellings.policy);
    expect(await count(tab, 'policy-rows')).toBe(start.counts.rows.policy);
    expect(await count(tab, 'indicator-spellings')).toBe(start.counts.spellings.indicator);
    const first = start.items[0] as QueueItem;
    expect(await card(tab, first).locator('.spelling').textContent()).toBe(first.spelling);
    expect(await card(tab, first).locator('.context mark').first().textContent()).toBe(first.occurrences[0]?.raw);
    // Each candidate's diff, read back from the page, rebuilds its title.
    for (const c of first.candidates) {
      const cell = card(tab, first).locator(`tr[data-id="${c.id}"] .diff`);
      expect(
        await cell.evaluate((n) =>
          [...n.childNodes]
            .filter((x) => x.nodeName !== 'DEL')
            .map((x) => x.textContent)
            .join(''),
        ),
      ).toBe(c.title);
    }
    const vetoed = start.items.flatMap((i) => i.candidates.filter((c) => c.veto !== '')).length;
    expect(vetoed).toBeGreaterThan(0);
    expect(await tab.locator('td.veto:not(:empty)').count()).toBe(vetoed);
    expect(browser.requests.every((u) => u.startsWith(server.url))).toBe(true);
  });

  it('accepts one row and rejects another through the page; the counts update, a second tab gets a conflict', async () => {
    const fuzzy = start.items.find((i) => i.kind === 'policy' && i.match === 'fuzzy' && i.candidates[0]?.veto === '');
    const unmatched = start.items.find((i) => i.kind === 'policy' && i.match === 'none');
    if (!fuzzy || !unmatched) throw new Error('nothing to accept or reject');
    const id = fuzzy.candidates[0]?.id ?? '';

    await card(tab, fuzzy).locator(`button.accept[data-id="${id}"]`).click();
    await card(tab, fuzzy).and(tab.locator('.decided')).waitFor();
    expect(await card(tab, fuzzy).locator('.status').textContent()).toMatch(new RegExp(`已接受为 ${id}`));
    expect(await count(tab, 'policy-spellings')).toBe(start.counts.spellings.policy - 1);
    expect(await count(tab, 'policy-rows')).toBe(start.counts.rows.policy - fuzzy.occurrences.length);
    if (SCREENSHOT) {
      await card(tab, fuzzy).scrollIntoViewIfNeeded();
      await tab.screenshot({ path: SCREENSHOT });
    }

    await card(tab, unmatched).locator('input.reason').fill('不是政策文件，是一项工作');
    await card(tab, unmatched).locator('button.reject').click();
    await card(tab, unmatched).and(tab.locator('.decided')).waitFor();
    expect(await count(tab, 'policy-spellings')).toBe(start.counts.spellings.policy - 2);

    // The other tab still shows the accepted row as pending: its decision conflicts, and nothing is lost.
    await card(other, fuzzy).locator('input.reason').fill('另一个标签页');
    await card(other, fuzzy).locator('button.reject').click();
    await card(other, fuzzy).and(other.locator('.conflict')).waitFor();
    expect(await card(other, fuzzy).locator('.status').textContent()).toMatch(/^conflict: .*accepted as/);

    const decided = decisions(project).filter(
      (d) => d.spelling === fuzzy.spelling || d.spelling === unmatched.spelling,
    );
    expect(decided).toEqual([
      { kind: 'policy', spelling: fuzzy.spelling, decision: 'accept', id },
      { kind: 'policy', spelling: unmatched.spelling, decision: 'reject', reason: '不是政策文件，是一项工作' },
    ]);
    const records = citations(project);
    const of = (item: QueueItem) => records.filter((c) => rowSpelling('policy', c.title_raw) === item.spelling);
    expect(of(fuzzy).map((c) => [c.match, c.policy_id])).toEqual(fuzzy.occurrences.map(() => ['alias', id]));
    expect(of(unmatched).map((c) => [c.match, c.policy_id])).toEqual(unmatched.occurrences.map(() => ['rejected', '']));

    // A reload shows the queue as the files now are.
    await tab.reload();
    await tab.waitForSelector('body[data-ready=true]');
    expect(await tab.locator('article.item').count()).toBe(start.items.length - 2);
  }, 60_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiffJson } from '../schemas/diff.js';
import { fundReader } from '../src/corpus/fund.js';
import { compareNotices } from '../src/diff/compare.js';
import { diffPage } from '../src/diff/page.js';
import { summaryLines } from '../src/diff/rows.js';
import { snapshotFromFolder } from '../src/diff/snapshot.js';
import { loadFamilies } from '../src/family/load.js';
import { chromiumMissing, openBrowser, type BrowserSession } from './support/browser.js';
import { SEED_OUT, threeYears, writeLaterYears } from './support/laterYears.js';

const missing = chromiumMissing();
if (missing) console.log(`diff-page.test.ts: ${missing}`);

/** Where screenshots go: SCREENSHOTS=DIR keeps them, else a temporary folder. */
const dir = mkdtempSync(join(tmpdir(), 'diff-page-'));
const shots = process.env.SCREENSHOTS ?? dir;

describe.skipIf(missing !== null)('diff.html in headless Chromium', () => {
  let browser: BrowserSession;
  let diff: DiffJson;
  let url: string;

  beforeAll(async () => {
    const years = threeYears();
    const [folder] = writeLaterYears(join(dir, 'out'), years);
    const funds = fundReader(loadFamilies());
    diff = DiffJson.parse(
      compareNotices(snapshotFromFolder(SEED_OUT, funds), snapshotFromFolder(folder as string, funds)),
    );
    writeFileSync(join(dir, 'diff.html'), diffPage(diff, summaryLines(diff)));
    url = pathToFileURL(join(dir, 'diff.html')).href;
    browser = await openBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows a row per change in each section and a bar per money change, largest first', async () => {
    const page = await browser.newPage();
    await page.goto(url);
    expect(await page.locator('#money tbody tr').count()).toBe(diff.money.length);
    expect(await page.locator('#targets tbody tr').count()).toBe(diff.target_tables.length);
    expect(await page.locator('#indicators tbody tr').count()).toBe(diff.indicators.length);
    expect(await page.locator('#citations tbody tr').count()).toBe(diff.citations.length);
    const bars = await page
      .locator('.chart .bar')
      .evaluateAll((gs) => gs.map((g) => [g.getAttribute('data-code'), g.getAttribute('data-change')]));
    expect(bars).toEqual(diff.money.slice(0, 15).map((m) => [m.recipient_code, m.change_yuan]));
    // Drawn widths, in pixels: largest first, decreases left of the axis and increases right.
    const drawn = await page
      .locator('.chart .fill')
      .evaluateAll((fs) =>
        fs.map((f) => [f.getBoundingClientRect().width, f.parentElement?.classList.contains('neg')]),
      );
    const widths = drawn.map(([w]) => Number(w));
    expect(widths).toEqual([...widths].sort((a, b) => b - a));
    expect(widths[0]).toBeGreaterThan(100);
    expect(drawn.map(([, neg]) => neg)).toEqual(diff.money.slice(0, 15).map((m) => m.change_yuan.startsWith('-')));
    await page.screenshot({ path: join(shots, 'diff-desktop.png'), fullPage: true });
    expect(browser.requests.every((r) => r.startsWith('file:'))).toBe(true);
    await page.close();
  });

  it('fits a 390-pixel phone: nothing wider than the screen but the tables, which scroll in their box', async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    const chart = await page.locator('.chart .bars').boundingBox();
    expect(chart?.width ?? Infinity).toBeLessThanOrEqual(390);
    // The chart's words stay as large as on a desktop.
    const size = await page
      .locator('.chart .label')
      .first()
      .evaluate((e) => getComputedStyle(e).fontSize);
    expect(size).toBe('12px');
    await page.screenshot({ path: join(shots, 'diff-phone.png'), fullPage: true });
    await page.close();
  });
});

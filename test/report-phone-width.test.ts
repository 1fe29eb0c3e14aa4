import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse } from 'csv-parse/sync';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, openBrowser, type BrowserSession } from './support/browser.js';

const missing = chromiumMissing();
if (missing) console.log(`report-phone-width.test.ts: ${missing}`);

/**
 * The published page (out/, kept equal to a fresh extraction by published.test.ts): it is extracted
 * with the live decisions, so some citations are rejected and only a few await review.
 */
const folder = new URL('../out/yue-cai-gong-2023-126/', import.meta.url).pathname;
const url = pathToFileURL(join(folder, 'report.html')).href;
const reviewRows = parse(readFileSync(join(folder, 'review.csv'), 'utf8'), { columns: true, bom: true }) as Record<
  string,
  string
>[];
const citations = (
  JSON.parse(readFileSync(join(folder, 'citations.json'), 'utf8')) as {
    records: { title: string; policy_id: string; match: string }[];
  }
).records;

/** What a phone shows: the page's width, elements that stick out of it, the smallest chart label in CSS pixels. */
async function measure(page: Page) {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const sticking = [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > width + 0.5 && !e.closest('.scroll, pre'))
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}`);
    const labels = [...document.querySelectorAll<SVGGraphicsElement>('.chart text')].map(
      (t) => parseFloat(getComputedStyle(t).fontSize) * (t.getScreenCTM()?.a ?? 0),
    );
    return { scrollWidth: document.documentElement.scrollWidth, sticking, labels };
  });
}

describe.skipIf(missing !== null)('report.html at phone and desktop width', () => {
  let browser: BrowserSession;

  beforeAll(async () => {
    browser = await openBrowser({ viewport: { width: 390, height: 844 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  for (const width of [390, 1280]) {
    it(`does not scroll sideways at ${width} px: tables and the chart scroll inside their own box, chart labels stay at least 10 px`, async () => {
      const page = await browser.newPage();
      await page.setViewportSize({ width, height: 844 });
      await page.goto(url);
      // Open every group so the findings' excerpts and the indicator tables count too.
      await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
      const seen = await measure(page);
      expect(seen.scrollWidth).toBeLessThanOrEqual(width);
      expect(seen.sticking).toEqual([]);
      expect(seen.labels.length).toBeGreaterThan(0);
      expect(Math.min(...seen.labels)).toBeGreaterThanOrEqual(10);
      // The wide tables are still all there, to be scrolled to.
      const money = await page
        .locator('table.money')
        .evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement?.clientWidth ?? 0 }));
      if (width === 390) expect(money.table).toBeGreaterThan(money.box);
      await page.close();
    });
  }

  it("counts as awaiting review exactly review.csv's citation rows, rejected spellings apart", async () => {
    const page = await browser.newPage();
    await page.goto(url);
    const pending = reviewRows.filter((r) => r['kind'] === 'policy').length;
    const rejectedTitles = new Set(citations.filter((c) => c.match === 'rejected').map((c) => c.title));
    // The case the count went wrong on: many rejected documents, few citations awaiting review.
    expect(rejectedTitles.size).toBeGreaterThan(pending);
    const summary = page.locator('#policies p.summary');
    expect(await summary.locator('.pending').getAttribute('data-review-rows')).toBe(String(pending));
    expect(await summary.locator('.pending').textContent()).toBe(`${pending} 条引用待复核`);
    expect(await summary.textContent()).toContain(`${rejectedTitles.size} 份经复核驳回`);
    const unmatchedTitles = new Set(
      citations.filter((c) => c.policy_id === '' && c.match !== 'rejected').map((c) => c.title),
    );
    expect(await summary.textContent()).toContain(`${unmatchedTitles.size} 份未匹配`);
    await page.close();
  });
});

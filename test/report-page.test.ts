import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Decimal } from 'decimal.js';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumMissing, openBrowser, type BrowserSession } from './support/browser.js';
import { extractText, recordsOf, seedText } from './support/run.js';

const missing = chromiumMissing();
if (missing) console.log(`report-page.test.ts: ${missing}`);

type Row = Record<string, unknown>;
const dir = mkdtempSync(join(tmpdir(), 'report-page-'));

/** Extract a notice, write its report.html to the temp dir, and return the page's URL with the run's datasets. */
function extractToDisk(text: string, id: string) {
  const result = extractText(text, id);
  writeFileSync(join(dir, `${id}.html`), result.files.get('report.html') ?? '');
  const report = JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Row[] };
  return {
    url: pathToFileURL(join(dir, `${id}.html`)).href,
    report,
    records: (name: string) => recordsOf(result, name),
  };
}

/** Cell text as a plain decimal: thousands separators removed. */
const plain = (text: string | null) => (text ?? '').trim().replace(/,/g, '');

describe.skipIf(missing !== null)('report.html in headless Chromium', () => {
  let browser: BrowserSession;
  let page: Page;
  let seed: ReturnType<typeof extractToDisk>;

  beforeAll(async () => {
    seed = extractToDisk(seedText(), 'seed');
    browser = await openBrowser();
    page = await browser.newPage();
    await page.goto(seed.url);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the 42 recipients with the amount of every kind, equal to the datasets, and no mismatch', async () => {
    const items = seed.records('allocations').filter((r) => r.row_type === 'item');
    expect(items).toHaveLength(42);
    const details = seed.records('details').filter((r) => r.row_type === 'item');
    const targets = seed.records('targets');
    const rows = page.locator('table.money tbody tr.recipient');
    expect(await rows.count()).toBe(42);
    for (const item of items) {
      const code = String(item.recipient_code);
      const row = page.locator(`tr.recipient[data-recipient="${code}"]`);
      expect(plain(await row.locator('td[data-kind="allocation"]').textContent()), code).toBe(item.amount_yuan);
      const detailSum = details
        .filter((d) => d.recipient_code === code)
        .reduce((s, d) => s.plus(String(d.amount_yuan)), new Decimal(0));
      expect(plain(await row.locator('td[data-kind="detail"]').textContent()), code).toBe(detailSum.toFixed(2));
      const target = targets.find((t) => t.recipient_code === code);
      expect(plain(await row.locator('td[data-kind="targets"]').textContent()), code).toBe(
        new Decimal(String(target?.fund_demand_wan)).times(10000).toFixed(2),
      );
    }
    expect(await page.locator('td.mismatch, td.missing').count()).toBe(0);
    expect(await page.locator('td.status.ok').count()).toBe(42);
    const grand = seed.records('allocations').find((r) => r.row_type === 'grand_total');
    expect(plain(await page.locator('table.money tfoot td[data-kind="allocation"]').textContent())).toBe(
      grand?.amount_yuan,
    );
  });

  it('draws one bar per city of the allocation table, the bars adding up to its grand total', async () => {
    const allocations = seed.records('allocations');
    const subtotals = allocations.filter((r) => r.row_type === 'subtotal');
    expect(subtotals).toHaveLength(20);
    const bars = page.locator('#chart svg g.bar');
    expect(await bars.count()).toBe(subtotals.length);
    const values = await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-value') ?? ''));
    const sum = values.reduce((s, v) => s.plus(v), new Decimal(0));
    expect(sum.toFixed(2)).toBe(allocations.find((r) => r.row_type === 'grand_total')?.amount_yuan);
    for (const bar of await bars.all()) expect(await bar.locator('rect').first().isVisible()).toBe(true);
    // A city bar is at least its subtotal: directly administered counties only add to it.
    const labels = await bars.evaluateAll((gs) => gs.map((g) => g.getAttribute('data-city') ?? ''));
    expect(labels).toContain('广州市');
    expect(values[labels.indexOf('广州市')]).toBe(
      subtotals.find((s) => String(s.region_name).startsWith('广州市'))?.amount_yuan,
    );
  });

  it('groups the findings by code and severity with the counts of report.json', async () => {
    const expected = new Map<string, number>();
    for (const f of seed.report.findings)
      expected.set(`${f.severity} ${f.code}`, (expected.get(`${f.severity} ${f.code}`) ?? 0) + 1);
    const groups = await page
      .locator('details.fgroup')
      .evaluateAll((ds) =>
        ds.map(
          (d) =>
            [
              `${d.getAttribute('data-severity')} ${d.getAttribute('data-code')}`,
              d.querySelectorAll('li.finding').length,
            ] as const,
        ),
      );
    expect(new Map(groups)).toEqual(expected);
    expect(groups).toHaveLength(expected.size);
    expect(await page.locator('li.finding').count()).toBe(seed.report.findings.length);
  });

  it('filters the findings by severity, code and text', async () => {
    const groups = page.locator('details.fgroup');
    const visibleGroups = () =>
      groups.evaluateAll((ds) =>
        ds
          .filter((d) => !(d as HTMLElement).hidden)
          .map((d) => d.getAttribute('data-severity') + ' ' + d.getAttribute('data-code')),
      );
    const all = await groups.count();
    expect(await page.locator('#finding-filters').isVisible()).toBe(true);
    expect(await visibleGroups()).toHaveLength(all);

    const infoGroups = await page.locator('details.fgroup[data-severity="info"]').count();
    expect(infoGroups).toBeGreaterThan(0);
    await page.locator('input[name=severity][value=info]').uncheck();
    const withoutInfo = await visibleGroups();
    expect(withoutInfo).toHaveLength(all - infoGroups);
    expect(withoutInfo.every((g) => !g.startsWith('info '))).toBe(true);
    expect(await page.locator('details.fgroup[data-severity="info"]').first().isVisible()).toBe(false);
    await page.locator('input[name=severity][value=info]').check();
    expect(await visibleGroups()).toHaveLength(all);

    await page.locator('#code-filter').selectOption('citations/unmatched');
    expect(await visibleGroups()).toEqual(['warning citations/unmatched']);
    await page.locator('#code-filter').selectOption('');

    const code = String(seed.report.findings.find((f) => f.recipient_code)?.recipient_code);
    await page.locator('#text-filter').fill(`单位 ${code}`);
    const shown = await page
      .locator('li.finding')
      .evaluateAll((ls) => ls.filter((l) => !(l as HTMLElement).hidden).length);
    expect(shown).toBe(seed.report.findings.filter((f) => f.recipient_code === code).length);
    await page.locator('#text-filter').fill('');
    expect(await visibleGroups()).toHaveLength(all);
  });

  it('shows each finding with its source lines, numbered, the finding line marked', async () => {
    const finding = seed.report.findings.find((f) => typeof f.source_line === 'number')!;
    const item = page.locator(`li.finding[data-line="${finding.source_line}"]`).first();
    const hit = await item.locator('pre.excerpt .hit .ln').textContent();
    expect(Number(hit?.trim())).toBe(finding.source_line);
    expect(await item.locator('pre.excerpt .line').count()).toBe(5);
  });

  it('lists indicators per recipient and the policies cited', async () => {
    const indicators = seed.records('indicators');
    const counts = await page
      .locator('table.indicator-summary tbody tr')
      .evaluateAll((rs) => rs.map((r) => Number(r.children[2]?.textContent)));
    expect(counts).toHaveLength(42);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(indicators.length);
    const citations = seed.records('citations');
    const perPolicy = await page
      .locator('table.policies tbody tr')
      .evaluateAll((rs) => rs.map((r) => Number(r.children[5]?.textContent)));
    expect(perPolicy.reduce((a, b) => a + b, 0)).toBe(citations.length);
  });

  it('loads nothing but the file itself', () => {
    expect(browser.requests.filter((u) => !u.startsWith('file:') && !u.startsWith('data:'))).toEqual([]);
  });

  it('highlights exactly one mismatch when one 资金需求 is changed', async () => {
    const target = seed.records('targets')[0]!;
    const lines = seedText().split('\n');
    const at = Number(target.fund_demand_line) - 1;
    const changed = String(Number(target.fund_demand_wan) + 1);
    expect(lines[at]).toContain(String(target.fund_demand_raw));
    lines[at] = lines[at]!.replace(String(target.fund_demand_raw), `${changed}万元`);
    const derived = extractToDisk(lines.join('\n'), 'derived');
    const tab = await browser.newPage();
    await tab.goto(derived.url);
    const cells = tab.locator('td.mismatch, td.missing');
    expect(await cells.count()).toBe(1);
    expect(await cells.first().getAttribute('data-kind')).toBe('targets');
    expect(plain(await cells.first().textContent())).toBe(new Decimal(changed).times(10000).toFixed(2));
    expect(await tab.locator(`tr.has-mismatch[data-recipient="${target.recipient_code}"]`).count()).toBe(1);
    expect(await cells.first().getAttribute('title')).toMatch(/不符/);
    await tab.close();
  });
});

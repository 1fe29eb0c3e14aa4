import { describe, expect, it } from 'vitest';
import { generateNotice, renderNewNotice, type NewStyle } from './support/newContent.js';
import { checkNotice } from './support/newContentCheck.js';
import { extractText } from './support/run.js';

/**
 * Tables of county allocations write the city in a column of its own before the county (地市 | 县（市、区）, the city
 * cell spanning its counties' rows), and some write GB/T 2260's 6-digit codes (440232) where the records carry the
 * 9-digit fiscal code (440232000). New-content notices (test/support/newContent.ts) are written so; the extraction
 * must give the generator's truth: the county as region and recipient, its 9-digit code.
 */
const STYLES: NewStyle[] = ['tsv', 'mineru', 'web', 'marker', 'docling'];

interface Report {
  findings: { code: string; severity: string; actual?: unknown; expected?: unknown }[];
  repairs: Record<string, number>;
}

describe('a city column before the region column', () => {
  it.each(STYLES.flatMap((style) => [1, 4, 6].map((seed) => [style, seed] as const)))(
    'reads the county as the region and recipient, the city column said to be left (%s, seed %i)',
    (style, seed) => {
      const notice = generateNotice(seed);
      const text = renderNewNotice(notice, style, { cityColumn: true });
      expect(text).toContain('县（市、区）');
      const result = extractText(text, `city-column-${seed}`);
      const check = checkNotice(notice, result);
      expect(check.allocations.differences).toEqual([]);
      expect(check.allocations.exact).toBe(notice.allocations.length);
      expect(check.errors).toEqual([]);
      const report = JSON.parse(result.files.get('report.json') ?? '{}') as Report;
      expect(report.findings.filter((f) => f.code === 'grid/column-chosen').map((f) => [f.actual, f.expected])).toEqual(
        [['县（市、区）', '"地市"']],
      );
    },
  );
});

describe('region codes written with 6 digits', () => {
  // Seeds whose layout writes the region code in a column of its own (code-first, code-beside-name).
  it.each(STYLES.flatMap((style) => [1, 4, 5].map((seed) => [style, seed] as const)))(
    'reads each as its 9-digit code, reported and counted (%s, seed %i)',
    (style, seed) => {
      const notice = generateNotice(seed);
      expect(['code-first', 'code-beside-name']).toContain(notice.layout);
      const text = renderNewNotice(notice, style, { shortCodes: true });
      const result = extractText(text, `short-codes-${seed}`);
      const check = checkNotice(notice, result);
      expect(check.allocations.differences).toEqual([]);
      expect(check.allocations.exact).toBe(notice.allocations.length);
      expect(check.errors).toEqual([]);
      const coded = notice.allocations.filter((r) => r.region_code !== '');
      const report = JSON.parse(result.files.get('report.json') ?? '{}') as Report;
      const lengthened = report.findings.filter((f) => f.code === 'allocations/code-lengthened');
      expect(lengthened.map((f) => [f.actual, f.expected])).toEqual(
        coded.map((r) => [r.region_code.slice(0, 6), r.region_code]),
      );
      expect(report.repairs['short-code-lengthened']).toBe(coded.length);
    },
  );
});

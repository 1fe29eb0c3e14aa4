import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractText, recordsOf, seedText, withoutLines } from './support/run.js';

/**
 * OCR merges a name and its 9-digit code into one cell (`珠海市小计 440400000`, `汕头市本级 440500000`,
 * `441521000 海丰县 W 无`), the row one cell short: each such row is split as written and read as the
 * seed's hand-checked record, never dropped.
 */
const expectedDir = new URL('./fixtures/gd-special-transfer/seed/expected/', import.meta.url);
const expected = (dataset: string): Record<string, unknown>[] =>
  (JSON.parse(readFileSync(new URL(`${dataset}.json`, expectedDir), 'utf8')) as { records: Record<string, unknown>[] })
    .records;

/** The seed with three rows merged the way the red team found them. */
function mergedSeed(): string {
  const merges: [string, string][] = [
    ['珠海市小计\t440400000\t', '珠海市小计 440400000\t'],
    ['汕头市本级\t440500000\t', '汕头市本级 440500000\t'],
    ['441521000 海丰县\tW 无', '441521000 海丰县 W 无'],
  ];
  let text = seedText();
  for (const [from, to] of merges) {
    expect(text.includes(from), from).toBe(true);
    text = text.replace(from, to);
  }
  return text;
}

describe('a name and a 9-digit code merged in one cell', () => {
  const result = extractText(mergedSeed(), 'merged');
  const report = JSON.parse(result.files.get('report.json') ?? '{}') as {
    findings: { code: string; source_line: number }[];
    repairs: Record<string, number>;
  };

  it('gives the seed allocations exactly, the merged rows included', () => {
    expect(withoutLines(recordsOf(result, 'allocations'))).toEqual(withoutLines(expected('allocations')));
  });
  it('keeps the recipient codes of the details, targets, indicators and citations that join those rows', () => {
    for (const dataset of ['details', 'targets', 'indicators', 'citations']) {
      expect(withoutLines(recordsOf(result, dataset)), dataset).toEqual(withoutLines(expected(dataset)));
    }
  });
  it('reports each merged row as aligned and counts each split, with no row left out', () => {
    expect(report.findings.filter((f) => f.code === 'grid/row-unaligned')).toEqual([]);
    expect(report.findings.filter((f) => f.code === 'grid/row-aligned')).toHaveLength(3);
    expect(report.repairs['merged-cell-split']).toBe(3);
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../schemas/index.js';
import { renderNotice, type ConverterStyle } from './support/converters.js';
import { extractText, recordsOf, seedText } from './support/run.js';

/**
 * The seed as other converters write it must give exactly the seed's hand-checked records and
 * metadata (source lines aside): each style on its own, and all together under random seeds.
 */
const expectedDir = new URL('./fixtures/gd-special-transfer/seed/expected/', import.meta.url);
const SEED = seedText();

/** Records without the keys that locate them in one rendering (`source_line`, `*_line`, `source_row`). */
function located(records: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  return records.map((r) =>
    Object.fromEntries(Object.entries(r).filter(([k]) => !k.endsWith('_line') && k !== 'source_row')),
  );
}

/** The seed's expected records of a dataset, from the golden files. */
function expectedRecords(dataset: string): Record<string, unknown>[] {
  return (
    JSON.parse(readFileSync(new URL(`${dataset}.json`, expectedDir), 'utf8')) as { records: Record<string, unknown>[] }
  ).records;
}

/**
 * Notice metadata without what depends on the input's bytes or name. Where each annex starts and ends
 * moves with the rendering; its label and kind do not. Its title is compared on its own (see below).
 */
function metadataOf(json: string, withAnnexTitles = false): Record<string, unknown> {
  const { notice_id: _id, input_sha256: _sha, pipeline: _p, ...meta } = JSON.parse(json) as Record<string, unknown>;
  if (Array.isArray(meta['annexes'])) {
    meta['annexes'] = located(meta['annexes'] as Record<string, unknown>[]).map(({ title, ...rest }) =>
      withAnnexTitles ? { ...rest, title } : rest,
    );
  }
  return meta;
}

const expectedMeta = metadataOf(readFileSync(new URL('notice.json', expectedDir), 'utf8'));

/** Extract a rendering and compare every dataset and the metadata with the seed's. */
function expectSeedRecords(style: ConverterStyle): ReturnType<typeof extractText> {
  const rendered = renderNotice(SEED, style);
  const result = extractText(rendered.text, 'variant');
  for (const { name } of DATASETS) {
    expect(located(recordsOf(result, name)), `${name} under ${JSON.stringify(style)}`).toEqual(
      located(expectedRecords(name)),
    );
  }
  // A web copy's body drops the 版记: no 印发 date, the issued date read from its 来源 line.
  expect(metadataOf(result.files.get('notice.json') ?? '{}')).toEqual(
    style.plainBody ? { ...expectedMeta, printed_date: '' } : expectedMeta,
  );
  return result;
}

/** report.json of a run. */
function reportOf(result: ReturnType<typeof extractText>): {
  findings: { code: string; severity: string; source_line: number | null }[];
} {
  return JSON.parse(result.files.get('report.json') ?? '{}');
}

describe('converter styles, each on its own, give the seed records', () => {
  it('target tables as HTML with 绩效指标 spanning the header and indicator rows (787 indicators, not 829)', () => {
    const result = expectSeedRecords({ targetsHtml: true });
    expect(recordsOf(result, DATASETS[3]!.name)).toHaveLength(787);
  });
  it('HTML target tables with a caption and the table title as first spanning row', () => {
    expectSeedRecords({ targetsHtml: true, titleRows: true });
  });
  it('money tables as HTML with the title and 单位 as spanning rows inside the table', () => {
    expectSeedRecords({ moneyHtml: true });
  });
  it('rows with an empty leading cell, each aligned and reported', () => {
    const rendered = renderNotice(SEED, { shifted: 12, seed: 7 });
    expect(rendered.shiftedRows).toBe(12);
    const result = expectSeedRecords({ shifted: 12, seed: 7 });
    expect(reportOf(result).findings.filter((f) => f.code === 'grid/row-aligned')).toHaveLength(12);
  });
  it('merged cells (seq + code, name + amount), each split and reported', () => {
    const rendered = renderNotice(SEED, { merged: 12, seed: 3 });
    expect(rendered.mergedRows).toBe(12);
    const result = expectSeedRecords({ merged: 12, seed: 3 });
    expect(reportOf(result).findings.filter((f) => f.code === 'grid/row-aligned')).toHaveLength(12);
  });
  it('page marks and running headers inside tables', () => {
    expectSeedRecords({ pageMarks: true, seed: 11 });
  });
  it('page marks inside HTML tables', () => {
    expectSeedRecords({ pageMarks: true, moneyHtml: true, targetsHtml: true, seed: 5 });
  });
  it('a plain-text body: breadcrumb, title on a plain line, date with 来源', () => {
    expectSeedRecords({ plainBody: true });
  });
  it('keeps each annex title once when the table repeats it as its first row (src/locate/annexes.ts)', () => {
    const result = extractText(renderNotice(SEED, { moneyHtml: true }).text, 'variant');
    const expected = metadataOf(readFileSync(new URL('notice.json', expectedDir), 'utf8'), true);
    expect(metadataOf(result.files.get('notice.json') ?? '{}', true)['annexes']).toEqual(expected['annexes']);
  });
  // Annex markers and table titles as bold or plain lines (found by src/locate/annexes.ts).
  it('bold headings', () => {
    expectSeedRecords({ headings: 'bold' });
  });
  it('plain headings', () => {
    expectSeedRecords({ headings: 'plain' });
  });
});

describe('converter styles together', () => {
  it('give the seed records whatever rows the random seed shifts, merges or marks', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2 ** 31 - 1 }),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom('atx', 'bold', 'plain'),
        (seed, moneyHtml, targetsHtml, headings) => {
          expectSeedRecords({
            seed,
            moneyHtml,
            targetsHtml,
            titleRows: targetsHtml,
            shifted: 6,
            merged: 6,
            pageMarks: true,
            plainBody: true,
            headings,
          });
        },
      ),
      { numRuns: 6 },
    );
  });
});

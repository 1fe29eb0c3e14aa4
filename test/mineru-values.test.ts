import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderNotice } from './support/converters.js';
import { extractText, recordsOf, seedText, withoutLines } from './support/run.js';
import { UNLISTED_UNITS, mineruValue, renderChoices, valueTruth, type ValueTruth } from './support/targetValues.js';

/**
 * The seed with MinerU's inline math where MinerU writes it — every indicator value replaced by a
 * generated value in LaTeX, every amount and the body's years as spaced digits in `$…$` — run through
 * the whole pipeline. The generated values must come out as their truth, everything else exactly as
 * the seed's hand-checked records: the math is read before any parser sees a cell or a body line.
 */
const SEED = seedText();
const expectedDir = new URL('./fixtures/gd-special-transfer/seed/expected/', import.meta.url);

/** The seed's expected records of a dataset, from the golden files. */
function expectedRecords(dataset: string): Record<string, unknown>[] {
  return (
    JSON.parse(readFileSync(new URL(`${dataset}.json`, expectedDir), 'utf8')) as { records: Record<string, unknown>[] }
  ).records;
}

/** Digits spaced apart as MinerU spaces them, in a math span. */
function spacedMath(figure: string): string {
  return `$${[...figure].join(' ')}$`;
}

/** Replace the one tab-separated cell of a line that reads `cell` exactly; false when none or several do. */
function replaceCell(lines: string[], line: number, cell: string, by: string): boolean {
  const cells = (lines[line - 1] ?? '').split('\t');
  const at = cells.flatMap((c, i) => (c.trim() === cell ? [i] : []));
  if (at.length !== 1) return false;
  cells[at[0] as number] = by;
  lines[line - 1] = cells.join('\t');
  return true;
}

/**
 * The seed in MinerU's math, with the truth of every value written, by the indicator's place among
 * the seed's indicator records. `html`: the math as
 * it stands in an HTML cell before escaping (`>` not `&gt;`), for a renderer that escapes cells once.
 */
function mineruSeed(seed: number, html = false): { text: string; truths: Map<number, ValueTruth> } {
  const lines = SEED.split('\n');
  const indicators = expectedRecords('indicators');
  const perLine = new Map<number, number>();
  for (const r of indicators)
    perLine.set(r['source_line'] as number, (perLine.get(r['source_line'] as number) ?? 0) + 1);
  const values = fc.sample(fc.tuple(valueTruth, renderChoices), { numRuns: indicators.length, seed });
  const truths = new Map<number, ValueTruth>();
  indicators.forEach((r, i) => {
    const line = r['source_line'] as number;
    const [truth, choices] = values[i] as [ValueTruth, number[]];
    if (perLine.get(line) !== 1 || r['value_raw'] === '') return;
    const written = mineruValue(truth, choices);
    const cell = html ? written.replace(/&gt;/g, '>').replace(/&lt;/g, '<') : written;
    if (replaceCell(lines, line, r['value_raw'] as string, cell)) truths.set(i, truth);
  });
  for (const dataset of ['allocations', 'details']) {
    for (const r of expectedRecords(dataset))
      replaceCell(lines, r['source_line'] as number, r['amount_raw'] as string, spacedMath(r['amount_raw'] as string));
  }
  const firstAnnex = lines.findIndex((l) => /^#*\s*附件\s*1/.test(l));
  for (let i = 0; i < firstAnnex; i++)
    lines[i] = (lines[i] ?? '').replace(/(?<![0-9])(20\d\d)年/g, (_m, year: string) => `${spacedMath(year)}年`);
  return { text: lines.join('\n'), truths };
}

describe("the seed with its values, amounts and years in MinerU's inline math", () => {
  it.each([
    [1, false],
    [2, false],
    [3, true],
    [4, true],
  ])(
    'gives every generated value as its truth and every other record as the seed (values seed %i, HTML tables %s)',
    (seed, html) => {
      const written = mineruSeed(seed, html);
      const text = html ? renderNotice(written.text, { moneyHtml: true, targetsHtml: true, seed }).text : written.text;
      const truths = written.truths;
      expect(text).not.toBe(SEED);
      if (html) expect(text).toContain('<td>$');
      expect(truths.size).toBeGreaterThan(500);
      const result = extractText(text);
      const indicators = recordsOf(result, 'indicators');
      const expected = expectedRecords('indicators');
      expect(indicators).toHaveLength(expected.length);
      // An HTML rendering moves lines; records keep their order, and everything but their place is compared.
      const located = withoutLines(indicators);
      withoutLines(expected).forEach((want, i) => {
        const r = located[i] as Record<string, unknown>;
        const truth = truths.get(i);
        const {
          value_raw: _raw,
          value_comparator: _c,
          value_number: _n,
          value_number_max: _m,
          value_unit: _u,
          ...rest
        } = r;
        const {
          value_raw: _wr,
          value_comparator: _wc,
          value_number: _wn,
          value_number_max: _wm,
          value_unit: _wu,
          ...wantRest
        } = want;
        expect(rest).toEqual(wantRest);
        const read = {
          comparator: r['value_comparator'],
          number: r['value_number'],
          numberMax: r['value_number_max'],
          unit: r['value_unit'],
        };
        if (truth) expect(read).toEqual({ ...truth });
        else
          expect(read).toEqual({
            comparator: want['value_comparator'],
            number: want['value_number'],
            numberMax: want['value_number_max'],
            unit: want['value_unit'],
          });
      });
      for (const dataset of ['allocations', 'details', 'targets', 'citations']) {
        expect(withoutLines(recordsOf(result, dataset))).toEqual(withoutLines(expectedRecords(dataset)));
      }
      const notice = JSON.parse(result.files.get('notice.json') ?? '{}') as Record<string, unknown>;
      const seedNotice = JSON.parse(readFileSync(new URL('notice.json', expectedDir), 'utf8')) as Record<
        string,
        unknown
      >;
      for (const key of [
        'doc_number',
        'title',
        'issuer',
        'issued_date',
        'budget_year',
        'recipients',
        'budget_subject_code',
        'attachments',
      ])
        expect(notice[key]).toEqual(seedNotice[key]);
      const unlisted = [...truths.values()].filter((t) =>
        (UNLISTED_UNITS as readonly string[]).includes(t.unit),
      ).length;
      const report = JSON.parse(result.files.get('report.json') ?? '{}') as { findings: { code: string }[] };
      expect(report.findings.filter((f) => f.code === 'targets/value-unit-unlisted')).toHaveLength(unlisted);
    },
  );
});

import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  dropRecipient,
  fullWidthDigits,
  nextYear,
  renameHeaders,
  reorderColumns,
  spacesInNames,
  thousandsSeparators,
} from './support/drift.js';
import { extractText, recordsOf, seedText } from './support/run.js';
import { withRepeatedHeaderAt } from './support/variants.js';

type Row = Record<string, unknown>;

/** The seed drifted the way a next year's notice does, all drifts at once. */
function driftedNotice(): string {
  let md = dropRecipient(seedText(), '徐闻县', '440825000');
  md = renameHeaders(md);
  md = thousandsSeparators(md);
  md = fullWidthDigits(md);
  md = spacesInNames(md);
  md = reorderColumns(md, 'annex1', [0, 3, 2, 1, 4, 5, 6, 8, 7]);
  md = reorderColumns(md, 'annex2', [0, 1, 2, 4, 3]);
  md = nextYear(md);
  return withRepeatedHeaderAt(md, '序号\t', '珠海市市场 监督管理局');
}

const seed = extractText(seedText(), 'seed');
const drifted = extractText(driftedNotice(), 'drifted');
const money1 = (rows: Row[]): string[][] =>
  rows.map((r) => [
    String(r['row_type']),
    String(r['region_code']),
    String(r['recipient_code']),
    String(r['recipient_name']),
    String(r['amount_yuan']),
  ]);
const money2 = (rows: Row[]): string[][] =>
  rows.map((r) => [
    String(r['row_type']),
    String(r['seq']),
    String(r['budget_code']),
    String(r['city']),
    String(r['recipient_code']),
    String(r['amount_wan']),
    String(r['amount_yuan']),
  ]);

/** What the drifted notice must give: the seed's rows without 徐闻县, its 100000.00 元 taken off its totals. */
function expectedAnnex1(): string[][] {
  return money1(recordsOf(seed, 'allocations'))
    .filter((r) => r[2] !== '440825000')
    .map((r) =>
      r[0] === 'grand_total' || (r[3] === '' && r[0] === 'section_total' && r[4] === '6280000.00')
        ? [...r.slice(0, 4), new Decimal(r[4] ?? '0').minus(100000).toFixed(2)]
        : r,
    );
}

function expectedAnnex2(): string[][] {
  return money2(recordsOf(seed, 'details'))
    .filter((r) => r[4] !== '440825000')
    .map((r) =>
      r[0] === 'grand_total' || (r[0] === 'subtotal' && r[3] === '湛江市')
        ? [...r.slice(0, 5), String(Number(r[5]) - 10), new Decimal(r[6] ?? '0').minus(100000).toFixed(2)]
        : r,
    );
}

describe("a next year's notice with drifted layout", () => {
  it('extracts Annex 1 exactly: renamed and reordered headers, thousands separators, spaced names, a recipient dropped', () => {
    const rows = recordsOf(drifted, 'allocations');
    expect(rows).toHaveLength(64);
    expect(money1(rows)).toEqual(expectedAnnex1());
    expect(rows.find((r) => r['row_type'] === 'grand_total')?.['amount_yuan']).toBe('172750000.00');
  });

  it('extracts Annex 2 exactly: full-width digits, reordered columns, a page break in a new place', () => {
    const rows = recordsOf(drifted, 'details');
    expect(rows).toHaveLength(62);
    expect(money2(rows)).toEqual(expectedAnnex2());
  });

  it('extracts Annex 3 with the right counts: one table fewer, its indicators and citations gone, years moved on', () => {
    const seedTargets = recordsOf(seed, 'targets');
    const xuwen = seedTargets.find((t) => t['recipient_code'] === '440825000');
    expect(xuwen).toBeDefined();
    const targets = recordsOf(drifted, 'targets');
    expect(targets).toHaveLength(41);
    expect(targets.map((t) => t['recipient_code'])).toEqual(
      seedTargets.map((t) => t['recipient_code']).filter((c) => c !== '440825000'),
    );
    expect(targets.map((t) => t['fund_demand_wan'])).toEqual(
      seedTargets.filter((t) => t !== xuwen).map((t) => t['fund_demand_wan']),
    );
    expect(targets.every((t) => t['budget_year'] === '2025')).toBe(true);
    const dropped = (name: string): number =>
      recordsOf(seed, name).filter((r) => r['recipient_code'] === '440825000').length;
    expect(recordsOf(drifted, 'indicators')).toHaveLength(787 - dropped('indicators'));
    expect(recordsOf(drifted, 'citations')).toHaveLength(recordsOf(seed, 'citations').length - dropped('citations'));
  });

  it('reads the document number, budget year and date from the notice itself', () => {
    const notice = JSON.parse(drifted.files.get('notice.json') ?? '{}') as Row;
    expect(notice).toMatchObject({ doc_number: '粤财工〔2024〕88号', budget_year: '2025', issued_date: '2024-12-20' });
  });

  it('reports each repair and no error', () => {
    const report = JSON.parse(drifted.files.get('report.json') ?? '{}') as {
      counts: { error: number };
      findings: { code: string }[];
      repairs: Record<string, number>;
    };
    expect(report.counts.error).toBe(0);
    const repaired = report.findings.filter((f) => f.code === 'money/amount-repaired');
    // Every Annex 1 amount of 1,000 元 or more got separators (64 rows), every Annex 2 amount full-width digits (62).
    expect(repaired).toHaveLength(64 + 62);
    expect(report.repairs['thousands-separator']).toBe(64);
    expect(report.repairs['full-width-digits']).toBe(62);
    expect(report.findings.filter((f) => f.code === 'grid/repeated-header-dropped')).toHaveLength(6);
  });
});

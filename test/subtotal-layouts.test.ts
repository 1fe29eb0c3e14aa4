import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { AllocationRow } from '../schemas/allocations.js';
import { Collector } from '../src/findings/context.js';
import { checkAllocationSums } from '../src/reconcile/sums.js';
import { generateNotice, NEW_STYLES, renderNewNotice, withSubtotalsAfterItems } from './support/newContent.js';
import { checkNotice } from './support/newContentCheck.js';
import { extractText, recordsOf } from './support/run.js';
import { CITIES, DETAIL_HEADER, detailItem, smallNotice } from './support/smallNotice.js';

/**
 * Subtotal rows stand above their items in most notices and below them in some: the sums check each subtotal against
 * its own items either way, decided from the table's own evidence, and a table that shows neither is said.
 */
const SEEDS = [1, 2, 3, 4];

type Finding = { code: string; severity: string; source_line: number | null; actual?: unknown; expected?: unknown };
const findingsOf = (result: ReturnType<typeof extractText>): Finding[] =>
  (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;

describe.each(NEW_STYLES)('a generated notice whose subtotals follow their items, written as %s', (style) => {
  it.each(SEEDS)('seed %i: gives the truth with no error and says the layout once', (seed) => {
    const notice = withSubtotalsAfterItems(generateNotice(seed));
    expect(notice.allocations.findIndex((r) => r.row_type === 'subtotal')).toBeGreaterThan(
      notice.allocations.findIndex((r) => r.row_type === 'item'),
    );
    const result = extractText(renderNewNotice(notice, style), `subtotals-last-${seed}`);
    const check = checkNotice(notice, result);
    expect(check.allocations.exact, check.allocations.differences.join('\n')).toBe(check.allocations.total);
    expect(check.errors).toEqual([]);
    expect(findingsOf(result).filter((f) => f.code === 'reconcile/subtotals-after-items')).toHaveLength(1);
  });
});

describe('a subtotal that is off in a table of subtotals below their items', () => {
  it('is compared with the items above it, and only it is reported', () => {
    const notice = withSubtotalsAfterItems(generateNotice(2));
    const k = notice.allocations.findIndex((r) => r.row_type === 'subtotal');
    const subtotal = notice.allocations[k];
    if (!subtotal) throw new Error('no subtotal');
    // Its items are the rows between the previous total row and it (the generator's truth).
    let from = k;
    while (from > 0 && notice.allocations[from - 1]?.row_type === 'item') from--;
    const items = notice.allocations.slice(from, k);
    const itemsYuan = items
      .reduce((s, r) => s.plus(r.amount_wan), new Decimal(0))
      .times(10_000)
      .toFixed(2);
    expect(new Decimal(subtotal.amount_wan).times(10_000).toFixed(2)).toBe(itemsYuan);
    subtotal.amount_wan = new Decimal(subtotal.amount_wan).plus(1).toString();
    const result = extractText(renderNewNotice(notice, 'tsv'), 'subtotals-last-off');
    const errors = findingsOf(result).filter((f) => f.severity === 'error');
    expect(errors.map((f) => [f.code, f.expected])).toEqual([['reconcile/subtotal-mismatch', itemsYuan]]);
  });
});

/** Allocation rows of one table: `[type, amount in 元, region code]`. */
function table(rows: [AllocationRow['row_type'], number, string][]): AllocationRow[] {
  return rows.map(
    ([row_type, yuan, code], k) =>
      ({
        annex: '1',
        row_type,
        region_name: row_type === 'subtotal' ? `地区${k}小计` : `地区${k}`,
        region_code: code,
        recipient_code: row_type === 'item' ? code : '',
        amount_yuan: yuan.toFixed(2),
        source_line: 10 + k,
      }) as AllocationRow,
  );
}

describe('the layout of subtotals decided from the table', () => {
  it('follows the codes: items in the city of the subtotal below them', () => {
    const ctx = new Collector();
    // Position says nothing (the run opens and closes with an item); codes put each city's items above its subtotal.
    checkAllocationSums(
      table([
        ['grand_total', 250, ''],
        ['section_total', 250, ''],
        ['item', 60, '440200000'],
        ['item', 40, '440282000'],
        ['subtotal', 100, '440200000'],
        ['item', 100, '441600000'],
        ['subtotal', 100, '441600000'],
        ['item', 50, '441800000'],
      ]),
      ctx,
    );
    expect(ctx.findings.map((f) => f.code)).toEqual(['reconcile/subtotals-after-items']);
  });

  it('says a table that shows neither layout, and reports no subtotal against items that may not be its own', () => {
    const ctx = new Collector();
    // No codes; one section opens with a subtotal, the other closes with one; each layout leaves one subtotal empty.
    checkAllocationSums(
      table([
        ['grand_total', 200, ''],
        ['section_total', 100, ''],
        ['subtotal', 100, ''],
        ['item', 100, ''],
        ['section_total', 100, ''],
        ['item', 100, ''],
        ['subtotal', 100, ''],
      ]),
      ctx,
    );
    expect(ctx.findings.map((f) => [f.code, f.source_line])).toEqual([['reconcile/subtotal-layout-ambiguous', 12]]);
  });

  it('keeps subtotals above their items when the table opens a run with one, and checks them so', () => {
    const ctx = new Collector();
    checkAllocationSums(
      table([
        ['grand_total', 200, ''],
        ['subtotal', 100, ''],
        ['item', 60, ''],
        ['item', 40, ''],
        ['subtotal', 90, ''],
        ['item', 100, ''],
      ]),
      ctx,
    );
    expect(ctx.findings.map((f) => [f.code, f.actual, f.expected])).toEqual([
      ['reconcile/subtotal-mismatch', '90.00', '100.00'],
    ]);
  });
});

describe('a detail table whose subtotals follow their items', () => {
  it('gives each item the 序号, code and city of the subtotal below it, and the sums hold', () => {
    const rows = [
      DETAIL_HEADER,
      ['合计', '', '', '', '500'].join('\t'),
      ...CITIES.flatMap((c, i) => [
        detailItem(c),
        [String(i + 1), c.budgetCode, `${c.name}小计`, '', String(c.yuan / 10_000)].join('\t'),
      ]),
    ];
    const result = extractText(smallNotice({ detailRows: rows }), 'detail-subtotals-last');
    const records = recordsOf(result, 'details').map((r) => [r['row_type'], r['seq'], r['budget_code'], r['city']]);
    expect(records).toEqual([
      ['grand_total', '', '', ''],
      ['item', '1', '607001', '江门市'],
      ['subtotal', '1', '607001', '江门市'],
      ['item', '2', '608001', '湛江市'],
      ['subtotal', '2', '608001', '湛江市'],
    ]);
    const findings = findingsOf(result);
    expect(findings.filter((f) => f.severity !== 'info' && f.code.startsWith('details/'))).toEqual([]);
    expect(findings.filter((f) => f.code === 'details/subtotals-below-items')).toHaveLength(1);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

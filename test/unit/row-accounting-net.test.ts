import { describe, expect, it } from 'vitest';
import { accountedTable, Collector } from '../../src/findings/context.js';
import { accountTables } from '../../src/validate/accounting.js';

/** The safety net under row accounting: a source row with neither a record nor a dropping finding is an error. */
describe('accounting for the rows of a located table', () => {
  const table = accountedTable({
    kind: 'allocation',
    annex: '1',
    line: 10,
    rows: [11, 12, 13].map((line) => ({ line, cells: [{ line, text: `row ${line}` }] })),
  });

  it('reports a row that gave no record and no finding, and counts it as dropped', () => {
    const ctx = new Collector();
    ctx.report({ code: 'money/row-without-amount', annex: '1', source_line: 12, actual: 'row 12' });
    const accounts = accountTables([table], { allocation: [{ source_line: 11 }], detail: [], indicator: [] }, ctx);
    expect(accounts).toEqual([
      { kind: 'allocation', annex: '1', source_line: 10, source_rows: 3, records: 1, dropped: 2 },
    ]);
    expect(ctx.findings.filter((f) => f.code === 'validate/row-unaccounted')).toMatchObject([
      { annex: '1', source_line: 13, actual: 'row 13' },
    ]);
  });

  it('reports nothing when every row gave a record or was dropped with a finding that drops rows', () => {
    const ctx = new Collector();
    ctx.report({ code: 'money/row-without-amount', annex: '1', source_line: 12, actual: 'row 12' });
    ctx.report({
      code: 'grid/row-unaligned',
      annex: '1',
      source_line: 13,
      actual: 'row 13',
      expected: 'header',
      params: { why: 'no fit' },
    });
    const accounts = accountTables([table], { allocation: [{ source_line: 11 }], detail: [], indicator: [] }, ctx);
    expect(accounts[0]).toMatchObject({ records: 1, dropped: 2 });
    expect(ctx.findings.filter((f) => f.code === 'validate/row-unaccounted')).toEqual([]);
  });
});

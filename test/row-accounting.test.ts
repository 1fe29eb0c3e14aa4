import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/read/inputError.js';
import { renderNotice } from './support/converters.js';
import { DATASETS } from '../schemas/index.js';
import { extractText, recordsOf, seedText } from './support/run.js';

/** Every located table accounts for its rows: records + rows dropped with a finding = source rows. */
const root = new URL('./fixtures/', import.meta.url).pathname;
const fixtures = readdirSync(root, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((family) => readdirSync(join(root, family.name)).map((name) => join(root, family.name, name, 'input.md')))
  .filter((path) => existsSync(path));

interface Report {
  tables: { kind: string; source_line: number; source_rows: number; records: number; dropped: number }[];
  findings: { code: string; severity: string; source_line: number | null }[];
}

function reportOf(text: string, options = {}): Report {
  return JSON.parse(extractText(text, 'case', options).files.get('report.json') ?? '{}') as Report;
}

function expectAccounted(report: Report): void {
  expect(report.tables.length).toBeGreaterThan(0);
  for (const t of report.tables) expect(t.records + t.dropped, `table at line ${t.source_line}`).toBe(t.source_rows);
  expect(report.findings.filter((f) => f.code === 'validate/row-unaccounted')).toEqual([]);
}

describe('accounting for every row of every located table', () => {
  it('finds fixtures to check', () => expect(fixtures.length).toBeGreaterThan(0));
  for (const path of fixtures) {
    it(`accounts for every row of ${path.split('/').slice(-2, -1)[0]}`, () =>
      expectAccounted(reportOf(readFileSync(path, 'utf8'))));
  }
  it('counts the seed: 2 money tables and 42 target tables, 65 + 63 + 787 rows, none dropped', () => {
    const report = reportOf(seedText());
    expect(report.tables.map((t) => t.kind).filter((k) => k === 'indicator')).toHaveLength(42);
    const sum = (kind: string): number =>
      report.tables.filter((t) => t.kind === kind).reduce((a, t) => a + t.records, 0);
    expect([sum('allocation'), sum('detail'), sum('indicator')]).toEqual([65, 63, 787]);
    expectAccounted(report);
  });
  it('accounts for rows of converter styles, page marks included', () => {
    expectAccounted(
      reportOf(
        renderNotice(seedText(), {
          moneyHtml: true,
          targetsHtml: true,
          titleRows: true,
          pageMarks: true,
          shifted: 5,
          merged: 5,
          seed: 9,
        }).text,
      ),
    );
  });
  it('counts a row that cannot be aligned as dropped, with an error at its line', () => {
    const text = seedText().replace('\t\t东源县市场监督管理局\t', '\t\t东源县市场监督管理局\t甲\t乙\t丙\t');
    const report = reportOf(text);
    expectAccounted(report);
    const error = report.findings.find((f) => f.code === 'grid/row-unaligned');
    expect(error?.severity).toBe('error');
    expect(report.tables.find((t) => t.kind === 'detail')?.dropped).toBe(1);
    // No other record is wrong: the details are the seed's less that one row.
    const details = (t: string): Record<string, unknown>[] =>
      recordsOf(extractText(t), DATASETS[1]!.name).map((r) => ({ ...r, source_line: 0 }));
    const seed = details(seedText());
    expect(details(text)).toEqual(seed.filter((r) => r['recipient_name'] !== '东源县市场监督管理局'));
  });
  it('keeps the items of a lost subtotal row out of the group above, with an error at their line', () => {
    const text = seedText().replace(/^3\t604001\t汕头市小计\t\t801\n/m, '');
    expect(text).not.toBe(seedText());
    const result = extractText(text);
    const item = recordsOf(result, DATASETS[1]!.name).find((r) => r['recipient_name'] === '汕头市市场监督管理局');
    expect(item).toMatchObject({ seq: '', budget_code: '', city: '', recipient_code: '440500000' });
    const report = JSON.parse(result.files.get('report.json') ?? '{}') as Report;
    expect(report.findings.filter((f) => f.code === 'details/group-mismatch')).toMatchObject([{ severity: 'error' }]);
  });
  it('fails the input when the target-table annex yields no records, unless --allow-partial', () => {
    const text = seedText().replace(/^(#+\s*)省财政专项转移支付绩效目标表.*$/gm, '$1其他说明');
    expect(() => extractText(text)).toThrow(InputError);
    expect(() => extractText(text, 'case', { allowPartial: true })).not.toThrow();
  });
});

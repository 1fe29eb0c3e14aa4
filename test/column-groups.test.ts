import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DATASETS } from '../schemas/index.js';
import { groupColumns, splitCodeName, type ColumnGroupStyle } from './support/columnGroups.js';
import { extractText, recordsOf, seedText, withoutLines } from './support/run.js';
import { toPipeTables } from './support/variants.js';

/**
 * A header cell that groups the columns below it (功能分类科目 over 科目编码 | 科目名称, 分配单位 over
 * 单位编码 | 单位名称, 地区 over 名称 | 编码) must give the seed's hand-checked records: the parts of a
 * split column read as the one cell the seed writes, each join counted, the grouping reported.
 */
const SEED = seedText();
const expectedDir = new URL('./fixtures/gd-special-transfer/seed/expected/', import.meta.url);

function expectedRecords(dataset: string): Record<string, unknown>[] {
  return (
    JSON.parse(readFileSync(new URL(`${dataset}.json`, expectedDir), 'utf8')) as { records: Record<string, unknown>[] }
  ).records;
}

interface Report {
  repairs: Record<string, number>;
  findings: { code: string; severity: string; source_line: number | null; actual?: unknown }[];
}

const SUBJECT: Omit<ColumnGroupStyle, 'form'> = {
  at: '功能分类科目',
  title: '功能分类科目',
  subTitles: ['科目编码', '科目名称'],
  split: splitCodeName(7),
};
const RECIPIENT: Omit<ColumnGroupStyle, 'form'> = {
  at: '分配单位',
  title: '分配单位',
  subTitles: ['单位编码', '单位名称'],
  split: splitCodeName(9),
};
const REGION: Omit<ColumnGroupStyle, 'form'> = { at: '地区', title: '地区', subTitles: ['名称', '编码'] };

/** A rendering's form: TAB lines, HTML, or GFM pipe tables (the TAB lines rewritten, the sub-header the first body row). */
type Form = ColumnGroupStyle['form'] | 'pipe';

/** Extract a grouped rendering; every dataset must equal the seed's, and no grid finding may be a warning or an error. */
function expectSeed(
  given: Omit<ColumnGroupStyle, 'form'> & { form: Form },
  allowed: readonly string[] = [],
): { report: Report; rendered: ReturnType<typeof groupColumns> } {
  const style: ColumnGroupStyle = { ...given, form: given.form === 'pipe' ? 'tsv' : given.form };
  const rendered = groupColumns(SEED, style);
  const result = extractText(given.form === 'pipe' ? toPipeTables(rendered.text) : rendered.text, 'grouped');
  for (const { name } of DATASETS)
    expect(withoutLines(recordsOf(result, name)), `${name} under ${style.at}/${style.form}`).toEqual(
      withoutLines(expectedRecords(name)),
    );
  const report = JSON.parse(result.files.get('report.json') ?? '{}') as Report;
  expect(
    report.findings.filter((f) => f.code.startsWith('grid/') && f.severity !== 'info' && !allowed.includes(f.code)),
  ).toEqual([]);
  return { report, rendered };
}

describe('a header cell over the columns of its parts', () => {
  // The seed's Annex 1 has 42 rows with a 功能分类科目 (each 2011409 知识产权宏观管理) and 42 with a
  // 分配单位 (`440100000 广州市本级`, …): every one is split by the rendering and joined again.
  for (const form of ['tsv', 'html', 'pipe'] as const) {
    it(`joins 科目编码 | 科目名称 under 功能分类科目 into the one cell the seed writes (${form})`, () => {
      const { report, rendered } = expectSeed({ ...SUBJECT, form });
      expect(rendered.splitRows).toBe(42);
      expect(report.repairs['column-group-joined']).toBe(42);
      const grouped = report.findings.filter((f) => f.code === 'grid/header-grouped');
      expect(grouped).toEqual([
        expect.objectContaining({ source_line: rendered.headerLine, actual: '功能分类科目: 科目编码 | 科目名称' }),
      ]);
    });

    it(`joins 单位编码 | 单位名称 under 分配单位 (${form})`, () => {
      const { report, rendered } = expectSeed({ ...RECIPIENT, form });
      expect(rendered.splitRows).toBe(42);
      expect(report.repairs['column-group-joined']).toBe(42);
    });

    it(`reads 地区 over 名称 | 编码 as the columns 地区名称 and 地区编码, nothing joined (${form})`, () => {
      const { report } = expectSeed({ ...REGION, form });
      expect(report.repairs['column-group-joined']).toBeUndefined();
      expect(report.findings.filter((f) => f.code === 'grid/header-grouped')).toEqual([]);
    });
  }

  it('drops the header repeated over two rows after each page break, and keeps every row', () => {
    for (const group of [SUBJECT, REGION]) {
      for (const form of ['tsv', 'html'] as const) {
        const { report, rendered } = expectSeed({ ...group, form });
        // The seed repeats Annex 1's header three times (each now two rows) and Annex 2's twice (one row each).
        expect(rendered.repeatedHeaderRows).toBe(6);
        const dropped = report.findings.filter((f) => f.code === 'grid/repeated-header-dropped');
        expect(dropped.map((f) => (f as { annex?: string }).annex)).toEqual(['1', '1', '1', '1', '1', '1', '2', '2']);
      }
    }
  });

  it('reads a row whose converter kept the parts in one cell as written, beside rows that split them', () => {
    const { report, rendered } = expectSeed({ ...SUBJECT, form: 'tsv', keepWhole: (row) => row % 3 === 0 });
    expect(rendered.wholeRows).toBeGreaterThan(5);
    expect(report.repairs['column-group-joined']).toBe(rendered.splitRows);
    expect(rendered.splitRows + rendered.wholeRows).toBe(42);
  });

  it('gives the seed records whatever group, form and whole cells a random seed picks', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(SUBJECT, RECIPIENT, REGION),
        fc.constantFrom<Form>('tsv', 'html', 'pipe'),
        fc.integer({ min: 0, max: 2 ** 16 }),
        (group, form, seed) => {
          const keepWhole = (row: number): boolean => ((row * 2654435761 + seed) >>> 0) % 4 === 0;
          const { report, rendered } = expectSeed({ ...group, form, keepWhole });
          expect(report.repairs['column-group-joined'] ?? 0).toBe(group.split ? rendered.splitRows : 0);
        },
      ),
      { numRuns: 10, seed: 16 },
    );
  });

  it('reads 金额 over 合计 | 其中：… as the amount of the 合计 column, whichever comes first, the 其中 column reported', () => {
    // Every amount gets a 其中 figure of half of it: were the 其中 column read, every total would be halved.
    const half = (cell: string): string => (Number(cell) / 2).toFixed(2);
    const amount = (cell: string): boolean => /^\d+\.\d{2}$/.test(cell);
    for (const form of ['tsv', 'html', 'pipe'] as const) {
      for (const totalFirst of [true, false]) {
        const { report, rendered } = expectSeed(
          {
            at: '金额',
            title: '金额',
            subTitles: totalFirst ? ['合计', '其中：一般转移支付'] : ['其中：一般转移支付', '合计'],
            split: (cell) => (amount(cell) ? (totalFirst ? [cell, half(cell)] : [half(cell), cell]) : null),
            form,
          },
          ['grid/header-column-unknown'],
        );
        // 65 Annex 1 rows, each with an amount.
        expect(rendered.splitRows, `${form} ${totalFirst}`).toBe(65);
        expect(report.repairs['column-group-joined']).toBeUndefined();
        expect(report.findings.filter((f) => f.code === 'grid/header-column-unknown').map((f) => f.actual)).toEqual([
          '其中：一般转移支付',
        ]);
      }
    }
  });

  it('reports the rows of a group whose parts the family does not know, instead of guessing', () => {
    // 功能分类科目 over 类 | 款: no part of function_subject is named so; the table is not read as grouped.
    const rendered = groupColumns(SEED, { ...SUBJECT, subTitles: ['类', '款'], form: 'html' });
    const result = extractText(rendered.text, 'grouped');
    const report = JSON.parse(result.files.get('report.json') ?? '{}') as Report;
    expect(report.findings.some((f) => f.code === 'grid/header-grouped')).toBe(false);
    const lost = report.findings.filter((f) => f.code === 'grid/row-unaligned' || f.code === 'grid/column-missing');
    const records = recordsOf(result, 'allocations');
    // Every Annex 1 row is either a record or named by a finding: none is lost silently.
    expect(records.length + lost.filter((f) => f.code === 'grid/row-unaligned').length).toBeGreaterThanOrEqual(65);
    expect(lost.length).toBeGreaterThan(0);
  });
});

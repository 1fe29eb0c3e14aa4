import { describe, expect, it } from 'vitest';
import { extractText, recordsOf, seedText, withoutLines } from '../support/run.js';

/**
 * The seed's Annex 3 written the ways other notices of the family write it: an extra 备注 column, another
 * word for 指标值, a unit in the 资金需求 label, the closing block (版记) as a table row. Each variant must
 * give the seed's 42 targets and 787 indicators, read the same, and say what it set aside.
 */
interface Report {
  tables: { kind: string; source_rows: number; records: number; dropped: number }[];
  findings: { code: string; source_line: number | null; actual: string | null; expected: string | null }[];
  repairs: Record<string, number>;
}

const seed = seedText();
const seedRun = extractText(seed, 'seed');
const seedTargets = recordsOf(seedRun, 'targets');
const seedIndicators = recordsOf(seedRun, 'indicators');
const lines = seed.split('\n');
/** Line indexes (0-based) of the seed's 41 indicator header rows: 一级指标 二级指标 三级指标 [指标值], TAB-separated. */
const headerIndexes = lines.flatMap((l, i) => (/^\t?一级指标\t二级指标\t三级指标\t/u.test(l) ? [i] : []));

function run(text: string) {
  const result = extractText(text, 'variant');
  const report = JSON.parse(result.files.get('report.json') ?? '{}') as Report;
  const codes = (code: string) => report.findings.filter((f) => f.code === code);
  return { targets: recordsOf(result, 'targets'), indicators: recordsOf(result, 'indicators'), report, codes };
}

/** The seed with some lines rewritten. */
function rewrite(edit: (line: string, index: number) => string): string {
  return lines.map(edit).join('\n');
}

/** A target without what its 资金需求 cell's spelling changes. */
const fundless = (records: Record<string, unknown>[]) =>
  withoutLines(records).map(({ fund_demand_raw: _raw, ...rest }) => rest);

describe('the seed itself', () => {
  it('has 42 target tables, 41 of them with an indicator header row, 787 indicators', () => {
    expect(seedTargets).toHaveLength(42);
    expect(headerIndexes).toHaveLength(41);
    expect(seedIndicators).toHaveLength(787);
  });
});

describe('an indicator header with a column the family does not name (备注)', () => {
  // The header gains 备注 after 指标值 (or after the blank cell OCR left where 指标值 was); the first
  // indicator row under each header gains a remark when it was read without a flag.
  const firstRows = headerIndexes
    .map((i) => i + 1)
    .filter((i) => seedIndicators.some((r) => r.source_line === i + 1 && (r.flags as string[]).length === 0));
  const text = rewrite((line, i) => {
    if (headerIndexes.includes(i)) return `${line.replace(/\t$/u, '').replace(/三级指标$/u, '三级指标\t')}\t备注`;
    return firstRows.includes(i) ? `${line}\t按季度报送` : line;
  });
  const out = run(text);

  it("reads the seed's 42 targets and 787 indicators unchanged", () => {
    expect(firstRows.length).toBeGreaterThan(30);
    expect(out.targets).toHaveLength(42);
    expect(out.indicators).toHaveLength(787);
    expect(withoutLines(out.indicators)).toEqual(withoutLines(seedIndicators));
    expect(withoutLines(out.targets)).toEqual(withoutLines(seedTargets));
  });
  it('reports the unnamed header cell once per table, and each remark it did not read', () => {
    expect(out.codes('targets/header-column-unnamed')).toHaveLength(41);
    const remarks = out.codes('targets/unnamed-column-cell');
    expect(remarks).toHaveLength(firstRows.length);
    expect(remarks.every((f) => f.actual === '按季度报送' && f.expected === '备注')).toBe(true);
    expect(out.codes('targets/indicator-extra-cells')).toHaveLength(0);
  });
});

describe('another word for the value column', () => {
  for (const word of ['年度指标值', '指标值（目标值）', '目标值']) {
    it(`reads ${word} as 指标值, a word of the family, with no guess reported`, () => {
      const out = run(
        rewrite((line, i) => (headerIndexes.includes(i) ? line.replace(/\t指标值(\t?)$/u, `\t${word}$1`) : line)),
      );
      expect(out.indicators).toHaveLength(787);
      expect(withoutLines(out.indicators)).toEqual(withoutLines(seedIndicators));
      expect(out.codes('targets/header-word-guessed')).toHaveLength(0);
    });
  }
  it('reads 2024年指标值 as 指标值 by the word it contains, reported for each of the 36 headers that name it', () => {
    const out = run(
      rewrite((line, i) => (headerIndexes.includes(i) ? line.replace(/\t指标值(\t?)$/u, '\t2024年指标值$1') : line)),
    );
    expect(out.indicators).toHaveLength(787);
    expect(withoutLines(out.indicators)).toEqual(withoutLines(seedIndicators));
    const guessed = out.codes('targets/header-word-guessed');
    expect(guessed).toHaveLength(36);
    expect(guessed.every((f) => f.actual === '2024年指标值' && f.expected === '指标值')).toBe(true);
  });
});

describe('a unit written after the 资金需求 label', () => {
  const amounts = lines.filter((l) => l.startsWith('资金需求\t')).map((l) => /^资金需求\t(\d+)万元/u.exec(l)?.[1]);

  it('finds 42 资金需求 rows in the seed, each a whole number of 万元', () => {
    expect(amounts).toHaveLength(42);
    expect(amounts.every((a) => a !== undefined)).toBe(true);
  });
  it('reads 资金需求（万元） 1239 as 1239 万元 in all 42 targets, no indicator added', () => {
    const out = run(rewrite((line) => line.replace(/^资金需求\t(\d+)万元/u, '资金需求（万元）\t$1')));
    expect(out.targets.map((t) => t.fund_demand_wan)).toEqual(seedTargets.map((t) => t.fund_demand_wan));
    expect(fundless(out.targets)).toEqual(fundless(seedTargets));
    expect(out.indicators).toHaveLength(787);
    expect(withoutLines(out.indicators)).toEqual(withoutLines(seedIndicators));
    expect(out.report.repairs['metadata-label-unit']).toBe(42);
    expect(out.codes('targets/metadata-missing')).toHaveLength(0);
  });
  it('converts 资金需求(元) 12390000 into 1239 万元 exactly, reported for each of the 42', () => {
    const out = run(
      rewrite((line) => line.replace(/^资金需求\t(\d+)万元/u, (_m, wan: string) => `资金需求(元)\t${wan}0000`)),
    );
    expect(out.targets.map((t) => t.fund_demand_wan)).toEqual(seedTargets.map((t) => t.fund_demand_wan));
    expect(out.codes('targets/fund-demand-unit-from-label')).toHaveLength(42);
    expect(out.indicators).toHaveLength(787);
  });
  it("keeps a cell's own unit over its label's, reporting the contradiction", () => {
    const out = run(rewrite((line) => line.replace(/^资金需求\t/u, '资金需求（元）\t')));
    expect(out.targets.map((t) => t.fund_demand_wan)).toEqual(seedTargets.map((t) => t.fund_demand_wan));
    expect(out.codes('targets/fund-demand-unit-conflict')).toHaveLength(42);
  });
});

describe('the closing block (版记) written as a table after the last target table', () => {
  const office = lines.indexOf('广东省财政厅办公室');
  const issued = lines.indexOf('2023年12月28日印发');

  it("finds the seed's closing lines: the office, a blank line, the date", () => {
    expect(issued - office).toBe(2);
  });
  for (const [form, block] of [
    ['a pipe table', ['| 广东省财政厅办公室 | 2023年12月28日印发 |', '|---|---|']],
    ['TAB rows with 抄送', ['抄送\t省审计厅', '广东省财政厅办公室\t2023年12月28日印发']],
  ] as const) {
    it(`ends the last annex before it as ${form}: no row of it is an indicator`, () => {
      const text = [...lines.slice(0, office), ...block, ...lines.slice(issued + 1)].join('\n');
      const out = run(text);
      expect(out.indicators).toHaveLength(787);
      expect(withoutLines(out.indicators)).toEqual(withoutLines(seedIndicators));
      // The seed's 公开方式 line opens the closing block; the table rows after it are outside annex 3.
      expect(out.codes('locate/closing-block')).toHaveLength(1);
      const indicatorTables = out.report.tables.filter((t) => t.kind === 'indicator');
      expect(indicatorTables.reduce((n, t) => n + t.dropped, 0)).toBe(0);
      expect(indicatorTables.reduce((n, t) => n + t.records, 0)).toBe(787);
      expect(out.codes('validate/row-unaccounted')).toHaveLength(0);
    });
  }
});

describe('other words for the metadata labels, and a label the family does not know', () => {
  it("reads 主管部门, 资金总额 and 年度目标 as the seed's labels: the same 42 targets and 787 indicators", () => {
    const text = rewrite((l) =>
      l
        .replace(/^(省级主管部门\t[^\t]*\t)地方主管部门\t/u, '$1主管部门\t')
        .replace(/^资金需求\t/u, '资金总额\t')
        .replace(/^总体绩效目标\t/u, '年度目标\t'),
    );
    expect(text.match(/\t主管部门\t/gu)).toHaveLength(42);
    const out = run(text);
    expect(withoutLines(out.targets)).toEqual(withoutLines(seedTargets));
    expect(withoutLines(out.indicators)).toEqual(withoutLines(seedIndicators));
  });

  it('leaves out a metadata row whose label names no field, above the indicator header, with a warning per row', () => {
    // One 实施期限 row after each 资金需求 row: 42 rows that are no indicators.
    const text = rewrite((l) => (/^资金需求\t/u.test(l) ? `${l}\n实施期限\t2024年1月-2024年12月\t\t\t` : l));
    const out = run(text);
    expect(out.indicators).toHaveLength(787);
    expect(withoutLines(out.indicators)).toEqual(withoutLines(seedIndicators));
    expect(out.codes('targets/metadata-label-unknown')).toHaveLength(42);
    const indicatorTables = out.report.tables.filter((t) => t.kind === 'indicator');
    expect(indicatorTables.reduce((n, t) => n + t.dropped, 0)).toBe(42);
  });
});

describe('two indicators written in one row, or two figures in one value cell', () => {
  // The seed's indicator rows that carry a name and a figure after three empty level cells.
  const rowAt = lines.flatMap((l, i) => (/^\t\t\t[^\t<]+\t不少于\d+[^\t<]*\t*$/u.test(l) ? [i] : []));

  it('finds such rows in the seed', () => {
    expect(rowAt.length).toBeGreaterThan(50);
  });

  it('reports a row whose name and value cells hold two lines each, read as one indicator as before', () => {
    const text = rewrite((l, i) =>
      rowAt.includes(i) ? l.replace(/^(\t\t\t[^\t]+)\t(不少于\d+[^\t]*)/u, '$1<br>第二项指标\t$2<br>不少于2次') : l,
    );
    const out = run(text);
    expect(out.indicators).toHaveLength(787);
    expect(out.codes('targets/cell-lines-paired')).toHaveLength(rowAt.length);
    expect(out.codes('targets/value-several')).toHaveLength(0);
  });

  it('reports a value cell that states two figures; the first is parsed', () => {
    const text = rewrite((l, i) => (rowAt.includes(i) ? l.replace(/\t(不少于\d+[^\t]*)/u, '\t$1<br>不少于2次') : l));
    const out = run(text);
    expect(out.codes('targets/value-several')).toHaveLength(rowAt.length);
    const changed = out.indicators.filter((r) => String(r['value_raw']).includes('\n'));
    expect(changed).toHaveLength(rowAt.length);
    expect(changed.every((r) => r['value_comparator'] === 'at_least')).toBe(true);
  });
});

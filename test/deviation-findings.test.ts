import { describe, expect, it } from 'vitest';
import { decisionKey } from '../src/family/decisions.js';
import { extractNotice } from '../src/pipeline.js';
import { extractText, families, recordsOf } from './support/run.js';
import {
  ALLOCATION_HEADER,
  CITIES,
  DETAIL_HEADER,
  allocationItem,
  allocationRows,
  defaultParts,
  detailItem,
  detailRows,
  lineOf,
  smallNotice,
  targetTable,
} from './support/smallNotice.js';

/**
 * One deviation at a time in a small notice written from scratch (support/smallNotice.ts): each test says
 * which finding the deviation gives, where (annex, line found in the text, not counted by hand), and what
 * became of the record. The notice without a deviation gives no finding at all.
 */
type Found = {
  code: string;
  severity: string;
  message: string;
  annex: string;
  source_line: number | null;
  recipient_code: string;
  actual: string | null;
  expected: string | null;
};
type Row = Record<string, unknown>;

const [jiangmen, zhanjiang] = CITIES as [(typeof CITIES)[number], (typeof CITIES)[number]];

function run(text: string, allowPartial = false) {
  const result = extractText(text, 'small', { allowPartial });
  const findings = (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Found[] }).findings;
  const records = (name: string): Row[] => recordsOf(result, name) as Row[];
  return { findings, records, of: (code: string) => findings.filter((f) => f.code === code) };
}

/** The allocation rows with Jiangmen's item replaced. */
const withJiangmenItem = (item: string): string[] =>
  allocationRows().map((r) => (r === allocationItem(jiangmen) ? item : r));

describe('a small notice without deviations', () => {
  it('gives every record and no finding', () => {
    const { findings, records } = run(smallNotice());
    expect(findings).toEqual([]);
    expect(records('allocations')).toHaveLength(5);
    expect(records('details')).toHaveLength(5);
    expect(records('targets')).toHaveLength(2);
    expect(records('indicators')).toHaveLength(4);
  });
});

describe('locating annexes', () => {
  it('reports a required annex that is missing, and extracts the rest under --allow-partial', () => {
    const text = smallNotice({ targetLines: [] }).replace('## 附件3\n', '');
    const { of, records } = run(text, true);
    expect(of('locate/annex-missing')).toMatchObject([
      { annex: 'targets', source_line: null, expected: '绩效目标表、绩效目标' },
    ]);
    expect(records('targets')).toEqual([]);
    expect(records('allocations')).toHaveLength(5);
  });

  it('classifies an annex whose title names no kind by its header, and says so', () => {
    const text = smallNotice()
      .replace('## 知识产权专项资金分配情况表', '## 资金下达')
      .replace('1. 知识产权专项资金分配情况表', '1. 资金下达');
    const { of, records } = run(text);
    expect(of('locate/annex-kind-from-content')).toMatchObject([
      { annex: '1', source_line: lineOf(text, '## 附件1'), actual: '资金下达', expected: 'allocation' },
    ]);
    expect(records('allocations')).toHaveLength(5);
  });
});

describe('money tables', () => {
  it('reads a tab-separated row short of the header with its missing cells empty', () => {
    const short = allocationItem(jiangmen).replace(/\t$/, '');
    const text = smallNotice({ allocationRows: withJiangmenItem(short) });
    const { of, records } = run(text);
    expect(of('grid/row-short')).toMatchObject([
      { annex: '1', source_line: lineOf(text, short), actual: '8', expected: '9' },
    ]);
    expect(records('allocations').find((r) => r['source_line'] === lineOf(text, short))).toMatchObject({
      amount_yuan: '3000000.00',
      remark: '',
    });
  });

  it('rounds an amount of more than two decimals to cents and says so', () => {
    const item = allocationItem(jiangmen, { amount: '2999999.995' });
    const text = smallNotice({ allocationRows: withJiangmenItem(item) });
    const { of, records } = run(text);
    expect(of('money/amount-scale')).toMatchObject([
      { annex: '1', source_line: lineOf(text, item), actual: '2999999.995' },
    ]);
    expect(records('allocations').find((r) => r['source_line'] === lineOf(text, item))).toMatchObject({
      amount_yuan: '3000000.00',
    });
  });

  it('leaves out a row without an amount, and the totals above it no longer add up', () => {
    const item = allocationItem(jiangmen, { amount: '' });
    const text = smallNotice({ allocationRows: withJiangmenItem(item) });
    const { of, records } = run(text);
    expect(of('money/row-without-amount')).toMatchObject([{ annex: '1', source_line: lineOf(text, item) }]);
    expect(records('allocations').some((r) => r['source_line'] === lineOf(text, item))).toBe(false);
    expect(of('reconcile/subtotal-mismatch')).toMatchObject([{ actual: '3000000.00', expected: '0.00' }]);
  });

  it('reports a money table without data rows under --allow-partial', () => {
    const text = smallNotice({ allocationRows: [ALLOCATION_HEADER] });
    const { of, records } = run(text, true);
    expect(of('money/empty-annex')).toMatchObject([{ annex: '1', source_line: null }]);
    expect(records('allocations')).toEqual([]);
  });

  it('leaves empty a region code that is not 9 digits', () => {
    const item = allocationItem(jiangmen, { code: '44070000' });
    const text = smallNotice({ allocationRows: withJiangmenItem(item) });
    const { of, records } = run(text);
    expect(of('allocations/code-invalid')).toMatchObject([
      { annex: '1', source_line: lineOf(text, item), actual: '44070000' },
    ]);
    expect(records('allocations').find((r) => r['source_line'] === lineOf(text, item))).toMatchObject({
      region_code: '',
      recipient_code: '440700000',
    });
  });

  it('keeps both codes when the recipient cell names another code than the region', () => {
    const item = allocationItem(jiangmen, { recipient: `440703000 ${jiangmen.name}本级` });
    const text = smallNotice({ allocationRows: withJiangmenItem(item) });
    const { of, records } = run(text);
    expect(of('allocations/code-mismatch')).toMatchObject([
      { annex: '1', source_line: lineOf(text, item), expected: '440700000' },
    ]);
    expect(records('allocations').find((r) => r['source_line'] === lineOf(text, item))).toMatchObject({
      region_code: '440700000',
      recipient_code: '440703000',
    });
  });

  it('leaves empty a yes/no cell that is neither yes nor no', () => {
    const item = allocationItem(jiangmen, { flag: '待定' });
    const text = smallNotice({ allocationRows: withJiangmenItem(item) });
    const { of, records } = run(text);
    expect(of('allocations/flag-invalid')).toMatchObject([
      { annex: '1', source_line: lineOf(text, item), actual: '待定' },
    ]);
    expect(records('allocations').find((r) => r['source_line'] === lineOf(text, item))).toMatchObject({
      direct_to_sanbao_account: null,
    });
  });

  it('leaves out a record that fails its schema: a function subject code of 9 digits', () => {
    const item = allocationItem(jiangmen).replace('2011409 知识产权', '201140912 知识产权');
    const text = smallNotice({ allocationRows: withJiangmenItem(item) });
    const { of, records } = run(text);
    expect(of('validate/schema')).toMatchObject([{ annex: 'allocation', source_line: lineOf(text, item) }]);
    expect(of('validate/schema')[0]?.actual).toContain('function_subject_code');
    expect(records('allocations').some((r) => r['source_line'] === lineOf(text, item))).toBe(false);
  });
});

describe('table grids', () => {
  it('gives no records for a table whose header no row matches, and says so under --allow-partial', () => {
    const rows = ['甲\t乙\t丙\t丁\t戊\t己\t庚\t辛\t壬', ...allocationRows().slice(1)];
    const text = smallNotice({ allocationRows: rows });
    const { of, records } = run(text, true);
    expect(of('grid/header-missing')).toMatchObject([{ annex: '1', source_line: lineOf(text, rows[0] ?? '') }]);
    expect(records('allocations')).toEqual([]);
  });

  it('reads a header that names no amount column, reports the required column missing and leaves every row out', () => {
    // 资金用途 names no amount (no synonym, no money word the amount's headerPattern reads): the header is found by its
    // other columns, without an amount.
    const header = ALLOCATION_HEADER.replace('\t金额\t', '\t资金用途\t');
    const rows = [header, ...allocationRows().slice(1)];
    const text = smallNotice({ allocationRows: rows });
    const { of, records } = run(text, true);
    expect(of('grid/column-missing')).toMatchObject([
      { annex: '1', severity: 'error', source_line: lineOf(text, header), expected: '金额' },
    ]);
    expect(of('grid/header-column-unknown')).toMatchObject([
      { annex: '1', source_line: lineOf(text, header), actual: '资金用途' },
    ]);
    expect(of('money/row-without-amount').map((f) => f.source_line)).toEqual(
      rows.slice(1).map((row) => lineOf(text, row)),
    );
    expect(records('allocations')).toEqual([]);
  });
});

describe('keys', () => {
  it('reports records that share a primary key: two annexes numbered 1, each an allocation table', () => {
    const once = smallNotice();
    const table = once.slice(once.indexOf('## 附件1'), once.indexOf('## 附件2'));
    const text = once.replace('## 附件2', `${table}## 附件2`);
    const { of, records } = run(text);
    const shared = of('validate/primary-key-not-unique');
    expect(shared).toMatchObject([{ annex: 'allocations', actual: 'annex=1, source_row=2' }]);
    // Both tables' records are kept; datapackage.json then declares no primary key for allocations.
    expect(records('allocations')).toHaveLength(10);
  });
});

describe('detail tables', () => {
  it('reads an item before any subtotal as of no group, and the grand total then differs from the subtotals', () => {
    const stray = detailItem(jiangmen, '阳江市市场监督管理局', '50');
    const rows = [DETAIL_HEADER, ['合计', '', '', '', '550'].join('\t'), stray, ...detailRows().slice(2)];
    const text = smallNotice({ detailRows: rows });
    const { of, records } = run(text);
    expect(of('details/group-missing')).toMatchObject([{ annex: '2', source_line: lineOf(text, stray) }]);
    expect(records('details').find((r) => r['source_line'] === lineOf(text, stray))).toMatchObject({
      seq: '',
      budget_code: '',
      city: '',
      amount_wan: '50',
    });
    // 合计 550 = Σ items (50 + 300 + 200), but Σ subtotals = 500: the stray item belongs to none.
    expect(of('reconcile/total-vs-subtotals')).toMatchObject([
      { annex: '2', source_line: lineOf(text, /^合计\t\t\t\t550$/), actual: '5500000.00', expected: '5000000.00' },
    ]);
    expect(of('reconcile/total-mismatch')).toEqual([]);
  });
});

describe('joining recipients', () => {
  it('leaves the code empty for a department of no allocation recipient', () => {
    const stranger = detailItem(zhanjiang, '阳江市市场监督管理局');
    const text = smallNotice({ detailRows: detailRows().map((r) => (r === detailItem(zhanjiang) ? stranger : r)) });
    const { of, records } = run(text);
    expect(of('join/recipient-unmatched')).toMatchObject([
      { annex: '2', source_line: lineOf(text, stranger), actual: '阳江市市场监督管理局' },
    ]);
    expect(records('details').find((r) => r['source_line'] === lineOf(text, stranger))).toMatchObject({
      recipient_code: '',
    });
    expect(of('reconcile/recipient-missing')).toMatchObject([{ recipient_code: zhanjiang.code }]);
  });

  it('leaves the code empty for a department whose place names two allocation recipients', () => {
    const first = allocationItem(jiangmen, { amount: '1000000.00' });
    const second = allocationItem(jiangmen, {
      code: '440703000',
      recipient: `440703000 ${jiangmen.name}本级`,
      amount: '2000000.00',
    });
    const rows = allocationRows();
    const text = smallNotice({ allocationRows: [...rows.slice(0, 3), first, second, ...rows.slice(4)] });
    const { of, records } = run(text);
    const detailLine = lineOf(text, detailItem(jiangmen));
    expect(of('join/recipient-ambiguous').find((f) => f.annex === '2')).toMatchObject({
      source_line: detailLine,
      actual: '江门市市场监督管理局',
      expected: '江门市本级、江门市本级',
    });
    expect(records('details').find((r) => r['source_line'] === detailLine)).toMatchObject({ recipient_code: '' });
  });

  it('joins by name a department that states a code no allocation recipient has, and says so', () => {
    // 440799000 is no recipient of the allocation table (江门's is 440700000): the name still joins.
    const stated = detailItem(jiangmen, `${jiangmen.name}市场监督管理局（440799000）`);
    const text = smallNotice({ detailRows: detailRows().map((r) => (r === detailItem(jiangmen) ? stated : r)) });
    const { of, records } = run(text);
    expect(of('join/code-unknown')).toMatchObject([
      {
        annex: '2',
        source_line: lineOf(text, stated),
        recipient_code: jiangmen.code,
        actual: '江门市市场监督管理局（440799000）',
      },
    ]);
    expect(of('join/code-unknown')[0]?.message).toContain('states the code 440799000');
    expect(records('details').find((r) => r['source_line'] === lineOf(text, stated))).toMatchObject({
      recipient_code: jiangmen.code,
    });
    expect(of('join/recipient-unmatched')).toEqual([]);
  });
});

describe('target tables', () => {
  it('reports a title followed by another title, which opens no table', () => {
    const lines = ['## 省财政专项转移支付绩效目标表(二级项目-区域)', '', ...defaultParts().targetLines];
    const text = smallNotice({ targetLines: lines });
    const { of, records } = run(text);
    expect(of('targets/title-without-table')).toMatchObject([
      { annex: '3', source_line: lineOf(text, /^## 省财政专项转移支付绩效目标表/) },
    ]);
    expect(records('targets')).toHaveLength(2);
  });

  it('keeps a target table without indicator rows and says so', () => {
    const bare = targetTable(zhanjiang).filter((l) => !/指标/.test(l));
    const text = smallNotice({ targetLines: [...targetTable(jiangmen), ...bare] });
    const { of, records } = run(text);
    const found = of('targets/indicators-missing');
    expect(found).toMatchObject([{ annex: '3', recipient_code: zhanjiang.code }]);
    expect(records('targets').find((r) => r['recipient_code'] === zhanjiang.code)).toMatchObject({
      indicator_count: 0,
    });
    expect(records('indicators').filter((r) => r['recipient_code'] === zhanjiang.code)).toEqual([]);
  });

  it("reports a budget year other than the notice's", () => {
    const text = smallNotice({
      targetLines: [...targetTable(jiangmen, { year: '2026年' }), ...targetTable(zhanjiang)],
    });
    const { of, records } = run(text);
    expect(of('reconcile/budget-year-mismatch')).toMatchObject([
      { annex: '3', recipient_code: jiangmen.code, actual: '2026', expected: '2025' },
    ]);
    expect(records('targets').find((r) => r['recipient_code'] === jiangmen.code)).toMatchObject({
      budget_year: '2026',
    });
  });
});

describe('regions', () => {
  it('reports a region code that names no city or county of GB/T 2260', () => {
    const item = allocationItem(jiangmen, { code: '449900000', recipient: `449900000 ${jiangmen.name}本级` });
    const text = smallNotice({ allocationRows: withJiangmenItem(item) });
    const { of, records } = run(text);
    expect(of('reconcile/region-code-unknown')).toMatchObject([
      { annex: '1', source_line: lineOf(text, item), actual: '449900000' },
    ]);
    expect(records('allocations').find((r) => r['source_line'] === lineOf(text, item))).toMatchObject({
      region_code: '449900000',
    });
  });
});

describe('indicators a reviewer rejected', () => {
  it('keeps no standard indicator for a fuzzy spelling a reviewer ruled out, and says why', () => {
    // A spelling the frozen registry matches only by similarity (the seed's, reported there as indicators/fuzzy).
    const spelling = '知识产权维权中心提供快速预审、快速确权和快速维权服务';
    const lines = targetTable(jiangmen).map((l) => l.replace('形成产业专利导航报告', spelling));
    const text = smallNotice({ targetLines: [...lines, ...targetTable(zhanjiang)] });
    const family = families[0];
    if (!family) throw new Error('no family');
    const rejected = {
      ...family.rejected,
      indicators: new Map([[decisionKey('indicator', spelling), 'a service of another centre']]),
    };
    const result = extractNotice('small.md', 'small', Buffer.from(text), [{ ...family, rejected }], {
      bom: true,
      allowPartial: false,
    });
    const findings = (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Found[] }).findings;
    expect(findings.filter((f) => f.code === 'indicators/rejected')).toMatchObject([
      {
        annex: '3',
        source_line: lineOf(text, new RegExp(spelling)),
        actual: spelling,
        expected: 'a service of another centre',
      },
    ]);
    expect(recordsOf(result, 'indicators').find((r) => r['name'] === spelling)).toMatchObject({
      indicator_id: '',
      indicator_match: 'rejected',
    });
    // Without the decision the same spelling is a fuzzy match awaiting review.
    expect(run(text).of('indicators/fuzzy')).toHaveLength(1);
  });
});

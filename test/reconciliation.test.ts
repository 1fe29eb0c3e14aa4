import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings/finding.js';
import { extractText, seedText } from './support/run.js';

/** The seed with one exact, unique piece of text replaced; fails loudly if the piece is not there once. */
function seedWith(from: string, to: string): string {
  const text = seedText();
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

function findingsOf(text: string): Finding[] {
  const result = extractText(text, 'mutant');
  return (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;
}

const errors = (findings: Finding[]): Finding[] => findings.filter((f) => f.severity === 'error');

describe('reconciliation on the seed', () => {
  it('finds no error, and nothing to report from reconciliation', () => {
    const findings = findingsOf(seedText());
    expect(errors(findings)).toEqual([]);
    expect(findings.filter((f) => f.code.startsWith('reconcile/'))).toEqual([]);
  });

  it('joins all 42 recipients across the three annexes', () => {
    const result = extractText(seedText(), 'seed');
    const codes = (name: string, type?: string): string[] =>
      (JSON.parse(result.files.get(`${name}.json`) ?? '{}') as { records: Record<string, string>[] }).records
        .filter((r) => !type || r['row_type'] === type)
        .map((r) => r['recipient_code'] ?? '')
        .sort();
    const annex1 = codes('allocations', 'item');
    expect(annex1).toHaveLength(42);
    expect(new Set(annex1).size).toBe(42);
    expect(codes('details', 'item')).toEqual(annex1);
    expect(codes('targets')).toEqual(annex1);
  });
});

describe('reconciliation on broken copies of the seed', () => {
  it('reports an Annex 2 subtotal off by 5 万元 as exactly one error, with its line and amounts', () => {
    const findings = findingsOf(seedWith('<b>汕尾市小计</b>\t\t<b>704</b>', '<b>汕尾市小计</b>\t\t<b>709</b>'));
    expect(errors(findings)).toHaveLength(1);
    expect(errors(findings)[0]).toMatchObject({
      code: 'reconcile/subtotal-mismatch',
      annex: '2',
      source_line: 139,
      actual: '7090000.00',
      expected: '7040000.00',
    });
  });

  it('reports an Annex 1 item that disagrees with Annex 2, with both lines and the recipient', () => {
    // 徐闻县 100000.00 → 150000.00: its section total and the grand total no longer add up either.
    const findings = findingsOf(
      seedWith(
        '440825000 徐闻县\tW 无\t否\t2011409 知识产权宏观管理\t100000.00',
        '440825000 徐闻县\tW 无\t否\t2011409 知识产权宏观管理\t150000.00',
      ),
    );
    const cross = errors(findings).filter((f) => f.code === 'reconcile/detail-vs-allocation');
    expect(cross).toHaveLength(1);
    expect(cross[0]).toMatchObject({
      annex: '2',
      recipient_code: '440825000',
      source_line: 158,
      actual: '100000.00 元',
      expected: '150000.00 元',
    });
    expect(cross[0]?.message).toContain('(lines 87)');
    // Annex 3 still says 10 万元, so it disagrees with the changed Annex 1 as well.
    expect(
      errors(findings)
        .map((f) => f.code)
        .sort(),
    ).toEqual([
      'reconcile/detail-vs-allocation',
      'reconcile/section-mismatch',
      'reconcile/targets-vs-allocation',
      'reconcile/total-mismatch',
    ]);
  });

  it('reports an Annex 3 资金需求 that differs from Annex 1 as exactly one error, naming the recipient and both lines', () => {
    const findings = findingsOf(seedWith('资金需求\t1239万元', '资金需求\t1293万元'));
    expect(errors(findings)).toHaveLength(1);
    expect(errors(findings)[0]).toMatchObject({
      code: 'reconcile/targets-vs-allocation',
      annex: '3',
      recipient_code: '440100000',
      source_line: 194,
      actual: '12930000.00 元',
      expected: '12390000.00 元',
    });
    expect(errors(findings)[0]?.message).toContain('(lines 39)');
  });

  it('reports a grand total that is not the sum of its section totals', () => {
    const findings = findingsOf(seedWith('合计\t\t\t\t\t\t\t172850000.00', '合计\t\t\t\t\t\t\t172850001.00'));
    expect(
      errors(findings)
        .map((f) => f.code)
        .sort(),
    ).toEqual(['reconcile/total-mismatch', 'reconcile/total-vs-sections']);
    expect(errors(findings)[0]).toMatchObject({
      annex: '1',
      source_line: 36,
      actual: '172850001.00',
      expected: '172850000.00',
    });
  });

  it('reports an Annex 1 recipient that has no Annex 2 row', () => {
    const findings = findingsOf(
      seedWith('\t\t东源县市场监督管理局\t2024 年下放市县审批权限知识产权专项资金\t10\n', ''),
    );
    const missing = errors(findings).filter((f) => f.code === 'reconcile/recipient-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ annex: '1', recipient_code: '441625000', actual: '东源县' });
    expect(missing[0]?.message).toContain('has no row in the detail tables');
  });

  it('warns about a region code that names another place', () => {
    const findings = findingsOf(seedWith('韶关市本级\t440200000', '韶关市本级\t440300000'));
    const region = findings.filter((f) => f.code === 'reconcile/region-name-mismatch');
    expect(region).toHaveLength(1);
    expect(region[0]).toMatchObject({ severity: 'warning', source_line: 41, expected: '深圳市' });
  });
});

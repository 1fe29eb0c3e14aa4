import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings/finding.js';
import { extractText, seedText } from './support/run.js';
import {
  ALLOCATION_HEADER,
  allocationItem,
  allocationRows,
  allocationSubtotal,
  allocationTotal,
  CITIES,
  detailItem,
  detailRows,
  lineOf,
  smallNotice,
  targetTable,
} from './support/smallNotice.js';

const [jiangmen, zhanjiang] = CITIES as [(typeof CITIES)[number], (typeof CITIES)[number]];

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

/** Section totals over the small notice's two cities: 一、 over 江门市, 二、 over 湛江市, under the grand total. */
function withSections(total = allocationTotal()): string[] {
  const section = (label: string, yuan: string): string => [label, '', '', '', '', '', '', yuan, ''].join('\t');
  return [
    ALLOCATION_HEADER,
    total,
    section('一、江门片区合计', '3000000.00'),
    allocationSubtotal(jiangmen),
    allocationItem(jiangmen),
    section('二、湛江片区合计', '2000000.00'),
    allocationSubtotal(zhanjiang),
    allocationItem(zhanjiang),
  ];
}

describe('reconciliation on broken copies of the small notice', () => {
  it('finds no error in the notice as written, with or without section totals', () => {
    expect(errors(findingsOf(smallNotice()))).toEqual([]);
    expect(errors(findingsOf(smallNotice({ allocationRows: withSections() })))).toEqual([]);
  });

  it('reports an Annex 2 subtotal off by 5 万元 as exactly one error, with its line and amounts', () => {
    const subtotal = detailRows().find((r) => r.includes('江门市小计')) ?? '';
    const off = subtotal.replace(/\t300$/, '\t305');
    const text = smallNotice({ detailRows: detailRows().map((r) => (r === subtotal ? off : r)) });
    const findings = findingsOf(text);
    expect(errors(findings)).toHaveLength(1);
    expect(errors(findings)[0]).toMatchObject({
      code: 'reconcile/subtotal-mismatch',
      annex: '2',
      source_line: lineOf(text, off),
      actual: '3050000.00',
      expected: '3000000.00',
    });
  });

  it('reports an Annex 1 item that disagrees with Annex 2, with both lines and the recipient', () => {
    // 湛江市本级 2000000.00 → 2500000.00: its subtotal and the grand total no longer add up either.
    const changed = allocationItem(zhanjiang, { amount: '2500000.00' });
    const text = smallNotice({
      allocationRows: allocationRows().map((r) => (r === allocationItem(zhanjiang) ? changed : r)),
    });
    const findings = findingsOf(text);
    const cross = errors(findings).filter((f) => f.code === 'reconcile/detail-vs-allocation');
    expect(cross).toHaveLength(1);
    expect(cross[0]).toMatchObject({
      annex: '2',
      recipient_code: zhanjiang.code,
      source_line: lineOf(text, detailItem(zhanjiang)),
      actual: '2000000.00 元',
      expected: '2500000.00 元',
    });
    expect(cross[0]?.message).toContain(`(lines ${lineOf(text, changed)})`);
    // Annex 3 still says 200 万元, so it disagrees with the changed Annex 1 as well.
    expect(
      errors(findings)
        .map((f) => f.code)
        .sort(),
    ).toEqual([
      'reconcile/detail-vs-allocation',
      'reconcile/subtotal-mismatch',
      'reconcile/targets-vs-allocation',
      'reconcile/total-mismatch',
    ]);
  });

  it('reports an Annex 3 资金需求 that differs from Annex 1 as exactly one error, naming the recipient and both lines', () => {
    const text = smallNotice({
      targetLines: [...targetTable(jiangmen, { demand: '330万元' }), ...targetTable(zhanjiang)],
    });
    const findings = findingsOf(text);
    expect(errors(findings)).toHaveLength(1);
    expect(errors(findings)[0]).toMatchObject({
      code: 'reconcile/targets-vs-allocation',
      annex: '3',
      recipient_code: jiangmen.code,
      source_line: lineOf(text, '资金需求\t330万元'),
      actual: '3300000.00 元',
      expected: '3000000.00 元',
    });
    expect(errors(findings)[0]?.message).toContain(`(lines ${lineOf(text, allocationItem(jiangmen))})`);
  });

  it('reports a grand total that is not the sum of its section totals', () => {
    const total = allocationTotal('5000001.00');
    const text = smallNotice({ allocationRows: withSections(total) });
    const findings = findingsOf(text);
    expect(
      errors(findings)
        .map((f) => f.code)
        .sort(),
    ).toEqual(['reconcile/total-mismatch', 'reconcile/total-vs-sections']);
    for (const error of errors(findings))
      expect(error).toMatchObject({
        annex: '1',
        source_line: lineOf(text, total),
        actual: '5000001.00',
        expected: '5000000.00',
      });
  });

  it('reports an Annex 1 recipient that has no Annex 2 row', () => {
    const text = smallNotice({ detailRows: detailRows().filter((r) => r !== detailItem(zhanjiang)) });
    const missing = errors(findingsOf(text)).filter((f) => f.code === 'reconcile/recipient-missing');
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ annex: '1', recipient_code: zhanjiang.code, actual: '湛江市本级' });
    expect(missing[0]?.message).toContain('has no row in the detail tables');
  });

  it('warns about a region code that names another place', () => {
    // 440300000 is 深圳市 in GB/T 2260; the row is 江门市本级's.
    const moved = allocationItem(jiangmen, { code: '440300000' });
    const text = smallNotice({
      allocationRows: allocationRows().map((r) => (r === allocationItem(jiangmen) ? moved : r)),
    });
    const region = findingsOf(text).filter((f) => f.code === 'reconcile/region-name-mismatch');
    expect(region).toHaveLength(1);
    expect(region[0]).toMatchObject({ severity: 'warning', source_line: lineOf(text, moved), expected: '深圳市' });
  });
});

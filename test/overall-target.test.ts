import { describe, expect, it } from 'vitest';
import { CITIES, smallNotice, targetTable } from './support/smallNotice.js';
import { extractText } from './support/run.js';

/**
 * A notice whose targets annex is one table for the whole fund (地方主管部门 各地级以上市…), not one per recipient: the
 * small notice allocates 300万 + 200万 = 500万 to two cities.
 */
const first = CITIES[0] as (typeof CITIES)[number];
const overall = (demand: string): string[] =>
  targetTable(first, { department: '各地级以上市市场监督管理部门', demand });

type Finding = { code: string; severity: string; actual: unknown; expected: unknown };
const findingsOf = (text: string, id: string): Finding[] =>
  (JSON.parse(extractText(text, id).files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;

describe('a single target table for the whole fund', () => {
  it('is said and reports no recipient missing from the target tables when its 资金需求 is the total', () => {
    const findings = findingsOf(smallNotice({ targetLines: overall('500万元') }), 'overall-target');
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.code === 'reconcile/overall-target')).toHaveLength(1);
  });

  it('has its 资金需求 compared with the allocation total', () => {
    const errors = findingsOf(smallNotice({ targetLines: overall('480万元') }), 'overall-target-off').filter(
      (f) => f.severity === 'error',
    );
    expect(errors.map((f) => [f.code, f.actual, f.expected])).toEqual([
      ['reconcile/overall-target-mismatch', '4800000.00 元', '5000000.00 元'],
    ]);
  });
});

describe("a single target table that is one recipient's", () => {
  it('still leaves the other recipient missing from the target tables', () => {
    const findings = findingsOf(smallNotice({ targetLines: targetTable(first) }), 'one-of-two-targets');
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.actual])).toEqual([
      ['reconcile/recipient-missing', '湛江市本级'],
    ]);
    expect(findings.filter((f) => f.code === 'reconcile/overall-target')).toEqual([]);
  });
});

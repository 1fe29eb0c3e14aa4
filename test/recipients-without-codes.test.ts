import { describe, expect, it } from 'vitest';
import { generateNotice, NEW_STYLES, renderNewNotice, withProvincialUnits } from './support/newContent.js';
import { checkNotice } from './support/newContentCheck.js';
import {
  ALLOCATION_HEADER,
  allocationItem,
  allocationSubtotal,
  CITIES,
  DETAIL_HEADER,
  detailItem,
  smallNotice,
  targetTable,
} from './support/smallNotice.js';
import { extractText, recordsOf } from './support/run.js';

/**
 * A provincial unit (a university) allocated money beside the cities: the allocation table names it without a code,
 * its target table names it again. It joins by its name, and its 资金需求 is checked against its allocation.
 */
const UNIT = { name: '中山大学', yuan: 500_000 };
const total = CITIES.reduce((s, c) => s + c.yuan, 0) + UNIT.yuan;

function notice(demand: string): string {
  const unitTarget = targetTable(CITIES[0] as (typeof CITIES)[number], { department: UNIT.name, demand });
  return smallNotice({
    allocationRows: [
      ALLOCATION_HEADER,
      ['合计', '', '', '', '', '', '', total.toFixed(2), ''].join('\t'),
      ['一、各市合计', '', '', '', '', '', '', (total - UNIT.yuan).toFixed(2), ''].join('\t'),
      ...CITIES.flatMap((c) => [allocationSubtotal(c), allocationItem(c)]),
      ['二、省直单位合计', '', '', '', '', '', '', UNIT.yuan.toFixed(2), ''].join('\t'),
      ['', '', '基本科研业务费', UNIT.name, 'W 无', '否', '2011409 知识产权宏观管理', UNIT.yuan.toFixed(2), ''].join(
        '\t',
      ),
    ],
    detailRows: [
      DETAIL_HEADER,
      ['合计', '', '', '', String(total / 10_000)].join('\t'),
      ...CITIES.flatMap((c, i) => [
        [String(i + 1), c.budgetCode, `${c.name}小计`, '', String(c.yuan / 10_000)].join('\t'),
        detailItem(c),
      ]),
      ['3', '', UNIT.name, '基本科研业务费', String(UNIT.yuan / 10_000)].join('\t'),
    ],
    targetLines: [...CITIES.flatMap((c) => targetTable(c)), ...unitTarget],
  });
}

type Finding = { code: string; severity: string; actual: unknown; expected: unknown };
const findingsOf = (result: ReturnType<typeof extractText>): Finding[] =>
  (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;

describe('a recipient the allocation table names without a code', () => {
  it('joins its target table and its detail row by name, with no join warning and no error', () => {
    const result = extractText(notice('50万元'), 'unit-without-code');
    const target = recordsOf(result, 'targets').find((t) => t['local_department'] === UNIT.name);
    expect(target).toMatchObject({ recipient_code: '', recipient_match: 'exact' });
    const detail = recordsOf(result, 'details').find((d) => d['recipient_name'] === UNIT.name);
    expect(detail).toMatchObject({ recipient_code: '', recipient_match: 'exact' });
    const findings = findingsOf(result);
    expect(findings.filter((f) => f.code.startsWith('join/'))).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it("has its target's 资金需求 compared with its allocation", () => {
    const errors = findingsOf(extractText(notice('60万元'), 'unit-without-code-off')).filter(
      (f) => f.severity === 'error',
    );
    expect(errors.map((f) => [f.code, f.actual, f.expected])).toEqual([
      ['reconcile/targets-vs-allocation', '600000.00 元', '500000.00 元'],
    ]);
  });
});

describe.each(NEW_STYLES)('a generated notice with provincial units beside its cities, written as %s', (style) => {
  // Notices with sections and a name cell of their own (the units' section follows the counties').
  const seeds = Array.from({ length: 24 }, (_, k) => k + 1)
    .filter((seed) => {
      const n = generateNotice(seed);
      return n.sections && n.layout !== 'code-name-cell';
    })
    .slice(0, 3);

  it.each(seeds)('seed %i: gives the truth, each unit joined by its name, with no error', (seed) => {
    const notice = withProvincialUnits(generateNotice(seed), 3);
    const result = extractText(renderNewNotice(notice, style), `provincial-units-${seed}`);
    const check = checkNotice(notice, result);
    for (const dataset of [check.allocations, check.targets, check.indicators, check.citations])
      expect(dataset.exact, dataset.differences.join('\n')).toBe(dataset.total);
    expect(check.errors).toEqual([]);
  });

  it("reports a unit's 资金需求 that differs from its allocation", () => {
    const notice = withProvincialUnits(generateNotice(seeds[0] ?? 0), 2);
    const unit = notice.targets.at(-1);
    if (!unit) throw new Error('no unit');
    const allocated = unit.fund_demand_wan;
    unit.fund_demand_wan = String(Number(allocated) + 1);
    const check = checkNotice(notice, extractText(renderNewNotice(notice, style), 'provincial-units-off'));
    expect(check.errors).toHaveLength(1);
    expect(check.errors[0]).toMatch(/^reconcile\/targets-vs-allocation /u);
  });
});

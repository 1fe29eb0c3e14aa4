import { describe, expect, it } from 'vitest';
import { CITIES, DETAIL_HEADER, smallNotice, targetTable } from './support/smallNotice.js';
import { extractText, recordsOf } from './support/run.js';

/**
 * An allocation to provincial units only (省直单位: universities, a hospital): the table has no 地区 column, its
 * recipients are named by 单位名称. Truth: the units and amounts below, their sum the total.
 */
const UNITS = [
  { name: '中山大学', yuan: 1_200_000 },
  { name: '华南理工大学', yuan: 800_000 },
  { name: '广东省人民医院', yuan: 500_000 },
];
const total = UNITS.reduce((s, u) => s + u.yuan, 0);

function notice(header: string): string {
  const city = CITIES[0] as (typeof CITIES)[number];
  return smallNotice({
    allocationRows: [
      header,
      ['', '合计', '', total.toFixed(2), ''].join('\t'),
      ...UNITS.map((u, i) => [String(i + 1), u.name, '基本科研业务费', u.yuan.toFixed(2), ''].join('\t')),
    ],
    detailRows: [
      DETAIL_HEADER,
      ['合计', '', '', '', String(total / 10_000)].join('\t'),
      ...UNITS.map((u, i) => [String(i + 1), '', u.name, '基本科研业务费', String(u.yuan / 10_000)].join('\t')),
    ],
    targetLines: UNITS.flatMap((u) => targetTable(city, { department: u.name, demand: `${u.yuan / 10_000}万元` })),
  });
}

type Finding = { code: string; severity: string };

describe('an allocation table of provincial units, with no 地区 column', () => {
  for (const header of ['序号\t单位名称\t项目名称\t分配金额\t备注', '序号\t项目实施单位\t项目名称\t金额\t备注']) {
    it(`reads every unit and its amount, joins its targets by name, with no error (${header.split('\t')[1]})`, () => {
      const result = extractText(notice(header), 'provincial-units');
      const items = recordsOf(result, 'allocations').filter((r) => r['row_type'] === 'item');
      expect(items.map((r) => [r['recipient_name'], r['amount_yuan']])).toEqual(
        UNITS.map((u) => [u.name, u.yuan.toFixed(2)]),
      );
      const targets = recordsOf(result, 'targets');
      expect(targets.map((t) => t['recipient_match'])).toEqual(UNITS.map(() => 'exact'));
      const findings = (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;
      expect(findings.filter((f) => f.severity === 'error').map((f) => f.code)).toEqual([]);
    });
  }
});

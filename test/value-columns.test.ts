/**
 * Target tables that write an indicator's value in three columns (指标性质 | 指标值 | 度量单位, as the national
 * performance-target template does) and a 权重 column: each value is read as the one-cell tables write it. The
 * expected comparator, figure and unit of each row are read off the row by hand.
 */
import { describe, expect, it } from 'vitest';
import { extractText, recordsOf } from './support/run.js';
import { CITIES, smallNotice, targetTable } from './support/smallNotice.js';

/** One indicator row: name, 指标性质, 指标值, 度量单位, and what it states. */
interface Row {
  name: string;
  comparator: string;
  value: string;
  unit: string;
  expected: { value_raw: string; value_comparator: string; value_number: string; value_unit: string };
}

const ROWS: Row[] = [
  {
    name: '新建污水管网长度',
    comparator: '≥',
    value: '35',
    unit: '公里',
    expected: { value_raw: '≥35公里', value_comparator: 'at_least', value_number: '35', value_unit: '公里' },
  },
  {
    name: '国考断面水质达标率',
    comparator: '=',
    value: '100',
    unit: '%',
    expected: { value_raw: '=100%', value_comparator: 'exactly', value_number: '100', value_unit: '%' },
  },
  {
    name: '项目完工时间',
    comparator: '≤',
    value: '12',
    unit: '个月',
    expected: { value_raw: '≤12个月', value_comparator: 'at_most', value_number: '12', value_unit: '个月' },
  },
  {
    name: '周边群众满意度',
    comparator: '＞',
    value: '90',
    unit: '%',
    expected: { value_raw: '＞90%', value_comparator: 'more_than', value_number: '90', value_unit: '%' },
  },
  {
    name: '培训基层人员',
    comparator: '不少于',
    value: '200',
    unit: '人次',
    expected: { value_raw: '不少于200人次', value_comparator: 'at_least', value_number: '200', value_unit: '人次' },
  },
  // The value states its comparator and unit itself: nothing is added twice.
  {
    name: '设备完好率',
    comparator: '≥',
    value: '≥95%',
    unit: '%',
    expected: { value_raw: '≥95%', value_comparator: 'at_least', value_number: '95', value_unit: '%' },
  },
  // 定性 is no comparator: a qualitative value stays as written, a text value (comparator `text`).
  {
    name: '项目管理规范性',
    comparator: '定性',
    value: '规范',
    unit: '',
    expected: { value_raw: '规范', value_comparator: 'text', value_number: '', value_unit: '' },
  },
];

const HEADER = ['', '一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '权重'];

/** A city's target table with the rows above, in TSV or as an HTML table with the 绩效指标 block label spanning. */
function table(city: (typeof CITIES)[number], encoding: 'tsv' | 'html'): string[] {
  const metadata = targetTable(city).filter((l) => !/指标/.test(l) || l.startsWith('总体绩效目标'));
  const cells = ROWS.map((r, k) => [
    k === 0 ? '绩效指标' : '',
    k === 0 ? '产出指标' : '',
    k === 0 ? '数量指标' : '',
    r.name,
    r.comparator,
    r.value,
    r.unit,
    '10',
  ]);
  if (encoding === 'tsv') return [...metadata.slice(0, -1), HEADER.join('\t'), ...cells.map((c) => c.join('\t')), ''];
  const tr = (c: string[]) => `<tr>${c.map((x) => `<td>${x.replace(/</g, '&lt;')}</td>`).join('')}</tr>`;
  const meta = metadata.slice(2, -1).map((l) => tr(l.split('\t')));
  return [metadata[0] ?? '', '', `<table>${[...meta, tr(HEADER), ...cells.map(tr)].join('')}</table>`, ''];
}

describe('an indicator value written in three columns', () => {
  for (const encoding of ['tsv', 'html'] as const) {
    it(`reads comparator, figure and unit as one value (${encoding}), each row as stated`, () => {
      const text = smallNotice({ targetLines: CITIES.flatMap((c) => table(c, encoding)) });
      const indicators = recordsOf(extractText(text, 'split-values', { allowPartial: true }), 'indicators');
      expect(indicators).toHaveLength(ROWS.length * CITIES.length);
      for (const [k, record] of indicators.entries()) {
        const row = ROWS[k % ROWS.length] as Row;
        expect(record.name_raw).toBe(row.name);
        expect(record).toMatchObject(row.expected);
      }
    });
  }
});

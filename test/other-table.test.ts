/**
 * A money annex that holds a second table under a header of its own (a workbook's 因素法测算表 sheet after the
 * allocation sheet): its rows are no allocation records. Truth: the small notice's own allocation rows.
 */
import { describe, expect, it } from 'vitest';
import { ALLOCATION_HEADER, allocationRows, CITIES } from './support/smallNotice.js';
import { smallNotice } from './support/smallNotice.js';
import { extractText, recordsOf } from './support/run.js';

type Finding = { code: string; severity: string };
const run = (rows: string[]) => {
  const result = extractText(smallNotice({ allocationRows: rows }), 'other-table');
  const findings = (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;
  return { items: recordsOf(result, 'allocations').filter((r) => r['row_type'] === 'item'), findings };
};
const factorSheet = [
  '地区\t地区编码\t城镇登记失业人数（人）\t因素权重\t因素得分\t分配金额',
  ...CITIES.map((c, i) => [c.name, c.code, String(9000 + i * 1000), '50%', '50', String(c.yuan / 10_000)].join('\t')),
];

describe('a second table in a money annex, under its own header', () => {
  it('gives no records and no errors: one warning for its header, its rows passed over', () => {
    const plain = run(allocationRows());
    const { items, findings } = run([...allocationRows(), ...factorSheet]);
    expect(items).toEqual(plain.items);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.code === 'grid/other-table')).toHaveLength(1);
    expect(findings.filter((f) => f.code === 'grid/other-table-row')).toHaveLength(CITIES.length);
  });

  it('reads on under a repeat of the header that OCR garbled, whose next row fits the table', () => {
    // The repeat lost 分配单位 and 备注 to one garbled cell: it reads as a header, but the rows after it align.
    const garbled = ALLOCATION_HEADER.replace('分配单位', '分酉己单').replace('\t备注', '');
    const rows = allocationRows();
    const { items, findings } = run([...rows.slice(0, 4), garbled, ...rows.slice(4)]);
    expect(items).toHaveLength(CITIES.length);
    expect(findings.filter((f) => f.code.startsWith('grid/other-table'))).toEqual([]);
  });
});

/**
 * A row of a money table cut by a page break: its name columns end on one page, the rest of their text stands on the
 * first row of the next page, under the repeated header. Truth: the small notice's own rows, whose texts the test cuts
 * at a place of its choosing; the joined record must equal the uncut one.
 */
import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_HEADER,
  allocationItem,
  allocationSubtotal,
  allocationTotal,
  CITIES,
  smallNotice,
} from './support/smallNotice.js';
import { extractText, recordsOf } from './support/run.js';

type Finding = { code: string; severity: string; source_line: number | null };
const run = (rows: string[]) => {
  const result = extractText(smallNotice({ allocationRows: rows }), 'page-break');
  const findings = (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;
  return { items: recordsOf(result, 'allocations').filter((r) => r['row_type'] === 'item'), findings };
};
const [first, second] = CITIES as [(typeof CITIES)[number], (typeof CITIES)[number]];
const head = [ALLOCATION_HEADER, allocationTotal(), allocationSubtotal(first), allocationItem(first)];

/** The second city's item, its cells cut after `at` characters in the columns given; and the rest as a row. */
function cut(columns: number[], at: number): [string, string] {
  const cells = allocationItem(second).split('\t');
  const rest = cells.map(() => '');
  for (const c of columns) {
    rest[c] = (cells[c] as string).slice(at);
    cells[c] = (cells[c] as string).slice(0, at);
  }
  return [cells.join('\t'), rest.join('\t')];
}

describe('a row cut by a page break', () => {
  for (const at of [2, 4]) {
    it(`joins the rest of its names from the next page's first row (cut after ${at} characters)`, () => {
      const [top, rest] = cut([0, 2], at);
      const uncut = run([...head, allocationSubtotal(second), allocationItem(second)]);
      const broken = run([...head, allocationSubtotal(second), top, '第 1 页', ALLOCATION_HEADER, rest]);
      expect(broken.items).toHaveLength(2);
      const strip = (r: Record<string, unknown>) => ({ ...r, source_line: 0, source_row: 0, source_ref: '' });
      expect(broken.items.map(strip)).toEqual(uncut.items.map(strip));
      const continued = broken.findings.filter((f) => f.code === 'grid/row-continued');
      expect(continued).toHaveLength(1);
      expect(broken.findings.filter((f) => f.severity === 'error')).toEqual([]);
    });
  }

  it('keeps a row after the page break that holds its own amount, and drops a lone text in an empty column', () => {
    const own = run([...head, ALLOCATION_HEADER, allocationSubtotal(second), allocationItem(second)]);
    expect(own.items).toHaveLength(2);
    expect(own.findings.filter((f) => f.code === 'grid/row-continued')).toEqual([]);
    // 备注 (column 8) is empty in the row before the break: text there continues nothing.
    const lone = run([
      ...head,
      allocationSubtotal(second),
      allocationItem(second),
      ALLOCATION_HEADER,
      '\t\t\t\t\t\t\t\t附注',
    ]);
    expect(lone.findings.filter((f) => f.code === 'grid/row-continued')).toEqual([]);
    expect(lone.items.map((r) => r['region_name'])).toEqual([`${first.name}本级`, `${second.name}本级`]);
  });
});

import { describe, expect, it } from 'vitest';
import type { Finding } from '../src/findings/finding.js';
import { extractText, seedText } from './support/run.js';
import {
  ALLOCATION_HEADER,
  allocationRows,
  DETAIL_HEADER,
  detailRows,
  lineOf,
  smallNotice,
} from './support/smallNotice.js';

/**
 * Nothing silent: each of these deviations surfaces as its own finding with a line. Those with a line are made in the
 * small notice of support/smallNotice.ts, their line found in its text; the others change the seed.
 */
function findingsOf(text: string): Finding[] {
  return (JSON.parse(extractText(text, 'mutant').files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;
}

function seedWith(from: string, to: string): string {
  const text = seedText();
  expect(text.split(from)).toHaveLength(2);
  return text.replace(from, to);
}

describe('deviations that must not pass silently', () => {
  it('reports a unit line that contradicts the header unit', () => {
    // The detail table's header says 资金额（万元）; the line above it says 元.
    const text = smallNotice().replace('单位：万元', '单位：元');
    const found = findingsOf(text).filter((f) => f.code === 'money/unit-conflict');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'error',
      annex: '2',
      source_line: lineOf(text, DETAIL_HEADER),
      actual: '万元',
    });
  });

  it('reports an Annex 2 subtotal labelled 小计 alone, whose items then have no city', () => {
    const named = detailRows().find((r) => r.includes('江门市小计')) ?? '';
    const bare = named.replace('江门市小计', '小计');
    const text = smallNotice({ detailRows: detailRows().map((r) => (r === named ? bare : r)) });
    const result = extractText(text, 'mutant');
    const findings = (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;
    expect(findings.filter((f) => f.code === 'details/subtotal-unnamed')).toEqual([
      expect.objectContaining({ severity: 'warning', annex: '2', source_line: lineOf(text, bare) }),
    ]);
    const details = (
      JSON.parse(result.files.get('details.json') ?? '{}') as { records: { seq: string; city: string }[] }
    ).records;
    // Group 1 is the subtotal and its one item (江门市市场监督管理局): both without a city; group 2 keeps 湛江市.
    expect(details.filter((d) => d.seq === '1').map((d) => d.city)).toEqual(['', '']);
    expect(details.filter((d) => d.seq === '2').map((d) => d.city)).toEqual(['湛江市', '湛江市']);
  });

  it('reports falling back to the family unit when the notice states none', () => {
    const text = smallNotice({ allocationUnit: '' });
    const found = findingsOf(text).filter((f) => f.code === 'money/unit-defaulted');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: 'warning',
      annex: '1',
      source_line: lineOf(text, ALLOCATION_HEADER),
      expected: '元',
    });
  });

  it('reports a table row that stands before the header', () => {
    const stray = '杂项\t\t\t\t\t\t\t100.00\t';
    const text = smallNotice({ allocationRows: [stray, ...allocationRows()] });
    const found = findingsOf(text).filter((f) => f.code === 'grid/row-before-header');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ annex: '1', source_line: lineOf(text, stray), actual: '杂项 | 100.00' });
  });

  it('keeps a real primary key for a whole HTML table on one line: its rows are told apart by source_row', () => {
    const lines = seedText().split('\n');
    const header = lines.findIndex((l) => l.startsWith('序号\t'));
    const end = lines.findIndex((l, i) => i > header && l.startsWith('# 附件3'));
    const rows = lines
      .slice(header, end)
      .filter((l) => l.includes('\t') && !(l.startsWith('序号\t') && lines.indexOf(l) !== header));
    const table = `<table>${rows
      .map(
        (r) =>
          `<tr>${r
            .split('\t')
            .map((c) => `<td>${c}</td>`)
            .join('')}</tr>`,
      )
      .join('')}</table>`;
    const text = [...lines.slice(0, header), table, '', ...lines.slice(end)].join('\n');
    const result = extractText(text, 'one-line');
    const report = JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] };
    expect(report.findings.filter((f) => f.code === 'validate/primary-key-not-unique')).toEqual([]);
    const pkg = JSON.parse(result.files.get('datapackage.json') ?? '{}') as {
      resources: { name: string; schema: { primaryKey?: string[] } }[];
    };
    expect(pkg.resources.find((r) => r.name === 'details')?.schema.primaryKey).toEqual(['annex', 'source_row']);
    const details = JSON.parse(result.files.get('details.json') ?? '{}').records as {
      source_line: number;
      source_row: number;
    }[];
    expect(details).toHaveLength(63);
    expect(new Set(details.map((d) => d.source_line)).size).toBe(1);
    expect(new Set(details.map((d) => d.source_row)).size).toBe(63);
  });

  it('says that a row with an unreadable amount is left out', () => {
    const found = findingsOf(seedWith('\t12390000.00\t\n广州市本级', '\t12,39O000.00\t\n广州市本级')).filter(
      (f) => f.code === 'money/amount-invalid',
    );
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain('left out');
  });
});

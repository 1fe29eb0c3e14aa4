import { describe, expect, it } from 'vitest';
import { DETAIL_HEADER, smallNotice } from './support/smallNotice.js';
import { extractText, recordsOf } from './support/run.js';

/**
 * A detail table that writes each city's group row as a numbered row naming the city alone (`1 | 607001 | 江门市 |
 * 300`, no 小计) and its items relative to the city (`市本级`, `市市场监督管理局`, `蓬江区`). The small notice's
 * allocation tables list 江门市本级 (300万) and 湛江市本级 (200万) only.
 */
const row = (...cells: string[]): string => cells.join('\t');

function details(jiangmenItems: [string, string][]): string[] {
  return [
    DETAIL_HEADER,
    row('合计', '', '', '', '500'),
    row('1', '607001', '江门市', '', '300'),
    ...jiangmenItems.map(([name, wan]) => row('', '', name, '知识产权专项资金', wan)),
    row('2', '608001', '湛江市', '', '200'),
    row('', '', '市市场监督管理局', '知识产权专项资金', '200'),
  ];
}

type Finding = { code: string; severity: string; source_line: number | null };
const findingsOf = (result: ReturnType<typeof extractText>): Finding[] =>
  (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Finding[] }).findings;

describe('a detail row naming its city, whose amount is the sum of the items below it', () => {
  const result = extractText(
    smallNotice({
      detailRows: details([
        ['市本级', '200'],
        ['蓬江区', '100'],
      ]),
    }),
    'detail-group-rows',
  );
  const records = recordsOf(result, 'details');

  it('is read as the group subtotal, not as an item, and the table adds up', () => {
    expect(records.map((r) => r['row_type'])).toEqual(['grand_total', 'subtotal', 'item', 'item', 'subtotal', 'item']);
    expect(findingsOf(result).filter((f) => f.code === 'details/group-row-by-sum')).toHaveLength(2);
    expect(findingsOf(result).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it("joins the items written relative to the city under the city's recipient, each said", () => {
    const items = records.filter((r) => r['row_type'] === 'item');
    expect(items.map((r) => [r['recipient_name'], r['recipient_code'], r['recipient_match'], r['city']])).toEqual([
      ['市本级', '440700000', 'alias', '江门市'],
      ['蓬江区', '440700000', 'alias', '江门市'],
      ['市市场监督管理局', '440800000', 'alias', '湛江市'],
    ]);
    const codes = findingsOf(result).map((f) => f.code);
    expect(codes.filter((c) => c === 'details/name-in-group')).toHaveLength(2);
    expect(codes.filter((c) => c === 'details/item-joined-to-group')).toHaveLength(1);
    expect(codes.filter((c) => c === 'join/recipient-unmatched')).toEqual([]);
  });
});

describe('a numbered row naming its city whose amount is not the sum of the items below it', () => {
  it('stays an item, as the table gives no evidence it is their subtotal', () => {
    const result = extractText(
      smallNotice({
        detailRows: details([
          ['市本级', '200'],
          ['蓬江区', '50'],
        ]),
      }),
      'detail-group-row-off',
    );
    const jiangmen = recordsOf(result, 'details').find((r) => r['recipient_name'] === '江门市');
    expect(jiangmen?.['row_type']).toBe('item');
    expect(findingsOf(result).filter((f) => f.code === 'details/group-row-by-sum')).toHaveLength(1);
  });
});

import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { toCrlfBom, toHtmlTables, toPipeTables, withRepeatedHeaderAt } from './support/variants.js';
import { extractText, recordsOf, seedText, withoutLines } from './support/run.js';
import {
  ALLOCATION_HEADER,
  allocationItem,
  allocationRows,
  allocationSubtotal,
  CITIES,
  DETAIL_HEADER,
  detailItem,
  detailRows,
  lineOf,
  smallNotice,
} from './support/smallNotice.js';

type Row = Record<string, string | number | boolean | null>;

const [jiangmen, zhanjiang] = CITIES as [(typeof CITIES)[number], (typeof CITIES)[number]];

const seed = extractText(seedText(), 'seed');
const annex1 = recordsOf(seed, 'allocations') as Row[];
const annex2 = recordsOf(seed, 'details') as Row[];

const sum = (rows: Row[], field: string): string =>
  rows.reduce((acc, r) => acc.plus(String(r[field])), new Decimal(0)).toFixed(2);
const ofType = (rows: Row[], type: string): Row[] => rows.filter((r) => r['row_type'] === type);

/** Rows between each subtotal and the next non-item row: the subtotal's group. */
function groups(rows: Row[]): { head: Row; items: Row[] }[] {
  const out: { head: Row; items: Row[] }[] = [];
  for (const row of rows) {
    if (row['row_type'] === 'subtotal') out.push({ head: row, items: [] });
    else if (row['row_type'] === 'item' && out.length > 0 && out.at(-1)?.head['row_type'] === 'subtotal')
      out.at(-1)?.items.push(row);
    if (row['row_type'] === 'section_total' || row['row_type'] === 'grand_total') out.push({ head: row, items: [] });
  }
  return out.filter((g) => g.head['row_type'] === 'subtotal');
}

describe('the allocation table of the seed', () => {
  it('has 65 rows: 1 grand total, 2 section totals, 20 subtotals and 42 items', () => {
    expect(annex1).toHaveLength(65);
    expect(ofType(annex1, 'grand_total')).toHaveLength(1);
    expect(ofType(annex1, 'section_total')).toHaveLength(2);
    expect(ofType(annex1, 'subtotal')).toHaveLength(20);
    expect(ofType(annex1, 'item')).toHaveLength(42);
  });

  it('adds up: grand total = sum of section totals = sum of items', () => {
    const grand = ofType(annex1, 'grand_total')[0]?.['amount_yuan'];
    expect(grand).toBe('172850000.00');
    expect(sum(ofType(annex1, 'section_total'), 'amount_yuan')).toBe(grand);
    expect(sum(ofType(annex1, 'item'), 'amount_yuan')).toBe(grand);
  });

  it('adds up: every subtotal equals the items under it, and the cities total their section', () => {
    const gs = groups(annex1);
    expect(gs).toHaveLength(20);
    for (const g of gs) expect(sum(g.items, 'amount_yuan'), String(g.head['region_name'])).toBe(g.head['amount_yuan']);
    expect(sum(ofType(annex1, 'subtotal'), 'amount_yuan')).toBe('166570000.00');
  });

  it('gives every item a distinct 9-digit recipient code', () => {
    const codes = ofType(annex1, 'item').map((r) => r['recipient_code']);
    expect(new Set(codes).size).toBe(42);
    for (const c of codes) expect(c).toMatch(/^\d{9}$/);
  });
});

describe('the detail table of the seed', () => {
  it('has 63 rows: 1 total, 20 subtotals and 42 items', () => {
    expect(annex2).toHaveLength(63);
    expect(ofType(annex2, 'grand_total')).toHaveLength(1);
    expect(ofType(annex2, 'subtotal')).toHaveLength(20);
    expect(ofType(annex2, 'item')).toHaveLength(42);
  });

  it('adds up in 万元 and equals Annex 1 in 元: 17285 万元 = 172850000.00 元', () => {
    const total = ofType(annex2, 'grand_total')[0];
    expect(total).toMatchObject({ amount_wan: '17285', amount_yuan: '172850000.00' });
    expect(sum(ofType(annex2, 'item'), 'amount_wan')).toBe('17285.00');
    expect(sum(ofType(annex2, 'subtotal'), 'amount_wan')).toBe('17285.00');
    for (const g of groups(annex2))
      expect(sum(g.items, 'amount_wan'), String(g.head['city'])).toBe(
        new Decimal(String(g.head['amount_wan'])).toFixed(2),
      );
  });

  it('fills item rows down from their subtotal and strips <b>', () => {
    const shanwei = annex2.filter((r) => r['seq'] === '9');
    expect(shanwei.map((r) => r['row_type'])).toEqual(['subtotal', 'item', 'item', 'item', 'item']);
    for (const r of shanwei) expect(r).toMatchObject({ budget_code: '610001', city: '汕尾市' });
    expect(shanwei[0]).toMatchObject({ amount_wan: '704', amount_yuan: '7040000.00', recipient_name: '' });
  });

  it('joins every item to one Annex 1 recipient, and each recipient once', () => {
    const items = ofType(annex2, 'item');
    const codes = items.map((r) => r['recipient_code']);
    expect(codes.every((c) => /^\d{9}$/.test(String(c)))).toBe(true);
    expect(new Set(codes).size).toBe(42);
    for (const item of items) {
      const a1 = annex1.find((r) => r['row_type'] === 'item' && r['recipient_code'] === item['recipient_code']);
      expect(
        new Decimal(String(a1?.['amount_yuan'])).equals(String(item['amount_yuan'])),
        String(item['recipient_name']),
      ).toBe(true);
    }
    expect(items.find((r) => r['recipient_name'] === '连南县市场监督管理局')?.['recipient_code']).toBe('441826000');
  });
});

describe('rows of a small allocation table (support/smallNotice.ts)', () => {
  it('splits a code from its name and joins OCR spaces inside Chinese', () => {
    // As OCR wrote 连南瑶族自治县's row: spaces inside the project name, the recipient's name and the subject's name.
    const ocr = [
      '江门市本级',
      '440700000',
      '知识产权专项资金下放 市县江门市任务',
      '440700000 江门市 本级',
      'W 无',
      '否',
      '2011409 知识产权 宏观管理',
      '3000000.00',
      '',
    ].join('\t');
    const rows = allocationRows().map((r) => (r === allocationItem(jiangmen) ? ocr : r));
    const text = smallNotice({ allocationRows: rows });
    const records = recordsOf(extractText(text, 'small'), 'allocations') as Row[];
    expect(records.find((r) => r['source_line'] === lineOf(text, ocr))).toMatchObject({
      row_type: 'item',
      region_name: '江门市本级',
      region_code: '440700000',
      recipient_code: '440700000',
      recipient_name: '江门市本级',
      project_name: '知识产权专项资金下放市县江门市任务',
      function_subject_code: '2011409',
      function_subject_name: '知识产权宏观管理',
      amount_yuan: '3000000.00',
      direct_to_sanbao_account: false,
      sanbao_catalog: 'W 无',
    });
    // The row as written without OCR spaces splits the same way.
    expect(records.find((r) => r['source_line'] === lineOf(text, allocationItem(zhanjiang)))).toMatchObject({
      recipient_code: '440800000',
      recipient_name: '湛江市本级',
      region_code: '440800000',
    });
  });

  it('reports the page-break headers it dropped, one info finding each', () => {
    // Each table breaks over a page twice: its header repeated before 湛江市's rows and before the last row.
    const repeat = (rows: string[], before: string[]): string[] =>
      rows.flatMap((r) => (before.includes(r) ? [rows[0] ?? '', r] : [r]));
    const detail = detailRows();
    const text = smallNotice({
      allocationRows: repeat(allocationRows(), [allocationSubtotal(zhanjiang), allocationItem(zhanjiang)]),
      detailRows: repeat(detail, [detail[4] ?? '', detailItem(zhanjiang)]),
    });
    const lines = text.split('\n');
    const repeats = (header: string): number[] => lines.flatMap((l, i) => (l === header ? [i + 1] : [])).slice(1);
    expect(repeats(ALLOCATION_HEADER)).toHaveLength(2);
    expect(repeats(DETAIL_HEADER)).toHaveLength(2);
    const report = JSON.parse(extractText(text, 'small').files.get('report.json') ?? '{}') as {
      findings: { code: string; annex: string; source_line: number; severity: string }[];
    };
    const drops = report.findings.filter((f) => f.code === 'grid/repeated-header-dropped');
    expect(drops.map((f) => [f.annex, f.source_line])).toEqual([
      ...repeats(ALLOCATION_HEADER).map((line) => ['1', line]),
      ...repeats(DETAIL_HEADER).map((line) => ['2', line]),
    ]);
    expect(drops.every((f) => f.severity === 'info')).toBe(true);
  });
});

describe('the same notice in other encodings', () => {
  const base1 = withoutLines(annex1);
  const base2 = withoutLines(annex2);
  const variants: [string, string | Buffer][] = [
    ['GFM pipe tables', toPipeTables(seedText())],
    ['HTML tables', toHtmlTables(seedText())],
    ['HTML tables with rowspan and colspan', toHtmlTables(seedText(), { rowspan: true })],
    ['CRLF line endings and a BOM', toCrlfBom(seedText())],
    ['a header repeated at a new page break', withRepeatedHeaderAt(seedText(), '序号\t', '韶关市小计')],
  ];
  for (const [name, text] of variants) {
    it(`gives the same Annex 1 and Annex 2 records as ${name}`, () => {
      const result = extractText(text, 'variant');
      expect(withoutLines(recordsOf(result, 'allocations'))).toEqual(base1);
      expect(withoutLines(recordsOf(result, 'details'))).toEqual(base2);
    });
  }

  it('drops a header repeated at a new page break and says so', () => {
    const result = extractText(withRepeatedHeaderAt(seedText(), '序号\t', '韶关市小计'), 'moved');
    const report = JSON.parse(result.files.get('report.json') ?? '{}') as { findings: { code: string }[] };
    expect(report.findings.filter((f) => f.code === 'grid/repeated-header-dropped')).toHaveLength(6);
  });

  it('keeps the source lines when only line endings change', () => {
    const result = extractText(toCrlfBom(seedText()), 'crlf');
    expect(recordsOf(result, 'allocations').map((r) => r['source_line'])).toEqual(annex1.map((r) => r['source_line']));
  });
});

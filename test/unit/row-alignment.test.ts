import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { alignRow } from '../../src/grid/align.js';
import { headTable } from '../../src/grid/header.js';
import { tsvRow } from '../../src/grid/tsv.js';
import { Collector } from '../../src/findings/context.js';
import { loadFamilies } from '../../src/family/load.js';

const family = loadFamilies().find((f) => f.id === 'gd-special-transfer');
if (!family) throw new Error('family gd-special-transfer not found');
const annex1 = { ...family.annexes.allocation, label: '1' };
const annex2 = { ...family.annexes.detail, label: '2' };
const HEADER2 = '序号\t预算代码\t地区（单位）\t项目名称\t资金额（万元）';
const HEADER1 = '地区\t地区编码\t二级项目名称\t分配单位\t三保目录\t是否直拨“三保”专户\t功能分类科目\t金额\t备注';

/** Head a table of TSV lines and return its aligned rows as text, with the findings' codes. */
function table(lines: string[], spec = annex2) {
  const ctx = new Collector();
  const headed = headTable(
    lines.map((l, i) => tsvRow(l, i + 1)),
    spec,
    ctx,
  );
  return {
    rows: headed?.rows.map((r) => r.cells.map((c) => c.text)) ?? null,
    codes: ctx.findings.map((f) => f.code),
    repairs: Object.fromEntries(ctx.repairs),
    headed,
  };
}

describe('aligning rows with their header by content', () => {
  it('keeps a row that fits its columns as written', () => {
    const { rows, codes } = table([HEADER2, '1\t601001\t广州市小计\t\t1239']);
    expect(rows).toEqual([['1', '601001', '广州市小计', '', '1239']]);
    expect(codes).toEqual([]);
  });
  it('splits a sequence number from the budget code OCR merged it with', () => {
    const { rows, codes, repairs } = table([HEADER2, '1 601001\t广州市小计\t\t1239']);
    expect(rows).toEqual([['1', '601001', '广州市小计', '', '1239']]);
    expect(codes).toEqual(['grid/row-aligned']);
    expect(repairs).toEqual({ 'merged-cell-split': 1 });
  });
  it('splits an amount from the project name it was merged with', () => {
    const { rows } = table([HEADER2, '\t\t广州市市场监督管理局\t2024年专项资金 1239']);
    expect(rows).toEqual([['', '', '广州市市场监督管理局', '2024年专项资金', '1239']]);
  });
  it('moves the cells of a row that has an empty cell too many at its start', () => {
    const { rows, repairs } = table([HEADER2, '\t\t\t广州市市场监督管理局\t2024年专项资金\t1239']);
    expect(rows).toEqual([['', '', '广州市市场监督管理局', '2024年专项资金', '1239']]);
    expect(repairs).toEqual({ 'row-cells-shifted': 1 });
  });
  it('moves an Annex 1 row shifted by an empty leading cell, anchored on its 9-digit codes', () => {
    const { rows } = table(
      [HEADER1, '\t韶关市本级\t440200000\t任务\t440200000 韶关市本级\tW 无\t否\t2011409 知识产权宏观管理\t7680000.00'],
      annex1,
    );
    expect(rows?.[0]?.slice(0, 8)).toEqual([
      '韶关市本级',
      '440200000',
      '任务',
      '440200000 韶关市本级',
      'W 无',
      '否',
      '2011409 知识产权宏观管理',
      '7680000.00',
    ]);
  });
  it('leaves an unreadable amount where it is, for the amount reader to report', () => {
    const { rows, codes } = table([HEADER2, '\t\t广州市市场监督管理局\t资金\t12,39O']);
    expect(rows).toEqual([['', '', '广州市市场监督管理局', '资金', '12,39O']]);
    expect(codes).toEqual([]);
  });
  it('reports a row wider than the header that fits no placement as an error naming what was expected', () => {
    const ctx = new Collector();
    const headed = headTable(
      [HEADER2, '1\t601001\t广州市小计\t项目\t甲\t乙\t丙'].map((l, i) => tsvRow(l, i + 1)),
      annex2,
      ctx,
    );
    expect(headed?.rows).toEqual([]);
    const error = ctx.findings.find((f) => f.code === 'grid/row-unaligned');
    expect(error).toMatchObject({ severity: 'error', source_line: 2 });
    expect(error?.expected).toContain('序号');
    expect(headed?.sourceRows.map((r) => r.line)).toEqual([2]);
  });
  it('never throws and never returns a row wider than the header', () => {
    const cell = fc.constantFrom('', '1', '601001', '1 601001', '广州市小计', '合计', '项目 12', '1239', '否', 'x y z');
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 12 }), (cells) => {
        const ctx = new Collector();
        const headed = headTable([tsvRow(HEADER2, 1), tsvRow(cells.join('\t'), 2)], annex2, ctx);
        for (const row of headed?.rows ?? []) {
          const result = alignRow(row, headed!.columns, annex2);
          expect(result.kind).not.toBe('unaligned');
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('finding the header row by content', () => {
  it('reads title rows before the header (the table title, 单位：元) as titles, not records', () => {
    const { headed, codes } = table([
      '2024年资金明细分配表\t\t\t\t',
      '单位：万元',
      HEADER2,
      '1\t601001\t广州市小计\t\t1239',
    ]);
    expect(headed?.headerLine).toBe(3);
    expect(headed?.titleRows.map((r) => r.line)).toEqual([1, 2]);
    expect(codes).toEqual(['grid/title-row', 'grid/title-row']);
  });
  it('joins a header split over two rows', () => {
    const { headed, codes } = table([
      '序号\t预算\t地区（单位）\t项目名称\t资金额',
      '\t代码\t\t\t（万元）',
      '1\t601001\t广州市小计\t\t1239',
    ]);
    expect(headed?.columns.roles.get('budget_code')).toBe(1);
    expect(headed?.columns.unit).toBe('万元');
    expect(headed?.rows).toHaveLength(1);
    expect(codes).toEqual(['grid/header-joined']);
  });
  it('reads a header cell over its parts after a title row: the parts of each row joined, a whole cell kept', () => {
    const top = '地区\t地区编码\t二级项目名称\t分配单位\t三保目录\t是否直拨“三保”专户\t功能分类科目\t\t金额\t备注';
    const sub = '\t\t\t\t\t\t科目编码\t科目名称';
    const split =
      '广州市本级\t440100000\t任务\t440100000 广州市本级\tW 无\t否\t2011409\t知识产权宏观管理\t12390000.00\t';
    const whole = '韶关市本级\t440200000\t任务\t440200000 韶关市本级\tW 无\t否\t2011409 知识产权宏观管理\t7680000.00\t';
    const subtotal = '广州市小计\t440100000\t\t\t\t\t\t\t12390000.00\t';
    const { headed, rows, codes, repairs } = table(['单位：元', top, sub, subtotal, split, whole], annex1);
    expect(headed?.headerLine).toBe(2);
    expect(headed?.columns.width).toBe(9);
    expect(headed?.columns.roles.get('function_subject')).toBe(6);
    expect(headed?.columns.roles.get('amount')).toBe(7);
    expect(rows?.map((r) => [r[6], r[7]])).toEqual([
      ['', '12390000.00'],
      ['2011409 知识产权宏观管理', '12390000.00'],
      ['2011409 知识产权宏观管理', '7680000.00'],
    ]);
    expect(codes).toEqual(['grid/header-grouped', 'grid/title-row']);
    expect(repairs).toEqual({ 'column-group-joined': 1 });
  });
  it('keeps an amount out of the code columns when an unknown column of amounts stands beside it', () => {
    const header = `${HEADER1.replace('\t金额\t', '\t金额\t其中：一般转移支付\t')}`;
    const total = '合计\t\t\t\t\t\t\t172850000.00\t86425000.00\t';
    const subtotal = '广州市小计\t440100000\t\t\t\t\t\t12390000.00\t6195000.00\t';
    const { rows, codes } = table([header, total, subtotal], annex1);
    // 分配单位 (3) and 功能分类科目 (6) stay empty: 172850000.00 is no 9-digit code, 7680000.00 no 7-digit one.
    expect(rows?.map((r) => [r[3], r[6], r[7], r[8]])).toEqual([
      ['', '', '172850000.00', '86425000.00'],
      ['', '', '12390000.00', '6195000.00'],
    ]);
    expect(codes).toEqual(['grid/header-column-unknown']);
  });
  it('names the amount column by the other words notices use for it', () => {
    for (const word of ['资金金额', '下达金额', '下达资金（万元）', '安排资金', '补助金额']) {
      expect(
        table([HEADER1.replace('\t金额\t', `\t${word}\t`)], annex1).headed?.columns.roles.get('amount'),
        word,
      ).toBe(7);
      expect(table([HEADER2.replace('资金额（万元）', word)]).headed?.columns.roles.get('amount'), word).toBe(4);
    }
  });
  it('reads a header cell naming two columns (序号 预算代码, 序号/预算代码) as both, the cells under it split', () => {
    for (const [merged, cell] of [
      ['序号 预算代码', '1 601001'],
      ['序号/预算代码', '1/601001'],
    ] as const) {
      const { headed, rows, codes } = table([
        `${merged}\t地区（单位）\t项目名称\t资金额（万元）`,
        '合计\t\t\t17285',
        `${cell}\t广州市小计\t\t1239`,
      ]);
      expect(headed?.columns.roles.get('seq'), merged).toBe(0);
      expect(headed?.columns.roles.get('budget_code')).toBe(1);
      expect(headed?.columns.width).toBe(5);
      expect(rows).toEqual([
        ['合计', '', '', '', '17285'],
        ['1', '601001', '广州市小计', '', '1239'],
      ]);
      expect(codes.filter((c) => c !== 'grid/row-aligned')).toEqual(['grid/header-cell-split']);
      // Repeated after a page break, the merged header is read the same way, and dropped.
      const again = table([
        `${merged}\t地区（单位）\t项目名称\t资金额（万元）`,
        `${cell}\t广州市小计\t\t1239`,
        `${merged}\t地区（单位）\t项目名称\t资金额（万元）`,
        '2\t603001\t珠海市小计\t\t1186',
      ]);
      expect(again.rows?.map((r) => r[1])).toEqual(['601001', '603001']);
      expect(again.codes.filter((c) => c !== 'grid/row-aligned')).toEqual([
        'grid/header-cell-split',
        'grid/repeated-header-dropped',
      ]);
    }
  });
  it('does not read a title row over the header as a group of its columns', () => {
    const { headed } = table(['附件1 分配表', HEADER1.replace('\t地区编码', '\t'), '\t地区编码'], annex1);
    expect(headed?.headerLine).toBe(2);
  });
  it('drops a page number or running header inside the table with an info finding', () => {
    const { rows, codes } = table([HEADER2, '- 3 -', '1\t601001\t广州市小计\t\t1239']);
    expect(rows).toHaveLength(1);
    expect(codes).toEqual(['grid/title-row-dropped']);
  });
});

import { describe, expect, it } from 'vitest';
import type { AllocationRow } from '../../schemas/allocations.js';
import { cellIdentity, rowIdentity, rowLabelReader } from '../../src/grid/columns.js';
import { headTable } from '../../src/grid/header.js';
import { htmlRows } from '../../src/grid/html.js';
import { tsvRow } from '../../src/grid/tsv.js';
import type { GridRow } from '../../src/grid/grid.js';
import { Collector } from '../../src/findings/context.js';
import { buildRecipientIndex, joinRecipient, reportJoin } from '../../src/join/recipients.js';
import { moneySpec, seedFamily } from '../support/family.js';

const annex1 = moneySpec('allocation', '1');

/** Head TSV lines as an allocation table. */
function headed(lines: string[]) {
  const ctx = new Collector();
  const table = headTable(
    lines.map((l, i) => tsvRow(l, i + 1)),
    annex1,
    ctx,
  );
  if (!table) throw new Error('no header');
  return { table, ctx };
}

describe('reading a code and a name from one cell', () => {
  it('splits a code written before the name', () => {
    expect(cellIdentity('440100000 广州市本级')).toEqual({
      code: '440100000',
      name: '广州市本级',
      merged: 'code-first',
    });
  });
  it('splits a code written after the name, with or without a space', () => {
    expect(cellIdentity('珠海市小计 440400000')).toEqual({
      code: '440400000',
      name: '珠海市小计',
      merged: 'name-first',
    });
    expect(cellIdentity('汕头市本级440500000')).toEqual({
      code: '440500000',
      name: '汕头市本级',
      merged: 'name-first',
    });
  });
  it('reads a code alone as a code and a name alone as a name', () => {
    expect(cellIdentity(' 441521000 ')).toEqual({ code: '441521000', name: '', merged: null });
    expect(cellIdentity('海丰县')).toEqual({ code: '', name: '海丰县', merged: null });
  });
  it('takes no code from a longer number, an amount or a sequence number beside a code', () => {
    expect(cellIdentity('4401000001 广州市').code).toBe('');
    expect(cellIdentity('合计 1234567.89').code).toBe('');
    expect(cellIdentity('1 440100000').code).toBe('');
  });
  it('reads a long run of spaces and digits in linear time', () => {
    const long = `广州市${' '.repeat(50_000)}${'1'.repeat(50_000)}`;
    const started = performance.now();
    cellIdentity(long);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe('naming a row by the most specific column present', () => {
  const header = '序号\t地区\t地区编码\t项目单位\t资金金额\t备注';
  it('takes the code from its own column and the name from 项目单位 when the table has no 分配单位', () => {
    const { table } = headed([header, '\t珠海市本级\t440400000\t珠海市农业农村局\t12.5\t']);
    const row = table.rows[0] as GridRow;
    const text = (role: string): string => row.cells[table.columns.roles.get(role) ?? -1]?.text ?? '';
    expect(rowIdentity(table.columns, annex1.identify!.recipient, text)).toEqual({
      code: '440400000',
      codeRole: 'region_code',
      name: '珠海市农业农村局',
      nameRole: 'recipient_name',
    });
  });
  it('takes the code written inside the 地区 cell when no column holds one', () => {
    const { table } = headed([
      '序号\t地区\t项目单位\t资金金额\t备注',
      '\t珠海市本级 440400000\t珠海市农业农村局\t12.5\t',
    ]);
    const row = table.rows[0] as GridRow;
    const text = (role: string): string => row.cells[table.columns.roles.get(role) ?? -1]?.text ?? '';
    expect(rowIdentity(table.columns, annex1.identify!.region, text)).toMatchObject({
      code: '440400000',
      name: '珠海市本级',
    });
  });
});

describe('a total row wherever its label sits', () => {
  const read = rowLabelReader(annex1);
  it('is a grand total when 合计 sits in the 序号 column of a TSV row', () => {
    const { table } = headed(['序号\t地区\t地区编码\t项目单位\t资金金额\t备注', '合计\t\t\t\t99.5\t']);
    expect(read(table.rows[0] as GridRow, table.columns)).toEqual({ type: 'grand_total', label: '合计', at: 0 });
  });
  it('is a grand total when an HTML cell spans the columns before the amount', () => {
    const rows = htmlRows(
      '<table><tr><td>序号</td><td>地区</td><td>地区编码</td><td>项目单位</td><td>资金金额</td><td>备注</td></tr><tr><td colspan="4">合计</td><td>9951.4</td><td></td></tr></table>',
      1,
    );
    const ctx = new Collector();
    const table = headTable(rows, annex1, ctx);
    expect(table && read(table.rows[0] as GridRow, table.columns).type).toBe('grand_total');
  });
  it('is a subtotal when a code is written beside its label', () => {
    const { table } = headed(['序号\t地区\t项目单位\t资金金额\t备注', '2\t珠海市小计 440400000\t\t12.5\t']);
    expect(read(table.rows[0] as GridRow, table.columns)).toMatchObject({ type: 'subtotal', label: '珠海市小计' });
  });
  it('leaves an item an item', () => {
    const { table } = headed(['序号\t地区\t项目单位\t资金金额\t备注', '\t珠海市本级\t珠海市农业农村局\t12.5\t']);
    expect(read(table.rows[0] as GridRow, table.columns).type).toBe('item');
  });
});

describe('joining across kinds by code first, then by name', () => {
  const item = (name: string, code: string, region = ''): AllocationRow =>
    ({ recipient_name: name, recipient_code: code, region_name: region, row_type: 'item' }) as AllocationRow;
  const index = buildRecipientIndex(
    [
      item('珠海市农业农村局', '440400000', '珠海市本级'),
      item('海丰县农业农村局', '441521000', '海丰县'),
      item('龙湖区农业农村局', '440507000', '龙湖区'),
    ],
    seedFamily(),
  );
  it('joins a department to a recipient named by its bureau, by the place', () => {
    expect(joinRecipient('珠海市农业农村局', index)).toMatchObject({ code: '440400000', match: 'exact' });
    expect(joinRecipient('珠海市本级', index)).toMatchObject({ code: '440400000', match: 'exact' });
  });
  it('joins a district bureau under its city as an alias', () => {
    expect(joinRecipient('汕头市龙湖区农业农村局', index)).toMatchObject({ code: '440507000', match: 'alias' });
  });
  it('joins by a code the department states before its name is read', () => {
    expect(joinRecipient('海丰县水务局（441521000）', index)).toMatchObject({ code: '441521000', match: 'code' });
    expect(joinRecipient('珠海市农业农村局 441521000', index)).toMatchObject({ code: '441521000', match: 'code' });
  });
  it('falls back to the name when the stated code is no recipient, and says so', () => {
    const join = joinRecipient('珠海市农业农村局（440499000）', index);
    expect(join).toMatchObject({ code: '440400000', match: 'exact', unknownCode: '440499000' });
    const codes: string[] = [];
    reportJoin(join, '珠海市农业农村局（440499000）', { annex: '2', line: 9 }, (f) => codes.push(f.code));
    expect(codes).toEqual(['join/code-unknown']);
  });
});

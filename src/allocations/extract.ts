import type { AllocationRow } from '../../schemas/allocations.js';
import type { StageContext } from '../findings/context.js';
import type { TableAnnex } from '../family/spec.js';
import { rowText, type GridRow } from '../grid/grid.js';
import { roleCell, roleText, rowTypeMatcher } from '../grid/columns.js';
import type { HeadedTable } from '../grid/header.js';
import { cleanName, splitCodeName } from '../normalize/names.js';
import { yuanString } from '../normalize/amount.js';
import { readAmountCell } from '../money/amountCell.js';
import { reportIfEmpty, reportRowWithoutAmount } from '../money/rowFindings.js';

/** Annex 1 records from its headed table, amounts in `unit`. */
export function extractAllocations(table: HeadedTable, spec: TableAnnex, unit: string, ctx: StageContext): AllocationRow[] {
  const rowType = rowTypeMatcher(spec);
  const records: AllocationRow[] = [];
  for (const row of table.rows) {
    if (rowText(row) === '') continue;
    const record = allocationRow(row, table, rowType(row, table.columns) as AllocationRow['row_type'], spec, unit, ctx);
    if (record) records.push(record);
  }
  reportIfEmpty(records, spec.label, ctx);
  return records;
}

function allocationRow(
  row: GridRow,
  table: HeadedTable,
  rowType: AllocationRow['row_type'],
  spec: TableAnnex,
  unit: string,
  ctx: StageContext,
): AllocationRow | null {
  const { columns } = table;
  const text = (role: string): string => cleanName(roleText(row, columns, role), ctx);
  const regionCode = text('region_code');
  const recipient = splitCodeName(text('recipient'));
  const subject = splitCodeName(text('function_subject'));
  if (recipient.code) ctx.count('code-name-split');
  if (subject.code) ctx.count('code-name-split');
  if (recipient.code && regionCode && recipient.code !== regionCode) {
    ctx.report({ code: 'allocations/code-mismatch', annex: spec.label, source_line: row.line, actual: text('recipient'), expected: regionCode });
  }
  const amount = readAmountCell(roleCell(row, columns, 'amount'), unit, spec.label, ctx);
  if (amount.yuan === null) {
    // A row with no amount carries no money: it is reported, not invented.
    if (amount.raw === '') reportRowWithoutAmount(row, spec.label, ctx);
    return null;
  }
  for (const code of [regionCode, recipient.code]) {
    if (code && !/^\d{9}$/.test(code)) ctx.report({ code: 'allocations/code-invalid', annex: spec.label, source_line: row.line, actual: code });
  }
  return {
    annex: spec.label,
    row_type: rowType,
    region_name: text('region_name'),
    region_code: /^\d{9}$/.test(regionCode) ? regionCode : '',
    project_name: text('project_name'),
    recipient_code: /^\d{9}$/.test(recipient.code) ? recipient.code : '',
    recipient_name: recipient.name,
    sanbao_catalog: text('sanbao_catalog'),
    direct_to_sanbao_account: yesNo(text('direct_to_sanbao_account'), spec.yesNo, row.line, spec.label, ctx),
    function_subject_code: subject.code,
    function_subject_name: subject.name,
    amount_yuan: yuanString(amount.yuan),
    unit: unit as AllocationRow['unit'],
    remark: text('remark'),
    source_line: row.line,
    source_row: row.row,
    amount_raw: amount.raw,
  };
}

function yesNo(text: string, words: TableAnnex['yesNo'], line: number, annex: string, ctx: StageContext): boolean | null {
  if (words.yes.includes(text)) return true;
  if (words.no.includes(text)) return false;
  if (text !== '') ctx.report({ code: 'allocations/flag-invalid', annex, source_line: line, actual: text });
  return null;
}

import type { AllocationRow } from '../../schemas/allocations.js';
import type { StageContext } from '../findings/context.js';
import type { ColumnRole, TableAnnex } from '../family/spec.js';
import { rowText, type GridRow } from '../grid/grid.js';
import {
  cellIdentity,
  roleCell,
  roleText,
  rowIdentity,
  rowLabelReader,
  type RowIdentity,
  type RowLabel,
} from '../grid/columns.js';
import type { HeadedTable } from '../grid/header.js';
import { cleanName, splitCodeName } from '../normalize/names.js';
import { yuanString } from '../normalize/amount.js';
import { readAmountCell } from '../money/amountCell.js';
import { reportIfEmpty, reportRowWithoutAmount } from '../money/rowFindings.js';

/** Annex 1 records from its headed table, amounts in `unit`. */
export function extractAllocations(
  table: HeadedTable,
  spec: TableAnnex,
  unit: string,
  ctx: StageContext,
): AllocationRow[] {
  const rowLabel = rowLabelReader(spec);
  const records: AllocationRow[] = [];
  for (const row of table.rows) {
    if (rowText(row) === '') continue;
    const record = allocationRow(row, table, rowLabel(row, table.columns), spec, unit, ctx);
    if (record) records.push(record);
  }
  reportIfEmpty(records, spec.label, ctx);
  return records;
}

/** What a total names as its recipient: nothing. */
const NO_IDENTITY: RowIdentity = { code: '', codeRole: '', name: '', nameRole: '' };

/** The roles a row's region and recipient are read from when the family declares none: the seed's layout. */
const DEFAULT_IDENTITY: NonNullable<TableAnnex['identify']> = {
  region: { code: ['region_code'], name: ['region_name'] },
  recipient: { code: ['recipient'], name: ['recipient'] },
};

function allocationRow(
  row: GridRow,
  table: HeadedTable,
  label: RowLabel,
  spec: TableAnnex,
  unit: string,
  ctx: StageContext,
): AllocationRow | null {
  const { columns } = table;
  const rowType = label.type as AllocationRow['row_type'];
  const total = rowType !== 'item';
  // In a total row, a cell repeating its label (a pipe row written across the label's span) is no field of its own.
  const repeatsLabel = (role: ColumnRole): boolean =>
    total &&
    columns.roles.get(role) !== label.at &&
    compact(cellIdentity(roleText(row, columns, role)).name) === compact(label.label);
  const identify = spec.identify ?? DEFAULT_IDENTITY;
  const codeRoles = new Set([...identify.region.code, ...identify.recipient.code]);
  // Each cell is cleaned once (cleaning counts its repairs); a short code in a code cell is read long once.
  const cleaned = new Map<ColumnRole, string>();
  const text = (role: ColumnRole): string => {
    let value = cleaned.get(role);
    if (value === undefined) {
      value = repeatsLabel(role) ? '' : cleanName(roleText(row, columns, role), ctx);
      if (codeRoles.has(role)) value = longCode(value, identify.shortCode, { annex: spec.label, line: row.line }, ctx);
      cleaned.set(role, value);
    }
    return value;
  };
  const region = rowIdentity(columns, identify.region, text);
  // A total names no recipient: its cells name the place it adds up.
  const recipient = total ? NO_IDENTITY : rowIdentity(columns, identify.recipient, text);
  const subject = splitCodeName(text('function_subject'));
  const identityRoles = [
    ...identify.region.code,
    ...identify.recipient.code,
    ...identify.region.name,
    ...identify.recipient.name,
  ];
  countSplits(columns, [...new Set(identityRoles)], text, ctx);
  if (subject.code) ctx.count('code-name-split');
  const regionCode = region.code;
  if (recipient.code && regionCode && recipient.code !== regionCode) {
    const actual = recipient.codeRole ? text(recipient.codeRole) : '';
    ctx.report({
      code: 'allocations/code-mismatch',
      annex: spec.label,
      source_line: row.line,
      actual,
      expected: regionCode,
    });
  }
  const amount = readAmountCell(roleCell(row, columns, 'amount'), unit, spec.label, ctx);
  if (amount.yuan === null) {
    // A row with no amount carries no money: it is reported, not invented.
    if (amount.raw === '') reportRowWithoutAmount(row, spec.label, ctx);
    return null;
  }
  // A role may identify both the region and the recipient (地区编码): each code column is checked once.
  for (const role of new Set([...identify.region.code, ...identify.recipient.code])) {
    const written = text(role);
    // A cell of a code column holding something else than a code is reported (a name column may hold no code).
    if (written && !cellIdentity(written).code && /^\d/u.test(written) && !/^\d{1,3}$/u.test(written)) {
      ctx.report({ code: 'allocations/code-invalid', annex: spec.label, source_line: row.line, actual: written });
    }
  }
  return {
    annex: spec.label,
    row_type: rowType,
    // A total's label spanning the columns before the amount stands in its region's place.
    region_name: region.name || (total ? cleanName(label.label, ctx) : ''),
    region_code: regionCode,
    project_name: text('project_name'),
    recipient_code: recipient.code,
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

/**
 * A code cell's text with a short code (a 6-digit GB/T 2260 code) made the 9-digit code the records carry, by the
 * family's `identify.shortCode`; each one so read is reported with the code as written, and counted.
 */
function longCode(
  text: string,
  shortCode: { pattern: RegExp; append: string } | undefined,
  where: { annex: string; line: number },
  ctx: StageContext,
): string {
  if (!shortCode || !shortCode.pattern.test(text)) return text;
  const code = `${text}${shortCode.append}`;
  ctx.report({
    code: 'allocations/code-lengthened',
    annex: where.annex,
    source_line: where.line,
    actual: text,
    expected: code,
  });
  ctx.count('short-code-lengthened');
  return code;
}

/** Text without white space, for comparing a label with its repeats. */
function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

/** Count each cell read as a code and a name: `code name` as code-name-split, `name code` as name-code-split. */
function countSplits(
  columns: HeadedTable['columns'],
  roles: readonly ColumnRole[],
  text: (role: ColumnRole) => string,
  ctx: StageContext,
): void {
  for (const role of roles) {
    if (!columns.roles.has(role)) continue;
    const merged = cellIdentity(text(role)).merged;
    if (merged === 'code-first') ctx.count('code-name-split');
    else if (merged === 'name-first') ctx.count('name-code-split');
  }
}

function yesNo(
  text: string,
  words: TableAnnex['yesNo'],
  line: number,
  annex: string,
  ctx: StageContext,
): boolean | null {
  if (words.yes.includes(text)) return true;
  if (words.no.includes(text)) return false;
  if (text !== '') ctx.report({ code: 'allocations/flag-invalid', annex, source_line: line, actual: text });
  return null;
}

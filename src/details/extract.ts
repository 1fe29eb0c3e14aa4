import type { DetailRow } from '../../schemas/details.js';
import type { StageContext } from '../findings/context.js';
import type { ColumnRole, TableAnnex } from '../family/spec.js';
import { rowText } from '../grid/grid.js';
import { roleCell, roleText, rowTypeMatcher, withoutRowTypeMarker } from '../grid/columns.js';
import type { HeadedTable } from '../grid/header.js';
import { joinRecipient, reportJoin, type RecipientIndex } from '../join/recipients.js';
import { wanString, yuanString } from '../normalize/amount.js';
import { cleanName } from '../normalize/names.js';
import { readAmountCell } from '../money/amountCell.js';
import { reportIfEmpty, reportRowWithoutAmount } from '../money/rowFindings.js';

/** The group an item row belongs to: the last subtotal row above it. */
interface Group {
  seq: string;
  budgetCode: string;
  city: string;
  /** The city's recipient code from Annex 1 (its own level), '' when it joins none. */
  code?: string;
}

/** Annex 2 records: item rows take seq, budget code and city from their subtotal, and a recipient code from Annex 1. */
export function extractDetails(
  table: HeadedTable,
  spec: TableAnnex,
  unit: string,
  recipients: RecipientIndex,
  ctx: StageContext,
): DetailRow[] {
  const rowType = rowTypeMatcher(spec);
  const records: DetailRow[] = [];
  let group: Group | null = null;
  for (const row of table.rows) {
    if (rowText(row) === '') continue;
    const type = rowType(row, table.columns) as DetailRow['row_type'];
    const text = (role: ColumnRole): string => cleanName(roleText(row, table.columns, role), ctx);
    const amount = readAmountCell(roleCell(row, table.columns, 'amount'), unit, spec.label, ctx);
    if (amount.yuan === null || amount.value === null) {
      if (amount.raw === '') reportRowWithoutAmount(row, spec.label, ctx);
      continue;
    }
    const own: Group = { seq: text('seq'), budgetCode: text('budget_code'), city: '' };
    let recipientName = text('unit_name');
    let recipientCode = '';
    let recipientMatch: DetailRow['recipient_match'] = 'none';
    if (type === 'grand_total') {
      own.seq = '';
      recipientName = '';
    } else if (type === 'subtotal') {
      own.city = withoutRowTypeMarker(recipientName, spec, 'subtotal');
      own.code = own.city ? joinRecipient(own.city, recipients).code : '';
      // A subtotal labelled 小计 alone names no city: its items' city stays empty, and that is said.
      if (!own.city)
        ctx.report({
          code: 'details/subtotal-unnamed',
          annex: spec.label,
          source_line: row.line,
          actual: rowText(row),
        });
      recipientName = '';
      group = own;
    } else {
      if (!group && !own.seq) ctx.report({ code: 'details/group-missing', annex: spec.label, source_line: row.line });
      const join = joinRecipient(recipientName, recipients);
      reportJoin(join, recipientName, { annex: spec.label, line: row.line }, (f) => ctx.report(f));
      recipientCode = join.code;
      recipientMatch = join.match;
      // An item with a 序号 of its own, not its group's, is a group by itself: a city with one bureau
      // written without a subtotal row. Its city is the place of the recipient it joins.
      const current = group as Group | null;
      if (own.seq && own.seq !== (current?.seq ?? '')) {
        group = { seq: own.seq, budgetCode: own.budgetCode, city: join.place, code: join.code };
        ctx.report({
          code: 'details/item-opens-group',
          annex: spec.label,
          recipient_code: join.code,
          source_line: row.line,
          actual: rowText(row),
          expected: join.place,
        });
      }
      // The group is confirmed by the item's own place: a lost subtotal row must not pull its items into the group
      // above.
      const mine = group && !sameGroup(join.code, group.code ?? '', spec.groupCodePrefix) ? null : group;
      if (group && !mine) {
        ctx.report({
          code: 'details/group-mismatch',
          annex: spec.label,
          recipient_code: join.code,
          source_line: row.line,
          actual: recipientName,
          expected: `${group.city} (${group.code})`,
        });
      }
      own.seq ||= mine?.seq ?? '';
      own.budgetCode ||= mine?.budgetCode ?? '';
      own.city = mine?.city ?? '';
    }
    records.push({
      annex: spec.label,
      row_type: type,
      seq: own.seq,
      budget_code: own.budgetCode,
      city: own.city,
      recipient_name: recipientName,
      recipient_code: recipientCode,
      project_name: text('project_name'),
      amount_wan: wanString(amount.written, amount.unit, amount.value),
      amount_yuan: yuanString(amount.yuan),
      source_line: row.line,
      source_row: row.row,
      amount_raw: amount.raw,
      recipient_match: recipientMatch,
    });
  }
  reportIfEmpty(records, spec.label, ctx);
  return records;
}

/** True unless both codes are known and differ in the leading digits a group shares (GB/T 2260: 4 = the city). */
function sameGroup(itemCode: string, groupCode: string, prefix: number | undefined): boolean {
  if (!prefix || !itemCode || !groupCode) return true;
  return itemCode.slice(0, prefix) === groupCode.slice(0, prefix);
}

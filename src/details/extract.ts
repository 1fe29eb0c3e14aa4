import type { Decimal } from 'decimal.js';
import type { DetailRow } from '../../schemas/details.js';
import { Collector, type StageContext } from '../findings/context.js';
import { groupRowsBySum, type PreRow, subtotalsBelowItems } from './groupLayout.js';
import { joinItem } from './itemJoin.js';
import type { ColumnRole, TableAnnex } from '../family/spec.js';
import { rowText, type GridRow } from '../grid/grid.js';
import { roleCell, roleText, rowTypeMatcher, withoutRowTypeMarker, type RowTypeMatcher } from '../grid/columns.js';
import type { ColumnMap, HeadedTable } from '../grid/header.js';
import { joinRecipient, placeKey, type RecipientIndex, type RecipientJoin } from '../join/recipients.js';
import { wanString, yuanString } from '../normalize/amount.js';
import { cleanName } from '../normalize/names.js';
import { readAmountCell, type AmountCell } from '../money/amountCell.js';
import { reportIfEmpty, reportRowWithoutAmount } from '../money/rowFindings.js';

/** A group of item rows: what its items take from the row that opened it. */
interface Group {
  /** The group's 序号. */
  seq: string;
  /** The group's 预算代码. */
  budgetCode: string;
  /** The city its items are in, '' when the row that opened it names none. */
  city: string;
  /** The city's recipient code from Annex 1 (its own level), '' when it joins none. */
  code: string;
}

/**
 * The subtotal-group state machine of Annex 2. The reader is `outside` any group until a row opens one, then
 * `inside` the group the last such row opened. Transitions, by row type:
 * - subtotal: opens its own group, from either state (`openedBySubtotal`);
 * - item with a 序号 of its own that is not its group's: opens a group of its own (`openedByItem`), a city with one
 *   bureau written without a subtotal row;
 * - any other item, and a grand total: leave the state as it is.
 * An item inside a group belongs to it unless its recipient's code shows another place (details/group-mismatch: a lost
 * subtotal row must not pull its items into the group above); an item outside any group and without a 序号 of its own
 * is details/group-missing.
 */
type GroupState = { name: 'outside' } | { name: 'inside'; group: Group };

/** The state before the first row. */
const OUTSIDE: GroupState = { name: 'outside' };

/** What stays the same over one annex's rows. */
interface DetailTable {
  spec: TableAnnex;
  columns: ColumnMap;
  unit: string;
  recipients: RecipientIndex;
  rowType: RowTypeMatcher;
  ctx: StageContext;
  /** Lines of item rows read as their group's subtotal (`groupRowsBySum`). */
  groupRows: ReadonlySet<number>;
  /** When subtotals stand below their items: each item's subtotal row, by the item's line; else empty. */
  groupBelow: ReadonlyMap<number, DetailCells>;
}

/** A row with an amount, read before its group is known: its type, its amount, and its own cells, cleaned. */
interface DetailCells {
  row: GridRow;
  type: DetailRow['row_type'];
  amount: AmountCell & { yuan: Decimal; value: Decimal };
  /** Its own 序号, '' when empty. */
  seq: string;
  /** Its own 预算代码, '' when empty. */
  budgetCode: string;
  /** Its 地区（单位） cell. */
  unitName: string;
}

/** The fields of a record that its row type and group decide. */
type GroupedFields = Pick<
  DetailRow,
  'seq' | 'budget_code' | 'city' | 'recipient_name' | 'recipient_code' | 'recipient_match'
>;

/** One step of the state machine: the state after a row, and the fields the row's record takes. */
interface Step {
  state: GroupState;
  fields: GroupedFields;
}

/** Annex 2 records: item rows take seq, budget code and city from their subtotal, and a recipient code from Annex 1. */
export function extractDetails(
  table: HeadedTable,
  spec: TableAnnex,
  unit: string,
  recipients: RecipientIndex,
  ctx: StageContext,
): DetailRow[] {
  const base = { spec, columns: table.columns, unit, recipients, rowType: rowTypeMatcher(spec), ctx };
  const detail: DetailTable = { ...base, ...layoutOf(table, { ...base, groupRows: new Set(), groupBelow: new Map() }) };
  const below = subtotalsBelow(detail);
  const records: DetailRow[] = [];
  let state = OUTSIDE;
  for (const row of table.rows) {
    if (rowText(row) === '') continue;
    const read = readCells(row, detail);
    if (!read) continue;
    const cells = asGroupRow(read, detail);
    const step = nextStep(below ? below.before(state, cells) : state, cells, detail);
    // Below its items, a subtotal closes its group: the rows after it are the next one's.
    state = below && cells.type === 'subtotal' ? OUTSIDE : step.state;
    records.push(detailRecord(cells, step.fields, detail));
  }
  reportIfEmpty(records, spec.label, ctx);
  return records;
}

/** A row's type, amount and own cells; null for a row without an amount (reported when its amount cell is empty). */
function readCells(row: GridRow, detail: DetailTable): DetailCells | null {
  const { columns, spec, ctx } = detail;
  const type = detail.rowType(row, columns) as DetailRow['row_type'];
  const amount = readAmountCell(roleCell(row, columns, 'amount'), detail.unit, spec.label, ctx);
  if (amount.yuan === null || amount.value === null) {
    if (amount.raw === '') reportRowWithoutAmount(row, spec.label, ctx);
    return null;
  }
  const text = (role: ColumnRole): string => cleanName(roleText(row, columns, role), ctx);
  const withAmount = { ...amount, yuan: amount.yuan, value: amount.value };
  return {
    row,
    type,
    amount: withAmount,
    seq: text('seq'),
    budgetCode: text('budget_code'),
    unitName: text('unit_name'),
  };
}

/**
 * What the table's own rows show before they are read in order: which numbered rows are their group's subtotal
 * (`groupRowsBySum`) and, when subtotals stand below their items, each item's subtotal (`subtotalsBelowItems`). The
 * rows are read once more for it; what reading reports is reported when they are read in order.
 */
function layoutOf(table: HeadedTable, detail: DetailTable): Pick<DetailTable, 'groupRows' | 'groupBelow'> {
  const scratch: DetailTable = { ...detail, ctx: new Collector() };
  const rows: PreRow[] = [];
  // Only a subtotal or a numbered row can head a group: only their cells are kept (a table may have 300k rows).
  const heads = new Map<number, DetailCells>();
  for (const row of table.rows) {
    const read = rowText(row) === '' ? null : readCells(row, scratch);
    if (!read) continue;
    const { type, seq, unitName } = read;
    rows.push({ line: read.row.line, type, yuan: read.amount.yuan, seq, unitName });
    if (type === 'subtotal' || (type === 'item' && seq)) heads.set(read.row.line, read);
  }
  const isPlace = (name: string): boolean => {
    const join = joinRecipient(name, detail.recipients);
    return join.place !== '' && placeKey(name) === join.place;
  };
  const groupRows = groupRowsBySum(rows, isPlace);
  const below = subtotalsBelowItems(rows, groupRows);
  const groupBelow = new Map<number, DetailCells>();
  for (const [item, subtotal] of below ?? []) {
    const head = heads.get(subtotal);
    if (head) groupBelow.set(item, head);
  }
  return { groupRows, groupBelow };
}

/**
 * When subtotals stand below their items (said once, details/subtotals-below-items): the state an item is read in,
 * inside the group of the subtotal below it. Null for the usual layout.
 */
function subtotalsBelow(detail: DetailTable): { before: (state: GroupState, cells: DetailCells) => GroupState } | null {
  const first = detail.groupBelow.values().next().value;
  if (!first) return null;
  detail.ctx.report({ code: 'details/subtotals-below-items', annex: detail.spec.label, source_line: first.row.line });
  const groups = new Map<number, Group>();
  return {
    before: (state, cells) => {
      const head = cells.type === 'item' ? detail.groupBelow.get(cells.row.line) : undefined;
      if (!head) return state;
      let group = groups.get(head.row.line);
      if (!group) {
        group = groupOf(head, detail);
        groups.set(head.row.line, group);
      }
      return { name: 'inside', group };
    },
  };
}

/** The group a subtotal row opens: its 序号, 预算代码 and city (its label less the subtotal marker), joined for a code. */
function groupOf(cells: DetailCells, detail: DetailTable): Group {
  const city = withoutRowTypeMarker(cells.unitName, detail.spec, 'subtotal');
  const code = city ? joinRecipient(city, detail.recipients).code : '';
  return { seq: cells.seq, budgetCode: cells.budgetCode, city, code };
}

/** A row's cells, an item the pre-read found to be its group's subtotal retyped as one (and said). */
function asGroupRow(cells: DetailCells, detail: DetailTable): DetailCells {
  if (cells.type !== 'item' || !detail.groupRows.has(cells.row.line)) return cells;
  detail.ctx.report({
    code: 'details/group-row-by-sum',
    annex: detail.spec.label,
    source_line: cells.row.line,
    actual: rowText(cells.row),
  });
  return { ...cells, type: 'subtotal' };
}

/** The transition a row makes, by its type. */
function nextStep(state: GroupState, cells: DetailCells, detail: DetailTable): Step {
  switch (cells.type) {
    case 'grand_total':
      return { state, fields: grandTotalFields(cells) };
    case 'subtotal':
      return openedBySubtotal(cells, detail);
    default:
      return itemStep(state, cells, detail);
  }
}

/** A grand total stays where the reader is; it has no 序号 and names no recipient. */
function grandTotalFields(cells: DetailCells): GroupedFields {
  return { seq: '', budget_code: cells.budgetCode, city: '', ...NO_RECIPIENT };
}

/** What a total row names as its recipient: nothing. */
const NO_RECIPIENT = { recipient_name: '', recipient_code: '', recipient_match: 'none' } as const;

/**
 * A subtotal (`广州市小计`) opens the group of its city, joined to Annex 1 for the city's code. A subtotal labelled 小计
 * alone names no city: its items' city stays empty, and that is said.
 */
function openedBySubtotal(cells: DetailCells, detail: DetailTable): Step {
  const group = groupOf(cells, detail);
  const { city } = group;
  if (!city) {
    const { row } = cells;
    detail.ctx.report({
      code: 'details/subtotal-unnamed',
      annex: detail.spec.label,
      source_line: row.line,
      actual: rowText(row),
    });
  }
  return {
    state: { name: 'inside', group },
    fields: { seq: cells.seq, budget_code: cells.budgetCode, city, ...NO_RECIPIENT },
  };
}

/**
 * An item: joined to its Annex 1 recipient; it opens a group of its own when its 序号 is not its group's, and takes
 * the 序号, 预算代码 and city it lacks from the group it belongs to.
 */
function itemStep(state: GroupState, cells: DetailCells, detail: DetailTable): Step {
  const { row, seq, unitName } = cells;
  const annex = detail.spec.label;
  if (state.name === 'outside' && !seq)
    detail.ctx.report({ code: 'details/group-missing', annex, source_line: row.line });
  const current = state.name === 'inside' ? state.group : null;
  const opens = seq !== '' && seq !== (current?.seq ?? '');
  const where = { annex, line: row.line };
  const join = joinItem(unitName, opens ? null : current, where, detail.recipients, detail.ctx);
  const next = opens ? openedByItem(cells, join, detail) : state;
  const member = groupOfItem(next, cells, join, detail);
  return {
    state: next,
    fields: {
      seq: seq || (member?.seq ?? ''),
      budget_code: cells.budgetCode || (member?.budgetCode ?? ''),
      city: member?.city ?? '',
      recipient_name: unitName,
      recipient_code: join.code,
      recipient_match: join.match,
    },
  };
}

/** An item with a 序号 of its own opens a group by itself: its city is the place of the recipient it joins. */
function openedByItem(cells: DetailCells, join: RecipientJoin, detail: DetailTable): GroupState {
  detail.ctx.report({
    code: 'details/item-opens-group',
    annex: detail.spec.label,
    recipient_code: join.code,
    source_line: cells.row.line,
    actual: rowText(cells.row),
    expected: join.place,
  });
  return { name: 'inside', group: { seq: cells.seq, budgetCode: cells.budgetCode, city: join.place, code: join.code } };
}

/**
 * The group an item belongs to: the one it is inside, confirmed by the item's own place; null outside any group, or
 * (reported) when its recipient's code shows another place.
 */
function groupOfItem(state: GroupState, cells: DetailCells, join: RecipientJoin, detail: DetailTable): Group | null {
  if (state.name === 'outside') return null;
  const { group } = state;
  if (sameGroup(join.code, group.code, detail.spec.groupCodePrefix)) return group;
  detail.ctx.report({
    code: 'details/group-mismatch',
    annex: detail.spec.label,
    recipient_code: join.code,
    source_line: cells.row.line,
    actual: cells.unitName,
    expected: `${group.city} (${group.code})`,
  });
  return null;
}

/** The record of a row: its own cells, the fields its group decided, and its amount in 万元 and 元. */
function detailRecord(cells: DetailCells, fields: GroupedFields, detail: DetailTable): DetailRow {
  const { row, amount } = cells;
  return {
    annex: detail.spec.label,
    row_type: cells.type,
    seq: fields.seq,
    budget_code: fields.budget_code,
    city: fields.city,
    recipient_name: fields.recipient_name,
    recipient_code: fields.recipient_code,
    project_name: cleanName(roleText(row, detail.columns, 'project_name'), detail.ctx),
    amount_wan: wanString(amount.written, amount.unit, amount.value),
    amount_yuan: yuanString(amount.yuan),
    source_line: row.line,
    source_row: row.row,
    amount_raw: amount.raw,
    recipient_match: fields.recipient_match,
  };
}

/** True unless both codes are known and differ in the leading digits a group shares (GB/T 2260: 4 = the city). */
function sameGroup(itemCode: string, groupCode: string, prefix: number | undefined): boolean {
  if (!prefix || !itemCode || !groupCode) return true;
  return itemCode.slice(0, prefix) === groupCode.slice(0, prefix);
}

import { Decimal } from 'decimal.js';
import type { AllocationRow } from '../../../schemas/allocations.js';
import type { DetailRow } from '../../../schemas/details.js';
import { AnnexKind } from '../../../schemas/notice.js';
import type { TargetRow } from '../../../schemas/targets.js';
import { esc, headRow, listed, PAGE_LIMITS, row, td, yuanText } from './escape.js';

/** The three statements of money, one per annex kind, in the order the page shows them. */
export const MONEY_KINDS = AnnexKind.options;
/** One of the statements of money. */
export type MoneyKind = AnnexKind;

/** One recipient's money as each kind of annex states it, in 元. */
export interface RecipientMoney {
  /** 9-digit recipient code, the join key. */
  code: string;
  /** Name from the allocation table, else the detail table, else the target table's department. */
  name: string;
  /** The city the allocation places the recipient in, or ''. */
  city: string;
  /** Amount per kind in 元; absent when that kind has no record of the recipient. */
  amounts: Partial<Record<MoneyKind, Decimal>>;
  /** Kinds whose amount differs from the reference (the allocation, else the detail) or that miss the recipient. */
  mismatched: Set<MoneyKind>;
}

/** A column of the money table: the kind, its header, and whether the notice has that kind at all. */
export interface MoneyColumn {
  /** Which kind. */
  kind: MoneyKind;
  /** Header text (annex label, dataset title, field title). */
  title: string;
}

/**
 * Join allocations, details (summed per recipient) and targets (资金需求 × 10 000) by recipient code, flagging every
 * disagreement.
 */
export function recipientMoney(
  allocations: readonly AllocationRow[],
  details: readonly DetailRow[],
  targets: readonly TargetRow[],
  present: readonly MoneyKind[],
): RecipientMoney[] {
  const byCode = new Map<string, RecipientMoney>();
  const entry = (code: string, name: string): RecipientMoney => {
    let found = byCode.get(code);
    if (!found) byCode.set(code, (found = { code, name, city: '', amounts: {}, mismatched: new Set() }));
    return found;
  };
  const add = (r: RecipientMoney, kind: MoneyKind, amount: Decimal) =>
    (r.amounts[kind] = (r.amounts[kind] ?? new Decimal(0)).plus(amount));
  for (const a of allocations) {
    if (a.row_type !== 'item' || !a.recipient_code) continue;
    add(entry(a.recipient_code, a.recipient_name), 'allocation', new Decimal(a.amount_yuan));
  }
  for (const d of details)
    if (d.row_type === 'item' && d.recipient_code)
      add(entry(d.recipient_code, d.recipient_name), 'detail', new Decimal(d.amount_yuan));
  for (const t of targets) {
    if (!t.recipient_code) continue;
    const r = entry(t.recipient_code, t.local_department);
    // An empty 资金需求 states nothing; the cell shows it as missing.
    if (t.fund_demand_wan !== '') add(r, 'targets', new Decimal(t.fund_demand_wan).times(10000));
  }
  for (const r of byCode.values()) {
    const reference = present.map((k) => r.amounts[k]).find((v) => v !== undefined);
    for (const kind of present) {
      const amount = r.amounts[kind];
      if (amount === undefined || (reference !== undefined && !amount.equals(reference))) r.mismatched.add(kind);
    }
  }
  return [...byCode.values()];
}

/**
 * The money table: one row per recipient, the amount of every kind side by side, mismatches highlighted, totals at the
 * foot.
 */
export function moneyTable(
  rows: readonly RecipientMoney[],
  columns: readonly MoneyColumn[],
  titles: { code: string; name: string; city: string },
): string {
  const mismatches = rows.filter((r) => r.mismatched.size > 0).length;
  // Recipients that disagree first, so a long table cut short still lists every mismatch it can.
  const ordered = mismatches > 0 && rows.length > PAGE_LIMITS.rows ? mismatchedFirst(rows) : rows;
  const { shown, note } = listed(ordered, PAGE_LIMITS.rows, 'allocations.csv、details.csv、targets.csv');
  const body = shown.map((r) => {
    const cells = columns.map(({ kind }) => moneyCell(r, kind, columns));
    const status = r.mismatched.size > 0 ? td('不符', 'class="status bad"') : td('一致', 'class="status ok"');
    return row(
      [td(r.code, 'class="code"'), td(r.name), td(r.city), ...cells, status],
      `class="recipient${r.mismatched.size ? ' has-mismatch' : ''}" data-recipient="${esc(r.code)}"`,
    );
  });
  const totals = columns.map(({ kind }) => {
    const sum = rows.reduce((s, r) => s.plus(r.amounts[kind] ?? 0), new Decimal(0));
    return td(yuanText(sum), `class="num" data-kind="${kind}"`);
  });
  const verdict = mismatches === 0 ? '各附件金额一致' : `<strong class="bad">${mismatches} 个单位金额不符</strong>`;
  const summary = `<p class="summary">${rows.length} 个分配单位，${verdict}。金额单位：元。</p>`;
  return `${summary}
<div class="scroll"><table class="money">
<thead>${headRow([titles.code, titles.name, titles.city, ...columns.map((c) => c.title), '核对'])}</thead>
<tbody>
${body.join('\n')}
</tbody>
<tfoot>${row(['<th scope="row" colspan="3">合计（单位行）</th>', ...totals, '<td></td>'])}</tfoot>
</table></div>${note}`;
}

/** Recipients whose amounts disagree, then the rest, each in their order. */
function mismatchedFirst(rows: readonly RecipientMoney[]): RecipientMoney[] {
  return [...rows.filter((r) => r.mismatched.size > 0), ...rows.filter((r) => r.mismatched.size === 0)];
}

function moneyCell(r: RecipientMoney, kind: MoneyKind, columns: readonly MoneyColumn[]): string {
  const amount = r.amounts[kind];
  const attrs = [`data-kind="${kind}"`];
  let cls = 'num';
  if (r.mismatched.has(kind)) {
    cls += amount === undefined ? ' missing' : ' mismatch';
    attrs.push(`title="${esc(mismatchNote(r, kind, columns))}"`);
  }
  if (amount !== undefined) attrs.push(`data-value="${amount.toFixed(2)}"`);
  return `<td class="${cls}" ${attrs.join(' ')}>${amount === undefined ? '—' : esc(yuanText(amount))}</td>`;
}

function mismatchNote(r: RecipientMoney, kind: MoneyKind, columns: readonly MoneyColumn[]): string {
  const amount = r.amounts[kind];
  const own = columns.find((c) => c.kind === kind)?.title ?? kind;
  if (amount === undefined) return `${own}：无此单位的金额`;
  const notes: string[] = [];
  for (const c of columns) {
    const other = r.amounts[c.kind];
    if (c.kind === kind || other === undefined || other.equals(amount)) continue;
    notes.push(`与${c.title} ${yuanText(other)} 不符（差 ${yuanText(amount.minus(other))}）`);
  }
  return notes.join('；');
}

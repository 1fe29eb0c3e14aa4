/** diff.json flattened for diff.csv (schemas/diff.ts DiffCsvRow), and its one-line summaries for stderr. */
import { Decimal } from 'decimal.js';
import type { DiffCsvRow, DiffJson } from '../../schemas/diff.js';
import { yuanText } from '../emit/html/escape.js';

/** Every change as one CSV row: money, target tables, indicators, citations. */
export function diffRows(diff: DiffJson): DiffCsvRow[] {
  const blank = { item_id: '', item_name: '', change_yuan: '', change_percent: '', number_change: '' } as const;
  return [
    ...diff.money.map(
      (m): DiffCsvRow => ({
        ...blank,
        section: 'money',
        change: m.change,
        recipient_code: m.recipient_code,
        recipient_name: m.recipient_name,
        old: m.old_yuan,
        new: m.new_yuan,
        change_yuan: m.change_yuan,
        change_percent: m.change_percent,
      }),
    ),
    ...diff.target_tables.map(
      (t): DiffCsvRow => ({
        ...blank,
        section: 'target_table',
        change: t.change,
        recipient_code: t.recipient_code,
        recipient_name: t.recipient_name,
        old: t.change === 'removed' ? String(t.indicators) : '',
        new: t.change === 'added' ? String(t.indicators) : '',
      }),
    ),
    ...diff.indicators.map(
      (i): DiffCsvRow => ({
        ...blank,
        section: 'indicator',
        change: i.change,
        recipient_code: i.recipient_code,
        recipient_name: i.recipient_name,
        item_id: i.indicator_id,
        item_name: i.name,
        old: i.old_value_raw,
        new: i.new_value_raw,
        number_change: i.number_change,
      }),
    ),
    ...diff.citations.map(
      (c): DiffCsvRow => ({
        ...blank,
        section: 'citation',
        change: c.change,
        recipient_code: c.recipient_code,
        recipient_name: c.recipient_name,
        item_id: c.policy_id,
        item_name: c.title,
        old: '',
        new: '',
      }),
    ),
  ];
}

/** A notice of the comparison as its id and budget year. */
function noticeLabel(n: DiffJson['old']): string {
  return `${n.notice_id} (${n.budget_year || '?'})`;
}

/** One line per section: fund, money, targets, citations. */
export function summaryLines(diff: DiffJson): string[] {
  const s = diff.summary;
  const [a, b] = [new Decimal(s.old_total_yuan), new Decimal(s.new_total_yuan)];
  const pct = a.isZero() ? '' : ` (${b.minus(a).div(a).times(100).toFixed(2)}%)`;
  const fund = diff.same_fund
    ? `fund: ${diff.new.fund} (same in both)`
    : `fund: NOT the same: "${diff.old.fund || '?'}" (old) vs "${diff.new.fund || '?'}" (new)`;
  return [
    `${fund}; ${noticeLabel(diff.old)} → ${noticeLabel(diff.new)}`,
    `money: ${s.recipients_changed} recipient(s) changed, ${s.recipients_added} added, ` +
      `${s.recipients_removed} removed, ` +
      `${s.recipients_unchanged} unchanged; total ${yuanText(a)} → ${yuanText(b)} 元${pct}`,
    `targets: ${s.target_tables_added} table(s) added, ${s.target_tables_removed} removed; ` +
      `indicators ${s.indicators_changed} changed, ` +
      `${s.indicators_added} added, ${s.indicators_removed} removed`,
    `citations: ${s.citations_added} policy citation(s) added, ${s.citations_removed} removed`,
  ];
}

/**
 * What changed from one notice of a fund to the next (a pure function of two snapshots):
 * - money per recipient (the sum of its allocation item rows, keyed by recipient code, else name);
 * - target tables present in one notice only;
 * - per recipient with a target table in both: indicators matched by standard indicator id, else by
 *   normalized name (a key written twice pairs in order, reported), their values compared as values
 *   (comparator, figures as decimals, unit; text values by their text without white space);
 * - per such recipient: cited policies by policy id, else by the normalized title of an unmatched citation.
 */
import { Decimal } from 'decimal.js';
import type { CitationChange, DiffJson, IndicatorChange, MoneyChange, TargetTableChange } from '../../schemas/diff.js';
import type { FindingRow } from '../../schemas/report.js';
import { findingOf } from '../findings/context.js';
import type { NoticeSnapshot } from './snapshot.js';
import { byCodeUnits } from '../normalize/order.js';

type Indicator = NoticeSnapshot['indicators'][number];

/** Key of a recipient: its 9-digit code, else its name. */
function recipientKey(code: string, name: string): string {
  return code !== '' ? code : `name:${name}`;
}

/** Money per recipient: key → code, name and the sum of its item rows. */
function moneyOf(snapshot: NoticeSnapshot): Map<string, { code: string; name: string; yuan: Decimal }> {
  const money = new Map<string, { code: string; name: string; yuan: Decimal }>();
  for (const row of snapshot.allocations) {
    if (row.row_type !== 'item') continue;
    const key = recipientKey(row.recipient_code, row.recipient_name);
    const entry = money.get(key) ?? { code: row.recipient_code, name: row.recipient_name, yuan: new Decimal(0) };
    entry.yuan = entry.yuan.plus(row.amount_yuan);
    money.set(key, entry);
  }
  return money;
}

/** Group rows by a key, keeping their order. */
function groupBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** A decimal string as a value ('' stays ''): `5`, `5.0` and `5.0000000000` are one value. */
function numberOf(text: string): Decimal | null {
  return text === '' ? null : new Decimal(text);
}

/** A decimal string written plainly (no trailing zeros, no exponent), '' for none. */
function plain(text: string): string {
  const n = numberOf(text);
  return n === null ? '' : n.toFixed();
}

/** Two indicators state the same target: same comparator, same figures as values, same unit; text by its words. */
function sameValue(a: Indicator, b: Indicator): boolean {
  if (a.value_comparator !== b.value_comparator) return false;
  if (a.value_comparator === 'text' || a.value_comparator === '')
    return a.value_raw.replace(/\s+/g, '') === b.value_raw.replace(/\s+/g, '');
  const eq = (x: string, y: string) => {
    const [m, n] = [numberOf(x), numberOf(y)];
    return m === null || n === null ? m === n : m.equals(n);
  };
  return (
    eq(a.value_number, b.value_number) &&
    eq(a.value_number_max, b.value_number_max) &&
    a.value_unit.trim() === b.value_unit.trim()
  );
}

/** Whether a changed figure went up or down ('' when a side is not a number). */
function direction(oldRow: Indicator, newRow: Indicator): 'up' | 'down' | '' {
  const [a, b] = [numberOf(oldRow.value_number), numberOf(newRow.value_number)];
  if (a === null || b === null || a.equals(b)) return '';
  return b.greaterThan(a) ? 'up' : 'down';
}

/** Largest absolute change first, then by code point of the key. */
function byChange(a: MoneyChange, b: MoneyChange): number {
  const d = new Decimal(b.change_yuan).abs().comparedTo(new Decimal(a.change_yuan).abs());
  return d !== 0 ? d : byCodeUnits(a.recipient_code, b.recipient_code);
}

/** Compare two snapshots: the old notice's and the new one's. */
export function compareNotices(oldSnap: NoticeSnapshot, newSnap: NoticeSnapshot): DiffJson {
  const findings: FindingRow[] = [];
  const [oldFund, newFund] = [oldSnap.notice.fund, newSnap.notice.fund];
  if (oldFund === '')
    findings.push(findingOf({ code: 'diff/fund-unknown', actual: oldSnap.notice.title, params: { which: 'old' } }));
  if (newFund === '')
    findings.push(findingOf({ code: 'diff/fund-unknown', actual: newSnap.notice.title, params: { which: 'new' } }));
  const sameFund = oldFund !== '' && oldFund === newFund && oldSnap.notice.family === newSnap.notice.family;
  if (oldFund !== '' && newFund !== '' && !sameFund)
    findings.push(findingOf({ code: 'diff/fund-differs', actual: newFund, expected: oldFund }));

  // Money.
  const [oldMoney, newMoney] = [moneyOf(oldSnap), moneyOf(newSnap)];
  const money: MoneyChange[] = [];
  let unchanged = 0;
  for (const key of new Set([...oldMoney.keys(), ...newMoney.keys()])) {
    const [o, n] = [oldMoney.get(key), newMoney.get(key)];
    const [a, b] = [o?.yuan ?? new Decimal(0), n?.yuan ?? new Decimal(0)];
    if (o && n && a.equals(b)) {
      unchanged++;
      continue;
    }
    const percent = o && !a.isZero() ? b.minus(a).div(a).times(100).toFixed(2) : '';
    money.push({
      recipient_code: (n ?? o)?.code ?? '',
      recipient_name: (n ?? o)?.name ?? '',
      change: !o ? 'added' : !n ? 'removed' : 'changed',
      old_yuan: o ? a.toFixed(2) : '',
      new_yuan: n ? b.toFixed(2) : '',
      change_yuan: b.minus(a).toFixed(2),
      change_percent: percent,
    });
  }
  money.sort(byChange);
  const total = (m: Map<string, { yuan: Decimal }>) =>
    [...m.values()].reduce((s, v) => s.plus(v.yuan), new Decimal(0)).toFixed(2);

  // Names of recipients for the target sections: the allocation's name, else the local department.
  const names = new Map<string, string>();
  for (const snap of [oldSnap, newSnap]) for (const t of snap.targets) names.set(t.recipient_code, t.local_department);
  for (const m of [oldMoney, newMoney]) for (const v of m.values()) if (v.code !== '') names.set(v.code, v.name);
  const nameOf = (code: string) => names.get(code) ?? '';

  // Target tables.
  const [oldTables, newTables] = [
    groupBy(oldSnap.targets, (t) => t.recipient_code),
    groupBy(newSnap.targets, (t) => t.recipient_code),
  ];
  const [oldIndicators, newIndicators] = [
    groupBy(oldSnap.indicators, (i) => i.recipient_code),
    groupBy(newSnap.indicators, (i) => i.recipient_code),
  ];
  // A recipient's table in one year only: removed (old year's indicators) or added (new year's).
  const onlyIn = (
    tables: ReadonlyMap<string, unknown>,
    other: ReadonlyMap<string, unknown>,
    indicators: ReadonlyMap<string, readonly unknown[]>,
    change: 'removed' | 'added',
  ): TargetTableChange[] =>
    [...tables.keys()]
      .filter((code) => !other.has(code))
      .map((code) => ({
        recipient_code: code,
        recipient_name: nameOf(code),
        change,
        indicators: indicators.get(code)?.length ?? 0,
      }));
  const targetTables: TargetTableChange[] = [
    ...onlyIn(oldTables, newTables, oldIndicators, 'removed'),
    ...onlyIn(newTables, oldTables, newIndicators, 'added'),
  ];
  const both = [...newTables.keys()].filter((code) => oldTables.has(code));

  // Indicators of recipients in both.
  const indicators: IndicatorChange[] = [];
  const keyOf = (i: Indicator) => (i.indicator_id !== '' ? i.indicator_id : `name:${i.name}`);
  for (const code of both) {
    const [olds, news] = [groupBy(oldIndicators.get(code) ?? [], keyOf), groupBy(newIndicators.get(code) ?? [], keyOf)];
    for (const key of new Set([...olds.keys(), ...news.keys()])) {
      const [a = [], b = []] = [olds.get(key), news.get(key)];
      const before = indicators.length;
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        const [o, n] = [a[i], b[i]];
        if (o && n && sameValue(o, n)) continue;
        const any = (n ?? o) as Indicator;
        indicators.push({
          recipient_code: code,
          recipient_name: nameOf(code),
          change: !o ? 'added' : !n ? 'removed' : 'changed',
          matched_by: any.indicator_id !== '' ? 'indicator_id' : 'name',
          indicator_id: any.indicator_id,
          name: any.name,
          old_value_raw: o?.value_raw ?? '',
          new_value_raw: n?.value_raw ?? '',
          old_comparator: o?.value_comparator ?? '',
          new_comparator: n?.value_comparator ?? '',
          old_number: plain(o?.value_number ?? ''),
          new_number: plain(n?.value_number ?? ''),
          old_number_max: plain(o?.value_number_max ?? ''),
          new_number_max: plain(n?.value_number_max ?? ''),
          old_unit: o?.value_unit ?? '',
          new_unit: n?.value_unit ?? '',
          number_change: o && n ? direction(o, n) : '',
        });
      }
      // A key written twice was paired by position: said when that pairing decided a change.
      if ((a.length > 1 || b.length > 1) && indicators.length > before) {
        const params = { count: Math.max(a.length, b.length), recipient: `${code} ${nameOf(code)}` };
        findings.push(findingOf({ code: 'diff/indicator-key-repeated', recipient_code: code, actual: key, params }));
      }
    }
  }

  // Cited policies of recipients in both.
  const citations: CitationChange[] = [];
  const citationKey = (c: NoticeSnapshot['citations'][number]) =>
    c.policy_id !== '' ? c.policy_id : `title:${c.title.replace(/\s+/g, '')}`;
  const [oldCited, newCited] = [
    groupBy(oldSnap.citations, (c) => c.recipient_code),
    groupBy(newSnap.citations, (c) => c.recipient_code),
  ];
  for (const code of both) {
    const [olds, news] = [
      groupBy(oldCited.get(code) ?? [], citationKey),
      groupBy(newCited.get(code) ?? [], citationKey),
    ];
    const change = (
      key: string,
      c: NoticeSnapshot['citations'][number],
      kind: 'added' | 'removed',
    ): CitationChange => ({
      recipient_code: code,
      recipient_name: nameOf(code),
      change: kind,
      matched_by: key.startsWith('title:') ? 'title' : 'policy_id',
      policy_id: c.policy_id,
      title: c.title,
    });
    for (const [key, [c]] of olds) if (c && !news.has(key)) citations.push(change(key, c, 'removed'));
    for (const [key, [c]] of news) if (c && !olds.has(key)) citations.push(change(key, c, 'added'));
  }

  const countOf = <T extends { change: string }>(rows: readonly T[], kind: string) =>
    rows.filter((r) => r.change === kind).length;
  return {
    schema: 'diff@1',
    old: oldSnap.notice,
    new: newSnap.notice,
    same_fund: sameFund,
    summary: {
      old_total_yuan: total(oldMoney),
      new_total_yuan: total(newMoney),
      recipients_added: countOf(money, 'added'),
      recipients_removed: countOf(money, 'removed'),
      recipients_changed: countOf(money, 'changed'),
      recipients_unchanged: unchanged,
      target_tables_added: countOf(targetTables, 'added'),
      target_tables_removed: countOf(targetTables, 'removed'),
      indicators_added: countOf(indicators, 'added'),
      indicators_removed: countOf(indicators, 'removed'),
      indicators_changed: countOf(indicators, 'changed'),
      citations_added: countOf(citations, 'added'),
      citations_removed: countOf(citations, 'removed'),
    },
    money,
    target_tables: targetTables,
    indicators,
    citations,
    findings,
  };
}

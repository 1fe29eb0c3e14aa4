import { Decimal } from 'decimal.js';
import type { AnnexKind } from '../family/spec.js';
import type { StageContext } from '../findings/context.js';

/** One amount a kind gives a recipient: an item row of a money table, or a target table's 资金需求. */
export interface RecipientAmount {
  /** Label of the annex the row is in. */
  annex: string;
  /** The joined recipient code, '' for a recipient without one. */
  recipient_code: string;
  /** The recipient the row is summed under (`recipientKey`: its code, or the name of one without); '' when the row
   * joined none, left to the join findings. */
  key: string;
  /** The name as written, for messages. */
  name: string;
  /** The amount in 元, or null when it could not be read (already reported where it was read). */
  yuan: Decimal | null;
  /** Line where a mismatch is reported. */
  line: number;
}

/** What one kind gives a recipient, summed over every row of every annex of the kind. */
interface RecipientTotal {
  yuan: Decimal;
  /** Some row's amount could not be read, so the sum is not comparable. */
  unreadable: boolean;
  /** The first row, where findings point. */
  first: RecipientAmount;
  /** Every row's line. */
  lines: number[];
}

/** The kinds a notice has, each with its per-recipient amounts; a kind the notice lacks is absent. */
export type AmountsByKind = Partial<Record<AnnexKind, Iterable<RecipientAmount>>>;

// Only against the allocation tables: a notice without them joins no recipient (their rows are the
// recipients), so its details and targets carry no code to compare by.
const MISMATCH_CODE = {
  detail: { allocation: 'reconcile/detail-vs-allocation' },
  targets: { allocation: 'reconcile/targets-vs-allocation' },
} as const;

/**
 * Per recipient, every kind present gives the same amount in 元 as the reference kind (allocation,
 * or detail when the notice has no allocation table), each summed over all its rows and annexes (a
 * recipient may have several projects, several detail tables, several target tables); a recipient
 * present in one kind and absent from another is an error.
 */
export function checkAcrossKinds(amounts: AmountsByKind, ctx: StageContext): void {
  const reference: 'allocation' | 'detail' | null = amounts.allocation
    ? 'allocation'
    : amounts.detail
      ? 'detail'
      : null;
  if (!reference) return;
  // Each kind's amounts are read once (they may be made as they are read).
  const base = totals(amounts[reference] ?? []);
  for (const kind of ['detail', 'targets'] as const) {
    const rows = amounts[kind];
    if (!rows || kind === reference) continue;
    const other = totals(rows);
    const code = (
      MISMATCH_CODE[kind] as Record<string, 'reconcile/detail-vs-allocation' | 'reconcile/targets-vs-allocation'>
    )[reference];
    for (const [recipient, ref] of base) {
      const got = other.get(recipient);
      if (!got) {
        missing(ref, reference, kind, ctx);
        continue;
      }
      if (ref.unreadable || got.unreadable || got.yuan.equals(ref.yuan) || !code) continue;
      ctx.report({
        code,
        annex: got.first.annex,
        recipient_code: got.first.recipient_code || ref.first.recipient_code,
        source_line: got.first.line,
        actual: `${got.yuan.toFixed(2)} 元`,
        expected: `${ref.yuan.toFixed(2)} 元`,
        params: { lines: someLines(got.lines), other: someLines(ref.lines) },
      });
    }
    for (const [recipient, got] of other) if (!base.has(recipient)) missing(got, kind, reference, ctx);
  }
}

/** Lines a mismatch names at most; a recipient of thousands of rows is named by its first ones and their count. */
const LINES_NAMED = 10;

/** `12、15、18`, or past ten lines the first ten and how many there are: `12、15、…（共 4300 行）`. */
function someLines(lines: readonly number[]): string {
  if (lines.length <= LINES_NAMED) return lines.join('、');
  return `${lines.slice(0, LINES_NAMED).join('、')}…（共 ${lines.length} 行）`;
}

/**
 * A recipient of one kind's tables that has no row in another's: an error, but for a recipient the tables give
 * nothing (an amount of 0, or a nil mark read as 0): it needs no detail or target row, and that is said as info.
 */
function missing(row: RecipientTotal, from: AnnexKind, kind: AnnexKind, ctx: StageContext): void {
  ctx.report({
    code: !row.unreadable && row.yuan.isZero() ? 'reconcile/recipient-missing-nil' : 'reconcile/recipient-missing',
    annex: row.first.annex,
    recipient_code: row.first.recipient_code,
    source_line: row.first.line,
    actual: row.first.name,
    params: { from, kind },
  });
}

/** Amounts summed per recipient, in first-seen order. */
function totals(rows: Iterable<RecipientAmount>): Map<string, RecipientTotal> {
  const map = new Map<string, RecipientTotal>();
  for (const row of rows) {
    if (!row.key) continue;
    const seen = map.get(row.key);
    if (!seen)
      map.set(row.key, {
        yuan: row.yuan ?? new Decimal(0),
        unreadable: row.yuan === null,
        first: row,
        lines: [row.line],
      });
    else {
      seen.yuan = seen.yuan.plus(row.yuan ?? 0);
      seen.unreadable ||= row.yuan === null;
      seen.lines.push(row.line);
    }
  }
  return map;
}

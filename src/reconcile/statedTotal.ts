import { Decimal } from 'decimal.js';
import type { StageContext } from '../findings/context.js';
import { parseAmount } from '../normalize/amount.js';
import { YUAN_PER_UNIT } from '../normalize/units.js';
import { foldCompatibility } from '../normalize/width.js';

/** A total the notice's body states (`共计17285万元`). */
export interface StatedTotal {
  /** The amount in 元. */
  yuan: Decimal;
  /** The text that stated it. */
  text: string;
  /** Its 1-based line. */
  line: number;
}

/**
 * Every total the body states, by the family's patterns (`metadata.statedTotal`: group 1 the amount,
 * group 2 its unit, 元 when absent): each pattern's matches in body order, the patterns in their
 * order. Lines are joined first, since OCR breaks a sentence anywhere.
 */
export function readStatedTotals(bodyLines: readonly string[], patterns: readonly RegExp[]): StatedTotal[] {
  const starts: number[] = [];
  let text = '';
  for (const line of bodyLines) {
    starts.push(text.length);
    text += line.replace(/[*_]/g, '').trim();
  }
  const folded = foldCompatibility(text);
  const totals: StatedTotal[] = [];
  const seen = new Set<number>();
  for (const pattern of patterns) {
    for (const match of folded.matchAll(pattern)) {
      if (!match[1] || seen.has(match.index)) continue;
      const amount = parseAmount(match[1]);
      const perUnit = YUAN_PER_UNIT[match[2] ?? amount.unit ?? '元'];
      if (amount.value === null || perUnit === undefined) continue;
      seen.add(match.index);
      totals.push({
        yuan: amount.value.times(perUnit),
        text: match[0],
        line: starts.filter((s) => s <= match.index).length,
      });
    }
  }
  return totals;
}

/** The first total the body states (see readStatedTotals), or null. */
export function readStatedTotal(bodyLines: readonly string[], patterns: readonly RegExp[]): StatedTotal | null {
  return readStatedTotals(bodyLines, patterns)[0] ?? null;
}

/** One kind's grand total, to be checked against the stated total. */
export interface KindTotal {
  /** The kind's name for the message (allocation, detail). */
  kind: string;
  /** Label of the annex whose total it is (the first when several). */
  annex: string;
  /** Σ grand totals of the kind's annexes in 元, or Σ items when a table has no grand total. */
  yuan: Decimal;
  /** Line of the (first) grand total row, or null. */
  line: number | null;
}

/**
 * Each kind's grand total equals a total the body states: a body may state several amounts (what
 * was already allocated, then what this notice allocates), so a kind whose total equals any of them
 * holds; otherwise it is an error against the first. Nothing stated, nothing checked.
 */
export function checkStatedTotal(
  stated: readonly StatedTotal[],
  totals: readonly KindTotal[],
  ctx: StageContext,
): void {
  const first = stated[0];
  if (!first) return;
  for (const total of totals) {
    if (stated.some((s) => total.yuan.equals(s.yuan))) continue;
    ctx.report({
      code: 'reconcile/stated-total-mismatch',
      annex: total.annex,
      source_line: total.line,
      actual: `${total.yuan.toFixed(2)} 元`,
      expected: `${first.yuan.toFixed(2)} 元`,
      params: { kind: total.kind, stated: first.text, statedLine: first.line },
    });
  }
}

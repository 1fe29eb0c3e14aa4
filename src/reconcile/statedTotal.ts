import { Decimal } from 'decimal.js';
import type { StageContext } from '../findings/context.js';
import { parseAmount } from '../normalize/amount.js';
import { YUAN_PER_UNIT } from '../normalize/units.js';

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
 * The first total the body states, by the family's patterns (`metadata.statedTotal`: group 1 the
 * amount, group 2 its unit, 元 when absent), tried in order; null when none matches. Lines are
 * joined first, since OCR breaks a sentence anywhere.
 */
export function readStatedTotal(bodyLines: readonly string[], patterns: readonly string[]): StatedTotal | null {
  const starts: number[] = [];
  let text = '';
  for (const line of bodyLines) {
    starts.push(text.length);
    text += line.replace(/[*_]/g, '').trim();
  }
  const folded = text.normalize('NFKC');
  for (const pattern of patterns) {
    const match = new RegExp(pattern, 'u').exec(folded);
    if (!match?.[1]) continue;
    const amount = parseAmount(match[1]);
    const perUnit = YUAN_PER_UNIT[match[2] ?? amount.unit ?? '元'];
    if (amount.value === null || perUnit === undefined) continue;
    const line = starts.filter((s) => s <= match.index).length;
    return { yuan: amount.value.times(perUnit), text: match[0], line };
  }
  return null;
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

/** Each kind's total equals the total the body states; a mismatch is an error. Nothing stated, nothing checked. */
export function checkStatedTotal(stated: StatedTotal | null, totals: readonly KindTotal[], ctx: StageContext): void {
  if (!stated) return;
  for (const total of totals) {
    if (total.yuan.equals(stated.yuan)) continue;
    ctx.report({
      code: 'reconcile/stated-total-mismatch',
      annex: total.annex,
      source_line: total.line,
      actual: `${total.yuan.toFixed(2)} 元`,
      expected: `${stated.yuan.toFixed(2)} 元`,
      params: { kind: total.kind, stated: stated.text, statedLine: stated.line },
    });
  }
}

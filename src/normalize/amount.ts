import { Decimal } from 'decimal.js';
import { UNIT_ALTERNATION, YUAN_PER_UNIT } from './units.js';
import { foldNumberForms } from './width.js';

/** An amount cell read as an exact decimal, with the repairs that were needed to read it. */
export interface ParsedAmount {
  /** The exact value, or null when the text is not a number even after repairs. */
  value: Decimal | null;
  /** The number as written once repaired (`1239`, `12390000.00`), '' when invalid. */
  written: string;
  /** Names of the repairs applied, in order. */
  repairs: string[];
  /** A unit written in the cell itself (`1239万元`), or null. */
  unit: string | null;
}

const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const GROUPED_NUMBER = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;
const UNIT_SUFFIX = new RegExp(`(${UNIT_ALTERNATION})$`, 'u');

/**
 * Read an amount exactly: full-width digits, spaces, thousands separators and a trailing unit are repaired and named.
 */
export function parseAmount(text: string): ParsedAmount {
  const repairs: string[] = [];
  let s = text.trim();
  const folded = foldNumberForms(s);
  if (folded !== s) repairs.push('full-width-digits');
  s = folded;
  const unspaced = s.replace(/[\s\u3000]+/g, '');
  if (unspaced !== s) repairs.push('spaces-in-number');
  s = unspaced;
  const unit = UNIT_SUFFIX.exec(s)?.[1] ?? null;
  if (unit) {
    repairs.push('unit-suffix');
    s = s.slice(0, -unit.length);
  }
  if (GROUPED_NUMBER.test(s)) {
    repairs.push('thousands-separator');
    s = s.replace(/,/g, '');
  }
  if (!PLAIN_NUMBER.test(s)) return { value: null, written: '', repairs, unit };
  return { value: new Decimal(s), written: s, repairs, unit };
}

export { YUAN_PER_UNIT };

/** An amount in 元 as the contract writes it: always two decimals. */
export function yuanString(value: Decimal): string {
  return value.toFixed(2);
}

/**
 * An amount in 万元 as the contract writes it: the figure as written when it was written in 万元, else computed exactly.
 */
export function wanString(written: string, unit: string, value: Decimal): string {
  return unit === '万元'
    ? written
    : value
        .times(YUAN_PER_UNIT[unit] ?? 1)
        .dividedBy(YUAN_PER_UNIT['万元'] ?? 10_000)
        .toFixed();
}

/** A similarity score rounded to 3 decimals, so outputs stay byte-identical across platforms. */
export function roundScore(x: number): number {
  return Math.round(x * 1000) / 1000;
}

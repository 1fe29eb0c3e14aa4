import { MoneyUnit } from '../../schemas/common.js';

/** The money units a notice writes amounts in, from their schema. */
export const MONEY_UNITS = MoneyUnit.options;

/** One of the money units. */
export type { MoneyUnit };

/** Multiplier from a unit to 元. */
export const YUAN_PER_UNIT: Readonly<Record<string, number>> = { 元: 1, 万元: 10_000, 亿元: 100_000_000 };

/** The units as a regular-expression alternation, longest first (`万元` before `元`). */
export const UNIT_ALTERNATION = [...MONEY_UNITS].sort((a, b) => b.length - a.length).join('|');

/** The money units a notice writes amounts in. */
export const MONEY_UNITS = ['元', '万元', '亿元'] as const;

/** One of the money units. */
export type MoneyUnit = (typeof MONEY_UNITS)[number];

/** Multiplier from a unit to 元. */
export const YUAN_PER_UNIT: Readonly<Record<string, number>> = { 元: 1, 万元: 10_000, 亿元: 100_000_000 };

/** The units as a regular-expression alternation, longest first (`万元` before `元`). */
export const UNIT_ALTERNATION = [...MONEY_UNITS].sort((a, b) => b.length - a.length).join('|');

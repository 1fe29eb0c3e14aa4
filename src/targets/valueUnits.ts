import type { z } from 'zod';
import type { ValueUnitsSpec } from '../family/spec.js';
import { memoByObject } from '../normalize/memo.js';
import { byCodeUnits } from '../normalize/order.js';

/** The family's value units as the value parser reads them, compiled once per declaration. */
export interface ValueUnits {
  /** Listed units, longest first so that 家次 wins over 家 and 亿元 over 亿. */
  units: readonly string[];
  /** Magnitudes (万, 亿), longest first. */
  magnitudes: readonly string[];
  /** Unit → its kind; magnitudes alone are listed with the kind `magnitude`. */
  kinds: ReadonlyMap<string, string>;
}

/** Declared value units, as in family.json. */
type Declared = z.infer<typeof ValueUnitsSpec>;

/** The compiled units of a declaration (remembered per declaration object: a family is loaded once). */
export const valueUnits: (declared: Declared) => ValueUnits = memoByObject((declared: Declared) => compile(declared));

/** Longest first, so a scan that takes the first match takes the longest. */
function longestFirst(words: Iterable<string>): string[] {
  return [...new Set(words)].sort((x, y) => y.length - x.length || byCodeUnits(x, y));
}

function compile(declared: Declared): ValueUnits {
  const kinds = new Map<string, string>();
  for (const magnitude of declared.magnitudes) kinds.set(magnitude, 'magnitude');
  for (const [kind, units] of Object.entries(declared.kinds)) for (const unit of units) kinds.set(unit, kind);
  const magnitudes = longestFirst(declared.magnitudes);
  return { units: longestFirst(Object.values(declared.kinds).flat()), magnitudes, kinds };
}

/**
 * The kind of a unit as read from a value: a listed unit's kind (亩 → area), a magnitude before a
 * listed unit takes that unit's kind (万亩 → area), `A/B` is `kindA/kindB` (元/亩 → money/area);
 * '' for no unit, null for a unit the family does not list.
 */
export function unitKind(unit: string, units: ValueUnits): string | null {
  if (unit === '') return '';
  const parts = unit.split('/');
  if (parts.length > 2) return null;
  const kinds = parts.map((part) => singleKind(part, units));
  return kinds.some((k) => k === null) ? null : kinds.join('/');
}

/** Kind of one unit without a slash. */
function singleKind(unit: string, units: ValueUnits): string | null {
  const direct = units.kinds.get(unit);
  if (direct !== undefined) return direct;
  const magnitude = units.magnitudes.find((m) => unit.startsWith(m));
  if (magnitude === undefined) return null;
  const rest = units.kinds.get(unit.slice(magnitude.length));
  return rest === undefined || rest === 'magnitude' ? null : rest;
}

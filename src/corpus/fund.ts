/**
 * Which fund a notice allocates: the family declares where the title names it (`metadata.fund`,
 * group 1). Two notices naming one fund are years of the same fund, for the corpus and `diff`.
 */
import type { Family } from '../family/spec.js';

/** A fund name reader over the families: family id → compiled pattern, compiled once. */
export interface FundReader {
  /** The fund a title names under a family, or '' when the family declares no pattern or the title matches none. */
  fundOf(familyId: string, title: string): string;
  /** The pattern source of a family ('' when none): part of what the corpus's rows depend on. */
  patternOf(familyId: string): string;
}

/** Compile each family's fund pattern once. */
export function fundReader(families: readonly Family[]): FundReader {
  const patterns = new Map<string, RegExp>();
  for (const family of families)
    if (family.metadata.fund) patterns.set(family.id, new RegExp(family.metadata.fund, 'u'));
  return {
    fundOf: (familyId, title) => patterns.get(familyId)?.exec(title)?.[1]?.trim() ?? '',
    patternOf: (familyId) => patterns.get(familyId)?.source ?? '',
  };
}

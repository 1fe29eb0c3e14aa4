/**
 * Code-unit order of two strings, for every sort whose order is written out: unlike `localeCompare` it is the same
 * on every machine (no ICU build or locale decides it), and it is the order of `Array.prototype.sort()` without a
 * comparator, so a tie-break and a plain sort agree.
 */
export function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

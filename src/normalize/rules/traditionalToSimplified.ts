import * as OpenCC from 'opencc-js/t2cn';
import type { ConverterFunction } from 'opencc-js/t2cn';
import { HAS_HAN } from './charClasses.js';

/**
 * Traditional → mainland simplified, character and phrase level. The `cn`
 * target is used, not `twp`: `twp` also swaps Taiwanese vocabulary
 * (指標 would become 指针), which is wrong for mainland fiscal documents.
 */
let converter: ConverterFunction | undefined;

/** The converter, built on first use: loading the dictionaries is the costly part. */
function getConverter(): ConverterFunction {
  converter ??= OpenCC.Converter({ from: 't', to: 'cn' });
  return converter;
}

/** Upper bound on conversion rounds; real text settles in two. */
const MAX_ROUNDS = 8;

/**
 * Convert traditional characters to simplified (意見 → 意见, 規劃 → 规划, 指標 → 指标).
 *
 * OpenCC's phrase table protects some characters only in traditional context
 * (乾縣 → 乾县, but 乾县 → 干县), so one pass is not idempotent; the converter
 * is re-applied until the text is stable. Text that is already simplified
 * costs a single pass.
 */
export function toSimplified(s: string): string {
  if (!HAS_HAN.test(s)) return s;
  const convert = getConverter();
  let current = s;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const next = convert(current);
    if (next === current) break;
    current = next;
  }
  return current;
}

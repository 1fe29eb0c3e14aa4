import { UNIT_ALTERNATION } from './units.js';
import { foldCompatibility } from './width.js';

/**
 * Units that a header may carry as a suffix: `金额（元）`, `金额（单位：万元）`, `金额（人民币万元）`, `金额(万元人民币)`. Spaces are
 * removed before it is tried.
 */
const UNIT_SUFFIX = new RegExp(`[（(](?:单位[:：]?)?(?:人民币)?(${UNIT_ALTERNATION})(?:人民币)?[)）]$`, 'u');

/** A header text reduced for comparison: widths folded, spaces, quotes and a unit suffix removed. */
export function headerKey(text: string): { key: string; unit: string | null } {
  const folded = foldCompatibility(text)
    .replace(/\s+/g, '')
    .replace(/[“”"'‘’「」]/g, '');
  const unit = UNIT_SUFFIX.exec(folded)?.[1] ?? null;
  return { key: folded.replace(UNIT_SUFFIX, ''), unit };
}

import { chineseNumeralValue } from './chineseNumeral.js';
import { foldCompatibility } from './width.js';

/**
 * An annex label as compared: widths folded, spaces dropped, dash forms and `_` as `-`, and a label in Chinese
 * numerals as digits (`一` → `1`, `十二` → `12`, `３－１` → `3-1`); a malformed numeral stays as written.
 */
export function foldAnnexLabel(label: string): string {
  const text = foldCompatibility(label)
    .replace(/\s+/g, '')
    .replace(/[—–－_]/g, '-');
  if (/^[一二三四五六七八九十]+$/u.test(text)) return chineseNumeralValue(text) || text;
  return text;
}

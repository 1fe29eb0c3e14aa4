import { CJK, HAN } from './charClasses.js';

/**
 * Whitespace that OCR inserted inside Chinese text: between two CJK characters
 * (ideographs or Chinese punctuation), or between an ASCII digit and an
 * ideograph on either side. Latin letters keep their space (`W 无`), and so do
 * two digits (`1 2`). Each alternative starts with a one-character lookbehind,
 * so the scan stays linear.
 */
const INNER_SPACE = new RegExp(
  String.raw`(?<=${CJK})\s+(?=${CJK})|(?<=[0-9])\s+(?=[${HAN}])|(?<=[${HAN}])\s+(?=[0-9])`,
  'gu',
);

/** Remove whitespace between CJK characters and between a digit and an ideograph (`2024 年` → `2024年`). */
export function joinCjkSpaces(s: string): string {
  return s.replace(INNER_SPACE, '');
}

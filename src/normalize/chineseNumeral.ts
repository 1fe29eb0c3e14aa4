/**
 * Chinese numerals as written in target values: 一, 两, 十五, 二十, 一百, 两百,
 * 一百零五 and digit-by-digit forms such as 二〇二四.
 *
 * 万 and 亿 are deliberately NOT numeral characters here: `5亿元` reads as
 * 5 + unit 亿元, so `五亿元` must read the same way (5 + 亿元) for the two
 * spellings to agree.
 */

/** Value of each Chinese digit character. */
const DIGITS: ReadonlyMap<string, number> = new Map([
  ['零', 0],
  ['〇', 0],
  ['一', 1],
  ['二', 2],
  ['两', 2],
  ['三', 3],
  ['四', 4],
  ['五', 5],
  ['六', 6],
  ['七', 7],
  ['八', 8],
  ['九', 9],
]);

/** Value of each in-number multiplier character. */
const MULTIPLIERS: ReadonlyMap<string, number> = new Map([
  ['十', 10],
  ['百', 100],
  ['千', 1000],
]);

/** A run of Chinese numeral characters found in a text. */
export interface ChineseNumeralRun {
  /** Index just past the last numeral character. */
  end: number;
  /** The run's value as a decimal integer string; '' when the run is not a well-formed numeral. */
  value: string;
}

/** True for any character that can continue a Chinese numeral. */
export function isChineseNumeralChar(ch: string | undefined): boolean {
  return ch !== undefined && (DIGITS.has(ch) || MULTIPLIERS.has(ch));
}

/**
 * True for a character that can open a Chinese numeral: a digit or 十.
 * A bare 百/千 is not accepted as an opener because it mostly starts idioms
 * (百花齐放, 千家万户) rather than quantities; real values write 一百, 两千.
 */
export function isChineseNumeralStart(ch: string | undefined): boolean {
  return ch !== undefined && (DIGITS.has(ch) || ch === '十');
}

/** Reads the maximal numeral run starting at `start`; null when none starts there. */
export function readChineseNumeral(text: string, start: number): ChineseNumeralRun | null {
  if (!isChineseNumeralStart(text[start])) return null;
  let end = start + 1;
  while (end < text.length && isChineseNumeralChar(text[end])) end += 1;
  return { end, value: chineseNumeralValue(text.slice(start, end)) };
}

/**
 * Decimal string value of a run of Chinese numeral characters; '' when the run
 * is not a well-formed numeral. Rejected on purpose: digits side by side next
 * to a multiplier (十四五, the five-year plan) and digit-by-digit runs without
 * 〇/零 (两三 means "two or three", not 23).
 */
export function chineseNumeralValue(run: string): string {
  const chars = [...run];
  if (chars.every((ch) => DIGITS.has(ch))) {
    const positional = chars.length === 1 || chars.some((ch) => DIGITS.get(ch) === 0);
    return positional ? positionalValue(chars) : '';
  }
  return hasAdjacentDigits(chars) ? '' : multiplierValue(chars);
}

/** True when two non-zero digits touch (十四五); 零 may precede a digit (一百零五). */
function hasAdjacentDigits(chars: readonly string[]): boolean {
  for (let i = 1; i < chars.length; i += 1) {
    const previous = DIGITS.get(chars[i - 1] ?? '');
    if (previous !== undefined && previous !== 0 && DIGITS.has(chars[i] ?? '')) return true;
  }
  return false;
}

/** 二〇二四 → "2024": digits read one by one, leading zeros dropped. */
function positionalValue(chars: readonly string[]): string {
  const digits = chars.map((ch) => String(DIGITS.get(ch) ?? 0)).join('');
  const trimmed = digits.replace(/^0+/, '');
  return trimmed === '' ? '0' : trimmed;
}

/**
 * 一百零五 → "105", 十五 → "15", 两百 → "200". A multiplier with no digit
 * before it counts as one of it (十五 = 1×10 + 5). Additive, so even a
 * malformed 100 KB run stays far inside the safe-integer range.
 */
function multiplierValue(chars: readonly string[]): string {
  let total = 0;
  let pending = 0;
  for (const ch of chars) {
    const multiplier = MULTIPLIERS.get(ch);
    if (multiplier === undefined) {
      pending = DIGITS.get(ch) ?? 0;
      continue;
    }
    total += (pending === 0 ? 1 : pending) * multiplier;
    pending = 0;
  }
  return String(total + pending);
}

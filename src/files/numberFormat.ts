import { Decimal } from 'decimal.js';

/** A number cell as a reader sees it: its exact value and the text its number format shows. */
export interface ShownNumber {
  /**
   * The value as a plain decimal string, as stored and as Excel shows it under General: at most 15 significant
   * digits (never through a rounding format), so binary noise (65.50000000000001) is not read as digits.
   */
  exact: string;
  /**
   * The shown text without the format's decoration (a currency sign, a unit, padding): `3,200,000.00` of
   * `¥3,200,000.00`; the text a faithful cell is read as.
   */
  digits: string;
  /** True when the stored double has digits past the 15th (noise a sum or product left): `exact` drops them. */
  noisy: boolean;
  /** What the cell shows under its format (`12,390,000.00`); equal to `exact` under General. */
  shown: string;
  /**
   * True when the shown text reads back as the same number (thousands separators aside), so it can stand as written.
   */
  faithful: boolean;
}

/**
 * A stored number as Excel reads and shows it: 15 significant digits. A computed cell stores the
 * nearest double of a sum or product (65.50000000000001 for 65.5); Excel never shows a 16th digit.
 */
export function excelDecimal(value: number): string {
  return Number.isFinite(value) ? new Decimal(value.toPrecision(15)).toFixed() : exactDecimal(value);
}

/**
 * The exact decimal of a stored number. A spreadsheet stores `<v>1239.05</v>`; the reader hands over
 * the nearest double, whose shortest round-trip form is that text again, so no binary digits
 * (1239.0499999…) reach the output. Exponent forms (1e+21) are written out in full.
 */
export function exactDecimal(value: number): string {
  return new Decimal(String(value)).toFixed();
}

// Format codes read: optional literal prefix/suffix, digits with or without grouping, decimals, percent.
const SIMPLE_FORMAT = /^([^0#?,]*)([#0?,]*[0#?])(\.([0#?]+))?([^0#?,]*)$/;

/**
 * The text a cell shows for `value` under the number format `format` (the positive section, or the
 * negative one when the number is negative and the format has one). Formats other than digit
 * patterns (dates, fractions, scientific) are not rendered: the exact value stands, not faithful.
 */
export function shownNumber(value: number, format: string | undefined): ShownNumber {
  const exact = excelDecimal(value);
  const noisy = exact !== exactDecimal(value);
  const code = (format ?? '').trim();
  if (code === '' || /^general$/i.test(code) || code === '@')
    return { exact, shown: exact, digits: exact, faithful: true, noisy };
  const sections = code.split(';');
  const negative = value < 0 && sections.length > 1;
  const section = cleanSection((negative ? sections[1] : sections[0]) ?? '');
  // A format code is short (Excel allows 255 characters); a longer one is not rendered, so the pattern meets short text
  // only.
  const parts = section.length <= 64 ? SIMPLE_FORMAT.exec(section) : null;
  if (!parts || /[yMdhms]/.test(section.replace(/"[^"]*"/g, '')))
    return { exact, shown: exact, digits: exact, faithful: false, noisy };
  const percent = section.includes('%');
  const pattern = parts[2] ?? '';
  const decimals = (parts[4] ?? '').length;
  let number = new Decimal(exact);
  if (percent) number = number.times(100);
  if (negative) number = number.abs();
  const fixed = number.toFixed(decimals, Decimal.ROUND_HALF_UP);
  const [whole = '', fraction] = fixed.split('.');
  const grouped = pattern.includes(',') ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  const body = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  const prefix = unquote(parts[1] ?? '');
  const suffix = unquote(parts[5] ?? '');
  const shown = `${prefix}${body}${suffix}`;
  // A literal around the digits (`¥`, `元`, a space) hides no digit: it is left out of the comparison, while a sign,
  // a bracket or a digit written in the format stays and must read as the number.
  const kept = (literal: string): string => literal.replace(/[^\d.()+-]/g, '');
  const digits = `${kept(prefix)}${body}${kept(suffix)}`.trim();
  const plain = digits.replace(/,/g, '');
  const faithful = /^-?\d+(\.\d+)?$/.test(plain) && new Decimal(plain).equals(exact);
  return { exact, shown, digits, faithful, noisy };
}

/** A format section without colours, conditions, padding and escapes: `[Red]#,##0.00_ ` → `#,##0.00`. */
function cleanSection(section: string): string {
  return section
    .replace(/\[[^[\]]*\]/g, '')
    .replace(/[_*]./g, '')
    .replace(/\\(.)/g, '"$1"')
    .trim();
}

function unquote(text: string): string {
  return text.replace(/"([^"]*)"/g, '$1');
}

import { Decimal } from 'decimal.js';

/** A number cell as a reader sees it: its exact value and the text its number format shows. */
export interface ShownNumber {
  /** The value as a plain decimal string, exactly as stored (never through a rounding format). */
  exact: string;
  /** What the cell shows under its format (`12,390,000.00`); equal to `exact` under General. */
  shown: string;
  /**
   * True when the shown text reads back as the same number (thousands separators aside), so it can stand as written.
   */
  faithful: boolean;
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
  const exact = exactDecimal(value);
  const code = (format ?? '').trim();
  if (code === '' || /^general$/i.test(code) || code === '@') return { exact, shown: exact, faithful: true };
  const sections = code.split(';');
  const negative = value < 0 && sections.length > 1;
  const section = cleanSection((negative ? sections[1] : sections[0]) ?? '');
  // A format code is short (Excel allows 255 characters); a longer one is not rendered, so the pattern meets short text
  // only.
  const parts = section.length <= 64 ? SIMPLE_FORMAT.exec(section) : null;
  if (!parts || /[yMdhms]/.test(section.replace(/"[^"]*"/g, ''))) return { exact, shown: exact, faithful: false };
  const percent = section.includes('%');
  const digits = parts[2] ?? '';
  const decimals = (parts[4] ?? '').length;
  let number = new Decimal(exact);
  if (percent) number = number.times(100);
  if (negative) number = number.abs();
  const fixed = number.toFixed(decimals, Decimal.ROUND_HALF_UP);
  const [whole = '', fraction] = fixed.split('.');
  const grouped = digits.includes(',') ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  const body = fraction === undefined ? grouped : `${grouped}.${fraction}`;
  const shown = `${unquote(parts[1] ?? '')}${body}${unquote(parts[5] ?? '')}`;
  const plain = shown.replace(/,/g, '').trim();
  return { exact, shown, faithful: /^-?\d+(\.\d+)?$/.test(plain) && new Decimal(plain).equals(exact) };
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

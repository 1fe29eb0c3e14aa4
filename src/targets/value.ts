/**
 * Parser for the indicator-value cells (指标值) of the target tables.
 * One left-to-right scan finds figures (Arabic or Chinese); each gets its unit,
 * an optional range end and a comparator from a keyword just before it (不少于,
 * ≥, 至少…) or just after its unit (以上, 以下, 以内). Chosen: the first real
 * figure with a comparator, else the first real figure, else the first figure.
 * The unit is what follows the figure, read against the family's units (see
 * `readUnit`): a listed unit, a magnitude before one (万亩), two joined by a slash
 * (元/亩), or after an Arabic figure a short word the family does not list (公顷),
 * kept whole as written; comparator words and qualifiers (以上, 左右, 前) end it.
 * Incidental (not real) figures: dates (2024年, 12月), bare years (2024粤港澳),
 * ordinals (第1批), identifiers (ISO9001) and list markers (1、).
 * Every lookaround is bounded and no regex nests quantifiers, so a 100 KB cell
 * parses in linear time.
 */
import type { ValueComparator } from '../../schemas/indicators.js';
import { readChineseNumeral } from '../normalize/chineseNumeral.js';
import { memoByObject, memoByText } from '../normalize/memo.js';
import type { ValueUnits } from './valueUnits.js';
import { foldFullWidthAscii } from '../normalize/width.js';

export type { ValueComparator };

/** A target value parsed from its raw cell text; numbers are decimal strings, never floats. */
export interface ParsedValue {
  /** How the target compares to `number`; '' only when the raw cell is empty (missing value). */
  comparator: ValueComparator | '';
  /** The (lower) figure as a normalized decimal string ("5", "0.5", "90"); '' when none. */
  number: string;
  /** Upper bound when comparator is 'between'; '' otherwise. */
  numberMax: string;
  /** The unit after the figure, as written (家, 场次, %, 万亩, 元/亩, 公顷…); '' when none. */
  unit: string;
}

/** The longest unit word the family does not list that is still read as a unit (公顷, 平方公里). */
const MAX_OPEN_UNIT = 4;
/** The longest Latin unit (kW, m², km, kWh). */
const MAX_LATIN_UNIT = 6;
/** Words that end a unit the family does not list: qualifiers (以上, 左右, 前), joiners and comparator starts. */
const UNIT_STOPS: readonly string[] = [
  '以上',
  '以下',
  '以内',
  '以外',
  '左右',
  '前',
  '后',
  '内',
  '外',
  '及',
  '或',
  '和',
  '与',
  '至',
  '到',
  '且',
  '并',
  '每',
  '多',
  '余',
  '的',
  '等',
  '不',
  '为',
  '共',
  '约',
];
const UNIT_STOP_FIRST: ReadonlySet<string> = new Set(UNIT_STOPS.map((w) => w[0] as string));

/** Keyword → comparator, longest first so that 不低于 wins over 低于 and >= over >. */
const PREFIX_KEYWORDS: readonly (readonly [string, ValueComparator])[] = [
  ...keywords('at_least', '大于或等于 大于等于 不得少于 不得低于 不少于 不低于 不小于 至少 最少 最低 ≥ ≧ >='),
  ...keywords('at_most', '小于或等于 小于等于 不得超过 不得高于 不高于 不超过 不大于 不多于 至多 最多 最高 ≤ ≦ <='),
  ...keywords('more_than', '大于 超过 高于 多于 >'),
  ...keywords('less_than', '小于 低于 少于 不足 <'),
  ...keywords('exactly', '等于 ='),
].sort((x, y) => y[0].length - x[0].length);
/** The comparator keywords, for a cell that holds nothing else (a 指标性质 column). */
const COMPARATOR_WORDS: ReadonlySet<string> = new Set(PREFIX_KEYWORDS.map(([k]) => k));

/** True when a text, spaces aside, is one comparator keyword (`≥`, `＞`, `不低于`): what a 指标性质 cell holds. */
export function isComparatorWord(text: string): boolean {
  return COMPARATOR_WORDS.has(foldFullWidthAscii(text).replace(/\s+/g, ''));
}
const KEYWORD_LAST_CHARS: ReadonlySet<string> = new Set(PREFIX_KEYWORDS.map(([k]) => k.slice(-1)));

/** How many characters (verbs like 举办, 开展) may sit between a keyword and its figure. */
const MAX_KEYWORD_GAP = 4;
/** Characters joining the two ends of a range (2-3场, 2~3场, 2至3场). */
const RANGE_SEPARATORS: ReadonlySet<string> = new Set(['-', '~', '—', '–', '至', '到']);
/** Words that begin with a numeral and a unit but are not quantities. */
const CHINESE_FALSE_FRIENDS: readonly string[] = ['十分', '一次性', '一条龙'];
/** Before 一 these make "the new / next / same …" (新一轮, 上一年, 同一批), not a count. */
const NOT_COUNTING_BEFORE_ONE: ReadonlySet<string> = new Set([...'新上下同统唯万']);

/** A figure found in the text: [start, end) and its decimal value ('' for a malformed Chinese run). */
type Figure = { start: number; end: number; value: string; chinese: boolean };
/** A figure with its unit, range end and comparator; `next` is where reading stopped. */
type Candidate = ParsedValue & { incidental: boolean; next: number };

/** `parseTargetValue` with the family's units, remembered per text: values repeat (≥95%, 100%, 1次). */
export const targetValueReader: (units: ValueUnits) => (raw: string) => ParsedValue = memoByObject(
  (units: ValueUnits) => memoByText((raw) => parseTargetValue(raw, units)),
);

/** Parse a raw target value against the family's units; never throws. */
export function parseTargetValue(raw: string, units: ValueUnits): ParsedValue {
  // Callers read cells from loosely typed grids; treat a non-string as missing.
  const text = typeof raw === 'string' ? foldFullWidthAscii(raw).trim() : '';
  if (text === '') return { comparator: '', number: '', numberMax: '', unit: '' };
  const best = pickCandidate(text, units);
  // Only dates, years, ordinals or identifiers: a deadline or a name, not a quantity to compare.
  if (best === null || best.incidental) return { comparator: 'text', number: '', numberMax: '', unit: '' };
  const comparator = best.comparator === '' ? 'exactly' : best.comparator;
  return { comparator, number: best.number, numberMax: best.numberMax, unit: best.unit };
}

/** Scans every figure once and keeps the best-ranked candidate (earliest on ties). */
function pickCandidate(text: string, units: ValueUnits): Candidate | null {
  let best: Candidate | null = null;
  let bestRank = -1;
  let i = 0;
  while (i < text.length) {
    const figure = readFigure(text, i);
    if (figure === null) {
      i += 1;
      continue;
    }
    const candidate = buildCandidate(text, figure, units);
    i = Math.max(figure.end, candidate?.next ?? 0);
    if (candidate === null || rank(candidate) <= bestRank) continue;
    best = candidate;
    bestRank = rank(candidate);
    if (bestRank === 3) break;
  }
  return best;
}

/** 3 = real figure with comparator, 2 = real figure, 1/0 = incidental with/without comparator. */
function rank(candidate: Candidate): number {
  return (candidate.incidental ? 0 : 2) + (candidate.comparator === '' ? 0 : 1);
}

/** Reads an Arabic or Chinese figure starting exactly at `start`. */
function readFigure(text: string, start: number): Figure | null {
  if (isAsciiDigit(text[start])) return readArabic(text, start);
  if (isMinusSign(text, start)) {
    const figure = readArabic(text, start + 1);
    return { ...figure, start, value: figure.value === '0' ? '0' : `-${figure.value}` };
  }
  const run = readChineseNumeral(text, start);
  // A malformed run (十四五) still yields a figure so the scan skips it whole; its '' value rejects it.
  return run === null ? null : { start, end: run.end, value: run.value, chinese: true };
}

/** Reads digits with optional 1,000-style grouping and a decimal part. */
function readArabic(text: string, start: number): Figure {
  let p = start;
  let integer = '';
  for (;;) {
    const runEnd = digitRunEnd(text, p);
    integer += text.slice(p, runEnd);
    p = runEnd;
    // A comma is a thousands separator only when exactly three digits follow.
    if (text[p] !== ',' || digitRunEnd(text, p + 1) !== p + 4) break;
    p += 1;
  }
  let fraction = '';
  if (text[p] === '.' && isAsciiDigit(text[p + 1])) {
    const runEnd = digitRunEnd(text, p + 1);
    fraction = text.slice(p + 1, runEnd);
    p = runEnd;
  }
  return { start, end: p, value: normalizeDecimal(integer, fraction), chinese: false };
}

/** "007" + "50" → "7.5": no leading zeros, no trailing fraction zeros. */
function normalizeDecimal(integer: string, fraction: string): string {
  let lead = 0;
  while (lead < integer.length - 1 && integer[lead] === '0') lead += 1;
  let tail = fraction.length;
  while (tail > 0 && fraction[tail - 1] === '0') tail -= 1;
  const whole = integer.slice(lead);
  return tail === 0 ? whole : `${whole}.${fraction.slice(0, tail)}`;
}

/** Builds the candidate for a figure; null for a Chinese numeral that is only part of a word. */
function buildCandidate(text: string, figure: Figure, units: ValueUnits): Candidate | null {
  const first = readUnit(text, figure.end, units, !figure.chinese);
  const prefix = prefixComparator(text, figure.start);
  // 90%-100% is a range; so is ≥90%且≤100%, a bound of each direction joined by 且 (or a comma).
  const range = readRangeEnd(text, first.next, units) ?? readOtherBound(text, first.next, prefix, units);
  const next = range === null ? first.next : range.next;
  let unit = range !== null && range.unit !== '' ? range.unit : first.unit;
  const comparator: ValueComparator | '' = range !== null ? 'between' : prefix || suffixComparator(text, next);
  if (figure.chinese && !isQuantityWord(text, figure, unit !== '' || range !== null, comparator !== '')) return null;
  if (unit === '' && figure.start >= 3 && text.startsWith('百分之', figure.start - 3)) unit = '%';
  // ≤100%且≥90% names the upper bound first.
  const upperFirst = range?.lower === true;
  const number = upperFirst ? (range?.value ?? '') : figure.value;
  const numberMax = range === null ? '' : upperFirst ? figure.value : range.value;
  return { number, numberMax, unit, comparator, incidental: isIncidental(text, figure, unit), next };
}

/** Words joining the two bounds of ≥90%且≤100%. */
const BOUND_JOINERS: readonly string[] = ['并且', '而且', '且', '并', '和', '，', ',', '、', ';', '；'];

/**
 * After a bound with a comparator, the bound of the other direction (`且≤100%` after `≥90%`): its
 * figure, unit and end, and `lower: true` when that second bound is the lower one; null when absent.
 */
function readOtherBound(
  text: string,
  pos: number,
  first: ValueComparator | '',
  units: ValueUnits,
): { value: string; unit: string; next: number; lower: boolean } | null {
  const lowerFirst = first === 'at_least' || first === 'more_than';
  if (!lowerFirst && first !== 'at_most' && first !== 'less_than') return null;
  let p = skipSpaces(text, pos);
  p += BOUND_JOINERS.find((j) => text.startsWith(j, p))?.length ?? 0;
  p = skipSpaces(text, p);
  const keyword = PREFIX_KEYWORDS.find(([k]) => text.startsWith(k, p));
  if (keyword === undefined) return null;
  const wanted = lowerFirst ? ['at_most', 'less_than'] : ['at_least', 'more_than'];
  if (!wanted.includes(keyword[1])) return null;
  const figure = readFigure(text, skipSpaces(text, p + keyword[0].length));
  if (figure === null || figure.value === '') return null;
  const unit = readUnit(text, figure.end, units, !figure.chinese);
  return { value: figure.value, unit: unit.unit, next: unit.next, lower: !lowerFirst };
}

/** A `-` that signs a figure (`≤-5%`, `-3`), not one that joins a range (`2-3`) or a word (`ISO-9`). */
function isMinusSign(text: string, pos: number): boolean {
  const ch = text[pos];
  if ((ch !== '-' && ch !== '\u2212') || !isAsciiDigit(text[pos + 1])) return false;
  const before = text[pos - 1];
  return (
    before === undefined ||
    before === ' ' ||
    '≤≥≦≧<>=:：(为在'.includes(before) ||
    (isCjk(before) && keywordEndingAt(text, pos) !== '')
  );
}

/** Chinese numerals count when measured (两次) or compared and alone (不少于一), not in 进一步 or 一、. */
function isQuantityWord(text: string, figure: Figure, measured: boolean, compared: boolean): boolean {
  if (figure.value === '' || CHINESE_FALSE_FRIENDS.some((w) => text.startsWith(w, figure.start))) return false;
  const before = text[figure.start - 1];
  if (text[figure.start] === '一' && before !== undefined && NOT_COUNTING_BEFORE_ONE.has(before)) return false;
  return measured || (compared && !isCjk(text[figure.end]));
}

/**
 * Reads the unit after a figure: a listed unit or a magnitude before one (万亩), a bracketed or
 * slashed part that makes a listed unit (家(次) → 家次, 届/次 → 届次), else two units joined by a
 * slash (元/亩, 万元/个). `open`: a word the family does not list counts as a unit (after Arabic
 * figures; after Chinese numerals only listed units do, so 一体化 is no figure with a unit).
 */
function readUnit(text: string, pos: number, units: ValueUnits, open: boolean): { unit: string; next: number } {
  const p = skipSpaces(text, pos);
  const unit = readMeasure(text, p, units, open);
  const after = p + unit.length;
  const bracket = readBracket(text, after);
  // ≥7（亿）: a listed unit in brackets right after the figure; 30家(次): a bracket completing the unit.
  if (bracket !== null && units.kinds.has(unit + bracket.text)) {
    return { unit: unit + bracket.text, next: bracket.next };
  }
  if (unit === '') return { unit, next: pos };
  if (text[after] === '/') {
    const second = readMeasure(text, after + 1, units, open);
    if (second !== '') {
      const joined = units.kinds.has(unit + second) ? unit + second : `${unit}/${second}`;
      return { unit: joined, next: after + 1 + second.length };
    }
  }
  return { unit, next: after };
}

/** One unit without a slash at `p`: the longest listed unit, a magnitude and what it scales, or an unlisted word. */
function readMeasure(text: string, p: number, units: ValueUnits, open: boolean): string {
  const listed = units.units.find((u) => text.startsWith(u, p)) ?? '';
  const magnitude = units.magnitudes.find((m) => text.startsWith(m, p)) ?? '';
  if (listed.length >= magnitude.length && listed !== '') return listed;
  if (magnitude !== '') {
    const after = p + magnitude.length;
    return magnitude + (units.units.find((u) => text.startsWith(u, after)) ?? (open ? openWord(text, after) : ''));
  }
  return open ? openWord(text, p) : '';
}

/**
 * A unit the family does not list: a short run of ideographs (公顷, 标准亩) or Latin letters (kW, m²)
 * that ends where the unit does — at a qualifier or joiner (以上, 左右, 且), a non-word character or the
 * end. A longer run is a phrase (公顷耕地治理任务), not a unit: none is read.
 */
function openWord(text: string, p: number): string {
  if (isLatinUnitChar(text[p])) {
    let q = p;
    while (q - p <= MAX_LATIN_UNIT && isLatinUnitChar(text[q])) q += 1;
    const end = text[q];
    const bounded = end === undefined || (!isAsciiDigit(end) && !isCjk(end)) || startsStop(text, q);
    return q - p <= MAX_LATIN_UNIT && bounded ? text.slice(p, q) : '';
  }
  let q = p;
  while (q - p <= MAX_OPEN_UNIT && isCjk(text[q]) && !startsStop(text, q)) q += 1;
  return q - p <= MAX_OPEN_UNIT ? text.slice(p, q) : '';
}

/** True when a unit-ending word starts at `p`. */
function startsStop(text: string, p: number): boolean {
  const ch = text[p];
  return ch !== undefined && UNIT_STOP_FIRST.has(ch) && UNIT_STOPS.some((w) => text.startsWith(w, p));
}

/** Letters of a Latin unit: ASCII letters and the raised 2 and 3 of m², m³. */
function isLatinUnitChar(ch: string | undefined): boolean {
  return ch !== undefined && (/^[A-Za-z]$/.test(ch) || ch === '²' || ch === '³');
}

/** A short "(…)" right at `pos`; bounded so unmatched brackets stay cheap. */
function readBracket(text: string, pos: number): { text: string; next: number } | null {
  if (text[pos] !== '(') return null;
  const limit = Math.min(text.length, pos + 8);
  for (let close = pos + 1; close < limit; close += 1) {
    if (text[close] === ')') return { text: text.slice(pos + 1, close).trim(), next: close + 1 };
  }
  return null;
}

/** Reads "-3场" / "至三场" after a figure's unit: the upper bound, its unit and where it ends. */
function readRangeEnd(
  text: string,
  pos: number,
  units: ValueUnits,
): { value: string; unit: string; next: number; lower: boolean } | null {
  const sep = skipSpaces(text, pos);
  const sepChar = text[sep];
  if (sepChar === undefined || !RANGE_SEPARATORS.has(sepChar)) return null;
  const figure = readFigure(text, skipSpaces(text, sep + 1));
  if (figure === null) return null;
  const unit = readUnit(text, figure.end, units, !figure.chinese);
  return { value: figure.value, unit: unit.unit, next: unit.next, lower: false };
}

/** Comparator of the nearest keyword ending at most MAX_KEYWORD_GAP CJK characters before `start`. */
function prefixComparator(text: string, start: number): ValueComparator | '' {
  let end = start;
  for (let gap = 0; gap <= MAX_KEYWORD_GAP && end > 0; gap += 1) {
    const found = keywordEndingAt(text, end);
    if (found !== '') return found;
    const ch = text[end - 1];
    // Only words (举办, 开展) or spaces may separate a keyword from its figure.
    if (ch !== ' ' && !isCjk(ch)) return '';
    end -= 1;
  }
  return '';
}

/** Comparator of the longest keyword ending exactly at `end`, '' when none. */
function keywordEndingAt(text: string, end: number): ValueComparator | '' {
  const last = text[end - 1];
  if (last === undefined || !KEYWORD_LAST_CHARS.has(last)) return '';
  const match = PREFIX_KEYWORDS.find(([k]) => end >= k.length && text.startsWith(k, end - k.length));
  if (match === undefined) return '';
  // The `>` closing a leftover HTML tag (<li>1.) is not a comparator.
  const before = text[end - match[0].length - 1];
  const asciiSymbol = match[0].charCodeAt(0) < 0x80;
  return asciiSymbol && before !== undefined && /^[A-Za-z"']$/.test(before) ? '' : match[1];
}

/** 以上 → at_least, 以下 / 以内 → at_most right after the unit, allowing 及 / 或 before them. */
function suffixComparator(text: string, pos: number): ValueComparator | '' {
  let p = skipSpaces(text, pos);
  if (text[p] === '及' || text[p] === '或') p += 1;
  if (text.startsWith('以上', p)) return 'at_least';
  if (text.startsWith('以下', p) || text.startsWith('以内', p)) return 'at_most';
  return '';
}

/** Dates, bare years, ordinals, identifiers and list markers are not targets while a real figure exists. */
function isIncidental(text: string, figure: Figure, unit: string): boolean {
  const before = text[figure.start - 1];
  if (before === '第' || (before !== undefined && /^[A-Za-z]$/.test(before))) return true;
  // ISO-9001: an identifier with a dash.
  if (before === '-' && /^[A-Za-z]$/.test(text[figure.start - 2] ?? '')) return true;
  const after = text[figure.end];
  if (after === '月' || after === '日' || after === '号' || (after === '、' && unit === '')) return true;
  const year = figure.value.length === 4 && !figure.value.includes('.') ? Number(figure.value) : 0;
  // A year-like figure before another unit (2000公顷, ≤1981m²) is a quantity: units the family does not
  // list are reported, so a year read as one (2024版) is seen, not silent.
  return year >= 1900 && year <= 2100 && (unit === '' || unit === '年');
}

/** Index past at most two spaces: enough for OCR spacing, bounded to keep scans linear. */
function skipSpaces(text: string, pos: number): number {
  let p = pos;
  while (p < pos + 2 && (text[p] === ' ' || text[p] === '\t')) p += 1;
  return p;
}

/** Index just past the run of ASCII digits starting at `pos`. */
function digitRunEnd(text: string, pos: number): number {
  let p = pos;
  while (isAsciiDigit(text[p])) p += 1;
  return p;
}

/** True for 0-9. */
function isAsciiDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Pairs each space-separated keyword with its comparator. */
function keywords(comparator: ValueComparator, list: string): (readonly [string, ValueComparator])[] {
  return list.split(' ').map((word) => [word, comparator] as const);
}

/** True for a CJK unified ideograph (the characters words are made of). */
function isCjk(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '\u4e00' && ch <= '\u9fff';
}

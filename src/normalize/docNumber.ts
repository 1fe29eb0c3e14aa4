/**
 * Document numbers (发文字号) such as 国知办发保字〔2020〕43号: found in citation text,
 * written in one canonical form, and compared as evidence for matching.
 */

/**
 * Issuer code, bracketed year, serial and 号. OCR writes the year brackets as 〔〕 [] ［］ () （） 【】 〈〉
 * and scatters spaces (`粤府办〔2021〕 12 号`). The code is Han only, at most 12 characters, so a
 * preceding title mark or parenthesis bounds it.
 */
const DOC_NUMBER =
  /(\p{Script=Han}{1,12})\s*[〔\[［(（【〈]\s*((?:19|20)\d{2})\s*[〕\]］)）】〉]\s*(?:第\s*)?(\d{1,4})\s*号/gu;

/** One document number, located in the text it was read from. */
export interface DocNumberHit {
  /** Canonical form: `code〔year〕serial号`, no spaces. */
  value: string;
  /** Offset of the first character of the match in the text. */
  start: number;
  /** Offset just past the match. */
  end: number;
}

/**
 * Text up to the last word that ends a title (的通知, 意见, 方案…). A code never holds these words,
 * so when a number follows a title without a parenthesis (`…的通知粤办发〔2020〕13号`) the code
 * starts after them.
 */
const TITLE_END = /^.*(?:的|通知|意见|办法|方案|规定|决定|纲要|规划|条例|措施|指引|通报|公告)/u;

/** Every document number in a text, left to right, in canonical form. */
export function findDocNumbers(text: string): DocNumberHit[] {
  const hits: DocNumberHit[] = [];
  for (const m of text.matchAll(DOC_NUMBER)) {
    const [whole, written = '', year = '', serial = ''] = m;
    const cut = TITLE_END.exec(written)?.[0].length ?? 0;
    const code = written.slice(cut);
    if (code === '') continue;
    const start = (m.index ?? 0) + cut;
    hits.push({ value: `${code}〔${year}〕${Number(serial)}号`, start, end: (m.index ?? 0) + whole.length });
  }
  return hits;
}

/** The canonical form of one document number, or '' when the text holds none. */
export function normalizeDocNumber(text: string): string {
  return findDocNumbers(text)[0]?.value ?? '';
}

/** A canonical document number taken apart. */
export interface DocNumberParts {
  /** Issuer code before the year, e.g. 国知办发保字. */
  code: string;
  /** Four-digit year. */
  year: string;
  /** Serial number without leading zeros. */
  serial: string;
}

/** Split a canonical document number into code, year and serial; undefined when it is not one. */
export function docNumberParts(docNumber: string): DocNumberParts | undefined {
  const m = /^(\p{Script=Han}+)〔(\d{4})〕(\d+)号$/u.exec(docNumber);
  if (!m) return undefined;
  return { code: m[1] ?? '', year: m[2] ?? '', serial: m[3] ?? '' };
}

/**
 * How two document numbers relate:
 * - `same`: identical — strong evidence of one document;
 * - `code-differs`: same year and serial, another issuer code — what OCR does to 函/发 or a dropped
 *   办, so neither evidence nor veto;
 * - `conflict`: another year or serial — a different document;
 * - `unknown`: one side has none.
 */
export type DocNumberRelation = 'same' | 'code-differs' | 'conflict' | 'unknown';

/** Compare two canonical document numbers. */
export function compareDocNumbers(a: string, b: string): DocNumberRelation {
  const pa = docNumberParts(a);
  const pb = docNumberParts(b);
  if (!pa || !pb) return 'unknown';
  if (pa.year !== pb.year || pa.serial !== pb.serial) return 'conflict';
  return pa.code === pb.code ? 'same' : 'code-differs';
}

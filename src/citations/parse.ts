/**
 * Read one citation into title, issuer and document number.
 *
 * The issuer is taken from before the title (`中共中央办公厅、国务院办公厅《…》`, a trailing 印发 or
 * 关于 dropped) or, when nothing stands before it, from the start of the title itself
 * (`《国家知识产权局办公室关于…》`): the title then keeps the issuer, because that is the document's
 * official title and the registry spells it the same way.
 */
import { ALL_RULES, normalizeText, type RuleCounts } from '../normalize/rules.js';
import { findDocNumbers, type DocNumberHit } from '../normalize/docNumber.js';
import { locateTitle } from './titleMarks.js';

/** One citation, read. */
export interface ParsedCitation {
  /** The citation as written (tags removed, trimmed): the evidence beside everything below. */
  title_raw: string;
  /** The cited title, normalized, without its outer title marks; nested titles in 〈〉. */
  title: string;
  /** Who issued it, as written (normalized), or ''. */
  issuer: string;
  /** Document number in canonical form (`国知办发保字〔2020〕43号`), or ''. */
  doc_number: string;
  /** Issuer, title and trailing words (的通知) without the document number: read by the matcher. */
  full_title: string;
  /** Repairs made to read it (title marks, punctuation, document-number form). */
  repairs: string[];
}

/** HTML tags, should a caller pass an unsplit item; `<关于…>` titles start with Han and stay. */
const TAG = /<\/?[A-Za-z][^<>]*>/g;

/** A list marker left at the start of a citation. */
const LEADING_MARKER = /^\s*(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[）)]|[\u2460-\u2473])\s*/u;

/** Verbs that join an issuer to the title it issues: 中共…办公厅印发《…》, …关于印发《…》. */
const ISSUER_VERB = /(?:关于)?(?:联合)?(?:印发|转发|发布)$|关于$/u;

/** An issuing body leading a title: a name ending like an organ (局 厅 部 委 会 院 府 室 署 办 中心) before 关于/印发. */
const ISSUER_IN_TITLE =
  /^(\p{Script=Han}[^《〈]{1,39}?(?:局|厅|部|委|会|院|府|室|署|办|中心))(?:关于|联合印发|印发|转发)/u;

/** Separators and brackets trimmed from the ends of an issuer or a trailing phrase. */
const EDGE = /^[\s、，,；;。:：（(）)]+|[\s、，,；;。:：（(）)]+$/gu;

/** Half-width parentheses around Chinese inside a title: the full-width form is the official one. */
const ASCII_PARENS = /\(([^()\p{Script=Han}]*\p{Script=Han}[^()]*)\)/gu;

/** A year range written with any dash (2021—2035, 2021－2035) is written 2021-2035. */
const YEAR_RANGE = /((?:19|20)\d{2})\s*[—–－―-]\s*((?:19|20)\d{2})/gu;

/** Unify the punctuation of a title that OCR varies freely: parentheses and year-range dashes. */
function tidyTitle(title: string, repairs: string[]): string {
  const tidy = title.replace(ASCII_PARENS, '（$1）').replace(YEAR_RANGE, '$1-$2');
  if (tidy !== title) repairs.push('title-punctuation');
  return tidy;
}

/** The issuer written before the title, with its joining verb dropped. */
function issuerBefore(before: string): string {
  return before.replace(LEADING_MARKER, '').replace(EDGE, '').replace(ISSUER_VERB, '').replace(EDGE, '');
}

/** A code and bracketed year with no serial (`国知办发服字〔2020〕`): a number the source left incomplete. */
const INCOMPLETE_DOC_NUMBER = /\p{Script=Han}{1,12}\s*[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】](?!\s*第?\s*\d)/gu;

/** Text with the given document-number hits (and incomplete numbers) cut out and empty parentheses tidied away. */
function withoutDocNumbers(text: string, hits: readonly DocNumberHit[]): string {
  let out = text;
  for (const hit of [...hits].reverse()) out = out.slice(0, hit.start) + out.slice(hit.end);
  return out
    .replace(INCOMPLETE_DOC_NUMBER, '')
    .replace(/[（(]\s*[）)]/gu, '')
    .replace(EDGE, '');
}

/** The document number: after the title first, then before it, then inside it (`…〈…〉（粤知…号）的通知`). */
function pickDocNumber(
  parts: { before: DocNumberHit[]; title: DocNumberHit[]; after: DocNumberHit[] },
  text: string,
  outside: string,
  repairs: string[],
): string {
  const hit = parts.after[0] ?? parts.before[0] ?? parts.title[0];
  if (!hit) {
    if (outside.search(INCOMPLETE_DOC_NUMBER) >= 0) repairs.push('doc-number-incomplete');
    return '';
  }
  // Compare with the written form: brackets other than 〔〕 or stray spaces are a repair to record.
  if (!text.includes(hit.value)) repairs.push('doc-number-form');
  return hit.value;
}

/**
 * Read one citation: normalize with the text rules (counting them), then split issuer, title and document number. No
 * input makes it throw (property-tested).
 */
export function parseCitation(raw: string, counts?: RuleCounts): ParsedCitation {
  const written = (typeof raw === 'string' ? raw : String(raw ?? '')).replace(TAG, ' ').trim();
  // No catch: a bug in a repair is not hidden behind an unparsed fallback; the property tests look for it.
  const text = normalizeText(written, ALL_RULES, counts).replace(LEADING_MARKER, '');
  const span = locateTitle(text);
  const repairs = [...span.repairs];
  const hits = {
    before: findDocNumbers(span.before),
    title: findDocNumbers(span.title),
    after: findDocNumbers(span.after),
  };
  const doc_number = pickDocNumber(hits, text, `${span.before} ${span.after}`, repairs);
  const title = tidyTitle(span.title, repairs);
  const before = issuerBefore(withoutDocNumbers(span.before, hits.before));
  const issuer = before !== '' ? before : (ISSUER_IN_TITLE.exec(title)?.[1] ?? '');
  const trailing = withoutDocNumbers(span.after, hits.after);
  const lead = withoutDocNumbers(span.before, hits.before);
  const full_title = lead === '' && trailing === '' ? title : `${lead}《${title}》${trailing}`;
  return { title_raw: written, title, issuer, doc_number, full_title, repairs };
}

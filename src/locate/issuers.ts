import type { StageContext } from '../findings/context.js';
import type { Family } from '../family/spec.js';
import { plainLine } from '../parse/lines.js';
import type { DatedLine } from './dates.js';
import { previousTextLine } from './metaLines.js';

/** Where the issuing organs are named: the title's issuer part, the masthead (`…文件`), the signature block. */
export interface IssuerSources {
  /** The title's text before 关于 (`广东省财政厅 广东省卫生健康委员会`), '' when it names none. */
  title: string;
  /** The masthead's text before 文件, '' when there is none. */
  masthead: string;
  /** The signature's date line, null when there is none. */
  signature: DatedLine | null;
}

/** Most lines of organ names read above the signature date. */
const SIGNATURE_MAX_LINES = 3;
/** Longest line read as organ names in a signature block. */
const SIGNATURE_LINE_MAX = 60;
/** The date a signature line ends with, in digits or Chinese numerals. */
const SIGNATURE_DATE = /(?:\d{4}|[０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年.*$/u;

/**
 * Every issuing organ, in the order the title names them (else the masthead, else the signature).
 * Organs are split where the text separates them (spaces, 、，,) and each part ends as an organ does
 * (family.json `metadata.organEnd`); a part that does not (`广东省 财政厅`, an OCR space) joins the
 * next. The signature confirms: when it names the same organs it may split them where the title
 * wrote none; when it names others, the title's stand and a warning says so.
 */
export function readIssuers(
  lines: readonly string[],
  sources: IssuerSources,
  spec: Family['metadata'],
  ctx: StageContext,
): Issuers {
  // Without a declared ending every separated part is an organ.
  const organEnd = spec.organEnd ?? /(?:)/u;
  const fromTitle = splitOrgans(sources.title, organEnd);
  const fromMasthead = splitOrgans(sources.masthead, organEnd);
  const signed = sources.signature ? signatureOrgans(lines, sources.signature, organEnd) : [];
  const named = fromTitle.length > 0 ? fromTitle : fromMasthead;
  if (named.length === 0) {
    if (signed.length > 0 && sources.signature) {
      const line = sources.signature.line;
      ctx.report({ code: 'locate/issuers-from-signature', annex: 'body', source_line: line, actual: signed.join(' ') });
    }
    return { organs: signed, fromTitle: false };
  }
  const result = (organs: string[]): Issuers => ({ organs, fromTitle: fromTitle.length > 0 });
  if (signed.length === 0) return result(named);
  if (signed.join('') === named.join('')) {
    // The same organs: the signature writes each on its own line or apart, which the title may not.
    if (signed.length > named.length) ctx.count('issuers-split-by-signature');
    return result(signed.length > named.length ? signed : named);
  }
  ctx.report({
    code: 'locate/signature-issuers-differ',
    annex: 'body',
    source_line: sources.signature?.line ?? null,
    actual: signed.join(' '),
    expected: named.join(' '),
  });
  return result(named);
}

/** The issuing organs, and whether the title names them (then they open the title). */
export interface Issuers {
  organs: string[];
  fromTitle: boolean;
}

/** How many closing characters of a name are tested for an organ's ending. */
const ORGAN_END_WINDOW = 16;

/** The organs a text names, split at its separators, a part not ending as an organ joined to the next. */
export function splitOrgans(text: string, organEnd: RegExp): string[] {
  const parts = text.split(/[\s、，,]+/u).filter(Boolean);
  const organs: string[] = [];
  let pending = '';
  for (const part of parts) {
    pending += part;
    // An organ's ending is short: testing the tail keeps a long run of parts linear.
    if (organEnd.test(pending.slice(-ORGAN_END_WINDOW))) {
      organs.push(pending);
      pending = '';
    }
  }
  if (pending) {
    // A tail that ends as no organ belongs to the last one (or is the only name there is).
    if (organs.length > 0) organs[organs.length - 1] += pending;
    else organs.push(pending);
  }
  return organs;
}

/** The organ names of a signature block: before the date on its line, and the short lines of names right above it. */
function signatureOrgans(lines: readonly string[], signature: DatedLine, organEnd: RegExp): string[] {
  const names: string[] = [];
  const onLine = signature.text.replace(SIGNATURE_DATE, '').trim();
  if (onLine) names.unshift(onLine);
  let at = signature.line - 1;
  for (let n = 0; n < SIGNATURE_MAX_LINES; n++) {
    at = previousTextLine(lines, at);
    if (at < 0) break;
    const text = plainLine(lines[at] ?? '');
    // A sentence, a list item, a date or a label is no organ name.
    if (text.length > SIGNATURE_LINE_MAX || /[。；;：:0-9０-９]/u.test(text)) break;
    const organs = splitOrgans(text, organEnd);
    if (organs.length === 0 || !organs.every((o) => organEnd.test(o.slice(-ORGAN_END_WINDOW)))) break;
    names.unshift(text);
  }
  const organs = splitOrgans(names.join(' '), organEnd);
  return organs.every((o) => organEnd.test(o.slice(-ORGAN_END_WINDOW))) ? organs : [];
}

/**
 * Where the cited title sits in a normalized citation, with the OCR's unbalanced and nested
 * title marks repaired: `issuer《title》(doc number)`, `《issuer关于印发〈work〉的通知》`, and their
 * broken forms (a stray 《 before the issuer, a lost final 》, an extra 》).
 */
import { findDocNumbers } from '../normalize/docNumber.js';

/** A citation cut around its title. */
export interface TitleSpan {
  /** Text before the title's opening mark (an issuer, often with 印发). */
  before: string;
  /** The title, marks inside it repaired: nested pairs written 〈〉, unpaired marks dropped. */
  title: string;
  /** Text after the closing mark (the document number, a trailing 的通知). */
  after: string;
  /** Names of the repairs made, for the report. */
  repairs: string[];
}

const OPEN = new Set(['《', '〈']);
const CLOSE = new Set(['》', '〉']);

/**
 * Offset where a trailing document number begins (with its opening parenthesis), or the text
 * length: a title must end there. Only a number after the last title mark counts.
 */
function tailStart(text: string, from: number): number {
  const hit = findDocNumbers(text.slice(from)).at(-1);
  if (!hit || /[《〈》〉]/u.test(text.slice(from + hit.end))) return text.length;
  let start = from + hit.start;
  while (start > from && /[\s（(]/u.test(text[start - 1] ?? '')) start--;
  return start;
}

/** Offsets of marks in `inner` that have no partner, by a stack scan. */
function unpairedMarks(inner: string): { opens: number[]; closes: number[] } {
  const opens: number[] = [];
  const closes: number[] = [];
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i] ?? '';
    if (OPEN.has(ch)) opens.push(i);
    else if (CLOSE.has(ch)) {
      if (opens.length > 0) opens.pop();
      else closes.push(i);
    }
  }
  return { opens, closes };
}

/** Drop the marks at the given offsets and write every remaining pair as the nested mark 〈〉. */
function repairInner(inner: string, drop: readonly number[], repairs: string[]): string {
  const dropped = new Set(drop);
  if (dropped.size > 0) repairs.push('unpaired-title-mark');
  let out = '';
  for (let i = 0; i < inner.length; i++) {
    if (dropped.has(i)) continue;
    const ch = inner[i] ?? '';
    out += ch === '《' ? '〈' : ch === '》' ? '〉' : ch;
  }
  if (/[《》]/u.test(inner)) repairs.push('nested-title-mark');
  return out;
}

/** Offset of the mark closing the opening mark at `first`, or -1 when nesting never returns to 0. */
function balancedClose(text: string, first: number): number {
  let depth = 0;
  for (let i = first; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (OPEN.has(ch)) depth++;
    else if (CLOSE.has(ch) && --depth === 0) return i;
  }
  return -1;
}

/** Offset of the last closing mark in text[from, to), or -1. */
function lastCloseBefore(text: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (CLOSE.has(text[i] ?? '')) return i;
  return -1;
}

/**
 * Cut a normalized citation around its title. Without title marks the whole text up to the document number is the
 * title.
 */
export function locateTitle(text: string): TitleSpan {
  const repairs: string[] = [];
  let firstAt = -1;
  for (let i = 0; i < text.length && firstAt < 0; i++) if (OPEN.has(text[i] ?? '')) firstAt = i;
  if (firstAt < 0) {
    const end = tailStart(text, 0);
    return { before: '', title: text.slice(0, end).trim(), after: text.slice(end), repairs };
  }
  const tail = tailStart(text, firstAt + 1);
  let close = balancedClose(text, firstAt);
  if (close >= 0 && close < tail) {
    // An extra 》 before the document number (`…措施》的通知》`) means the title runs to it.
    const later = lastCloseBefore(text, close + 1, tail);
    if (later > close && !/[《〈]/u.test(text.slice(close + 1, later))) close = later;
  } else {
    const last = lastCloseBefore(text, firstAt + 1, tail);
    const rest = last < 0 ? '' : text.slice(last + 1, tail).trim();
    // A lost final 》 leaves words such as 的通知 after the last mark: the title ends at the tail.
    close = last < 0 || rest !== '' ? tail : last;
    if (close === tail) repairs.push('lost-closing-title-mark');
  }
  const before = text.slice(0, firstAt);
  const inner = text.slice(firstAt + 1, close);
  // A title closed at the tail has no mark to skip: the tail itself starts `after`.
  const after = close === tail ? text.slice(tail) : text.slice(close + 1);
  const { opens, closes } = unpairedMarks(inner);
  const firstOpen = opens[0];
  if (close < tail && firstOpen !== undefined && closes.length === 0 && firstOpen > 0) {
    // `《issuer《title》(…)`: the leading mark is the stray one; the issuer stands outside the title.
    repairs.push('stray-leading-title-mark');
    const title = repairInner(
      inner.slice(firstOpen + 1),
      opens.slice(1).map((o) => o - firstOpen - 1),
      repairs,
    );
    return { before: before + inner.slice(0, firstOpen), title: title.trim(), after, repairs };
  }
  const title = repairInner(inner, [...opens, ...closes], repairs);
  return { before, title: title.trim(), after, repairs };
}

/**
 * Split one 政策依据 cell into its cited documents, whatever the cell's form: an HTML list
 * (`<ol><li>`), paragraphs (`<p>`), numbered text (`1.` `2、` `（3）` `④`), consecutive 《…》,
 * or any mix of these, including two citations fused in one item (`《A》、《B》`, `…意见》2.《…`).
 */

/** One citation cut out of a cell. */
export interface CitationText {
  /** The citation's own source text: tags removed, list numbering stripped, entities kept as written. */
  raw: string;
  /** Position in the cell, 1-based, whatever number the source wrote. */
  index: number;
}

/** Tags that end one item of the cell; replaced by line breaks before anything else is read. */
const BLOCK_TAG = /<\/?(?:li|p|ol|ul|div|br|tr|td|th|table|tbody)\b[^<>]*>/gi;

/** Any other HTML tag (`<span>`, `<strong>`). Requires an ASCII letter, so `<关于…>` titles stay. */
const INLINE_TAG = /<\/?[A-Za-z][^<>]*>/g;

/**
 * A list marker: `12.` `3、` `4．` (not a decimal such as 2.5), `（5）` `(6)`, or ①–⑳. It counts only
 * after the start or a boundary (space, closing mark, sentence punctuation) and before the start
 * of a citation, so digits inside titles and document numbers (〔2020〕43号) never split.
 */
const LIST_MARKER = new RegExp(
  String.raw`(?<=^|[\s》〉>）)\]】。；;，,、])` +
    String.raw`(?:\d{1,2}\s*[.．、](?!\d)|[（(]\d{1,2}[）)]|[\u2460-\u2473])` +
    String.raw`(?=\s*(?:[《〈<&“"]|\p{Script=Han}))`,
  'gu',
);

/** What may stand between two fused citations: separators and the conjunctions 和 及 与. */
const BETWEEN = /^[\s、，,；;。]*(?:(?:以及|和|及|与)[\s、，,；;]*)?$/u;

/** Separators and spaces trimmed from both ends of a citation. */
const EDGE_NOISE = /^[\s、，,；;。.．:：]+|[\s、，,；;。:：]+$/gu;

/** A citation must hold at least one letter or ideograph; lone punctuation is dropped. */
const HAS_CONTENT = /[\p{L}\p{N}]/u;

/** Title marks read for nesting depth; the OCR writes the nested mark as 《 as often as 〈. */
const OPEN_MARKS = new Set(['《', '〈']);
const CLOSE_MARKS = new Set(['》', '〉']);

/** Cut text at every list marker, dropping the markers. */
function splitAtListMarkers(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const m of text.matchAll(LIST_MARKER)) {
    const at = m.index ?? 0;
    pieces.push(text.slice(from, at));
    from = at + m[0].length;
  }
  pieces.push(text.slice(from));
  return pieces;
}

/**
 * Cut text where a citation that has closed (its 》, or the ） of its document number) is followed,
 * at nesting depth 0, by a new 《 with only separators between. A closing parenthesis ends any
 * nesting left open by an unbalanced mark, so one stray 《 cannot glue the rest of a cell together.
 */
function splitAdjacentTitles(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let from = 0;
  let lastClose = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (OPEN_MARKS.has(ch)) {
      if (depth === 0 && lastClose >= from && BETWEEN.test(text.slice(lastClose + 1, i))) {
        pieces.push(text.slice(from, lastClose + 1));
        from = lastClose + 1;
      }
      depth++;
    } else if (CLOSE_MARKS.has(ch)) {
      depth = Math.max(0, depth - 1);
      if (depth === 0) lastClose = i;
    } else if (ch === '）' || ch === ')') {
      if (/号\s*$/u.test(text.slice(Math.max(from, i - 8), i))) {
        depth = 0;
        lastClose = i;
      }
    }
  }
  pieces.push(text.slice(from));
  return pieces;
}

/** The items of a cell as plain-text lines: block tags and line breaks separate, other tags vanish. */
function cellLines(cellRaw: string): string[] {
  return cellRaw.replace(BLOCK_TAG, '\n').replace(INLINE_TAG, ' ').split(/\r?\n/);
}

/**
 * Split one 政策依据 cell (raw HTML or text, as in the source) into citations. No input makes it throw (property-tested).
 */
export function splitCitations(cellRaw: string): CitationText[] {
  const text = typeof cellRaw === 'string' ? cellRaw : String(cellRaw ?? '');
  // No catch: a bug here is not hidden behind a fallback; the property tests look for it.
  const raws = cellLines(text)
    .flatMap(splitAtListMarkers)
    .flatMap(splitAdjacentTitles)
    .map((piece) => piece.replace(EDGE_NOISE, '').replace(/\s+/g, ' '))
    .filter((piece) => HAS_CONTENT.test(piece));
  return raws.map((raw, i) => ({ raw, index: i + 1 }));
}

import type { StageContext } from '../findings/context.js';
import type { Family } from '../family/spec.js';
import { plainLine } from '../parse/lines.js';

/** Non-blank lines after the title that may stand before the addressees (a date or source line, a number, a wrap). */
const ADDRESSEE_LOOKAHEAD = 8;
/** Most lines one addressee line is wrapped over. */
const ADDRESSEE_MAX_LINES = 4;

/**
 * The addressees (主送机关): the line ending with a colon before the body's first sentence, of any
 * length, or such a line wrapped over several (`…财政局、`/`…农业农村局：`); split on 、，,.
 * A sentence (。) ends the search; a paragraph ending in 如下： (family.json `recipientsNot`) is none.
 */
export function readAddressees(
  lines: readonly string[],
  titleLine: number,
  spec: Family['metadata'],
  ctx: StageContext,
): string[] {
  const regex = spec.recipients;
  const not = spec.recipientsNot ? spec.recipientsNot : null;
  const skipped = [spec.dateSource, spec.docNumber].filter((p): p is RegExp => p !== undefined);
  let parts: string[] = [];
  let seen = 0;
  for (let i = titleLine; i < lines.length && seen < ADDRESSEE_LOOKAHEAD; i++) {
    const raw = (lines[i] ?? '').trim();
    const text = plainLine(raw);
    if (!text) continue;
    if (text.includes('。')) break;
    // A heading, a web page's date line or the document number stands between title and addressees.
    if (raw.startsWith('#') || skipped.some((p) => p.test(text))) {
      parts = [];
      continue;
    }
    seen++;
    const m = regex.exec(text);
    if (m) {
      if (not?.test(text)) break;
      const names = [...parts, m[1] ?? ''].join('');
      if (parts.length > 0) ctx.count('addressee-lines-joined', parts.length);
      return names
        .split(/[、，,]/u)
        .map((s) => s.trim())
        .filter(Boolean);
    }
    // A part of a wrapped addressee line holds names only: no colon, digit or opening bracket of a note.
    const wraps = !/[：:；;\d]|^[（(【[]/u.test(text) && parts.length < ADDRESSEE_MAX_LINES - 1;
    parts = wraps ? [...parts, text] : [];
  }
  return [];
}

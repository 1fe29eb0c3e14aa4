import { htmlTableRanges, MAX_TABLE_DEPTH } from '../parse/maskRows.js';
import type { StageContext } from '../findings/context.js';
import { ANNEX_KINDS, type AnnexKind, type Family } from '../family/spec.js';
import type { LineRange } from '../grid/build.js';
import { headingsOf, type Heading, type ParsedNotice } from '../parse/markdown.js';
import { readAttachments } from './attachments.js';
import { classifyAnnex } from './classify.js';
import { outlineOf, type Outline, type OutlineLine } from './outline.js';
import { foldCompatibility } from '../normalize/width.js';
import { foldAnnexLabel } from '../normalize/annexLabel.js';
import { stripTags } from '../normalize/markup.js';

/** One annex as located in the notice. */
export interface LocatedAnnex {
  /** The label as numbered in the notice, digits folded: `1`, `3-1` (`附件一` gives `1`). */
  label: string;
  /** Its kind, or null when neither its title nor its header names one. */
  kind: AnnexKind | null;
  /** From its marker line to the line before the next annex marker or the end of the notice. */
  range: LineRange;
  /** The title as written after the marker or on the lines below it; '' when none. */
  title: string;
}

/** Where each part of the notice is: the body and each annex as line ranges. */
export interface NoticeLayout {
  /** Lines before the first annex. */
  body: LineRange;
  /** Every annex in source order. */
  annexes: LocatedAnnex[];
  /** Every Markdown heading, for metadata. */
  headings: Heading[];
  /** Every text line outside tables, whatever its form, and the lines tables occupy. */
  outline: Outline;
  /** The closing block (版记) after the last annex, or null. */
  closing: LineRange | null;
}

/** An annex marker line: its label and the title that follows it on the same line. */
interface Marker {
  line: OutlineLine;
  label: string;
  title: string;
}

/**
 * Find the annexes by their marker lines (`附件1`, `**附件 2：**`, `附件三`, `附件3-1 …表`) however they
 * are written, and classify each by its title or header row. A run of markers with no table between
 * them before the first real annex is the body's list of attachments, not annexes.
 */
export function locateAnnexes(parsed: ParsedNotice, family: Family, ctx: StageContext): NoticeLayout {
  const outline = outlineOf(parsed);
  const lastLine = parsed.lines.length;
  for (const table of htmlTableRanges(parsed.lines, 1, lastLine)) {
    if (table.unclosed)
      ctx.report({
        code: 'locate/table-unclosed',
        source_line: table.start,
        actual: '<table>',
        expected: String(table.end),
      });
    if (table.depth > MAX_TABLE_DEPTH) {
      ctx.report({
        code: 'locate/table-nested-too-deep',
        source_line: table.start,
        actual: String(table.depth),
        expected: String(MAX_TABLE_DEPTH),
      });
    }
  }
  const pattern = family.annexMarker;
  const candidates: Marker[] = [];
  for (const line of outline.lines) {
    if (line.form === 'caption') continue;
    const match = pattern.exec(foldCompatibility(line.text).replace(/\s+/g, ' ').trim());
    if (match) candidates.push({ line, label: foldAnnexLabel(match[1] ?? ''), title: (match[2] ?? '').trim() });
  }
  const hasTable = (from: number, to: number): boolean => {
    for (let l = from; l <= to; l++) if (outline.tableLines.has(l)) return true;
    return false;
  };
  const markers: Marker[] = [];
  candidates.forEach((marker, i) => {
    const next = candidates[i + 1]?.line.line ?? lastLine + 1;
    if (markers.length > 0 || hasTable(marker.line.line, next - 1)) markers.push(marker);
  });
  const listed = attachmentList(parsed.lines.slice(0, (markers[0]?.line.line ?? lastLine + 1) - 1), family);
  const closingAt =
    markers.length > 0 ? closingLine(parsed, (markers[markers.length - 1] as Marker).line.line, family) : null;
  if (closingAt !== null && hasTable(closingAt, lastLine)) {
    ctx.report({
      code: 'locate/closing-block',
      annex: (markers[markers.length - 1] as Marker).label,
      source_line: closingAt,
      actual: parsed.lines[closingAt - 1]?.trim() ?? '',
    });
  }
  const annexes: LocatedAnnex[] = markers.map((marker, i) => {
    const range = { start: marker.line.line, end: (markers[i + 1]?.line.line ?? closingAt ?? lastLine + 1) - 1 };
    if (marker.line.form !== 'heading') {
      ctx.report({
        code: 'locate/annex-marker-form',
        annex: marker.label,
        source_line: marker.line.line,
        actual: marker.line.text,
        params: { form: marker.line.form },
      });
    }
    const title = marker.title || titleBelow(outline, range) || listed.get(marker.label) || '';
    const kind = classifyAnnex(parsed, outline, { label: marker.label, range, title }, family, ctx);
    return { label: marker.label, kind, range, title };
  });
  // The body's list of attachments names what the notice holds: a listed annex not found may be cut off.
  for (const [label, title] of listed) {
    if (annexes.some((a) => a.label === label || a.label.startsWith(`${label}-`) || label.startsWith(`${a.label}-`)))
      continue;
    ctx.report({ code: 'locate/annex-listed-missing', annex: label, source_line: null, actual: title });
  }
  for (const kind of ANNEX_KINDS) {
    if (annexes.some((a) => a.kind === kind)) continue;
    const spec = family.annexes[kind];
    ctx.report({
      code: spec.required ? 'locate/annex-missing' : 'locate/annex-absent',
      annex: kind,
      expected: spec.titles.join('、'),
    });
  }
  const closing = closingAt === null ? null : { start: closingAt, end: lastLine };
  return {
    body: { start: 1, end: (markers[0]?.line.line ?? lastLine + 1) - 1 },
    annexes,
    headings: headingsOf(parsed),
    outline,
    closing,
  };
}

/** Longest line read as a line of the closing block (版记). */
const CLOSING_LINE_MAX = 200;

/**
 * The first line after the last annex marker that opens the closing block (family.json
 * `metadata.closing`: 公开方式, 抄送, the 印发 line), read as text whether it is a line or a table row
 * (the 版记 is a ruled block that converters may write as a table); null when there is none.
 */
function closingLine(parsed: ParsedNotice, after: number, family: Family): number | null {
  const patterns = family.metadata.closing;
  if (patterns.length === 0) return null;
  for (let l = after + 1; l <= parsed.lines.length; l++) {
    const line = parsed.lines[l - 1] ?? '';
    // A line of the 版记 is short; the long lines of an annex (a target table's HTML cells) are none.
    if (line.length > CLOSING_LINE_MAX) continue;
    const text = foldCompatibility(stripTags(line, ' ').replace(/[|\t*_]/g, ' '))
      .replace(/\s+/g, ' ')
      .trim();
    if (text && patterns.some((p) => p.test(text))) return l;
  }
  return null;
}

const UNIT_LINE = /^(?:金额)?单位\s*[:：]/;

/**
 * The text lines between a marker and the annex's first table row (a caption of that table
 * included), joined once each, at most three: the annex title when the marker line has none. In an
 * annex without a table, its first line. Unit lines are not title.
 */
function titleBelow(outline: Outline, range: LineRange): string {
  let firstTable = range.end + 1;
  for (let l = range.start + 1; l <= range.end; l++) {
    if (outline.tableLines.has(l)) {
      firstTable = l;
      break;
    }
  }
  return (
    outline.lines
      .filter(
        (l) =>
          l.line > range.start &&
          (l.line < firstTable || (l.line === firstTable && l.form === 'caption')) &&
          !UNIT_LINE.test(l.text),
      )
      .map((l) => l.text)
      // A converter may write the title above the table and again as its caption or first spanning row.
      .filter((text, i, all) => all.indexOf(text) === i)
      // An annex of text only (rules, a form): its first line is its title, the rest its text.
      .slice(0, firstTable > range.end ? 1 : 3)
      .join(' ')
  );
}

/** The body's own list of attachments (`附件：1. …分配情况表` then `2. …`): numbered label → title. */
function attachmentList(bodyLines: readonly string[], family: Family): Map<string, string> {
  const titles = new Map<string, string>();
  for (const item of readAttachments(bodyLines, family.metadata).items) {
    if (item.label) titles.set(item.label, item.title);
  }
  return titles;
}

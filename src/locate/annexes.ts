import type { StageContext } from '../findings/context.js';
import type { Family } from '../family/spec.js';
import type { LineRange } from '../grid/build.js';
import { headingsOf, type Heading, type ParsedNotice } from '../parse/markdown.js';

/** Where each part of the notice is: the body and each annex as line ranges. */
export interface NoticeLayout {
  /** Lines before the first annex. */
  body: LineRange;
  /** Annex 1 lines, or null when not found. */
  annex1: LineRange | null;
  /** Annex 2 lines, or null when not found. */
  annex2: LineRange | null;
  /** Annex 3 lines, or null when not found. */
  annex3: LineRange | null;
  /** Every heading, for later stages (titles, target tables). */
  headings: Heading[];
}

const ANNEXES = ['annex1', 'annex2', 'annex3'] as const;

/** Find the annexes by their headings; each runs to the next annex heading or the end of the notice. */
export function locateAnnexes(parsed: ParsedNotice, family: Family, ctx: StageContext): NoticeLayout {
  const headings = headingsOf(parsed);
  const lastLine = parsed.lines.length;
  const starts: { annex: (typeof ANNEXES)[number]; line: number }[] = [];
  for (const annex of ANNEXES) {
    const pattern = new RegExp(family[annex].heading, 'u');
    const heading = headings.find((h) => pattern.test(h.text.replace(/\s+/g, ' ').trim()));
    if (heading) starts.push({ annex, line: heading.line });
    else ctx.report({ code: 'locate/annex-missing', annex, params: { annex }, expected: family[annex].heading });
  }
  starts.sort((a, b) => a.line - b.line);
  const layout: NoticeLayout = { body: { start: 1, end: (starts[0]?.line ?? lastLine + 1) - 1 }, annex1: null, annex2: null, annex3: null, headings };
  starts.forEach((s, i) => {
    layout[s.annex] = { start: s.line, end: (starts[i + 1]?.line ?? lastLine + 1) - 1 };
  });
  return layout;
}

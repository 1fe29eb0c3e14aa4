import type { StageContext } from '../findings/context.js';
import { ANNEX_KINDS, type AnnexKind, type Family } from '../family/spec.js';
import { gridRows, type LineRange } from '../grid/build.js';
import { mapHeader } from '../grid/header.js';
import type { ParsedNotice } from '../parse/markdown.js';
import { compactKey } from '../normalize/compact.js';
import type { Outline } from './outline.js';

/** What the classifier sees of an annex. */
export interface AnnexToClassify {
  /** Its label, for findings. */
  label: string;
  /** Its lines. */
  range: LineRange;
  /** Its title as written, or ''. */
  title: string;
}

/** The kind whose longest title word the title contains (明细分配表 beats 分配表), or null. */
export function kindByTitle(title: string, family: Family): AnnexKind | null {
  const key = compactKey(title);
  let best: { kind: AnnexKind; length: number } | null = null;
  for (const kind of ANNEX_KINDS) {
    for (const word of family.annexes[kind].titles) {
      const length = compactKey(word).length;
      if (key.includes(compactKey(word)) && length > (best?.length ?? 0)) best = { kind, length };
    }
  }
  return best?.kind ?? null;
}

/**
 * The kind of an annex: by its title; failing that by its content — a target-table title line
 * inside it, or the money kind whose header names the most columns. Content is an info finding.
 * An annex neither names is null, and extracted by nothing: with table rows an error finding (rows
 * that are not read), with text only a warning (a notice's rules or a form beside its tables).
 */
export function classifyAnnex(
  parsed: ParsedNotice,
  outline: Outline,
  annex: AnnexToClassify,
  family: Family,
  ctx: StageContext,
): AnnexKind | null {
  const byTitle = kindByTitle(annex.title, family);
  if (byTitle) return byTitle;
  const { kind, rows } = kindByContent(parsed, outline, annex.range, family);
  if (kind)
    ctx.report({
      code: 'locate/annex-kind-from-content',
      annex: annex.label,
      source_line: annex.range.start,
      actual: annex.title,
      expected: kind,
    });
  else if (rows > 0)
    ctx.report({
      code: 'locate/annex-unclassified',
      annex: annex.label,
      source_line: annex.range.start,
      actual: annex.title,
      params: { rows },
    });
  else
    ctx.report({
      code: 'locate/annex-text-only',
      annex: annex.label,
      source_line: annex.range.start,
      actual: annex.title,
    });
  return kind;
}

/** The kind an annex's content names, and how many table rows with text it holds. */
function kindByContent(
  parsed: ParsedNotice,
  outline: Outline,
  range: LineRange,
  family: Family,
): { kind: AnnexKind | null; rows: number } {
  const rows = gridRows(parsed, range).filter((r) => r.cells.some((c) => c.text !== ''));
  const tableTitle = family.annexes.targets.tableHeading;
  if (outline.lines.some((l) => l.line >= range.start && l.line <= range.end && tableTitle.test(compactKey(l.text))))
    return { kind: 'targets', rows: rows.length };
  let best: { kind: AnnexKind; roles: number } | null = null;
  for (const kind of ['allocation', 'detail'] as const) {
    const spec = { ...family.annexes[kind], label: '' };
    for (const row of rows) {
      const roles = mapHeader(row, spec)?.roles.size ?? 0;
      if (roles > (best?.roles ?? 0)) best = { kind, roles };
    }
  }
  return { kind: best?.kind ?? null, rows: rows.length };
}

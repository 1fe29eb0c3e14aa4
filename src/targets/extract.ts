import type { IndicatorRow } from '../../schemas/indicators.js';
import type { TargetRow } from '../../schemas/targets.js';
import type { StageContext } from '../findings/context.js';
import type { TargetsAnnex } from '../family/spec.js';
import type { LineRange } from '../grid/build.js';
import type { RecipientIndex } from '../join/recipients.js';
import type { ParsedNotice } from '../parse/markdown.js';
import type { Outline } from '../locate/outline.js';
import { indicatorCells } from './indicatorCells.js';
import { extractIndicators } from './indicators.js';
import { levelVocabulary } from './levels.js';
import { splitTargetTable } from './tableParts.js';
import { readTarget, type PolicyBasisCell } from './target.js';
import { targetTables } from './tables.js';

/** What Annex 3 yields: one target per table, its indicator rows, and the 政策依据 cells for citations. */
export interface TargetRecords {
  /** One per table, in source order. */
  targets: TargetRow[];
  /** Every indicator row of every table, in source order. */
  indicators: IndicatorRow[];
  /** One per table that has a 政策依据 cell, in table order. */
  policyCells: PolicyBasisCell[];
}

/** A target-table annex → targets and indicators: split into tables, each read as metadata block + indicator rows. */
export function extractTargets(
  parsed: ParsedNotice,
  range: LineRange,
  outline: Outline,
  spec: TargetsAnnex,
  recipients: RecipientIndex,
  ctx: StageContext,
): TargetRecords {
  const vocab = levelVocabulary(spec);
  const out: TargetRecords = { targets: [], indicators: [], policyCells: [] };
  for (const table of targetTables(parsed, range, outline, spec, ctx)) {
    const parts = splitTargetTable(table.rows, spec, vocab, ctx);
    const { target, policy } = readTarget(table, parts, spec, recipients, ctx);
    const where = { annex: spec.label, recipientCode: target.recipient_code, recipientMatch: target.recipient_match };
    const indicators = extractIndicators(parts.indicatorRows, vocab, where, ctx, parts.columns);
    // A row of level labels only carries its levels down and is no record of its own.
    const named = parts.indicatorRows.filter((row) => indicatorCells(row, vocab, parts.columns).name !== undefined);
    ctx.tableRows({ kind: 'indicator', annex: spec.label, line: table.line, rows: [...named, ...parts.droppedRows] });
    if (indicators.length === 0)
      ctx.report({
        code: 'targets/indicators-missing',
        annex: spec.label,
        recipient_code: target.recipient_code,
        source_line: table.line,
      });
    out.targets.push({ ...target, indicator_count: indicators.length });
    out.indicators.push(...indicators);
    if (policy) out.policyCells.push(policy);
  }
  return out;
}

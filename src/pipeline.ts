import type { AllocationRow } from '../schemas/annex1_allocations.js';
import type { DetailRow } from '../schemas/annex2_details.js';
import { datasetSchema } from '../schemas/index.js';
import { extractAllocations } from './annex1/extract.js';
import { extractDetails } from './annex2/extract.js';
import { extractTargets } from './annex3/extract.js';
import { extractCitations } from './citations/extract.js';
import { buildNoticeFiles, type NoticeFiles } from './emit/noticeFiles.js';
import { Collector, type StageContext } from './findings/context.js';
import { chooseFamily } from './family/load.js';
import type { Family, TableAnnex } from './family/spec.js';
import { gridRows, type LineRange } from './grid/build.js';
import { headTable } from './grid/header.js';
import { assignIndicators } from './indicators/assign.js';
import { buildRecipientIndex } from './join/recipients.js';
import { locateAnnexes } from './locate/annexes.js';
import { readMetadata } from './locate/metadata.js';
import { reconcile } from './reconcile/index.js';
import { parseMarkdown, type ParsedNotice } from './parse/markdown.js';
import { InputError } from './read/inputError.js';
import { decodeInput } from './read/readInput.js';
import { reviewRows } from './review/rows.js';
import { summarizeMatches } from './review/summary.js';
import { statedUnit, tableUnit } from './tables/unitLine.js';
import { primaryKeysNotHeld } from './validate/keys.js';
import { validateRecords } from './validate/records.js';

/** Options that change what a run produces. */
export interface ExtractOptions {
  /** Write CSV with a UTF-8 BOM. */
  bom: boolean;
  /** Extract what is there when required annexes are missing, instead of failing the input. */
  allowPartial: boolean;
}

/** One notice, start to finish: read → parse → locate → grids → records → match to registries → validate → files. */
export function extractNotice(file: string, noticeId: string, bytes: Buffer, families: readonly Family[], options: ExtractOptions): NoticeFiles {
  const ctx = new Collector();
  const source = decodeInput(file, bytes, ctx);
  const family = chooseFamily(file, source.text, families);
  const parsed = parseMarkdown(source.text);
  const layout = locateAnnexes(parsed, family, ctx);
  const missing = (['annex1', 'annex2', 'annex3'] as const).filter((a) => layout[a] === null);
  if (missing.length > 0 && !options.allowPartial) {
    throw new InputError(file, `required annexes missing: ${missing.join(', ')} (the notice may be cut off; --allow-partial extracts what is there)`);
  }
  const meta = readMetadata(parsed, layout, family, ctx);
  const allocations = validateRecords(datasetSchema('annex1_allocations'), 'annex1', moneyTable(parsed, layout.annex1, family.annex1, ctx, (t, unit) => extractAllocations(t, family.annex1, unit, ctx)) ?? [], ctx);
  const recipients = buildRecipientIndex(allocations, family);
  const details = validateRecords(datasetSchema('annex2_details'), 'annex2', moneyTable(parsed, layout.annex2, family.annex2, ctx, (t, unit) => extractDetails(t, family.annex2, unit, recipients, ctx)) ?? [], ctx);
  const annex3 = layout.annex3 ? extractTargets(parsed, layout.annex3, layout.headings, family.annex3, recipients, ctx) : null;
  const targets = validateRecords(datasetSchema('annex3_targets'), 'annex3', annex3?.targets ?? [], ctx);
  const standard = assignIndicators(annex3?.indicators ?? [], family.indicators, family.annex3.label, ctx);
  const indicators = validateRecords(datasetSchema('annex3_indicators'), 'annex3', standard.records, ctx);
  const cited = extractCitations(annex3?.policyCells ?? [], family.policies, family.annex3.label, ctx);
  const citations = validateRecords(datasetSchema('annex3_citations'), 'annex3', cited.records, ctx);
  reconcile({ allocations, details, targets: annex3 ? targets : null, budgetYear: meta.budget_year }, family, ctx);
  const datasets = { annex1_allocations: allocations, annex2_details: details, annex3_targets: targets, annex3_indicators: indicators, annex3_citations: citations };
  const keysNotHeld = primaryKeysNotHeld(datasets, ctx);
  return buildNoticeFiles({
    noticeId,
    sha256: source.sha256,
    family,
    meta,
    datasets,
    keysNotHeld,
    review: reviewRows(cited.pending, standard.pending, family),
    matching: summarizeMatches(citations, indicators),
    findings: ctx.findings,
    repairs: ctx.repairs,
    bom: options.bom,
    allowPartial: options.allowPartial,
  });
}

/** Rebuild a money annex's grid, find its header and unit, and extract its records. */
function moneyTable<T extends AllocationRow | DetailRow>(
  parsed: ParsedNotice,
  range: LineRange | null,
  spec: TableAnnex,
  ctx: StageContext,
  extract: (table: NonNullable<ReturnType<typeof headTable>>, unit: string) => T[],
): T[] | null {
  if (!range) return null;
  const table = headTable(gridRows(parsed, range), spec, ctx);
  if (!table) return null;
  const unit = tableUnit(statedUnit(parsed, range), { unit: table.columns.unit, line: table.headerLine }, spec.unit, spec.label, ctx);
  return extract(table, unit);
}

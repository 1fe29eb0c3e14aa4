import type { AllocationRow } from '../schemas/allocations.js';
import type { DetailRow } from '../schemas/details.js';
import { datasetSchema } from '../schemas/index.js';
import { extractAllocations } from './allocations/extract.js';
import { extractDetails } from './details/extract.js';
import { extractTargets } from './targets/extract.js';
import { extractCitations } from './citations/extract.js';
import { buildNoticeFiles, type NoticeFiles } from './emit/noticeFiles.js';
import { Collector, type RowKind, type StageContext } from './findings/context.js';
import { chooseFamily } from './read/chooseFamily.js';
import { ANNEX_KINDS, type AnnexKind, type Family, type TableAnnex } from './family/spec.js';
import { gridRows, type LineRange } from './grid/build.js';
import { headTable } from './grid/header.js';
import { assignIndicators } from './indicators/assign.js';
import { levelParents } from './targets/levels.js';
import { buildRecipientIndex } from './join/recipients.js';
import { locateAnnexes, type NoticeLayout } from './locate/annexes.js';
import { readMetadata } from './locate/metadata.js';
import { reconcile } from './reconcile/index.js';
import { mathAsText } from './parse/inlineMath.js';
import { parseMarkdown, type ParsedNotice } from './parse/markdown.js';
import { InputError } from './read/inputError.js';
import { decodeInput, type SourceText } from './read/readInput.js';
import type { AssembledNotice } from './files/assemble.js';
import { fileFindingInput } from './files/findings.js';
import { placeRecords } from './files/provenance.js';
import { reviewRows } from './review/rows.js';
import { summarizeMatches } from './review/summary.js';
import { statedUnit, tableUnit, unitInTitleRows } from './money/unitLine.js';
import { foreignKeysNotHeld, primaryKeysNotHeld } from './validate/keys.js';
import { validateRecords } from './validate/records.js';
import { accountTables } from './validate/accounting.js';

/** Options that change what a run produces. */
export interface ExtractOptions {
  /** Write CSV with a UTF-8 BOM. */
  bom: boolean;
  /** Extract what is there when required annexes are missing, instead of failing the input. */
  allowPartial: boolean;
  /**
   * Leave the record files (datasets as JSON and CSV, datapackage.json) to whoever writes the folder: a writer thread.
   */
  deferRecordFiles?: boolean;
}

/**
 * One notice, start to finish: read → parse → locate → grids → records → match to registries → validate → files.
 * The input is a file's bytes, or a notice folder already read into one text (files/assemble.ts).
 */
export function extractNotice(
  file: string,
  noticeId: string,
  input: Buffer | AssembledNotice,
  families: readonly Family[],
  options: ExtractOptions,
): NoticeFiles {
  const ctx = new Collector();
  const source = Buffer.isBuffer(input) ? decodeInput(file, input, ctx) : assembledSource(file, input, ctx);
  const places = Buffer.isBuffer(input) ? null : input.places;
  const text = mathAsText(source.text, ctx);
  const family = chooseFamily(file, text, families);
  const parsed = parseMarkdown(text);
  if (parsed.delimitersFitted > 0) ctx.count('pipe-delimiter-fitted', parsed.delimitersFitted);
  const layout = locateAnnexes(parsed, family, ctx);
  refuseIncomplete(file, layout, family, options);
  const meta = readMetadata(parsed, layout, family, ctx);
  const ofKind = (kind: AnnexKind) =>
    layout.annexes.filter((a) => a.kind === kind).map((a) => ({ range: a.range, label: a.label }));
  const allocationRows = ofKind('allocation').flatMap((a) =>
    moneyTable(parsed, a.range, { ...family.annexes.allocation, label: a.label }, 'allocation', ctx, (t, spec, unit) =>
      extractAllocations(t, spec, unit, ctx),
    ),
  );
  const allocations = validateRecords(
    datasetSchema('allocations'),
    'allocation',
    placeRecords(allocationRows, places),
    ctx,
  );
  const recipients = buildRecipientIndex(allocations, family);
  const detailRows = ofKind('detail').flatMap((a) =>
    moneyTable(parsed, a.range, { ...family.annexes.detail, label: a.label }, 'detail', ctx, (t, spec, unit) =>
      extractDetails(t, spec, unit, recipients, ctx),
    ),
  );
  const details = validateRecords(datasetSchema('details'), 'detail', placeRecords(detailRows, places), ctx);
  const tables = ofKind('targets').map((a) =>
    extractTargets(parsed, a.range, layout.outline, { ...family.annexes.targets, label: a.label }, recipients, ctx),
  );
  const targets = validateRecords(
    datasetSchema('targets'),
    'targets',
    placeRecords(
      tables.flatMap((t) => t.targets),
      places,
    ),
    ctx,
  );
  const standard = assignIndicators(
    tables.flatMap((t) => t.indicators),
    family.indicators,
    ctx,
    family.rejected.indicators,
    levelParents(family.annexes.targets),
  );
  const indicators = validateRecords(
    datasetSchema('indicators'),
    'targets',
    placeRecords(standard.records, places),
    ctx,
  );
  const cited = extractCitations(
    tables.flatMap((t) => t.policyCells),
    family.policies,
    ctx,
    family.rejected.policies,
  );
  const citations = validateRecords(datasetSchema('citations'), 'targets', placeRecords(cited.records, places), ctx);
  refuseEmpty(
    file,
    { allocation: allocations.length, detail: details.length, targets: targets.length },
    layout,
    options,
  );
  const accounts = accountTables(ctx.tables, { allocation: allocations, detail: details, indicator: indicators }, ctx);
  const present = new Set(layout.annexes.flatMap((a) => (a.kind ? [a.kind] : [])));
  reconcile(
    {
      allocations,
      details,
      targets,
      present,
      bodyLines: parsed.lines.slice(layout.body.start - 1, layout.body.end),
      budgetYear: meta.budget_year,
    },
    family,
    ctx,
  );
  const datasets = { allocations, details, targets, indicators, citations };
  const review = reviewRows(cited.pending, standard.pending, family);
  const keysNotHeld = {
    primary: primaryKeysNotHeld(datasets, ctx),
    foreign: foreignKeysNotHeld({ ...datasets, review }, ctx),
  };
  return buildNoticeFiles(
    {
      noticeId,
      sha256: source.sha256,
      family,
      meta,
      annexes: layout.annexes.map((a) => ({
        label: a.label,
        kind: a.kind ?? '',
        title: a.title,
        start_line: a.range.start,
        end_line: a.range.end,
      })),
      datasets,
      keysNotHeld,
      review,
      matching: summarizeMatches(citations, indicators),
      findings: ctx.findings,
      repairs: ctx.repairs,
      tables: accounts,
      bom: options.bom,
      allowPartial: options.allowPartial,
      // The report quotes the input as written, LaTeX included; the records hold the text it stands for.
      sourceLines: text === source.text ? parsed.lines : source.text.split('\n'),
    },
    options.deferRecordFiles === true,
  );
}

/** A notice folder's assembled text as the source the stages read; what reading its files found becomes findings. */
function assembledSource(file: string, notice: AssembledNotice, ctx: Collector): SourceText {
  for (const finding of notice.findings) ctx.report(fileFindingInput(finding));
  return { file, text: notice.text, sha256: notice.sha256 };
}

/**
 * A notice without a required kind of annex is refused unless `--allow-partial`. An annex of no
 * known kind does not refuse it: the annexes of known kinds are extracted, and the other one is a
 * finding (locate/annex-unclassified, an error when it holds table rows; annex-text-only otherwise).
 */
function refuseIncomplete(file: string, layout: NoticeLayout, family: Family, options: ExtractOptions): void {
  if (options.allowPartial) return;
  const missing = ANNEX_KINDS.filter(
    (kind) => family.annexes[kind].required && !layout.annexes.some((a) => a.kind === kind),
  );
  if (missing.length > 0) {
    const words = missing.map((kind) => `${kind} (${family.annexes[kind].titles.join('/')})`).join(', ');
    throw new InputError(
      file,
      `required annexes missing: ${words} (the notice may be cut off; --allow-partial extracts what is there)`,
    );
  }
}

/**
 * A kind the notice has that yielded no records fails the input unless `--allow-partial`: a located annex never
 * vanishes with exit 0.
 */
function refuseEmpty(
  file: string,
  counts: Record<AnnexKind, number>,
  layout: NoticeLayout,
  options: ExtractOptions,
): void {
  if (options.allowPartial) return;
  const empty = ANNEX_KINDS.filter((kind) => counts[kind] === 0 && layout.annexes.some((a) => a.kind === kind));
  if (empty.length > 0) {
    const which = empty
      .map(
        (kind) =>
          `${kind} (附件${layout.annexes
            .filter((a) => a.kind === kind)
            .map((a) => a.label)
            .join('、')})`,
      )
      .join(', ');
    throw new InputError(file, `annexes yield no records: ${which} (see the report with --allow-partial)`);
  }
}

/** Rebuild a money annex's grid, find its header and unit, and extract its records. */
function moneyTable<T extends AllocationRow | DetailRow>(
  parsed: ParsedNotice,
  range: LineRange,
  spec: TableAnnex,
  kind: RowKind,
  ctx: StageContext,
  extract: (table: NonNullable<ReturnType<typeof headTable>>, spec: TableAnnex, unit: string) => T[],
): T[] {
  const table = headTable(gridRows(parsed, range), spec, ctx);
  if (!table) return [];
  ctx.tableRows({ kind, annex: spec.label, line: table.headerLine, rows: table.sourceRows });
  const unit = tableUnit(
    statedUnit(parsed, range) ?? unitInTitleRows(table.titleRows),
    { unit: table.columns.unit, line: table.headerLine },
    spec.unit,
    spec.label,
    ctx,
  );
  return extract(table, spec, unit);
}

import type { AllocationRow } from '../schemas/allocations.js';
import type { DetailRow } from '../schemas/details.js';
import { datasetSchema, type DatasetName, type DatasetRecords } from '../schemas/index.js';
import type { ReviewRow } from '../schemas/review.js';
import { extractAllocations } from './allocations/extract.js';
import { extractDetails } from './details/extract.js';
import { extractTargets, type TargetRecords } from './targets/extract.js';
import { extractCitations, type CitationRecords } from './citations/extract.js';
import type { KeysLeftOut } from './emit/datapackage.js';
import { buildNoticeFiles, type NoticeFiles, type NoticeOutput } from './emit/noticeFiles.js';
import { Collector, type RowKind, type StageContext } from './findings/context.js';
import { chooseFamily } from './read/chooseFamily.js';
import { ANNEX_KINDS, type AnnexKind, type Family, type TableAnnex } from './family/spec.js';
import { gridRows, type LineRange } from './grid/build.js';
import { headTable, isTitleRow, type HeadedTable } from './grid/header.js';
import { assignIndicators, type AssignedIndicators } from './indicators/assign.js';
import { levelParents } from './targets/levels.js';
import { buildRecipientIndex, type RecipientIndex } from './join/recipients.js';
import { locateAnnexes, type NoticeLayout } from './locate/annexes.js';
import { readMetadata, type NoticeMeta } from './locate/metadata.js';
import { reconcile, type ReconcileInput } from './reconcile/index.js';
import { mathAsText } from './parse/inlineMath.js';
import { shareStrings } from './normalize/memo.js';
import { parseMarkdown, type ParsedNotice } from './parse/markdown.js';
import { InputError } from './read/inputError.js';
import { decodeInput, type SourceText } from './read/readInput.js';
import type { AssembledNotice } from './files/assemble.js';
import { fileFindingInput } from './files/findings.js';
import { placeRecords, type Placed } from './files/provenance.js';
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

/** A notice read, parsed and located: what the extraction stages read. */
interface LocatedNotice {
  /** The input as decoded (its text as written, and its sha256). */
  source: SourceText;
  /** The text the stages read: the source with inline math as the text it stands for. */
  text: string;
  parsed: ParsedNotice;
  layout: NoticeLayout;
  family: Family;
  meta: NoticeMeta;
  /** Where each line of a notice folder's assembled text came from; null for a notice given as one file. */
  places: AssembledNotice['places'] | null;
  /** The records' texts, each kept once (normalize/memo.ts). */
  strings: Map<string, string>;
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
  const text = mathAsText(source.text, ctx);
  const family = chooseFamily(file, text, families);
  const parsed = parseNotice(text, ctx);
  const layout = locateAnnexes(parsed, family, ctx);
  refuseIncomplete(file, layout, family, options);
  const meta = readMetadata(parsed, layout, family, ctx);
  const notice: LocatedNotice = {
    source,
    text,
    parsed,
    layout,
    family,
    meta,
    places: placesOf(input),
    strings: new Map(),
  };
  const allocations = allocationRecords(notice, ctx);
  const recipients = buildRecipientIndex(allocations, family);
  const details = detailRecords(notice, recipients, ctx);
  const tables = targetTables(notice, recipients, ctx);
  const targets = validated('targets', 'targets', tables.targets, notice, ctx);
  const standard = standardIndicators(tables.indicators, family, ctx);
  const indicators = validated('indicators', 'targets', standard.records, notice, ctx);
  const cited = citedPolicies(tables.policyCells, family, ctx);
  const citations = validated('citations', 'targets', cited.records, notice, ctx);
  refuseEmpty(file, { allocation: allocations, detail: details, targets }, layout, options);
  const accounts = accountTables(ctx.tables, { allocation: allocations, detail: details, indicator: indicators }, ctx);
  reconcileNotice(notice, { allocations, details, targets }, ctx);
  const datasets = { allocations, details, targets, indicators, citations };
  const review = reviewRows(cited.pending, standard.pending, family);
  const keysNotHeld = keysNotHeldIn(datasets, review, ctx);
  const output = noticeOutput(noticeId, notice, { datasets, review, keysNotHeld, tables: accounts }, ctx, options);
  return buildNoticeFiles(output, options.deferRecordFiles === true);
}

/** Where each line of a notice folder's text came from; null for one file (source_line is the place). */
function placesOf(input: Buffer | AssembledNotice): LocatedNotice['places'] {
  return Buffer.isBuffer(input) ? null : input.places;
}

/** The notice's Markdown tree; pipe-table delimiter rows fitted to their header are counted. */
function parseNotice(text: string, ctx: StageContext): ParsedNotice {
  const parsed = parseMarkdown(text);
  if (parsed.delimitersFitted > 0) ctx.count('pipe-delimiter-fitted', parsed.delimitersFitted);
  return parsed;
}

/** The located annexes of one kind, each with its lines and label. */
function annexesOf(notice: LocatedNotice, kind: AnnexKind): { range: LineRange; label: string }[] {
  return notice.layout.annexes.filter((a) => a.kind === kind).map((a) => ({ range: a.range, label: a.label }));
}

/** Records of a dataset from which their equal texts are kept once. */
const SHARE_STRINGS_FROM = 5000;

/** Records of a dataset placed in their source files and validated against the dataset's schema. */
function validated<T extends { source_line: number }>(
  dataset: DatasetName,
  annex: string,
  records: T[],
  notice: LocatedNotice,
  ctx: StageContext,
): (T & Placed)[] {
  const valid = validateRecords(datasetSchema(dataset), annex, placeRecords(records, notice.places), ctx);
  // Sharing pays where a table has thousands of rows; a notice of a few hundred would pay the lookups for nothing.
  if (valid.length >= SHARE_STRINGS_FROM) shareStrings(valid, notice.strings);
  return valid;
}

/** The allocations of every allocation annex, validated. */
function allocationRecords(notice: LocatedNotice, ctx: StageContext): (AllocationRow & Placed)[] {
  const rows = moneyRecords(notice, 'allocation', ctx, (t, spec, unit) => extractAllocations(t, spec, unit, ctx));
  return validated('allocations', 'allocation', rows, notice, ctx);
}

/** The details of every detail annex, each item joined to its Annex 1 recipient, validated. */
function detailRecords(notice: LocatedNotice, recipients: RecipientIndex, ctx: StageContext): (DetailRow & Placed)[] {
  const rows = moneyRecords(notice, 'detail', ctx, (t, spec, unit) => extractDetails(t, spec, unit, recipients, ctx));
  return validated('details', 'detail', rows, notice, ctx);
}

/** The records of every money annex of a kind, in order. */
function moneyRecords<T extends AllocationRow | DetailRow>(
  notice: LocatedNotice,
  kind: 'allocation' | 'detail',
  ctx: StageContext,
  extract: (table: HeadedTable, spec: TableAnnex, unit: string) => T[],
): T[] {
  return annexesOf(notice, kind).flatMap((annex) =>
    moneyTable(notice.parsed, annex.range, { ...notice.family.annexes[kind], label: annex.label }, kind, ctx, extract),
  );
}

/** The target tables of every targets annex, in order: their targets, indicator rows and 政策依据 cells. */
function targetTables(notice: LocatedNotice, recipients: RecipientIndex, ctx: StageContext): TargetRecords {
  const { parsed, layout, family } = notice;
  const tables = annexesOf(notice, 'targets').map((a) =>
    extractTargets(parsed, a.range, layout.outline, { ...family.annexes.targets, label: a.label }, recipients, ctx),
  );
  return {
    targets: tables.flatMap((t) => t.targets),
    indicators: tables.flatMap((t) => t.indicators),
    policyCells: tables.flatMap((t) => t.policyCells),
  };
}

/** Indicator rows matched to the family's standard indicators. */
function standardIndicators(rows: TargetRecords['indicators'], family: Family, ctx: StageContext): AssignedIndicators {
  return assignIndicators(
    rows,
    family.indicators,
    ctx,
    family.rejected.indicators,
    levelParents(family.annexes.targets),
  );
}

/** 政策依据 cells read as citations of the family's policies. */
function citedPolicies(cells: TargetRecords['policyCells'], family: Family, ctx: StageContext): CitationRecords {
  return extractCitations(cells, family.policies, ctx, family.rejected.policies);
}

/** Check the records against each other and against the totals the body states. */
function reconcileNotice(
  notice: LocatedNotice,
  records: Pick<ReconcileInput, 'allocations' | 'details' | 'targets'>,
  ctx: StageContext,
): void {
  const { parsed, layout, family, meta } = notice;
  const present = new Set(layout.annexes.flatMap((a) => (a.kind ? [a.kind] : [])));
  const bodyLines = parsed.lines.slice(layout.body.start - 1, layout.body.end);
  reconcile({ ...records, present, bodyLines, budgetYear: meta.budget_year }, family, ctx);
}

/** Primary and foreign keys of the datasets (and the review sheet) that do not hold in this notice. */
function keysNotHeldIn(datasets: DatasetRecords, review: readonly ReviewRow[], ctx: StageContext): KeysLeftOut {
  return { primary: primaryKeysNotHeld(datasets, ctx), foreign: foreignKeysNotHeld({ ...datasets, review }, ctx) };
}

/** Everything the notice's folder is written from. */
function noticeOutput(
  noticeId: string,
  notice: LocatedNotice,
  extracted: Pick<NoticeOutput, 'datasets' | 'review' | 'keysNotHeld' | 'tables'>,
  ctx: Collector,
  options: ExtractOptions,
): NoticeOutput {
  const { source, text, parsed, layout, family, meta } = notice;
  return {
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
    datasets: extracted.datasets,
    keysNotHeld: extracted.keysNotHeld,
    review: extracted.review,
    matching: summarizeMatches(extracted.datasets.citations, extracted.datasets.indicators),
    findings: ctx.findings,
    repairs: ctx.repairs,
    tables: extracted.tables,
    bom: options.bom,
    allowPartial: options.allowPartial,
    // The report quotes the input as written, LaTeX included; the records hold the text it stands for.
    sourceLines: text === source.text ? parsed.lines : source.text.split('\n'),
  };
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
  records: Record<AnnexKind, readonly unknown[]>,
  layout: NoticeLayout,
  options: ExtractOptions,
): void {
  if (options.allowPartial) return;
  const empty = ANNEX_KINDS.filter((kind) => records[kind].length === 0 && layout.annexes.some((a) => a.kind === kind));
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
  extract: (table: HeadedTable, spec: TableAnnex, unit: string) => T[],
): T[] {
  const table = headTable(gridRows(parsed, range), spec, ctx);
  if (!table) return [];
  ctx.tableRows({ kind, annex: spec.label, line: table.headerLine, rows: table.sourceRows });
  const unit = tableUnit(
    // A unit line above the table, else one in a title row before the header or, as a spreadsheet may put it, in a
    // row of its own just under the header.
    statedUnit(parsed, range) ?? unitInTitleRows([...table.titleRows, ...table.sourceRows.filter(isTitleRow)]),
    { unit: table.columns.unit, line: table.headerLine },
    spec.unit,
    spec.label,
    ctx,
  );
  return extract(table, spec, unit);
}

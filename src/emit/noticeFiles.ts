import { DATASETS, FINDINGS_SHEET, REVIEW_SHEET } from '../../schemas/index.js';
import type { ReviewRow } from '../../schemas/review.js';
import type { FindingRow } from '../../schemas/report.js';
import type { Family } from '../family/spec.js';
import { toolVersion } from '../family/load.js';
import type { Finding } from '../findings/finding.js';
import type { NoticeMeta } from '../locate/metadata.js';
import type { MatchSummary } from '../review/summary.js';
import type { TableAccount } from '../validate/accounting.js';
import { toCsv } from './csv.js';
import { fieldsOf } from './fields.js';
import { stableJson, toDatasetJson } from './json.js';
import { dataPackage, type KeysLeftOut } from './datapackage.js';
import { reportHtml, type ReportPageInput } from './reportHtml.js';
import { renderWorkbook, type DataSheet, type WorkbookSpec } from './workbook.js';
import { aboutRows } from './workbookAbout.js';

/** One located annex as notice.json lists it. */
export interface AnnexSummary {
  label: string;
  kind: string;
  title: string;
  start_line: number;
  end_line: number;
}

/** Everything needed to write one notice's folder. */
export interface NoticeOutput {
  noticeId: string;
  sha256: string;
  family: Family;
  meta: NoticeMeta;
  /** The annexes as located: label, kind, title and lines. */
  annexes: readonly AnnexSummary[];
  /** Records per dataset name. */
  datasets: Record<string, readonly Record<string, unknown>[]>;
  /** Primary and foreign keys that do not hold in this notice, left out of datapackage.json. */
  keysNotHeld: KeysLeftOut;
  /** Rows of review.csv (fuzzy and unmatched citations, fuzzy indicators). */
  review: readonly ReviewRow[];
  /** What matching made of the notice's citations and indicators. */
  matching: MatchSummary;
  findings: readonly Finding[];
  repairs: ReadonlyMap<string, number>;
  /** Per located table: source rows, records, rows dropped with a finding. */
  tables?: readonly TableAccount[];
  bom: boolean;
  /** Extracted under --allow-partial: recorded, since it changes what the folder holds. */
  allowPartial: boolean;
  /** The input's lines, for the excerpts of report.html. */
  sourceLines: readonly string[];
}

/** The files of one notice's folder, by name, plus what the CLI summarises. */
export interface NoticeFiles {
  /** The text files (JSON, CSV) by name. */
  files: Map<string, string>;
  /** The analysts' workbook, laid out; `noticeFolder` renders it. */
  workbook: { name: string; spec: WorkbookSpec };
  findings: readonly Finding[];
  /** Record count per dataset. */
  recordCounts: Record<string, number>;
  /** What matching made of citations and indicators, for the CLI summary. */
  matching: MatchSummary;
}

/** Render every dataset as JSON and CSV, review.csv and findings.csv, and notice.json, report.json and datapackage.json. */
export function buildNoticeFiles(out: NoticeOutput): NoticeFiles {
  const files = new Map<string, string>();
  const recordCounts: Record<string, number> = {};
  const sheets: DataSheet[] = [];
  for (const dataset of DATASETS) {
    const records = out.datasets[dataset.name];
    if (!records) continue;
    recordCounts[dataset.name] = records.length;
    sheets.push({ name: dataset.name, title: dataset.title, fields: fieldsOf(dataset.record), records });
    files.set(`${dataset.name}.json`, toDatasetJson(dataset, out.noticeId, records));
    files.set(`${dataset.name}.csv`, toCsv(records, fieldsOf(dataset.record), { bom: out.bom }));
  }
  // The review worksheet is written even when empty: no rows means nothing to review.
  files.set(`${REVIEW_SHEET.name}.csv`, toCsv(out.review, fieldsOf(REVIEW_SHEET.record), { bom: out.bom }));
  files.set(`${FINDINGS_SHEET.name}.csv`, toCsv(out.findings as readonly FindingRow[], fieldsOf(FINDINGS_SHEET.record), { bom: out.bom }));
  const pipeline = { family: out.family.id, version: out.family.version, family_sha256: out.family.fingerprint, tool: toolVersion(), allow_partial: out.allowPartial };
  files.set('notice.json', stableJson({ notice_id: out.noticeId, ...out.meta, annexes: out.annexes, input_sha256: out.sha256, pipeline }));
  files.set('report.json', stableJson(report(out, pipeline, recordCounts)));
  const csvFiles = [...files].filter(([name]) => name.endsWith('.csv'));
  files.set('datapackage.json', stableJson(dataPackage(out.noticeId, out.meta.title, csvFiles, out.keysNotHeld)));
  files.set('report.html', reportHtml(reportPage(out)));
  const about = aboutRows({ noticeId: out.noticeId, meta: out.meta, sheets, findings: out.findings, matching: out.matching });
  const workbook = { name: `${out.noticeId}.xlsx`, spec: { date: workbookDate(out.meta.issued_date), about, sheets } };
  return { files, workbook, findings: out.findings, recordCounts, matching: out.matching };
}

/** Every file of the folder, the workbook rendered: what the CLI writes and the published test compares. */
export function noticeFolder(result: NoticeFiles): Map<string, string | Buffer> {
  const folder = new Map<string, string | Buffer>(result.files);
  folder.set(result.workbook.name, renderWorkbook(result.workbook.spec));
  return folder;
}

/** The workbook's created/modified date: the notice's own date (so two runs write the same bytes), else 2000-01-01. */
function workbookDate(issued: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(issued) ? new Date(`${issued}T00:00:00Z`) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? new Date(Date.UTC(2000, 0, 1)) : date;
}

/** The page's input: the datasets are the validated records, so their schema types hold. */
function reportPage(out: NoticeOutput): ReportPageInput {
  const records = <K extends keyof ReportPageInput['datasets']>(name: K) => (out.datasets[name] ?? []) as unknown as ReportPageInput['datasets'][K];
  const datasets = { allocations: records('allocations'), details: records('details'), targets: records('targets'), indicators: records('indicators'), citations: records('citations') };
  const provenance = { family: out.family.id, version: out.family.version, sha256: out.sha256 };
  return { noticeId: out.noticeId, meta: out.meta, annexes: out.annexes, datasets, findings: out.findings, sourceLines: out.sourceLines, regionNameNoise: out.family.regionNameNoise, provenance };
}

function report(out: NoticeOutput, pipeline: Record<string, string | boolean>, records: Record<string, number>) {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of out.findings) counts[f.severity]++;
  const repairs = Object.fromEntries([...out.repairs].sort(([a], [b]) => a.localeCompare(b)));
  return { notice_id: out.noticeId, input_sha256: out.sha256, pipeline, records, counts, repairs, tables: out.tables ?? [], matching: out.matching, findings: out.findings };
}

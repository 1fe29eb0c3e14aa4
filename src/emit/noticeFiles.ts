import { DATASETS, FINDINGS_SHEET, REVIEW_SHEET, type DatasetRecords } from '../../schemas/index.js';
import type { ReviewRow } from '../../schemas/review.js';
import type { AnnexSummary, NoticeJson } from '../../schemas/notice.js';
import type { ReportJson } from '../../schemas/report.js';
import type { Family } from '../family/spec.js';
import { toolVersion } from '../family/load.js';
import type { Finding } from '../findings/finding.js';
import type { NoticeMeta } from '../locate/metadata.js';
import type { MatchSummary } from '../review/summary.js';
import type { TableAccount } from '../validate/accounting.js';
import { recordFileWriters, renderRecordFiles, workbookWriter, type RecordFiles } from './recordFiles.js';
import type { FileContent } from '../tool/byteSink.js';
import { fieldsOf } from './fields.js';
import { stableJson } from './json.js';
import type { KeysLeftOut } from './datapackage.js';
import { reportHtml, type ReportPageInput } from './reportHtml.js';
import type { DataSheet } from './workbook.js';
import { aboutRows } from './workbookAbout.js';
import { byCodeUnits } from '../normalize/order.js';

/** One located annex as notice.json lists it, from its schema. */
export type { AnnexSummary };

/** Everything needed to write one notice's folder. */
export interface NoticeOutput {
  noticeId: string;
  sha256: string;
  family: Family;
  meta: NoticeMeta;
  /** The annexes as located: label, kind, title and lines. */
  annexes: readonly AnnexSummary[];
  /** Records per dataset name, each valid against its dataset's schema. */
  datasets: DatasetRecords;
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

/** The files of one notice's folder, plus what the CLI summarises. */
export interface NoticeFiles {
  /**
   * The text files by name: every one, or with `deferRecordFiles` only those not made from the records (notice.json,
   * report.json, report.html).
   */
  files: Map<string, string>;
  /** What the record files and the workbook are made from; `noticeFolder` renders what `files` does not hold yet. */
  records: RecordFiles;
  /** True when `files` already holds the record files. */
  recordFilesRendered: boolean;
  findings: readonly Finding[];
  /** Record count per dataset. */
  recordCounts: Record<string, number>;
  /** What matching made of citations and indicators, for the CLI summary. */
  matching: MatchSummary;
}

/**
 * Render a notice's files: the record files (recordFiles.ts) unless `deferRecordFiles` leaves them
 * to whoever writes the folder, then notice.json, report.json and report.html.
 */
export function buildNoticeFiles(out: NoticeOutput, deferRecordFiles = false): NoticeFiles {
  const recordCounts: Record<string, number> = {};
  const sheets: DataSheet[] = [];
  const datasets: RecordFiles['datasets'][number][] = [];
  for (const dataset of DATASETS) {
    const records = out.datasets[dataset.name];
    recordCounts[dataset.name] = records.length;
    datasets.push({ name: dataset.name, records });
    sheets.push({ name: dataset.name, title: dataset.title, fields: fieldsOf(dataset.record), records });
  }
  const about = aboutRows({
    noticeId: out.noticeId,
    meta: out.meta,
    sheets,
    findings: out.findings,
    matching: out.matching,
  });
  const workbook = { name: `${out.noticeId}.xlsx`, spec: { date: workbookDate(out.meta.issued_date), about, sheets } };
  const records: RecordFiles = {
    noticeId: out.noticeId,
    title: out.meta.title,
    bom: out.bom,
    datasets,
    // The review worksheet is written even when empty: no rows means nothing to review.
    sheets: [
      { name: REVIEW_SHEET.name, records: out.review },
      { name: FINDINGS_SHEET.name, records: out.findings },
    ],
    keysNotHeld: out.keysNotHeld,
    workbook,
  };
  const files = deferRecordFiles ? new Map<string, string>() : renderRecordFiles(records);
  const pipeline: NoticeJson['pipeline'] = {
    family: out.family.id,
    version: out.family.version,
    family_sha256: out.family.fingerprint,
    tool: toolVersion(),
    allow_partial: out.allowPartial,
  };
  const notice = {
    notice_id: out.noticeId,
    ...out.meta,
    annexes: [...out.annexes],
    input_sha256: out.sha256,
    pipeline,
  } satisfies NoticeJson;
  files.set('notice.json', stableJson(notice));
  files.set('report.json', stableJson(report(out, pipeline, recordCounts)));
  files.set('report.html', reportHtml(reportPage(out)));
  return {
    files,
    records,
    recordFilesRendered: !deferRecordFiles,
    findings: out.findings,
    recordCounts,
    matching: out.matching,
  };
}

/**
 * Every file of the folder: the record files rendered already, or as writers that make them as they are written, and
 * the workbook as a writer. What is written, and (rendered) what the published test compares.
 */
export function noticeFolder(
  result: Pick<NoticeFiles, 'files' | 'records' | 'recordFilesRendered'>,
): Map<string, FileContent> {
  // Rendered already, the record files are in `files`; else they are written first, in front of them.
  const folder = new Map<string, FileContent>(result.recordFilesRendered ? [] : recordFileWriters(result.records));
  for (const [name, text] of result.files) folder.set(name, text);
  folder.set(...workbookWriter(result.records));
  return folder;
}

/** The workbook's created/modified date: the notice's own date (so two runs write the same bytes), else 2000-01-01. */
function workbookDate(issued: string): Date {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(issued) ? new Date(`${issued}T00:00:00Z`) : new Date(Number.NaN);
  return Number.isNaN(date.getTime()) ? new Date(Date.UTC(2000, 0, 1)) : date;
}

/** The page's input: the datasets are the validated records, of their schema types. */
function reportPage(out: NoticeOutput): ReportPageInput {
  const provenance = { family: out.family.id, version: out.family.version, sha256: out.sha256 };
  return {
    noticeId: out.noticeId,
    meta: out.meta,
    annexes: out.annexes,
    datasets: out.datasets,
    findings: out.findings,
    sourceLines: out.sourceLines,
    regionNameNoise: out.family.regionNameNoise,
    provenance,
  };
}

function report(out: NoticeOutput, pipeline: ReportJson['pipeline'], records: Record<string, number>): ReportJson {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of out.findings) counts[f.severity]++;
  const repairs = Object.fromEntries([...out.repairs].sort(([a], [b]) => byCodeUnits(a, b)));
  return {
    notice_id: out.noticeId,
    input_sha256: out.sha256,
    pipeline,
    records,
    counts,
    repairs,
    tables: [...(out.tables ?? [])],
    matching: out.matching,
    findings: [...out.findings],
  };
}

import { z } from 'zod';
import { code9, titled } from './common.js';
import { MatchKind } from './citations.js';
import { PipelineInfo } from './notice.js';

/** Severity of a finding: error (money that does not add up, a table that cannot be read), warning, info. */
export const Severity = z.enum(['error', 'warning', 'info']);
/** A severity. */
export type Severity = z.infer<typeof Severity>;

/**
 * One finding: a deviation from the expected layout, with a code and where it was found (report.json and findings.csv).
 */
export const FindingRow = z.strictObject({
  code: titled(
    z.string().regex(/^[a-z0-9]+\/[a-z0-9-]+$/),
    '问题代码',
    '<stage>/<kebab-name>, declared once in src/findings/codes.ts',
  ),
  severity: titled(
    Severity,
    '严重程度',
    'error (money that does not add up, a table that cannot be read), warning, info',
  ),
  message: titled(z.string(), '说明', 'what was found and where, quoting the text'),
  annex: titled(z.string(), '附件', 'the annex label, a dataset name, or empty for the whole notice'),
  recipient_code: titled(code9, '分配单位编码', 'the recipient the finding concerns, or empty'),
  source_line: titled(
    z.number().int().positive().nullable(),
    '源文件行号',
    'first line concerned; empty when no one line',
  ),
  actual: titled(z.string().nullable(), '实际内容', 'what was found, as text'),
  expected: titled(z.string().nullable(), '预期内容', 'what was expected, as text'),
});

/** A finding row. */
export type FindingRow = z.infer<typeof FindingRow>;

const count = z.number().int().nonnegative();
/** Records per match kind (rejected: a reviewer ruled the spelling out, see decisions.json). */
const MatchCounts = z.strictObject({
  exact: count,
  alias: count,
  fuzzy: count,
  none: count,
  rejected: count,
} satisfies Record<MatchKind, typeof count>);
/** Counts per match kind. */
export type MatchCounts = z.infer<typeof MatchCounts>;

/** What matching made of the notice's citations and indicators. */
export const MatchingJson = z.strictObject({
  citations: titled(count, '政策依据条数'),
  citation_spellings: titled(count, '政策依据写法数', 'distinct title_raw'),
  resolved_spellings: titled(count, '已匹配写法数'),
  policies: titled(count, '政策文件数', 'distinct policies matched'),
  citation_matches: titled(MatchCounts, '政策依据匹配方式'),
  indicators: titled(count, '绩效指标条数'),
  standard_indicator_rows: titled(count, '标准指标行数'),
  standard_indicators: titled(count, '标准指标数'),
  indicator_matches: titled(MatchCounts, '绩效指标匹配方式'),
  review_rows: titled(count, '待复核行数', 'rows of review.csv'),
});

/** What matching made of one notice's citations and indicators. */
export type MatchSummary = z.infer<typeof MatchingJson>;

/** The kind of record a located table's rows become. */
export const RowKind = z.enum(['allocation', 'detail', 'indicator']);
/** A row kind. */
export type RowKind = z.infer<typeof RowKind>;

/** One located table and what became of its rows: records + dropped = source_rows. */
export const TableAccountJson = z.strictObject({
  kind: titled(RowKind, '行去向', 'what its rows become: allocation, detail or indicator records'),
  annex: titled(z.string(), '附件'),
  source_line: titled(z.number().int().positive(), '源文件行号', 'first line of the table'),
  source_rows: titled(count, '源表行数', 'rows that must give a record or a finding'),
  records: titled(count, '记录数', 'rows that gave a record'),
  dropped: titled(count, '舍弃行数', 'rows left out with a finding that says so'),
});

/** How one located table's rows were accounted for. */
export type TableAccount = z.infer<typeof TableAccountJson>;

/** report.json: every finding of the notice, counts by severity, repairs, matching. */
export const ReportJson = z.strictObject({
  notice_id: titled(z.string(), '通知编号'),
  input_sha256: titled(z.string().regex(/^[0-9a-f]{64}$/), '输入文件哈希'),
  pipeline: titled(PipelineInfo, '处理流程'),
  records: titled(z.record(z.string(), count), '记录数', 'records per dataset'),
  counts: titled(
    z.strictObject({ error: count, warning: count, info: count } satisfies Record<Severity, typeof count>),
    '问题数',
    'findings by severity',
  ),
  repairs: titled(z.record(z.string(), count), '修复次数', 'how often each routine repair rule fired'),
  tables: titled(z.array(TableAccountJson), '表格行数核对', 'per located table: source rows = records + dropped'),
  matching: titled(MatchingJson, '匹配情况'),
  findings: titled(z.array(FindingRow), '问题清单'),
});

/** A report.json. */
export type ReportJson = z.infer<typeof ReportJson>;

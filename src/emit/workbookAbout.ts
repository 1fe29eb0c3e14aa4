/**
 * The 说明 sheet of the analysts' workbook: the notice's metadata, units, record counts, the
 * findings summary, what matching made of citations and indicators, and the title → field map.
 */
import type { Finding } from '../findings/finding.js';
import type { NoticeMeta } from '../locate/metadata.js';
import type { MatchSummary } from '../review/summary.js';
import { summaryLine } from '../review/summary.js';
import type { AboutRow, DataSheet } from './workbook.js';
import { byCodeUnits } from '../normalize/order.js';

/** What the 说明 sheet describes. */
export interface AboutInput {
  noticeId: string;
  meta: NoticeMeta;
  sheets: readonly DataSheet[];
  findings: readonly Finding[];
  matching: MatchSummary;
}

/** The rows of the 说明 sheet, in sections separated by a blank row. */
export function aboutRows(input: AboutInput): AboutRow[] {
  const { meta } = input;
  const rows: AboutRow[] = [];
  const section = (title: string, header: string[], body: (string | number)[][]): void => {
    if (rows.length > 0) rows.push({ cells: [] });
    rows.push({ cells: [title], heading: true });
    if (header.length > 0) rows.push({ cells: header, heading: true });
    for (const cells of body) rows.push({ cells });
  };
  section(
    '通知',
    ['项目', '内容'],
    [
      ['通知编号', input.noticeId],
      ['发文字号', meta.doc_number],
      ['标题', meta.title],
      ['发文机关', meta.issuers.join('、')],
      ['成文日期', meta.issued_date],
      ['印发日期', meta.printed_date],
      ['预算年度', meta.budget_year],
      ['预算科目', `${meta.budget_subject_code} ${meta.budget_subject_name}`.trim()],
      ...(meta.income_subject_code
        ? [['收入科目', `${meta.income_subject_code} ${meta.income_subject_name}`.trim()]]
        : []),
      ['主送机关', meta.recipients.join('、')],
      ...meta.attachments.map((title, i) => [
        `附件${i + 1}`,
        meta.attachment_file_exts[i] ? `${title}（${meta.attachment_file_exts[i]}）` : title,
      ]),
    ],
  );
  const money = input.sheets.flatMap((s) =>
    s.fields.filter((f) => f.unit !== '').map((f) => [s.title, f.title, f.name, f.unit]),
  );
  section(
    '单位',
    ['工作表', '列标题', '字段名', '单位'],
    [...money, ['', '', '', '金额以数值存放，显示两位小数和千位分隔符；编码以文本存放，保留全部位数。']],
  );
  section(
    '记录数',
    ['工作表', '文件', '记录数'],
    input.sheets.map((s) => [s.title, `${s.name}.csv / ${s.name}.json`, s.records.length]),
  );
  section(
    '问题汇总',
    ['问题代码', '严重程度', '条数'],
    [
      ...findingCounts(input.findings),
      [
        '合计',
        `error ${count(input.findings, 'error')}，warning ${count(input.findings, 'warning')}，` +
          `info ${count(input.findings, 'info')}`,
        input.findings.length,
      ],
      ['明细', 'findings.csv / report.json', ''],
    ],
  );
  section('匹配情况', [], [[summaryLine(input.matching)], [`待复核 ${input.matching.review_rows} 行，见 review.csv`]]);
  section(
    '字段对照',
    ['工作表', '列标题', '字段名', '类型', '单位', '说明'],
    input.sheets.flatMap((s) => s.fields.map((f) => [s.title, f.title, f.name, f.type, f.unit, f.description])),
  );
  return rows;
}

function count(findings: readonly Finding[], severity: string): number {
  return findings.filter((f) => f.severity === severity).length;
}

/** Findings per code, errors first, then by code. */
function findingCounts(findings: readonly Finding[]): (string | number)[][] {
  const rank = { error: 0, warning: 1, info: 2 } as const;
  const byCode = new Map<string, { severity: Finding['severity']; n: number }>();
  for (const f of findings) {
    const key = `${f.code}\u0000${f.severity}`;
    const known = byCode.get(key);
    if (known) known.n++;
    else byCode.set(key, { severity: f.severity, n: 1 });
  }
  return [...byCode]
    .sort(([a, x], [b, y]) => rank[x.severity] - rank[y.severity] || byCodeUnits(a, b))
    .map(([key, { severity, n }]) => [key.split('\u0000')[0] ?? '', severity, n]);
}

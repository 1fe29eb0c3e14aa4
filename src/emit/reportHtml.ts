import { Decimal } from 'decimal.js';
import { datasetSchema, type DatasetRecords } from '../../schemas/index.js';
import type { AnnexSummary } from '../../schemas/notice.js';
import type { Finding } from '../findings/finding.js';
import type { NoticeMeta } from '../locate/metadata.js';
import { fieldsOf } from './fields.js';
import { SCRIPT, STYLE } from './html/assets.js';
import { cityBars, cityChart } from './html/chart.js';
import { esc, section } from './html/escape.js';
import { pageHead } from './html/page.js';
import { findingFilters, findingGroups, groupFindings, SEVERITY_LABELS } from './html/findings.js';
import { MONEY_KINDS, moneyTable, recipientMoney, type MoneyColumn, type MoneyKind } from './html/money.js';
import { indicatorSection, policySection } from './html/targets.js';

/** Everything report.html shows: the notice's metadata, datasets and findings, and its source lines for excerpts. */
export interface ReportPageInput {
  /** The notice id (file name without extension). */
  noticeId: string;
  /** Document metadata from the body. */
  meta: NoticeMeta;
  /** The annexes as located, with their kinds. */
  annexes: readonly AnnexSummary[];
  /** The validated datasets. */
  datasets: DatasetRecords;
  /** Every finding of the run, in report order. */
  findings: readonly Finding[];
  /** The input's lines; `sourceLines[n - 1]` is line n. */
  sourceLines: readonly string[];
  /** The family's patterns of noise in region names (`小计$`, parentheses), to name cities on the chart. */
  regionNameNoise: readonly RegExp[];
  /** Family id and version, and the input's sha256, as notice.json records them. */
  provenance: { family: string; version: string; sha256: string };
}

const DATASET_OF_KIND: Record<MoneyKind, string> = { allocation: 'allocations', detail: 'details', targets: 'targets' };
const AMOUNT_FIELD: Record<MoneyKind, string> = {
  allocation: 'amount_yuan',
  detail: 'amount_yuan',
  targets: 'fund_demand_wan',
};

/**
 * report.html: one self-contained, deterministic page (inline CSS, script and SVG; no dates, no network), usable
 * without script.
 */
export function reportHtml(input: ReportPageInput): string {
  const { meta, datasets } = input;
  const titles = (dataset: string) =>
    Object.fromEntries(fieldsOf(datasetSchema(dataset).record).map((f) => [f.name, f.title]));
  const allocationTitles = titles('allocations');
  const present = MONEY_KINDS.filter((kind) => input.annexes.some((a) => a.kind === kind));
  const columns: MoneyColumn[] = present.map((kind) => ({
    kind,
    title: moneyTitle(kind, input.annexes, titles(DATASET_OF_KIND[kind])),
  }));
  const money = recipientMoney(datasets.allocations, datasets.details, datasets.targets, present);
  const names = new Map(money.map((r) => [r.code, r.name]));
  const bars = cityBars(datasets.allocations, input.regionNameNoise);
  const byCode = new Map(money.map((r) => [r.code, r]));
  for (const bar of bars) {
    for (const code of bar.members) {
      const recipient = byCode.get(code);
      if (recipient) recipient.city = bar.label;
    }
  }
  const groups = groupFindings(input.findings);
  const grand = datasets.allocations.find((r) => r.row_type === 'grand_total');
  const title = meta.title || input.noticeId;
  const byline = [meta.doc_number, meta.issuer, meta.issued_date].filter(Boolean).join(' · ');
  const sections = [
    section('meta', '通知信息', metadata(input)),
    section(
      'money',
      '各单位资金（三处金额核对）',
      moneyTable(money, columns, {
        code: allocationTitles.recipient_code ?? '',
        name: allocationTitles.recipient_name ?? '',
        city: titles('details').city ?? '',
      }),
    ),
    section('chart', '按地市的分配金额', cityChart(bars, grand ? new Decimal(grand.amount_yuan) : null)),
    section(
      'findings',
      `发现的问题（${input.findings.length} 条）`,
      `${severityCounts(input.findings)}\n${findingFilters(groups)}\n${findingGroups(groups, input.sourceLines)}`,
    ),
    section('indicators', '各单位绩效指标', indicatorSection(datasets.indicators, names, titles('indicators'))),
    section(
      'policies',
      '政策依据',
      policySection(
        datasets.citations,
        new Set(datasets.citations.map((c) => c.recipient_code)).size,
        titles('citations'),
      ),
    ),
  ];
  const nav = [
    ['meta', '通知信息'],
    ['money', '资金'],
    ['chart', '地市'],
    ['findings', '问题'],
    ['indicators', '指标'],
    ['policies', '政策'],
  ];
  return `${pageHead(esc(meta.doc_number ? `${meta.doc_number} ${title}` : title), STYLE)}
<body>
<header><h1>${esc(title)}</h1><p>${esc(byline)}</p>
<nav>${nav.map(([id, label]) => `<a href="#${id}">${label}</a>`).join('')}</nav></header>
<main>
${sections.join('\n')}
</main>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** `附件1 分配表 · 金额（元）`; the targets' 资金需求 is shown converted to 元. */
function moneyTitle(kind: MoneyKind, annexes: ReportPageInput['annexes'], fieldTitles: Record<string, string>): string {
  const labels = annexes
    .filter((a) => a.kind === kind)
    .map((a) => a.label)
    .join('、');
  const field = fieldTitles[AMOUNT_FIELD[kind]] ?? AMOUNT_FIELD[kind];
  const shown = kind === 'targets' ? `${field.replace(/（万元）$/, '')}（折合元）` : field;
  return `附件${labels} ${datasetSchema(DATASET_OF_KIND[kind]).title} · ${shown}`;
}

function metadata(input: ReportPageInput): string {
  const { meta } = input;
  const items: [string, string][] = [
    ['文号', meta.doc_number],
    ['标题', meta.title],
    ['发文机关', meta.issuers.join('、')],
    ['成文日期', meta.issued_date],
    ['印发日期', meta.printed_date],
    ['预算年度', meta.budget_year],
    ['预算科目', [meta.budget_subject_code, meta.budget_subject_name].filter(Boolean).join(' ')],
    ...(meta.income_subject_code
      ? [['收入科目', `${meta.income_subject_code} ${meta.income_subject_name}`] as [string, string]]
      : []),
    ['主送', meta.recipients.join('、')],
    ...input.annexes.map((a): [string, string] => [
      `附件${a.label}`,
      `${a.title}（${kindTitle(a.kind)}，第 ${a.start_line}–${a.end_line} 行）`,
    ]),
    [
      '数据集',
      Object.entries(input.datasets)
        .map(([name, rows]) => `${datasetSchema(name).title} ${rows.length} 条`)
        .join('，'),
    ],
    ['流水线', `${input.provenance.family} ${input.provenance.version}`],
    ['输入 SHA-256', input.provenance.sha256],
    ['通知编号', input.noticeId],
  ];
  const item = ([k, v]: readonly [string, string | null | undefined]) =>
    `<dt>${esc(k)}</dt><dd>${v ? esc(v) : '<span class="empty">（未找到）</span>'}</dd>`;
  return `<dl class="meta">${items.map(item).join('\n')}</dl>`;
}

function kindTitle(kind: string): string {
  return kind in DATASET_OF_KIND ? datasetSchema(DATASET_OF_KIND[kind as MoneyKind]).title : '未识别的附件';
}

function severityCounts(findings: readonly Finding[]): string {
  const counts = (Object.keys(SEVERITY_LABELS) as Finding['severity'][]).map(
    (s) => [s, findings.filter((f) => f.severity === s).length] as const,
  );
  const badge = ([s, n]: (typeof counts)[number]) => `<span class="badge ${s}">${SEVERITY_LABELS[s]}</span> ${n}`;
  return `<p class="summary">${counts.map(badge).join('　')}</p>`;
}

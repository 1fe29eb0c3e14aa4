import { z } from 'zod';
import { code9, decimalOrEmpty, titled, yearOrEmpty } from './common.js';
import { VALUE_COMPARATORS } from './indicators.js';
import { FindingRow } from './report.js';

/** Money in 元 with two decimals, or '' when the recipient is not in that notice. */
const yuanOrEmpty = z
  .string()
  .regex(/^(-?\d+\.\d{2})?$/, 'amount in 元 with two decimals, or empty')
  .meta({ unit: '元' });

/** What happened to a recipient, an indicator or a citation from the old notice to the new. */
export const CHANGE_KINDS = ['added', 'removed', 'changed'] as const;

/** Whether a thing is in the new notice only or in the old one only. */
const AddedOrRemoved = z.enum(['added', 'removed']);
/** Which way a figure went, both sides numeric; empty otherwise. */
const NumberChange = z.enum(['up', 'down', '']);

/** One of the two notices compared. */
export const DiffNotice = z.strictObject({
  notice_id: titled(z.string(), '通知编号'),
  doc_number: titled(z.string(), '发文字号'),
  title: titled(z.string(), '标题'),
  budget_year: titled(yearOrEmpty, '预算年度'),
  family: titled(z.string(), '文件族'),
  fund: titled(z.string(), '资金名称', 'the fund the title names (family.json metadata.fund); empty when none'),
});

/** A recipient whose money changed, or who is in one notice only (sum of its allocation item rows). */
export const MoneyChange = z.strictObject({
  recipient_code: titled(code9, '分配单位编码'),
  recipient_name: titled(z.string(), '分配单位', 'as the new notice writes it, else the old'),
  change: titled(z.enum(CHANGE_KINDS), '变化'),
  old_yuan: titled(yuanOrEmpty, '上年金额（元）'),
  new_yuan: titled(yuanOrEmpty, '本年金额（元）'),
  change_yuan: titled(z.string().regex(/^-?\d+\.\d{2}$/), '增减（元）', 'new − old, a missing side counting 0').meta({
    unit: '元',
  }),
  change_percent: titled(
    decimalOrEmpty,
    '增减（%）',
    '(new − old) / old × 100, two decimals; empty when old is 0 or missing',
  ),
});

/** A recipient's target table present in one notice only. */
export const TargetTableChange = z.strictObject({
  recipient_code: titled(code9, '分配单位编码'),
  recipient_name: titled(z.string(), '分配单位'),
  change: titled(AddedOrRemoved, '变化'),
  indicators: titled(z.number().int().nonnegative(), '绩效指标数'),
});

/** One indicator of a recipient (in both notices) added, removed or with another target value. */
export const IndicatorChange = z.strictObject({
  recipient_code: titled(code9, '分配单位编码'),
  recipient_name: titled(z.string(), '分配单位'),
  change: titled(z.enum(CHANGE_KINDS), '变化'),
  matched_by: titled(
    z.enum(['indicator_id', 'name']),
    '匹配依据',
    'the standard indicator id, else the normalized name',
  ),
  indicator_id: titled(z.string(), '指标编码'),
  name: titled(z.string(), '三级指标', 'as the new notice writes it, else the old'),
  old_value_raw: titled(z.string(), '上年指标值（原文）'),
  new_value_raw: titled(z.string(), '本年指标值（原文）'),
  old_comparator: titled(z.enum([...VALUE_COMPARATORS, '']), '上年比较方式'),
  new_comparator: titled(z.enum([...VALUE_COMPARATORS, '']), '本年比较方式'),
  old_number: titled(decimalOrEmpty, '上年指标数值'),
  new_number: titled(decimalOrEmpty, '本年指标数值'),
  old_number_max: titled(decimalOrEmpty, '上年指标数值上限'),
  new_number_max: titled(decimalOrEmpty, '本年指标数值上限'),
  old_unit: titled(z.string(), '上年计量单位'),
  new_unit: titled(z.string(), '本年计量单位'),
  number_change: titled(NumberChange, '数值升降', 'the figure went up or down (both sides numeric); empty otherwise'),
});

/** A policy a recipient (in both notices) cites in one notice only. */
export const CitationChange = z.strictObject({
  recipient_code: titled(code9, '分配单位编码'),
  recipient_name: titled(z.string(), '分配单位'),
  change: titled(AddedOrRemoved, '变化'),
  matched_by: titled(
    z.enum(['policy_id', 'title']),
    '匹配依据',
    'the policy id, else the normalized title of an unmatched citation',
  ),
  policy_id: titled(z.string(), '政策编码'),
  title: titled(z.string(), '文件标题'),
});

const count = z.number().int().nonnegative();

/** Counts per section, for the one-line summaries. */
export const DiffSummary = z.strictObject({
  old_total_yuan: titled(
    z.string().regex(/^-?\d+\.\d{2}$/),
    '上年合计（元）',
    "sum of the old notice's allocation item rows",
  ),
  new_total_yuan: titled(z.string().regex(/^-?\d+\.\d{2}$/), '本年合计（元）'),
  recipients_added: titled(count, '新增单位数'),
  recipients_removed: titled(count, '减少单位数'),
  recipients_changed: titled(count, '金额变化单位数'),
  recipients_unchanged: titled(count, '金额不变单位数'),
  target_tables_added: titled(count, '新增绩效目标表数'),
  target_tables_removed: titled(count, '减少绩效目标表数'),
  indicators_added: titled(count, '新增指标数'),
  indicators_removed: titled(count, '删除指标数'),
  indicators_changed: titled(count, '指标值变化数'),
  citations_added: titled(count, '新增引用政策数'),
  citations_removed: titled(count, '删除引用政策数'),
});

/** diff.json: what changed from one notice of a fund to the next. */
export const DiffJson = z.strictObject({
  schema: z.literal('diff@1'),
  old: titled(DiffNotice, '上年通知'),
  new: titled(DiffNotice, '本年通知'),
  same_fund: titled(z.boolean(), '同一资金', 'both titles name the same fund (family.json metadata.fund)'),
  summary: titled(DiffSummary, '汇总'),
  money: titled(
    z.array(MoneyChange),
    '资金变化',
    'recipients whose money changed, was added or removed; largest change first',
  ),
  target_tables: titled(z.array(TargetTableChange), '绩效目标表增减'),
  indicators: titled(z.array(IndicatorChange), '绩效指标变化', 'of recipients with a target table in both notices'),
  citations: titled(z.array(CitationChange), '政策依据变化', 'of recipients with a target table in both notices'),
  findings: titled(z.array(FindingRow), '问题清单', 'different funds, no fund name, indicators paired in order'),
});

/** A diff.json. */
export type DiffJson = z.infer<typeof DiffJson>;
/** One money change. */
export type MoneyChange = z.infer<typeof MoneyChange>;
/** One indicator change. */
export type IndicatorChange = z.infer<typeof IndicatorChange>;
/** One citation change. */
export type CitationChange = z.infer<typeof CitationChange>;
/** One target table added or removed. */
export type TargetTableChange = z.infer<typeof TargetTableChange>;

/** diff.csv: every change of diff.json as one row, sections one after the other. */
export const DiffCsvRow = z.strictObject({
  section: titled(z.enum(['money', 'target_table', 'indicator', 'citation']), '部分'),
  change: titled(z.enum(CHANGE_KINDS), '变化'),
  recipient_code: titled(code9, '分配单位编码'),
  recipient_name: titled(z.string(), '分配单位'),
  item_id: titled(z.string(), '编码', 'indicator_id of an indicator, policy_id of a citation'),
  item_name: titled(z.string(), '名称', "the indicator's name, the cited title"),
  old: titled(z.string(), '上年', 'amount in 元, indicator value as written, or indicator count of a target table'),
  new: titled(z.string(), '本年'),
  change_yuan: titled(z.string().regex(/^(-?\d+\.\d{2})?$/), '增减（元）', 'money rows only').meta({ unit: '元' }),
  change_percent: titled(decimalOrEmpty, '增减（%）', 'money rows only'),
  number_change: titled(NumberChange, '数值升降', 'indicator rows only'),
});

/** A diff.csv row. */
export type DiffCsvRow = z.infer<typeof DiffCsvRow>;

import { z } from 'zod';
import {
  annexLabel,
  code9,
  decimalOrEmpty,
  inUnit,
  provenanceFields,
  recipientMatch,
  sourceLine,
  titled,
  type Unplaced,
  yearOrEmpty,
} from './common.js';

/** One performance-target table (one per recipient): its metadata block. */
export const TargetRow = z.strictObject({
  annex: titled(annexLabel, '附件', 'the annex label as numbered in the notice (1, 2, 3-1)'),
  recipient_code: titled(
    code9,
    '分配单位编码',
    '9-digit recipient code joined from the allocation tables by the local department',
  ),
  local_department: titled(z.string(), '地方主管部门'),
  provincial_department: titled(z.string(), '省级主管部门'),
  project_name: titled(z.string(), '项目名称'),
  fund_type: titled(z.string(), '资金类型'),
  project_level: titled(z.string(), '项目等级'),
  budget_year: titled(yearOrEmpty, '预算年度'),
  fund_demand_wan: titled(inUnit(decimalOrEmpty, '万元'), '资金需求（万元）'),
  spending_content: titled(z.string(), '支出内容'),
  overall_goal: titled(z.string(), '总体绩效目标', 'plain text; list items and paragraphs on their own lines'),
  source_line: titled(sourceLine, '源文件行号', 'line of the heading that opens the table'),
  recipient_match: recipientMatch('how the local department was joined to the allocation tables'),
  local_department_raw: titled(z.string(), '地方主管部门（原文）', 'the cell as written, HTML stripped'),
  budget_year_raw: titled(z.string(), '预算年度（原文）', 'the cell as written, HTML stripped'),
  fund_demand_raw: titled(z.string(), '资金需求（原文）', 'the cell as written, HTML stripped'),
  fund_demand_line: titled(sourceLine, '资金需求行号', 'line of the 资金需求 cell, where reconciliation points'),
  indicator_count: titled(z.number().int().nonnegative(), '绩效指标数', 'indicator rows of the table in indicators'),
  ...provenanceFields,
});

/** A validated target record as the extractors build it (the pipeline adds source_file and source_ref). */
export type TargetRow = Unplaced<z.infer<typeof TargetRow>>;

import { z } from 'zod';
import {
  annexLabel,
  code9,
  MoneyUnit,
  provenanceFields,
  sourceLine,
  sourceRow,
  titled,
  type Unplaced,
  yuan,
} from './common.js';

/** One row of an allocation table (分配表; amounts in 元 or 万元, given here in 元) (totals and subtotals included). */
export const AllocationRow = z.strictObject({
  annex: titled(annexLabel, '附件', 'the annex label as numbered in the notice (1, 2, 3-1)'),
  row_type: titled(z.enum(['grand_total', 'section_total', 'subtotal', 'item']), '行类型'),
  region_name: titled(z.string(), '地区'),
  region_code: titled(code9, '地区编码'),
  project_name: titled(z.string(), '二级项目名称'),
  recipient_code: titled(code9, '分配单位编码'),
  recipient_name: titled(z.string(), '分配单位'),
  sanbao_catalog: titled(z.string(), '三保目录'),
  direct_to_sanbao_account: titled(z.boolean().nullable(), '是否直拨“三保”专户'),
  function_subject_code: titled(z.string().regex(/^(\d{3,7})?$/), '功能分类科目编码'),
  function_subject_name: titled(z.string(), '功能分类科目名称'),
  amount_yuan: titled(yuan, '金额（元）'),
  unit: titled(MoneyUnit, '原表单位', 'the unit the table states its amounts in'),
  remark: titled(z.string(), '备注'),
  source_line: titled(sourceLine, '源文件行号'),
  source_row: titled(sourceRow, '表内行号', '1-based row within its table, header rows counted'),
  amount_raw: titled(z.string(), '金额（原文）', 'the amount cell as written, HTML stripped'),
  ...provenanceFields,
});

/** A validated allocation record as the extractors build it (the pipeline adds source_file and source_ref). */
export type AllocationRow = Unplaced<z.infer<typeof AllocationRow>>;

import { z } from 'zod';
import {
  annexLabel,
  code9,
  decimalString,
  inUnit,
  provenanceFields,
  recipientMatch,
  sourceLine,
  sourceRow,
  titled,
  type Unplaced,
  yuan,
} from './common.js';

/** One row of a detail table (明细分配表) (total and subtotals included). */
export const DetailRow = z.strictObject({
  annex: titled(annexLabel, '附件', 'the annex label as numbered in the notice (1, 2, 3-1)'),
  row_type: titled(z.enum(['grand_total', 'subtotal', 'item']), '行类型'),
  seq: titled(z.string(), '序号'),
  budget_code: titled(z.string(), '预算代码'),
  city: titled(z.string(), '地市'),
  recipient_name: titled(z.string(), '地区（单位）'),
  recipient_code: titled(code9, '分配单位编码', '9-digit recipient code joined from the allocation tables'),
  project_name: titled(z.string(), '项目名称'),
  amount_wan: titled(inUnit(decimalString, '万元'), '资金额（万元）'),
  amount_yuan: titled(yuan, '资金额（元）'),
  source_line: titled(sourceLine, '源文件行号'),
  source_row: titled(sourceRow, '表内行号', '1-based row within its table, header rows counted'),
  amount_raw: titled(z.string(), '资金额（原文）', 'the amount cell as written, HTML stripped'),
  recipient_match: recipientMatch('how the item was joined to the allocation tables; none on totals'),
  ...provenanceFields,
});

/** A validated detail record as the extractors build it (the pipeline adds source_file and source_ref). */
export type DetailRow = Unplaced<z.infer<typeof DetailRow>>;

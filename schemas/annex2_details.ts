import { z } from 'zod';
import { code9, decimalString, sourceLine, titled, yuan } from './common.js';

/** One row of Annex 2, the detail table in 万元 (total and subtotals included). */
export const DetailRow = z.strictObject({
  row_type: titled(z.enum(['grand_total', 'subtotal', 'item']), '行类型'),
  seq: titled(z.string(), '序号'),
  budget_code: titled(z.string(), '预算代码'),
  city: titled(z.string(), '地市'),
  recipient_name: titled(z.string(), '地区（单位）'),
  recipient_code: titled(code9, '分配单位编码', '9-digit recipient code joined from Annex 1'),
  project_name: titled(z.string(), '项目名称'),
  amount_wan: titled(decimalString, '资金额（万元）'),
  amount_yuan: titled(yuan, '资金额（元）'),
  source_line: titled(sourceLine, '源文件行号'),
  amount_raw: titled(z.string(), '资金额（原文）', 'the amount cell as written, HTML stripped'),
});

/** A validated Annex 2 record. */
export type DetailRow = z.infer<typeof DetailRow>;

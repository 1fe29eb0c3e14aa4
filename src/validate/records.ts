import type { DatasetSchema } from '../../schemas/index.js';
import type { StageContext } from '../findings/context.js';

/** Records that pass their dataset's schema; each failure is an error finding and the record is not written. */
export function validateRecords<T extends { source_line: number }>(
  dataset: DatasetSchema,
  annex: string,
  records: readonly T[],
  ctx: StageContext,
): T[] {
  const valid: T[] = [];
  for (const record of records) {
    const result = dataset.record.safeParse(record);
    if (result.success) valid.push(record);
    else {
      const issues = result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
      ctx.report({ code: 'validate/schema', annex, source_line: record.source_line, actual: issues });
    }
  }
  return valid;
}

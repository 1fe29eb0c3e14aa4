import { DATASETS, WORKSHEETS, foreignKeyId, type DatasetSchema } from '../../schemas/index.js';
import type { StageContext } from '../findings/context.js';

/** Records per CSV name (datasets and the review sheet). */
type Tables = Record<string, readonly Record<string, unknown>[]>;

/**
 * Datasets whose declared primary key does not identify their records in this notice (a whole HTML
 * table on one source line gives every row that line). Each is reported; datapackage.json then
 * leaves the key out rather than declare one that does not hold.
 */
export function primaryKeysNotHeld(datasets: Tables, ctx: StageContext): Set<string> {
  const broken = new Set<string>();
  for (const dataset of DATASETS) {
    const seen = new Map<string, number>();
    for (const record of datasets[dataset.name] ?? []) {
      const key = dataset.primaryKey.map((f) => String(record[f])).join('\u0000');
      const line = Number(record['source_line']);
      if (seen.has(key)) {
        broken.add(dataset.name);
        ctx.report({
          code: 'validate/primary-key-not-unique',
          annex: dataset.name,
          source_line: line,
          actual: dataset.primaryKey.map((f) => `${f}=${String(record[f])}`).join(', '),
          params: { dataset: dataset.name },
        });
        break;
      }
      seen.set(key, line);
    }
  }
  return broken;
}

/**
 * Foreign keys that do not hold: a record whose key fields are all filled names no record of the
 * referenced dataset ('' is a missing value in every CSV, as datapackage.json declares, so a row
 * without a recipient refers to nothing). The first such record is reported per key, which
 * datapackage.json then leaves out.
 */
export function foreignKeysNotHeld(tables: Tables, ctx: StageContext): Set<string> {
  const broken = new Set<string>();
  const schemas: readonly DatasetSchema[] = [...DATASETS, ...WORKSHEETS];
  for (const dataset of schemas) {
    for (const fk of dataset.foreignKeys ?? []) {
      const valueOf = (record: Record<string, unknown>, fields: readonly string[]) =>
        fields.map((f) => String(record[f] ?? '')).join('\u0000');
      const known = new Set((tables[fk.reference.resource] ?? []).map((r) => valueOf(r, fk.reference.fields)));
      const dangling = (tables[dataset.name] ?? []).find(
        (r) => fk.fields.every((f) => (r[f] ?? '') !== '') && !known.has(valueOf(r, fk.fields)),
      );
      if (!dangling) continue;
      broken.add(foreignKeyId(dataset.name, fk));
      const actual = fk.fields.map((f) => `${f}=${String(dangling[f])}`).join(', ');
      ctx.report({
        code: 'validate/foreign-key-not-held',
        annex: dataset.name,
        source_line: Number(dangling['source_line']) || null,
        actual,
        params: { dataset: dataset.name, resource: fk.reference.resource },
      });
    }
  }
  return broken;
}

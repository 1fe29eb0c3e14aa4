import { DATASETS } from '../../schemas/index.js';
import type { StageContext } from '../findings/context.js';

/**
 * Datasets whose declared primary key does not identify their records in this notice (a whole HTML
 * table on one source line gives every row that line). Each is reported; datapackage.json then
 * leaves the key out rather than declare one that does not hold.
 */
export function primaryKeysNotHeld(datasets: Record<string, readonly Record<string, unknown>[]>, ctx: StageContext): Set<string> {
  const broken = new Set<string>();
  for (const dataset of DATASETS) {
    const seen = new Map<string, number>();
    for (const record of datasets[dataset.name] ?? []) {
      const key = dataset.primaryKey.map((f) => String(record[f])).join('\u0000');
      const line = Number(record['source_line']);
      if (seen.has(key)) {
        broken.add(dataset.name);
        ctx.report({ code: 'validate/primary-key-not-unique', annex: dataset.name, source_line: line, actual: dataset.primaryKey.map((f) => `${f}=${String(record[f])}`).join(', '), params: { dataset: dataset.name } });
        break;
      }
      seen.set(key, line);
    }
  }
  return broken;
}

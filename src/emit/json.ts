import type { DatasetSchema } from '../../schemas/index.js';

/** A dataset as JSON: envelope keys and record keys in schema order, two-space indent, final newline. */
export function toDatasetJson(dataset: DatasetSchema, noticeId: string, records: readonly Record<string, unknown>[]): string {
  const keys = Object.keys(dataset.record.shape);
  const ordered = records.map((r) => {
    const o: Record<string, unknown> = {};
    for (const k of keys) o[k] = r[k] ?? null;
    return o;
  });
  return stableJson({ schema: `${dataset.name}@${dataset.major}`, notice_id: noticeId, records: ordered });
}

/** JSON text with a final newline; keys keep insertion order (no integer-like keys are used). */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

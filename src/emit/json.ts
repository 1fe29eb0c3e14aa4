import type { DatasetSchema } from '../../schemas/index.js';

/** A dataset as JSON: envelope keys and record keys in schema order, two-space indent, final newline. */
export function toDatasetJson(
  dataset: DatasetSchema,
  noticeId: string,
  records: readonly Record<string, unknown>[],
): string {
  const keys = Object.keys(dataset.record.shape);
  // The extractors build records in schema order, so most are written as they are; any other is reordered.
  const ordered = records.map((r) => (inSchemaOrder(r, keys) ? r : reordered(r, keys)));
  return stableJson({ schema: `${dataset.name}@${dataset.major}`, notice_id: noticeId, records: ordered });
}

/** True when a record has exactly the schema's keys, in its order, none undefined. */
function inSchemaOrder(record: Record<string, unknown>, keys: readonly string[]): boolean {
  let i = 0;
  for (const key in record) if (key !== keys[i++] || record[key] === undefined) return false;
  return i === keys.length;
}

/** A record with the schema's keys in its order, a missing value as null. */
function reordered(record: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  for (const k of keys) o[k] = record[k] ?? null;
  return o;
}

/** JSON text with a final newline; keys keep insertion order (no integer-like keys are used). */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, null, 2) + '\n';
}

import type { DatasetSchema } from '../../schemas/index.js';

/** Records per piece of a dataset's JSON written piece by piece. */
const RECORDS_PER_PIECE = 500;

/** A dataset as JSON: envelope keys and record keys in schema order, two-space indent, final newline. */
export function toDatasetJson(
  dataset: DatasetSchema,
  noticeId: string,
  records: readonly Record<string, unknown>[],
): string {
  return [...datasetJsonPieces(dataset, noticeId, records)].join('');
}

/**
 * The text of `toDatasetJson` in pieces of 500 records: the text `stableJson` gives the envelope, each record indented
 * to its place in it (JSON strings hold no raw line breaks, so indenting after each one is exact).
 */
export function* datasetJsonPieces(
  dataset: DatasetSchema,
  noticeId: string,
  records: readonly Record<string, unknown>[],
): Generator<string> {
  const keys = Object.keys(dataset.record.shape);
  const schema = JSON.stringify(`${dataset.name}@${dataset.major}`);
  const head = `{\n  "schema": ${schema},\n  "notice_id": ${JSON.stringify(noticeId)},\n  "records": [`;
  if (records.length === 0) {
    yield `${head}]\n}\n`;
    return;
  }
  yield head;
  for (let start = 0; start < records.length; start += RECORDS_PER_PIECE) {
    // The extractors build records in schema order, so most are written as they are; any other is reordered.
    const batch = records
      .slice(start, start + RECORDS_PER_PIECE)
      .map((r) => (inSchemaOrder(r, keys) ? r : reordered(r, keys)));
    // Stringified where the envelope puts them (under "records", two levels in), then cut out of that wrapper.
    const wrapped = JSON.stringify({ records: batch }, null, 2);
    const inner = wrapped.slice(wrapped.indexOf('[') + 1, wrapped.lastIndexOf('\n  ]'));
    yield start > 0 ? `,${inner}` : inner;
  }
  yield '\n  ]\n}\n';
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

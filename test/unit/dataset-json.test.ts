import { describe, expect, it } from 'vitest';
import { datasetSchema } from '../../schemas/index.js';
import { toDatasetJson } from '../../src/emit/json.js';

const targets = datasetSchema('targets');
const keys = Object.keys(targets.record.shape);
/** A record holding every field of the schema, each value its own name. */
const inOrder = Object.fromEntries(keys.map((k) => [k, k]));

describe('a dataset as JSON', () => {
  it('writes records with the envelope first and the fields in schema order, two-space indent, final newline', () => {
    const text = toDatasetJson(targets, 'n1', [inOrder]);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as { schema: string; notice_id: string; records: Record<string, unknown>[] };
    expect(Object.keys(parsed)).toEqual(['schema', 'notice_id', 'records']);
    expect(parsed.schema).toBe(`targets@${targets.major}`);
    expect(Object.keys(parsed.records[0] ?? {})).toEqual(keys);
    expect(text).toContain(`\n    {\n      "${keys[0]}": "${keys[0]}",`);
  });

  it('puts a record built in another order into schema order, a missing field as null and an unknown one left out', () => {
    const reversed = Object.fromEntries([...keys].reverse().map((k) => [k, k]));
    const missing: Record<string, unknown> = Object.fromEntries(
      Object.entries({ ...inOrder, extra: 'not in the schema' }).filter(([k]) => k !== keys[1]),
    );
    const parsed = JSON.parse(toDatasetJson(targets, 'n1', [reversed, missing])) as {
      records: Record<string, unknown>[];
    };
    expect(Object.keys(parsed.records[0] ?? {})).toEqual(keys);
    expect(Object.keys(parsed.records[1] ?? {})).toEqual(keys);
    expect(parsed.records[1]?.[keys[1] ?? '']).toBeNull();
    expect(parsed.records[0]).toEqual(parsed.records[1] && { ...parsed.records[1], [keys[1] ?? '']: keys[1] });
  });
});

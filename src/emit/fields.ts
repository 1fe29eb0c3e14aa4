import { z } from 'zod';

/** How a field is written to CSV. */
export type FieldKind = 'number' | 'boolean' | 'array' | 'text';

/** A dataset field: its name and CSV kind, in output order. */
export interface FieldInfo {
  name: string;
  kind: FieldKind;
  /** Chinese title from the schema's metadata. */
  title: string;
}

const cache = new WeakMap<z.ZodObject, FieldInfo[]>();

/** Fields of a record schema, kinds derived from its JSON Schema (decimal-string patterns count as numbers). */
export function fieldsOf(record: z.ZodObject): FieldInfo[] {
  const known = cache.get(record);
  if (known) return known;
  const json = z.toJSONSchema(record, { io: 'output' }) as { properties: Record<string, JsonProp> };
  const fields = Object.keys(record.shape).map((name) => {
    const prop = json.properties[name] ?? {};
    return { name, kind: kindOf(prop), title: prop.title ?? name };
  });
  cache.set(record, fields);
  return fields;
}

interface JsonProp {
  type?: string | string[];
  pattern?: string;
  title?: string;
  anyOf?: JsonProp[];
}

function kindOf(prop: JsonProp): FieldKind {
  const types = [prop.type, ...(prop.anyOf ?? []).map((p) => p.type)].flat().filter(Boolean);
  if (types.includes('number') || types.includes('integer')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  if (types.includes('array')) return 'array';
  if (prop.pattern?.startsWith('^-?\\d')) return 'number';
  return 'text';
}

import { z } from 'zod';
import { memoByObject } from '../normalize/memo.js';

/** How a field is written to CSV. */
export type FieldKind = 'number' | 'boolean' | 'array' | 'text';

/** A dataset field: its name and CSV kind, in output order. */
export interface FieldInfo {
  name: string;
  kind: FieldKind;
  /** Chinese title from the schema's metadata. */
  title: string;
  /**
   * Free text: a string (or list of strings) the schema does not constrain — no enumeration, no
   * pattern, no format. Only free text can start like a formula, so only it is guarded in CSV.
   */
  freeText: boolean;
  /** Unit of a money field (`元`, `万元`) from the schema's metadata, or ''. */
  unit: string;
  /** The schema's description of the field, or ''. */
  description: string;
  /** The field's type in words, for people (docs/output.md, the workbook's 说明 sheet). */
  type: string;
  /** The field as Table Schema declares its CSV column (datapackage.json). */
  table: TableField;
}

/** A CSV column as Frictionless Table Schema declares it: its type and the constraints its cells meet. */
export interface TableField {
  /** `integer`, `number` (decimal strings included), `boolean` or `string` (lists joined with `;` too). */
  type: 'integer' | 'number' | 'boolean' | 'string';
  /** What every cell meets; `required` when the schema allows neither null nor an empty text. */
  constraints: { required?: true; enum?: string[]; pattern?: string; minimum?: number; maximum?: number };
}

/** A field's JSON Schema, as much of it as field kinds are read from. */
export interface JsonProp {
  type?: string | string[];
  pattern?: string;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  title?: string;
  description?: string;
  unit?: string;
  anyOf?: JsonProp[];
  items?: JsonProp;
}

/** Fields of a record schema, kinds derived from its JSON Schema (decimal-string patterns count as numbers). */
export const fieldsOf: (record: z.ZodObject) => FieldInfo[] = memoByObject((record: z.ZodObject): FieldInfo[] => {
  const json = z.toJSONSchema(record, { io: 'output' }) as { properties: Record<string, JsonProp> };
  const fields = Object.keys(record.shape).map((name) => {
    const prop = json.properties[name] ?? {};
    const kind = kindOf(prop);
    return {
      name,
      kind,
      title: prop.title ?? name,
      freeText: isFreeText(prop),
      unit: prop.unit ?? '',
      description: prop.description ?? '',
      type: typeOf(prop),
      table: tableFieldOf(prop),
    };
  });
  return fields;
});

function kindOf(prop: JsonProp): FieldKind {
  const types = [prop.type, ...(prop.anyOf ?? []).map((p) => p.type)].flat().filter(Boolean);
  if (types.includes('number') || types.includes('integer')) return 'number';
  if (types.includes('boolean')) return 'boolean';
  if (types.includes('array')) return 'array';
  if (prop.pattern?.startsWith('^-?\\d')) return 'number';
  return 'text';
}

/**
 * A string the schema leaves open (or a list of them); enumerations, patterns, formats, constants, numbers and booleans
 * are not.
 */
function isFreeText(prop: JsonProp): boolean {
  if (prop.anyOf) return prop.anyOf.some(isFreeText);
  if (prop.type === 'array') return prop.items ? isFreeText(prop.items) : true;
  const types = [prop.type].flat();
  if (!types.includes('string')) return false;
  return prop.enum === undefined && prop.const === undefined && prop.pattern === undefined && prop.format === undefined;
}

/**
 * A JSON Schema property in words: `integer`, `decimal string`, `one of a, b`, `text matching ^…$`, `list of …`, `… or
 * null`.
 */
function typeOf(prop: JsonProp): string {
  if (prop.anyOf) return prop.anyOf.map(typeOf).join(' or ');
  const types = [prop.type ?? []].flat();
  if (types.length > 1) return types.map((t) => typeOf({ ...prop, type: t })).join(' or ');
  const [type] = types;
  if (type === 'array') return `list of ${prop.items ? typeOf(prop.items) : 'any'}`;
  if (type === 'null') return 'null';
  if (prop.enum) return `one of ${prop.enum.map((v) => (v === '' ? "''" : String(v))).join(', ')}`;
  if (prop.const !== undefined) return `"${String(prop.const)}"`;
  if (type === 'string' && prop.pattern?.startsWith('^-?\\d')) return 'decimal string';
  if (type === 'string' && prop.pattern) return `text matching ${prop.pattern}`;
  if (type === 'string') return 'text';
  return type ?? 'any';
}

/** The Table Schema of a property as its CSV column holds it (see `cellOf`: '' for null, lists joined with `;`). */
export function tableFieldOf(prop: JsonProp): TableField {
  const variants = prop.anyOf ?? [prop];
  const nullable = variants.some((v) => [v.type].flat().includes('null'));
  const base = variants.find((v) => [v.type].flat().some((t) => t !== 'null' && t !== undefined)) ?? prop;
  const type = [base.type].flat().find((t) => t !== 'null');
  const constraints: TableField['constraints'] = {};
  const require = (can: boolean): void => {
    if (can && !nullable) constraints.required = true;
  };
  if (type === 'integer' || type === 'number') {
    const above = type === 'integer' && base.exclusiveMinimum !== undefined ? base.exclusiveMinimum + 1 : undefined;
    const minimum = base.minimum ?? above;
    if (minimum !== undefined) constraints.minimum = minimum;
    if (base.maximum !== undefined && base.maximum < Number.MAX_SAFE_INTEGER) constraints.maximum = base.maximum;
    require(true);
    return { type, constraints };
  }
  if (type === 'boolean') {
    require(true);
    return { type, constraints };
  }
  if (type === 'array') {
    // A list is one cell joined with `;`: a list of words from an enumeration is a pattern over them.
    const words = base.items?.enum?.map(String).filter((w) => w !== '');
    if (words && words.length > 0) {
      const word = `(?:${words.map(escapeRegExp).join('|')})`;
      constraints.pattern = `(?:${word}(?:;${word})*)?`;
    }
    return { type: 'string', constraints };
  }
  const pattern = base.pattern;
  // A decimal string is a number to CSV readers (its pattern is the number's own syntax).
  if (pattern?.startsWith('^-?\\d')) {
    require(!new RegExp(pattern).test(''));
    return { type: 'number', constraints };
  }
  const values = base.enum ?? (base.const !== undefined ? [base.const] : undefined);
  if (values) {
    const words = values.map(String);
    constraints.enum = words.filter((w) => w !== '');
    require(!words.includes(''));
  } else if (pattern !== undefined) {
    constraints.pattern = pattern;
    require(!new RegExp(pattern).test(''));
  }
  return { type: 'string', constraints };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The corpus tables' columns, derived from the Zod schemas: a field's SQL type is read from its JSON
 * Schema (integer → INTEGER, number → DOUBLE, boolean → BOOLEAN, a list of strings → VARCHAR[], a
 * string shape that holds money, a decimal, a date or a year → the type schemas/common.ts declares
 * for its pattern, any other string → VARCHAR). No column list is written by hand.
 */
import { z } from 'zod';
import { SQL_TYPE_OF_PATTERN } from '../../schemas/common.js';
import { DATASETS, FINDINGS_SHEET, type DatasetSchema } from '../../schemas/index.js';
import { NoticeJson } from '../../schemas/notice.js';
import type { JsonProp } from '../emit/fields.js';

/** How a value is handed to DuckDB's appender. */
export type ValueKind = 'varchar' | 'typed-string' | 'integer' | 'double' | 'boolean' | 'list' | 'json';

/** One column of a corpus table. */
export interface SqlColumn {
  /** Column name in the corpus. */
  name: string;
  /** DuckDB type (`DECIMAL(18,2)`, `VARCHAR[]`, …); Parquet takes the same logical type. */
  type: string;
  /** How its value is appended: a typed string is cast by DuckDB, '' becoming NULL. */
  kind: ValueKind;
  /** Path of the value in the source object (`pipeline.tool`), or the field name. */
  path: readonly string[];
  /** Chinese title from the schema. */
  title: string;
}

/** The notice keys every row of the corpus carries, in this order; all but `family` are notice.json fields. */
export const NOTICE_KEYS = ['notice_id', 'doc_number', 'issuer', 'issued_date', 'budget_year', 'family'] as const;

/** Hive partition columns of the Parquet layout: in the folder names, not in the files. */
export const PARTITION_KEYS = ['family', 'budget_year'] as const;

/** A column's type and append kind from its JSON Schema. */
function typeOf(prop: JsonProp): { type: string; kind: ValueKind } {
  if (prop.anyOf) {
    const members = prop.anyOf.filter((p) => p.type !== 'null');
    return members.length === 1 && members[0] ? typeOf(members[0]) : { type: 'VARCHAR', kind: 'varchar' };
  }
  const types = [prop.type ?? []].flat().filter((t) => t !== 'null');
  const [type] = types;
  if (type === 'integer') return { type: 'INTEGER', kind: 'integer' };
  if (type === 'number') return { type: 'DOUBLE', kind: 'double' };
  if (type === 'boolean') return { type: 'BOOLEAN', kind: 'boolean' };
  if (type === 'array') {
    const item = prop.items ? typeOf(prop.items) : undefined;
    return item?.kind === 'varchar' ? { type: 'VARCHAR[]', kind: 'list' } : { type: 'JSON', kind: 'json' };
  }
  if (type === 'object') return { type: 'JSON', kind: 'json' };
  const declared = prop.pattern === undefined ? undefined : SQL_TYPE_OF_PATTERN.get(prop.pattern);
  return declared ? { type: declared, kind: 'typed-string' } : { type: 'VARCHAR', kind: 'varchar' };
}

/** Properties of an object schema as JSON Schema, nested objects kept. */
function propertiesOf(schema: z.ZodType): Record<string, JsonProp & { properties?: Record<string, JsonProp> }> {
  return (z.toJSONSchema(schema, { io: 'output' }) as { properties: Record<string, JsonProp> }).properties;
}

/** Columns of a record schema in field order; an object field is flattened into `<field>_<sub>` columns. */
export function sqlColumnsOf(record: z.ZodObject, rename: (field: string) => string = (f) => f): SqlColumn[] {
  const columns: SqlColumn[] = [];
  for (const [name, prop] of Object.entries(propertiesOf(record))) {
    if (prop.type === 'object' && prop.properties) {
      for (const [sub, subProp] of Object.entries(prop.properties)) {
        columns.push({
          name: rename(`${name}_${sub}`),
          ...typeOf(subProp),
          path: [name, sub],
          title: subProp.title ?? sub,
        });
      }
      continue;
    }
    columns.push({ name: rename(name), ...typeOf(prop), path: [name], title: prop.title ?? name });
  }
  return columns;
}

/** The notice-key columns, typed from notice.json's schema (family from its `pipeline`). */
export function noticeKeyColumns(): SqlColumn[] {
  const all = sqlColumnsOf(NoticeJson);
  return NOTICE_KEYS.map((key) => {
    const found = key === 'family' ? all.find((c) => c.name === 'pipeline_family') : all.find((c) => c.name === key);
    if (!found) throw new Error(`notice key ${key} is not a field of notice.json`);
    return { ...found, name: key };
  });
}

/** A table of the corpus: its name, the dataset it comes from (if any) and its columns, notice keys first. */
export interface CorpusTable {
  /** Table name (`allocations`, `notices`, `findings`). */
  name: string;
  /** Columns: the notice keys, then the record's own. */
  columns: SqlColumn[];
  /** Number of leading columns that are notice keys (taken from the notice, not the record). */
  keyCount: number;
}

const KEY_NAMES: ReadonlySet<string> = new Set(NOTICE_KEYS);

/**
 * The corpus table of one dataset: notice keys, then its fields (a field named like a key gets the dataset's prefix).
 */
export function datasetTable(dataset: DatasetSchema): CorpusTable {
  const rename = (field: string): string => {
    if (!KEY_NAMES.has(field)) return field;
    if (!dataset.corpusPrefix)
      throw new Error(`${dataset.name}.${field} is named like a notice key but the dataset declares no corpusPrefix`);
    return dataset.corpusPrefix + field;
  };
  const keys = noticeKeyColumns();
  return { name: dataset.name, columns: [...keys, ...sqlColumnsOf(dataset.record, rename)], keyCount: keys.length };
}

/** Columns the corpus adds to notice.json's in `notices`. */
const NOTICE_EXTRA: SqlColumn[] = [
  { name: 'fund', type: 'VARCHAR', kind: 'varchar', path: ['fund'], title: '资金名称' },
  { name: 'source_folder', type: 'VARCHAR', kind: 'varchar', path: ['source_folder'], title: '来源文件夹' },
  { name: 'source_fingerprint', type: 'VARCHAR', kind: 'varchar', path: ['source_fingerprint'], title: '来源指纹' },
];

/** `notices`: one row per notice, the keys, the fund, then every notice.json field (pipeline flattened). */
export function noticesTable(): CorpusTable {
  const keys = noticeKeyColumns();
  const rest = sqlColumnsOf(NoticeJson).filter((c) => !KEY_NAMES.has(c.name) && c.name !== 'pipeline_family');
  return { name: 'notices', columns: [...keys, ...NOTICE_EXTRA, ...rest], keyCount: keys.length };
}

/** `findings`: every finding of every notice's report.json (and the corpus's own), with the notice keys. */
export function findingsTable(): CorpusTable {
  const keys = noticeKeyColumns();
  return { name: 'findings', columns: [...keys, ...sqlColumnsOf(FINDINGS_SHEET.record)], keyCount: keys.length };
}

/** Every table of the corpus: the datasets in output order, then notices and findings. */
export function corpusTables(): CorpusTable[] {
  return [...DATASETS.map(datasetTable), noticesTable(), findingsTable()];
}

/** `CREATE TABLE` for a corpus table, column names quoted. */
export function createTableSql(table: CorpusTable, name = table.name): string {
  const columns = table.columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(name)} (${columns})`;
}

/** An identifier quoted for SQL. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string literal for SQL. */
export function quoteLiteral(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

/** A value its DECIMAL column cannot hold exactly (more decimals than its scale): stored rounded, reported. */
export interface RoundedValue {
  table: string;
  column: string;
  value: string;
  type: string;
}

/** The values of records that have more decimals than their column's DECIMAL scale. */
export function roundedValues(table: CorpusTable, records: readonly Record<string, unknown>[]): RoundedValue[] {
  const decimals = table.columns
    .slice(table.keyCount)
    .map((c) => ({ c, scale: Number(/^DECIMAL\(\d+,(\d+)\)$/.exec(c.type)?.[1] ?? NaN) }))
    .filter((d) => !Number.isNaN(d.scale));
  const rounded: RoundedValue[] = [];
  for (const record of records) {
    for (const { c, scale } of decimals) {
      const value = record[c.path[0] ?? c.name];
      if (typeof value === 'string' && (value.split('.')[1]?.length ?? 0) > scale)
        rounded.push({ table: table.name, column: c.name, value, type: c.type });
    }
  }
  return rounded;
}

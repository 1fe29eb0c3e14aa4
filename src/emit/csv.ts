import { stringify } from 'csv-stringify/sync';
import type { FieldInfo } from './fields.js';

/** Characters that make Excel read a text cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Options of the CSV dialect. */
export interface CsvOptions {
  /** Prefix a UTF-8 BOM so Excel reads Chinese correctly. */
  bom: boolean;
}

/** RFC 4180 CSV (comma, CRLF, quotes doubled) with explicit casts per column; free text guarded against formulas. */
export function toCsv(records: readonly Record<string, unknown>[], fields: readonly FieldInfo[], options: CsvOptions): string {
  const rows = records.map((record) => fields.map((f) => cellOf(record[f.name], f)));
  // csv-stringify quotes a field holding the whole record delimiter, not a bare \n or \r: quote those
  // (multi-line text such as overall_goal) and fields with edge spaces explicitly.
  const body = stringify([fields.map((f) => f.name), ...rows], { record_delimiter: '\r\n', quoted_match: /[\r\n]|^\s|\s$/ });
  return (options.bom ? '\uFEFF' : '') + body;
}

/**
 * One cell as text by its field's kind. Only free text is guarded: numbers ("-12.5"), codes,
 * enumerations and booleans are constrained by their schema and written exactly as in JSON.
 */
export function cellOf(value: unknown, field: FieldInfo): string {
  if (value === null || value === undefined) return '';
  if (field.kind === 'boolean') return value ? 'true' : 'false';
  if (field.kind === 'number') return String(value);
  const text = field.kind === 'array' ? (value as unknown[]).map(String).join(';') : String(value);
  return field.freeText && FORMULA_START.test(text) ? `'${text}` : text;
}

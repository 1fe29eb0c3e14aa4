import { z } from 'zod';

/** A field with its Chinese title, as shown in datapackage.json and the JSON Schema. */
export function titled<T extends z.ZodType>(schema: T, title: string, description?: string): T {
  return schema.meta(description ? { title, description } : { title }) as T;
}

/** The money units a notice writes amounts in. */
export const MoneyUnit = z.enum(['元', '万元', '亿元']);
/** One of the money units. */
export type MoneyUnit = z.infer<typeof MoneyUnit>;

/**
 * Money in a stated unit (`元`, `万元`): the unit goes into the field's metadata, for docs, datapackage readers and the
 * workbook.
 */
export function inUnit<T extends z.ZodType>(schema: T, unit: MoneyUnit): T {
  return schema.meta({ unit }) as T;
}

const YUAN = /^-?\d+\.\d{2}$/;
const DECIMAL = /^-?\d+(\.\d+)?$/;
const DECIMAL_OR_EMPTY = /^-?\d+(\.\d+)?$|^$/;
const DATE_OR_EMPTY = /^(\d{4}-\d{2}-\d{2})?$/;
const YEAR_OR_EMPTY = /^(\d{4})?$/;

/** Money in 元: a decimal string with exactly two decimals. */
export const yuan = inUnit(z.string().regex(YUAN, 'amount in 元 with two decimals'), '元');
/** A decimal number as a string (never a float). */
export const decimalString = z.string().regex(DECIMAL, 'decimal number as a string');
/**
 * A decimal number as a string, or '' when there is none (the pattern starts like a number's, so CSV treats it as one).
 */
export const decimalOrEmpty = z.string().regex(DECIMAL_OR_EMPTY, 'decimal number as a string, or empty');
/** A date `YYYY-MM-DD`, or '' when there is none. */
export const dateOrEmpty = z.string().regex(DATE_OR_EMPTY, 'date YYYY-MM-DD or empty');
/** A four-digit year, or '' when there is none. */
export const yearOrEmpty = z.string().regex(YEAR_OR_EMPTY, 'four-digit year or empty');

/**
 * The corpus column type (DuckDB and Parquet) of each string shape above whose values are not text,
 * by its pattern: the corpus reads a field's type from its JSON Schema, and a pattern here says what
 * the string holds ('' becomes NULL). Amounts in 元 are exact to the fen; other decimals (万元 as
 * written, indicator figures) keep up to 10 decimals. Any other string is VARCHAR.
 */
export const SQL_TYPE_OF_PATTERN: ReadonlyMap<string, string> = new Map([
  [YUAN.source, 'DECIMAL(18,2)'],
  [DECIMAL.source, 'DECIMAL(38,10)'],
  [DECIMAL_OR_EMPTY.source, 'DECIMAL(38,10)'],
  [DATE_OR_EMPTY.source, 'DATE'],
  [YEAR_OR_EMPTY.source, 'INTEGER'],
]);
/** A 1-based source line. */
export const sourceLine = z.number().int().positive();
/**
 * The annex a record comes from, its label as numbered in the notice (`1`, `2`, `3-1`; Chinese numerals and full-width
 * digits folded).
 */
export const annexLabel = z.string().regex(/^\d+(-\d+)*$/, 'annex label such as 1, 2 or 3-1');
/** A 1-based row within its table (header rows counted), so a table written on one line keeps a key. */
export const sourceRow = z.number().int().positive();
/** A 9-digit fiscal region/recipient code, or '' when the row has none. */
export const code9 = z.string().regex(/^(\d{9})?$/, '9-digit code or empty');

/** The file of a notice folder a record was read from, relative to the folder; '' for a notice given as one file. */
export const sourceFile = z.string();
/**
 * The place of a record's row in its file: `Sheet1!A12` (sheet and the row's first cell), `table 2 row 5` (Word), `row
 * 5` (CSV), `line 5`.
 */
export const sourceRef = z.string();

/** The two provenance fields every dataset record ends with; the pipeline fills them from where each line came from. */
export const provenanceFields = {
  source_file: titled(
    sourceFile,
    '源文件',
    'file of the notice folder the record was read from, relative to the folder; empty for a notice given as ' +
      'one file (source_line is then the place)',
  ),
  source_ref: titled(
    sourceRef,
    '源文件位置',
    "where in that file: a spreadsheet's sheet and the row's first cell (Sheet1!A12), a Word table and row " +
      '(table 2 row 5), a CSV row (row 5), a Markdown line (line 5); empty for a notice given as one file',
  ),
};

/** A record as the extractors build it, before the pipeline adds its provenance fields. */
export type Unplaced<T> = Omit<T, keyof typeof provenanceFields>;
/**
 * How a record was joined to its allocation recipient: by a 9-digit code it states (code), by the
 * place its name states (exact), by a short or qualified name (alias), by similarity (fuzzy), or not
 * (none, ambiguous).
 */
export const RecipientMatch = z.enum(['code', 'exact', 'alias', 'fuzzy', 'none', 'ambiguous']);
/** A recipient match. */
export type RecipientMatch = z.infer<typeof RecipientMatch>;

/** The join basis of a record, as a titled field. */
export const recipientMatch = (description: string) => titled(RecipientMatch, '分配单位匹配方式', description);

/** The envelope of every JSON dataset. */
export function envelope<T extends z.ZodType>(name: string, major: number, record: T) {
  return z.object({
    schema: z.literal(`${name}@${major}`),
    notice_id: z.string(),
    records: z.array(record),
  });
}

import { csvSchema, foreignKeyId, type ForeignKey } from '../../schemas/index.js';
import { fieldsOf, type FieldInfo } from './fields.js';
import { createHash } from 'node:crypto';

/** A field as Table Schema declares it: name, Chinese title, type and constraints (derived from the Zod schema). */
function tableField(f: FieldInfo) {
  const { type, constraints } = f.table;
  return { name: f.name, title: f.title, type, ...(Object.keys(constraints).length > 0 ? { constraints } : {}) };
}

/** The keys that do not hold in a notice and are left out. */
export interface KeysLeftOut {
  /** Datasets whose primary key is not unique. */
  primary: ReadonlySet<string>;
  /** Foreign keys that do not resolve, named by `foreignKeyId`. */
  foreign: ReadonlySet<string>;
}

/**
 * A Frictionless Data Package describing every CSV (datasets and the review worksheet): Table Schema
 * with Chinese titles, dialect, hash and bytes, and the primary and foreign keys that hold. The
 * encoding is `utf-8`, or `utf-8-sig` for a CSV written with a BOM (`--bom`): readers that take
 * `utf-8` literally (Python's csv, datapackage-js) would read the BOM into the first header.
 */
export function dataPackage(
  noticeId: string,
  title: string,
  csvFiles: [string, string | Uint8Array][],
  leftOut: KeysLeftOut = { primary: new Set(), foreign: new Set() },
) {
  return {
    name: noticeId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-'),
    title,
    profile: 'tabular-data-package',
    resources: csvFiles.map(([file, content]) => {
      const dataset = csvSchema(file.replace(/\.csv$/, ''));
      return {
        name: dataset.name,
        title: dataset.title,
        ...(dataset.description ? { description: dataset.description } : {}),
        path: file,
        profile: 'tabular-data-resource',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: startsWithBom(content) ? 'utf-8-sig' : 'utf-8',
        bytes: typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length,
        hash: `sha256:${sha256Of(content)}`,
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: fieldsOf(dataset.record).map(tableField),
          missingValues: [''],
          ...(leftOut.primary.has(dataset.name) || dataset.primaryKey.length === 0
            ? {}
            : { primaryKey: dataset.primaryKey }),
          ...foreignKeysOf(dataset.name, dataset.foreignKeys ?? [], leftOut.foreign),
        },
      };
    }),
  };
}

function foreignKeysOf(dataset: string, keys: readonly ForeignKey[], leftOut: ReadonlySet<string>) {
  const held = keys.filter((fk) => !leftOut.has(foreignKeyId(dataset, fk)));
  return held.length > 0 ? { foreignKeys: held } : {};
}

/** Whether a CSV (text or bytes) starts with the UTF-8 byte order mark. */
function startsWithBom(content: string | Uint8Array): boolean {
  if (typeof content === 'string') return content.startsWith('\uFEFF');
  return content.length >= 3 && content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf;
}

/** sha256 of a text's UTF-8 bytes (or of bytes), hex. */
export function sha256Of(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

import { csvSchema, foreignKeyId, type ForeignKey } from '../../schemas/index.js';
import { fieldsOf, type FieldKind } from './fields.js';
import { createHash } from 'node:crypto';

const TABLE_TYPES: Record<FieldKind, string> = { number: 'number', boolean: 'boolean', array: 'string', text: 'string' };

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
 * encoding is `utf-8` with or without the BOM (a UTF-8 reader skips it).
 */
export function dataPackage(noticeId: string, title: string, csvFiles: [string, string | Uint8Array][], leftOut: KeysLeftOut = { primary: new Set(), foreign: new Set() }) {
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
        encoding: 'utf-8',
        bytes: typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.length,
        hash: `sha256:${sha256Of(content)}`,
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: fieldsOf(dataset.record).map((f) => ({ name: f.name, title: f.title, type: TABLE_TYPES[f.kind] })),
          missingValues: [''],
          ...(leftOut.primary.has(dataset.name) || dataset.primaryKey.length === 0 ? {} : { primaryKey: dataset.primaryKey }),
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

/** sha256 of a text's UTF-8 bytes (or of bytes), hex. */
export function sha256Of(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

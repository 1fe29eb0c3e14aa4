import { csvSchema } from '../../schemas/index.js';
import { fieldsOf, type FieldKind } from './fields.js';
import { createHash } from 'node:crypto';

const TABLE_TYPES: Record<FieldKind, string> = { number: 'number', boolean: 'boolean', array: 'string', text: 'string' };

/** A Frictionless Data Package describing every CSV (datasets and the review worksheet): Table Schema with Chinese titles, dialect, hash and bytes. */
export function dataPackage(noticeId: string, title: string, csvFiles: [string, string][], bom: boolean, keysNotHeld: ReadonlySet<string> = new Set()) {
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
        encoding: bom ? 'utf-8-sig' : 'utf-8',
        bytes: Buffer.byteLength(content, 'utf8'),
        hash: `sha256:${sha256Of(content)}`,
        dialect: { delimiter: ',', lineTerminator: '\r\n', quoteChar: '"', doubleQuote: true, header: true },
        schema: {
          fields: fieldsOf(dataset.record).map((f) => ({ name: f.name, title: f.title, type: TABLE_TYPES[f.kind] })),
          missingValues: [''],
          ...(keysNotHeld.has(dataset.name) ? {} : { primaryKey: dataset.primaryKey }),
          ...(dataset.foreignKeys ? { foreignKeys: dataset.foreignKeys } : {}),
        },
      };
    }),
  };
}

/** sha256 of a text's UTF-8 bytes, hex. */
export function sha256Of(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

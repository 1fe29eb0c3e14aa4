import { csvSchema, foreignKeyId, type ForeignKey } from '../../schemas/index.js';
import { fieldsOf, type FieldInfo } from './fields.js';

/** A field as Table Schema declares it: name, Chinese title, type and constraints (derived from the Zod schema). */
function tableField(f: FieldInfo) {
  const { type, constraints } = f.table;
  return { name: f.name, title: f.title, type, ...(Object.keys(constraints).length > 0 ? { constraints } : {}) };
}

/** A CSV as it was written: its file name, size, sha256 (hex) and whether it starts with a UTF-8 BOM. */
export interface CsvDigest {
  file: string;
  bytes: number;
  sha256: string;
  bom: boolean;
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
  csvFiles: readonly CsvDigest[],
  leftOut: KeysLeftOut = { primary: new Set(), foreign: new Set() },
) {
  return {
    name: noticeId.toLowerCase().replace(/[^a-z0-9._-]+/g, '-'),
    title,
    profile: 'tabular-data-package',
    resources: csvFiles.map(({ file, bytes, sha256, bom }) => {
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
        bytes,
        hash: `sha256:${sha256}`,
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

import { z } from 'zod';
import { AllocationRow } from './allocations.js';
import { DetailRow } from './details.js';
import { CitationRow } from './citations.js';
import { IndicatorRow } from './indicators.js';
import { TargetRow } from './targets.js';
import { ReviewRow } from './review.js';
import { FindingRow } from './report.js';

/** One output dataset: its name, major version and record schema. */
export interface DatasetSchema {
  /** File stem, `allocations`. */
  name: string;
  /** Major version; bumped only when a field changes meaning. */
  major: number;
  /** Chinese title of the dataset. */
  title: string;
  /** Zod schema of one record; its shape's key order is the output field order. */
  record: z.ZodObject;
  /** Fields that identify a record within one notice (Table Schema `primaryKey`); none for a sheet without a key. */
  primaryKey: string[];
  /** What the file is for, when its title does not say it (Data Package `description`). */
  description?: string;
  /**
   * References to other datasets of the same notice (Table Schema `foreignKeys`); declared where they hold in the
   * notice.
   */
  foreignKeys?: ForeignKey[];
  /**
   * In the corpus, the prefix of a field named like a notice key (citations' own `doc_number` is `cited_doc_number`
   * there).
   */
  corpusPrefix?: string;
}

/** A Table Schema foreign key: these fields name a record of another resource of the notice. */
export interface ForeignKey {
  /** Fields of this dataset. */
  fields: string[];
  /** The resource and its fields they refer to. */
  reference: { resource: string; fields: string[] };
}

/** How a foreign key is named where it is left out: `indicators(recipient_code)>targets`. */
export function foreignKeyId(dataset: string, fk: ForeignKey): string {
  return `${dataset}(${fk.fields.join(',')})>${fk.reference.resource}`;
}

/** Every record of a later kind belongs to an allocation recipient through the recipient code. */
const toAllocation: ForeignKey = {
  fields: ['recipient_code'],
  reference: { resource: 'allocations', fields: ['recipient_code'] },
};
/** Indicator and citation rows belong to a target table through the recipient code. */
const toTarget: ForeignKey = {
  fields: ['recipient_code'],
  reference: { resource: 'targets', fields: ['recipient_code'] },
};

/** The record schema of each dataset. */
const RECORD_SCHEMAS = {
  allocations: AllocationRow,
  details: DetailRow,
  targets: TargetRow,
  indicators: IndicatorRow,
  citations: CitationRow,
};

/** A dataset's name. */
export type DatasetName = keyof typeof RECORD_SCHEMAS;

/** The records of every dataset of one notice, by name, each of its schema's type: what the pipeline hands to emit. */
export type DatasetRecords = { readonly [K in DatasetName]: readonly z.infer<(typeof RECORD_SCHEMAS)[K]>[] };

/**
 * Every dataset the pipeline writes, in output order; one per annex kind, indicators and citations from the target
 * tables.
 */
export const DATASETS: readonly (DatasetSchema & { name: DatasetName })[] = [
  // Rows carry no natural key of their own (subtotals have no recipient), so their place in their annex's table
  // identifies them.
  {
    name: 'allocations',
    major: 2,
    title: '分配表',
    record: RECORD_SCHEMAS.allocations,
    primaryKey: ['annex', 'source_row'],
  },
  {
    name: 'details',
    major: 2,
    title: '明细分配表',
    record: RECORD_SCHEMAS.details,
    primaryKey: ['annex', 'source_row'],
    foreignKeys: [toAllocation],
  },
  {
    name: 'targets',
    major: 2,
    title: '绩效目标表',
    record: RECORD_SCHEMAS.targets,
    primaryKey: ['annex', 'source_line'],
    foreignKeys: [toAllocation],
    corpusPrefix: 'target_',
  },
  {
    name: 'indicators',
    major: 2,
    title: '绩效指标',
    record: RECORD_SCHEMAS.indicators,
    primaryKey: ['annex', 'source_line', 'source_row'],
    foreignKeys: [toAllocation, toTarget],
  },
  // A table has one 政策依据 cell, so its line and the citation's place in it identify a citation.
  {
    name: 'citations',
    major: 2,
    title: '政策依据',
    record: RECORD_SCHEMAS.citations,
    primaryKey: ['annex', 'source_line', 'seq'],
    foreignKeys: [toAllocation, toTarget],
    corpusPrefix: 'cited_',
  },
];

/** review.csv: what matching could not settle, for a person to decide. */
export const REVIEW_SHEET: DatasetSchema = {
  name: 'review',
  major: 1,
  title: '待复核清单',
  description:
    'Worksheet, not a dataset: citations matched fuzzy or not at all and indicators matched fuzzy, with their ' +
    'best candidates. Fill decision and policy_or_indicator_id, then run `notice-extract review accept review.csv`.',
  record: ReviewRow,
  primaryKey: ['kind', 'source_line', 'seq'],
  foreignKeys: [toTarget],
};

/** findings.csv: report.json's findings as a sheet, in the same order. */
export const FINDINGS_SHEET: DatasetSchema = {
  name: 'findings',
  major: 1,
  title: '问题清单',
  description:
    'The findings of report.json as a sheet, one row per finding, in the same order; a citation spelling ' +
    'awaiting review is one row with its count and lines.',
  record: FindingRow,
  // Findings have no key of their own: two of one code may stand at one line.
  primaryKey: [],
};

/** CSV files written for people, not datasets: described in datapackage.json, without a JSON twin or JSON Schema. */
export const WORKSHEETS: readonly DatasetSchema[] = [REVIEW_SHEET, FINDINGS_SHEET];

/** The schema of a dataset by name; a missing one is a bug. */
export function datasetSchema(name: string): DatasetSchema {
  const found = DATASETS.find((d) => d.name === name);
  if (!found) throw new Error(`unknown dataset ${name}`);
  return found;
}

/** The schema of any CSV the pipeline writes, dataset or worksheet, by name; a missing one is a bug. */
export function csvSchema(name: string): DatasetSchema {
  const found = [...DATASETS, ...WORKSHEETS].find((d) => d.name === name);
  if (!found) throw new Error(`unknown CSV ${name}`);
  return found;
}

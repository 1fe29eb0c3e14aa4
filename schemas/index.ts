import { z } from 'zod';
import { AllocationRow } from './annex1_allocations.js';
import { DetailRow } from './annex2_details.js';
import { CitationRow } from './annex3_citations.js';
import { IndicatorRow } from './annex3_indicators.js';
import { TargetRow } from './annex3_targets.js';
import { ReviewRow } from './review.js';

/** One output dataset: its name, major version and record schema. */
export interface DatasetSchema {
  /** File stem, `annex1_allocations`. */
  name: string;
  /** Major version; bumped only when a field changes meaning. */
  major: number;
  /** Chinese title of the dataset. */
  title: string;
  /** Zod schema of one record; its shape's key order is the output field order. */
  record: z.ZodObject;
  /** Fields that identify a record within one notice (Table Schema `primaryKey`). */
  primaryKey: string[];
  /** What the file is for, when its title does not say it (Data Package `description`). */
  description?: string;
  /** References to other datasets of the same notice that hold for every record (Table Schema `foreignKeys`). */
  foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
}

/** Indicator and citation rows belong to a target table through the recipient code. */
const toTarget = [{ fields: ['recipient_code'], reference: { resource: 'annex3_targets', fields: ['recipient_code'] } }];

/** Every dataset the pipeline writes, in output order. */
export const DATASETS: readonly DatasetSchema[] = [
  // Rows carry no natural key of their own (subtotals have no recipient), so the source line identifies them.
  { name: 'annex1_allocations', major: 1, title: '附件1 分配情况表', record: AllocationRow, primaryKey: ['source_line'] },
  { name: 'annex2_details', major: 1, title: '附件2 资金明细分配表', record: DetailRow, primaryKey: ['source_line'] },
  { name: 'annex3_targets', major: 1, title: '附件3 绩效目标表', record: TargetRow, primaryKey: ['source_line'] },
  { name: 'annex3_indicators', major: 1, title: '附件3 绩效指标', record: IndicatorRow, primaryKey: ['source_line'], foreignKeys: toTarget },
  // A table has one 政策依据 cell, so its line and the citation's place in it identify a citation.
  { name: 'annex3_citations', major: 1, title: '附件3 政策依据', record: CitationRow, primaryKey: ['source_line', 'seq'], foreignKeys: toTarget },
];

/** review.csv: what matching could not settle, for a person to decide. */
export const REVIEW_SHEET: DatasetSchema = {
  name: 'review',
  major: 1,
  title: '待复核清单',
  description: 'Worksheet, not a dataset: citations matched fuzzy or not at all and indicators matched fuzzy, with their best candidates. Fill decision and policy_or_indicator_id, then run `notice-extract review accept review.csv`.',
  record: ReviewRow,
  primaryKey: ['kind', 'source_line', 'seq'],
  foreignKeys: toTarget,
};

/** CSV files written for people, not datasets: described in datapackage.json, without a JSON twin or JSON Schema. */
export const WORKSHEETS: readonly DatasetSchema[] = [REVIEW_SHEET];

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

import { z } from 'zod';
import { AllocationRow } from './annex1_allocations.js';
import { DetailRow } from './annex2_details.js';
import { IndicatorRow } from './annex3_indicators.js';
import { TargetRow } from './annex3_targets.js';

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
];

/** The schema of a dataset by name; a missing one is a bug. */
export function datasetSchema(name: string): DatasetSchema {
  const found = DATASETS.find((d) => d.name === name);
  if (!found) throw new Error(`unknown dataset ${name}`);
  return found;
}

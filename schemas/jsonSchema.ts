import { z } from 'zod';
import { DATASETS, type DatasetSchema } from './index.js';
import { envelope } from './common.js';
import { NoticeJson } from './notice.js';
import { ReportJson } from './report.js';
import { DiffJson } from './diff.js';

/** JSON files of a notice folder that are documents, not datasets: their name (file stem), title and schema. */
export const DOCUMENTS = [
  { name: 'notice', title: '通知元数据', schema: NoticeJson },
  { name: 'report', title: '问题报告', schema: ReportJson },
] as const;

/** JSON files a command writes outside the notice folders: `diff`'s diff.json. */
export const COMMAND_DOCUMENTS = [{ name: 'diff', title: '年度变化', schema: DiffJson }] as const;

/** The JSON Schema (draft 2020-12) of one dataset's JSON file: the envelope with its records. */
export function datasetJsonSchema(dataset: DatasetSchema): Record<string, unknown> {
  const schema = z.toJSONSchema(envelope(dataset.name, dataset.major, dataset.record), {
    io: 'output',
    target: 'draft-2020-12',
  });
  return {
    $id: `https://notice-extract.invalid/schemas/${dataset.name}@${dataset.major}.schema.json`,
    title: dataset.title,
    ...schema,
  };
}

/** The JSON Schema (draft 2020-12) of notice.json, report.json or diff.json. */
export function documentJsonSchema(doc: { name: string; title: string; schema: z.ZodType }): Record<string, unknown> {
  const schema = z.toJSONSchema(doc.schema, { io: 'output', target: 'draft-2020-12' });
  return { $id: `https://notice-extract.invalid/schemas/${doc.name}.schema.json`, title: doc.title, ...schema };
}

/** Every JSON file's JSON Schema (datasets, then notice.json and report.json) as file name → text. */
export function jsonSchemas(): Map<string, string> {
  const text = (schema: Record<string, unknown>) => JSON.stringify(schema, null, 2) + '\n';
  return new Map([
    ...DATASETS.map((d) => [`${d.name}.schema.json`, text(datasetJsonSchema(d))] as const),
    ...[...DOCUMENTS, ...COMMAND_DOCUMENTS].map((d) => [`${d.name}.schema.json`, text(documentJsonSchema(d))] as const),
  ]);
}

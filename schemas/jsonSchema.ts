import { z } from 'zod';
import { DATASETS, type DatasetSchema } from './index.js';
import { envelope } from './common.js';

/** The JSON Schema (draft 2020-12) of one dataset's JSON file: the envelope with its records. */
export function datasetJsonSchema(dataset: DatasetSchema): Record<string, unknown> {
  const schema = z.toJSONSchema(envelope(dataset.name, dataset.major, dataset.record), { io: 'output', target: 'draft-2020-12' });
  return { $id: `https://notice-extract.invalid/schemas/${dataset.name}@${dataset.major}.schema.json`, title: dataset.title, ...schema };
}

/** Every dataset's JSON Schema as file name → text, in dataset order. */
export function jsonSchemas(): Map<string, string> {
  return new Map(DATASETS.map((d) => [`${d.name}.schema.json`, JSON.stringify(datasetJsonSchema(d), null, 2) + '\n']));
}

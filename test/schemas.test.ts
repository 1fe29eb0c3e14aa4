import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { DATASETS } from '../schemas/index.js';
import { jsonSchemas } from '../schemas/jsonSchema.js';
import { extractText, seedText } from './support/run.js';

const dir = new URL('../schemas/json/', import.meta.url);

describe('committed JSON Schemas', () => {
  it('are exactly what the Zod schemas generate (run `npm run schemas` after a schema change)', () => {
    const generated = jsonSchemas();
    expect([...generated.keys()].sort()).toEqual(readdirSync(dir).filter((f) => f.endsWith('.schema.json')).sort());
    for (const [file, text] of generated) expect(readFileSync(new URL(file, dir), 'utf8'), file).toBe(text);
  });

  it('validate every JSON dataset of the seed with an independent validator (ajv)', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const result = extractText(seedText(), 'yue-cai-gong-2023-126');
    for (const dataset of DATASETS) {
      const schema = JSON.parse(readFileSync(new URL(`${dataset.name}.schema.json`, dir), 'utf8')) as object;
      const validate = ajv.compile(schema);
      const data = JSON.parse(result.files.get(`${dataset.name}.json`) ?? 'null') as { records: unknown[] };
      expect(data.records.length, dataset.name).toBeGreaterThan(0);
      expect(validate(data), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    }
  });

  it('reject money written as a float', () => {
    const ajv = new Ajv2020({ strict: false });
    const schema = JSON.parse(readFileSync(new URL('allocations.schema.json', dir), 'utf8')) as object;
    const result = extractText(seedText(), 'yue-cai-gong-2023-126');
    const data = JSON.parse(result.files.get('allocations.json') ?? 'null') as { records: Record<string, unknown>[] };
    const first = data.records[0];
    if (first) first['amount_yuan'] = 172850000;
    expect(ajv.validate(schema, data)).toBe(false);
  });
});

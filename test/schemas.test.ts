import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { DATASETS } from '../schemas/index.js';
import { jsonSchemas } from '../schemas/jsonSchema.js';
import { outputDoc } from '../scripts/outputDoc.js';
import { extractText, seedText } from './support/run.js';

const dir = new URL('../schemas/json/', import.meta.url);
const fixtures = new URL('./fixtures/', import.meta.url).pathname;

/** Every golden case's input.md. */
function goldenInputs(): string[] {
  return readdirSync(fixtures)
    .flatMap((family) => readdirSync(join(fixtures, family)).map((c) => join(fixtures, family, c, 'input.md')))
    .filter((f) => existsSync(f));
}

describe('committed JSON Schemas', () => {
  it('are exactly what the Zod schemas generate (run `npm run schemas` after a schema change)', () => {
    const generated = jsonSchemas();
    expect([...generated.keys()].sort()).toEqual(
      readdirSync(dir)
        .filter((f) => f.endsWith('.schema.json'))
        .sort(),
    );
    for (const [file, text] of generated) expect(readFileSync(new URL(file, dir), 'utf8'), file).toBe(text);
  });

  it('include docs/output.md exactly as the schemas script generates it, with every field of every dataset', () => {
    const committed = readFileSync(new URL('../docs/output.md', import.meta.url), 'utf8');
    expect(committed, 'docs/output.md is stale: run npm run schemas').toBe(outputDoc());
    for (const dataset of DATASETS)
      for (const name of Object.keys(dataset.record.shape))
        expect(committed, `${dataset.name}.${name}`).toContain(`| \`${name}\` |`);
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

  it('validate notice.json and report.json of the seed and of every golden case, as the emitters write them', () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    const validators = Object.fromEntries(
      ['notice', 'report'].map((name) => [
        name,
        ajv.compile(JSON.parse(readFileSync(new URL(`${name}.schema.json`, dir), 'utf8')) as object),
      ]),
    );
    const runs = [
      extractText(seedText(), 'yue-cai-gong-2023-126'),
      ...goldenInputs().map((file) => extractText(readFileSync(file), 'golden')),
    ];
    for (const run of runs) {
      for (const [name, validate] of Object.entries(validators)) {
        const data = JSON.parse(run.files.get(`${name}.json`) ?? 'null') as unknown;
        expect(validate(data), `${name}: ${JSON.stringify(validate.errors?.slice(0, 3))}`).toBe(true);
      }
    }
    expect(runs.length).toBeGreaterThan(3);
  });

  it('reject a report whose finding has an unknown severity, and a notice with an extra key', () => {
    const ajv = new Ajv2020({ strict: false });
    const run = extractText(seedText(), 'yue-cai-gong-2023-126');
    const report = JSON.parse(run.files.get('report.json') ?? '{}') as { findings: { severity: string }[] };
    const reportSchema = JSON.parse(readFileSync(new URL('report.schema.json', dir), 'utf8')) as object;
    expect(ajv.validate(reportSchema, report)).toBe(true);
    const first = report.findings[0];
    if (first) first.severity = 'fatal';
    expect(ajv.validate(reportSchema, report)).toBe(false);
    const notice = { ...(JSON.parse(run.files.get('notice.json') ?? '{}') as object), extracted_at: '2024-01-01' };
    expect(ajv.validate(JSON.parse(readFileSync(new URL('notice.schema.json', dir), 'utf8')) as object, notice)).toBe(
      false,
    );
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

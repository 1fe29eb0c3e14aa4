import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
// datapackage-js (Frictionless' JavaScript library) ships no types.
// @ts-expect-error no declaration file
import { Package } from 'datapackage';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { csvSchema } from '../schemas/index.js';
import { extractText, seedText } from './support/run.js';

const ID = 'yue-cai-gong-2023-126';

interface TableField {
  name: string;
  type: string;
  constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number };
}
interface Resource {
  name: string;
  path: string;
  encoding: string;
  schema: { fields: TableField[]; foreignKeys?: unknown[] };
}

/** The seed's folder written to disk as the CLI writes it: without a BOM (the default), or with one (`--bom`). */
function folder(bom: boolean): {
  dir: string;
  pkg: { resources: Resource[] };
  records: (name: string) => Record<string, unknown>[];
} {
  const result = extractText(seedText(), ID, { bom });
  const dir = mkdtempSync(join(tmpdir(), `csv-readers-${bom ? 'bom' : 'plain'}-`));
  for (const [name, text] of result.files) writeFileSync(join(dir, name), text);
  return {
    dir,
    pkg: JSON.parse(result.files.get('datapackage.json') ?? '{}') as { resources: Resource[] },
    records: (name) =>
      (JSON.parse(result.files.get(`${name}.json`) ?? '{"records": []}') as { records: Record<string, unknown>[] })
        .records,
  };
}

const plain = folder(false);
const bom = folder(true);
const datasets = ['allocations', 'details', 'targets', 'indicators', 'citations'];

type Prop = { type?: string | string[]; enum?: unknown[]; pattern?: string; anyOf?: Prop[]; items?: Prop };

describe('datapackage.json declares what the Zod schemas say', () => {
  it('types every integer field integer, and declares the enumerations, patterns and required fields of the schemas', () => {
    let integers = 0;
    let enums = 0;
    let patterns = 0;
    for (const r of plain.pkg.resources) {
      const json = z.toJSONSchema(csvSchema(r.name).record, { io: 'output' }) as { properties: Record<string, Prop> };
      for (const f of r.schema.fields) {
        const prop = json.properties[f.name] ?? {};
        const variants = prop.anyOf ?? [prop];
        const types = variants.flatMap((v) => [v.type ?? []].flat());
        const nullable = types.includes('null');
        if (types.includes('integer')) {
          integers++;
          expect(f.type, `${r.name}.${f.name}`).toBe('integer');
          expect(f.constraints?.required ?? false, `${r.name}.${f.name}`).toBe(!nullable);
        }
        const values = variants.find((v) => v.enum)?.enum;
        if (values && types.includes('string')) {
          enums++;
          expect(f.constraints?.enum, `${r.name}.${f.name}`).toEqual(values.filter((v) => v !== ''));
          expect(f.constraints?.required ?? false, `${r.name}.${f.name}`).toBe(!values.includes('') && !nullable);
        }
        const pattern = variants.find((v) => v.pattern)?.pattern;
        if (pattern && !pattern.startsWith('^-?\\d')) {
          patterns++;
          expect(f.constraints?.pattern, `${r.name}.${f.name}`).toBe(pattern);
        }
        if (types.includes('boolean')) expect(f.type).toBe('boolean');
      }
    }
    // The issue counted 16 integer fields typed number; enumerations and patterns were not declared at all.
    expect(integers).toBeGreaterThanOrEqual(16);
    expect(enums).toBeGreaterThan(5);
    expect(patterns).toBeGreaterThan(5);
    const field = (resource: string, name: string) =>
      plain.pkg.resources.find((r) => r.name === resource)?.schema.fields.find((f) => f.name === name);
    expect(field('allocations', 'source_line')).toMatchObject({
      type: 'integer',
      constraints: { required: true, minimum: 1 },
    });
    expect(field('allocations', 'row_type')?.constraints?.enum).toEqual([
      'grand_total',
      'section_total',
      'subtotal',
      'item',
    ]);
    expect(field('allocations', 'recipient_code')).toMatchObject({
      type: 'string',
      constraints: { pattern: '^(\\d{9})?$' },
    });
    expect(field('allocations', 'amount_yuan')).toMatchObject({ type: 'number', constraints: { required: true } });
    expect(field('indicators', 'flags')?.constraints?.pattern).toMatch(/level_conflict/);
  });
});

describe('every documented reader reads the CSVs as written by default (no BOM, declared utf-8)', () => {
  it('declares utf-8 without a BOM, and utf-8-sig when --bom writes one', () => {
    expect(new Set(plain.pkg.resources.map((r) => r.encoding))).toEqual(new Set(['utf-8']));
    expect(new Set(bom.pkg.resources.map((r) => r.encoding))).toEqual(new Set(['utf-8-sig']));
    for (const r of plain.pkg.resources) expect(readFileSync(join(plain.dir, r.path))[0]).not.toBe(0xef);
    for (const r of bom.pkg.resources)
      expect([...readFileSync(join(bom.dir, r.path)).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('datapackage-js: the package is valid and every resource reads with its types and constraints, 0 errors', async () => {
    const pkg = await Package.load(join(plain.dir, 'datapackage.json'), { basePath: plain.dir });
    expect(pkg.errors).toEqual([]);
    expect(pkg.valid).toBe(true);
    for (const r of plain.pkg.resources) {
      const rows = (await pkg.getResource(r.name).read({ keyed: true })) as Record<string, unknown>[];
      if (datasets.includes(r.name)) expect(rows, r.name).toHaveLength(plain.records(r.name).length);
      // The first header is the field's name, not `\ufeffannex`.
      if (rows[0]) expect(Object.keys(rows[0])[0], r.name).toBe(r.schema.fields[0]?.name);
    }
  }, 120_000);

  it('datapackage-js: every foreign key holds (checked one at a time: it resolves a field once, so two keys on one field fail)', async () => {
    for (const r of plain.pkg.resources) {
      for (const [i, fk] of (r.schema.foreignKeys ?? []).entries()) {
        const descriptor = JSON.parse(readFileSync(join(plain.dir, 'datapackage.json'), 'utf8')) as {
          resources: Resource[];
        };
        const target = descriptor.resources.find((x) => x.name === r.name);
        if (!target) throw new Error(r.name);
        target.schema.foreignKeys = [fk];
        const pkg = await Package.load(descriptor, { basePath: plain.dir });
        const rows = (await pkg.getResource(r.name).read({ relations: true })) as unknown[];
        expect(rows.length, `${r.name} foreign key ${i}`).toBeGreaterThan(0);
      }
    }
  }, 120_000);

  it('datapackage-js enforces the declared constraints: a wrong enumeration, integer or code in a copy is an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'csv-readers-broken-'));
    for (const r of plain.pkg.resources) writeFileSync(join(dir, r.path), readFileSync(join(plain.dir, r.path)));
    const broken: [string, (csv: string) => string, RegExp][] = [
      ['allocations', (csv) => csv.replace('\r\n1,grand_total,', '\r\n1,total,'), /enum/],
      ['allocations', (csv) => csv.replace(/,元,,(\d+),/, ',元,,$1.5,'), /type|format|integer/i],
      ['citations', (csv) => csv.replace(/\r\n(3(?:-\d+)?),(\d{9}),/, '\r\n$1,12345,'), /pattern/],
    ];
    for (const [name, edit, why] of broken) {
      const file = join(dir, `${name}.csv`);
      const original = readFileSync(join(plain.dir, `${name}.csv`), 'utf8');
      const changed = edit(original);
      expect(changed, name).not.toBe(original);
      writeFileSync(file, changed);
      const descriptor = JSON.parse(readFileSync(join(plain.dir, 'datapackage.json'), 'utf8')) as {
        resources: (Resource & { hash?: string; bytes?: number })[];
      };
      for (const r of descriptor.resources) {
        delete r.hash;
        delete r.bytes;
      }
      const pkg = await Package.load(descriptor, { basePath: dir });
      const error = await pkg
        .getResource(name)
        .read()
        .then(
          () => null,
          (e: { message: string; errors?: { message: string }[] }) => e,
        );
      expect(error, name).not.toBeNull();
      expect([error?.message, ...(error?.errors ?? []).map((e) => e.message)].join(' '), name).toMatch(why);
      writeFileSync(file, original);
    }
  }, 120_000);

  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  it.skipIf(python.status !== 0)(
    "Python's csv with encoding='utf-8' reads the default files, and with 'utf-8-sig' those written with --bom",
    () => {
      const script = `
import csv, json, sys
out = {}
for folder, encoding in ((sys.argv[1], 'utf-8'), (sys.argv[2], 'utf-8-sig')):
    for name in sys.argv[3:]:
        with open(f'{folder}/{name}.csv', encoding=encoding, newline='') as f:
            reader = csv.DictReader(f)
            rows = list(reader)
        out[f'{encoding}:{name}'] = [reader.fieldnames[0], len(rows)]
print(json.dumps(out))
`;
      const run = spawnSync('python3', ['-c', script, plain.dir, bom.dir, ...datasets], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      const read = JSON.parse(run.stdout) as Record<string, [string, number]>;
      for (const name of datasets) {
        const expected = [csvSchema(name).record.keyof().options[0], plain.records(name).length];
        expect(read[`utf-8:${name}`], name).toEqual(expected);
        expect(read[`utf-8-sig:${name}`], name).toEqual(expected);
      }
    },
  );

  it('DuckDB reads both, and the allocation items add up to the grand total to the cent', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    try {
      for (const dir of [plain.dir, bom.dir]) {
        for (const name of datasets) {
          const reader = await connection.runAndReadAll(
            `select * from read_csv('${join(dir, `${name}.csv`)}', header = true, all_varchar = true)`,
          );
          expect(reader.columnNames(), name).toEqual(Object.keys(csvSchema(name).record.shape));
          expect(reader.currentRowCount, name).toBe(plain.records(name).length);
        }
        const sums = await connection.runAndReadAll(
          `select sum(case when row_type = 'item' then amount_yuan::decimal(18, 2) end)::varchar as items, ` +
            `sum(case when row_type = 'grand_total' then amount_yuan::decimal(18, 2) end)::varchar as total ` +
            `from read_csv('${join(dir, 'allocations.csv')}', header = true, all_varchar = true)`,
        );
        const [row] = sums.getRowObjects() as { items: string; total: string }[];
        expect(row?.items).toBe(row?.total);
        expect(row?.total).toBe('172850000.00');
      }
    } finally {
      connection.closeSync();
    }
  }, 60_000);
});

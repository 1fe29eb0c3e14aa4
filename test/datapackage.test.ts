import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { extractText, seedText } from './support/run.js';

interface Field {
  name: string;
  title: string;
  type: string;
}
interface Resource {
  name: string;
  path: string;
  bytes: number;
  hash: string;
  encoding: string;
  dialect: { delimiter: string; lineTerminator: string };
  schema: {
    fields: Field[];
    primaryKey?: string[];
    foreignKeys?: { fields: string[]; reference: { resource: string; fields: string[] } }[];
  };
}

const result = extractText(seedText(), 'yue-cai-gong-2023-126');
const pkg = JSON.parse(result.files.get('datapackage.json') ?? '{}') as { resources: Resource[] };
// CRLF is the only record delimiter, as RFC 4180 says: a bare line break must sit inside quotes.
const rowsOf = (r: Resource): Record<string, string>[] =>
  parse(result.files.get(r.path) ?? '', { columns: true, bom: true, record_delimiter: '\r\n' }) as Record<
    string,
    string
  >[];

describe('datapackage.json of the seed', () => {
  it('describes every CSV the folder holds', () => {
    const csvs = [...result.files.keys()].filter((f) => f.endsWith('.csv')).sort();
    expect(pkg.resources.map((r) => r.path).sort()).toEqual(csvs);
    expect(csvs.length).toBeGreaterThanOrEqual(4);
  });

  it("records each CSV's sha256 and size in bytes", () => {
    for (const r of pkg.resources) {
      const content = Buffer.from(result.files.get(r.path) ?? '', 'utf8');
      expect(r.bytes, r.path).toBe(content.length);
      expect(r.hash, r.path).toBe(`sha256:${createHash('sha256').update(content).digest('hex')}`);
    }
  });

  it('gives every field a Chinese title and declares the dialect and encoding', () => {
    for (const r of pkg.resources) {
      expect(r.dialect).toMatchObject({ delimiter: ',', lineTerminator: '\r\n' });
      expect(r.encoding).toBe('utf-8');
      for (const f of r.schema.fields) expect(f.title, `${r.name}.${f.name}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('has one CSV record per JSON record in every dataset', () => {
    for (const r of pkg.resources.filter((x) => result.files.has(x.path.replace(/\.csv$/, '.json')))) {
      const json = JSON.parse(result.files.get(r.path.replace(/\.csv$/, '.json')) ?? '{}') as { records: unknown[] };
      expect(rowsOf(r), r.name).toHaveLength(json.records.length);
    }
  });

  it('declares fields in the CSV header order', () => {
    for (const r of pkg.resources) {
      const header = (result.files.get(r.path) ?? '').replace(/^\uFEFF/, '').split('\r\n')[0];
      expect(header).toBe(r.schema.fields.map((f) => f.name).join(','));
    }
  });

  it('has findings.csv: the findings of report.json, one row each, in the same order', () => {
    const findings = (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: Record<string, unknown>[] })
      .findings;
    const sheet = pkg.resources.find((r) => r.name === 'findings') as Resource;
    const rows = rowsOf(sheet);
    expect(rows).toHaveLength(findings.length);
    const cell = (v: unknown) => (v === null ? '' : String(v));
    rows.forEach((row, i) => {
      const f = findings[i] ?? {};
      expect(Object.keys(row)).toEqual(Object.keys(f));
      for (const k of Object.keys(f)) expect(row[k]?.replace(/^'(?=[=+\-@])/, ''), `${i}.${k}`).toBe(cell(f[k]));
    });
  });

  it('declares every foreign key to allocations and targets, as they all hold in the seed', () => {
    const declared = pkg.resources
      .flatMap((r) => (r.schema.foreignKeys ?? []).map((fk) => `${r.name}>${fk.reference.resource}`))
      .sort();
    expect(declared).toEqual([
      'citations>allocations',
      'citations>targets',
      'details>allocations',
      'indicators>allocations',
      'indicators>targets',
      'review>targets',
      'targets>allocations',
    ]);
  });

  it('has primary keys that are unique and foreign keys that hold in the data', () => {
    for (const r of pkg.resources) {
      const rows = rowsOf(r);
      // findings.csv alone has no key: two findings of one code may stand at one line.
      expect(r.schema.primaryKey !== undefined || r.name === 'findings', r.name).toBe(true);
      const keys = rows.map((row) => (r.schema.primaryKey ?? []).map((k) => row[k]).join('\u0000'));
      if (r.schema.primaryKey) expect(new Set(keys).size, r.name).toBe(rows.length);
      for (const fk of r.schema.foreignKeys ?? []) {
        const target = pkg.resources.find((x) => x.name === fk.reference.resource);
        expect(target, fk.reference.resource).toBeDefined();
        const known = new Set(
          rowsOf(target as Resource).map((row) => fk.reference.fields.map((k) => row[k]).join('\u0000')),
        );
        // '' is the declared missing value: a row without a recipient refers to nothing.
        const filled = rows.filter((row) => fk.fields.every((k) => row[k] !== ''));
        expect(filled.length, `${r.name} → ${fk.reference.resource}`).toBeGreaterThan(0);
        for (const row of filled)
          expect(known.has(fk.fields.map((k) => row[k]).join('\u0000')), `${r.name} → ${fk.reference.resource}`).toBe(
            true,
          );
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { cellOf, toCsv } from '../../src/emit/csv.js';
import { z } from 'zod';
import { fieldsOf, type FieldInfo } from '../../src/emit/fields.js';
import { code9, decimalString } from '../../schemas/common.js';
import { DATASETS, WORKSHEETS } from '../../schemas/index.js';

const field = (name: string, kind: FieldInfo['kind'], freeText: boolean): FieldInfo => ({
  name,
  kind,
  title: name,
  freeText,
  unit: '',
  description: '',
  type: 'text',
});
const fields: FieldInfo[] = [
  field('text', 'text', true),
  field('amount', 'number', false),
  field('flag', 'boolean', false),
  field('flags', 'array', false),
];

/** Split CSV into records the strict RFC 4180 way: only CRLF outside quotes ends a record. */
function strictRecords(csv: string): string[] {
  const records: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') {
      expect(csv[i - 1], `bare LF outside quotes at ${i}`).toBe('\r');
      records.push(csv.slice(start, i - 1));
      start = i + 1;
    } else if (!quoted && ch === '\r') expect(csv[i + 1], `bare CR outside quotes at ${i}`).toBe('\n');
  }
  return records;
}

describe('CSV output', () => {
  it('quotes text with line breaks, so each record stays one RFC 4180 record', () => {
    const csv = toCsv(
      [
        { text: '第一行\n第二行', amount: '1.00', flag: true, flags: [] },
        { text: 'a\r\nb', amount: '2.00', flag: false, flags: ['x'] },
      ],
      fields,
      { bom: false },
    );
    expect(strictRecords(csv)).toHaveLength(3);
    expect(csv).toContain('"第一行\n第二行"');
  });

  it('guards text against formulas but leaves numbers alone', () => {
    expect(cellOf('=SUM(A1)', fields[0] as FieldInfo)).toBe("'=SUM(A1)");
    expect(cellOf('-12.5', fields[1] as FieldInfo)).toBe('-12.5');
    expect(cellOf('@x', fields[0] as FieldInfo)).toBe("'@x");
  });

  it('reads free text from the schema: open strings are free, enumerations, patterns, constants, numbers and booleans are not', () => {
    const record = z.object({
      note: z.string(),
      code: code9,
      amount: decimalString,
      kind: z.enum(['=', 'a']),
      fixed: z.literal('-x'),
      count: z.number(),
      flag: z.boolean().nullable(),
      labels: z.array(z.string()),
      flags: z.array(z.enum(['-a'])),
    });
    const free = Object.fromEntries(fieldsOf(record).map((f) => [f.name, f.freeText]));
    expect(free).toEqual({
      note: true,
      code: false,
      amount: false,
      kind: false,
      fixed: false,
      count: false,
      flag: false,
      labels: true,
      flags: false,
    });
    const byName = new Map(fieldsOf(record).map((f) => [f.name, f]));
    expect(cellOf('=', byName.get('kind') as FieldInfo)).toBe('=');
    expect(cellOf(['-a'], byName.get('flags') as FieldInfo)).toBe('-a');
    expect(cellOf(['=x', 'y'], byName.get('labels') as FieldInfo)).toBe("'=x;y");
    expect(cellOf('+1', byName.get('note') as FieldInfo)).toBe("'+1");
  });

  it('guards only free-text columns of every dataset the pipeline writes', () => {
    for (const dataset of [...DATASETS, ...WORKSHEETS]) {
      for (const f of fieldsOf(dataset.record)) {
        const guarded = cellOf(f.kind === 'array' ? ['=1'] : '=1', f).startsWith("'");
        expect(guarded, `${dataset.name}.${f.name}`).toBe(f.freeText && f.kind !== 'number' && f.kind !== 'boolean');
      }
    }
    const guardedNames = (name: string) =>
      fieldsOf(DATASETS.find((d) => d.name === name)?.record ?? z.object({}))
        .filter((f) => f.freeText)
        .map((f) => f.name);
    expect(guardedNames('allocations')).not.toContain('recipient_code');
    expect(guardedNames('allocations')).not.toContain('amount_yuan');
    expect(guardedNames('allocations')).not.toContain('row_type');
    expect(guardedNames('allocations')).toContain('recipient_name');
    expect(guardedNames('indicators')).not.toContain('value_comparator');
  });

  it('writes booleans as true/false, arrays joined with ; and null as empty', () => {
    expect(cellOf(true, fields[2] as FieldInfo)).toBe('true');
    expect(cellOf(['a', 'b'], fields[3] as FieldInfo)).toBe('a;b');
    expect(cellOf(null, fields[0] as FieldInfo)).toBe('');
  });

  it('starts with a BOM and ends every record with CRLF', () => {
    const csv = toCsv([{ text: 'x', amount: '1', flag: null, flags: [] }], fields, { bom: true });
    expect(csv.startsWith('\uFEFFtext,amount,flag,flags\r\n')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

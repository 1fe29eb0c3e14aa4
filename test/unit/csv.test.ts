import { describe, expect, it } from 'vitest';
import { cellOf, toCsv } from '../../src/emit/csv.js';
import type { FieldInfo } from '../../src/emit/fields.js';

const fields: FieldInfo[] = [
  { name: 'text', kind: 'text', title: '文本' },
  { name: 'amount', kind: 'number', title: '金额' },
  { name: 'flag', kind: 'boolean', title: '标志' },
  { name: 'flags', kind: 'array', title: '标记' },
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
    const csv = toCsv([{ text: '第一行\n第二行', amount: '1.00', flag: true, flags: [] }, { text: 'a\r\nb', amount: '2.00', flag: false, flags: ['x'] }], fields, { bom: false });
    expect(strictRecords(csv)).toHaveLength(3);
    expect(csv).toContain('"第一行\n第二行"');
  });

  it('guards text against formulas but leaves numbers alone', () => {
    expect(cellOf('=SUM(A1)', fields[0] as FieldInfo)).toBe("'=SUM(A1)");
    expect(cellOf('-12.5', fields[1] as FieldInfo)).toBe('-12.5');
    expect(cellOf('@x', fields[0] as FieldInfo)).toBe("'@x");
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

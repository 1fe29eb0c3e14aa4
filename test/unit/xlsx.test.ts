import fc from 'fast-check';
import { inflateRawSync, crc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { columnName, SharedStrings, sheetXml, xmlText } from '../../src/emit/sheetXml.js';
import { moneyWidth } from '../../src/emit/workbook.js';
import { zip } from '../../src/emit/zip.js';
import { dosDateTime } from '../../src/emit/zipTimes.js';

/** The entries of an archive read back through its central directory. */
function unzip(archive: Buffer): { path: string; data: Buffer; date: number }[] {
  const end = archive.length - 22;
  expect(archive.readUInt32LE(end)).toBe(0x06054b50);
  const count = archive.readUInt16LE(end + 10);
  let at = archive.readUInt32LE(end + 16);
  const entries = [];
  for (let i = 0; i < count; i++) {
    const nameLength = archive.readUInt16LE(at + 28);
    const path = archive.subarray(at + 46, at + 46 + nameLength).toString('utf8');
    const local = archive.readUInt32LE(at + 42);
    const size = archive.readUInt32LE(at + 20);
    const start = local + 30 + archive.readUInt16LE(local + 26);
    const data = inflateRawSync(archive.subarray(start, start + size));
    expect(crc32(data)).toBe(archive.readUInt32LE(at + 16));
    entries.push({ path, data, date: archive.readUInt16LE(local + 12) });
    at += 46 + nameLength;
  }
  return entries;
}

describe('the xlsx writer', () => {
  it('zips entries in order, each deflated with its CRC and the given date, the same bytes every time', () => {
    const when = new Date('2023-12-28T00:00:00Z');
    const entries = [
      { path: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { path: 'xl/worksheets/sheet1.xml', data: Buffer.from('分配表'.repeat(1000)) },
    ];
    const archive = zip(entries, when);
    const back = unzip(archive);
    expect(back.map((e) => e.path)).toEqual(entries.map((e) => e.path));
    expect(back.map((e) => e.data.toString())).toEqual(entries.map((e) => e.data.toString()));
    expect(back.every((e) => e.date === dosDateTime(when).date)).toBe(true);
    expect(zip(entries, when).equals(archive)).toBe(true);
  });

  it('names columns A..Z, AA.. and escapes markup and characters XML cannot hold', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
    expect(xmlText('a<b & "c">\u000bd\ne')).toBe('a&lt;b &amp; &quot;c&quot;&gt;_x000B_d\ne');
  });

  it('writes numbers as numbers, booleans as booleans, text once as a shared string, styled empty cells', () => {
    const strings = new SharedStrings();
    const rows = [
      ['标题', '金额'],
      ['广州', 1234.5],
      ['广州', null],
      [true, 0],
    ];
    const styles = [
      [2, 2],
      [4, 5],
      [4, 5],
      [0, 5],
    ];
    const xml = sheetXml(
      {
        rowCount: rows.length,
        rows: () => rows.map((cells, r) => ({ cells, styles: styles[r] ?? [] })),
        columns: [
          { width: 8, style: 4 },
          { width: 10, style: 5 },
        ],
        header: true,
        fitToWidth: false,
      },
      strings,
    );
    expect(strings.list).toEqual(['标题', '金额', '广州']);
    expect(xml).toContain('<c r="B2" s="5"><v>1234.5</v></c>');
    expect(xml).toContain('<c r="A3" s="4" t="s"><v>2</v></c><c r="B3" s="5"/>');
    expect(xml).toContain('<c r="A4" t="b"><v>1</v></c>');
    expect(xml).toContain('<autoFilter ref="A1:B4"/>');
    expect(xml).toContain('state="frozen"');
  });
});

describe('the width of a money column', () => {
  const shown = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

  it('counts the characters of the amount as #,##0.00 shows it, sign and separators included', () => {
    expect(moneyWidth(172850000)).toBe('172,850,000.00'.length);
    expect(moneyWidth(-1234.5)).toBe('-1,234.50'.length);
    expect(moneyWidth(999.995)).toBe(shown.format(999.995).length);
    expect(moneyWidth(-0)).toBe('-0.00'.length);
    expect(moneyWidth(0)).toBe('0.00'.length);
  });

  it('agrees with a real formatter on any amount', () => {
    const amounts = fc.oneof(
      fc.double({ min: -1e13, max: 1e13, noNaN: true }),
      fc.integer({ min: -1e9, max: 1e9 }).map((n) => n / 100),
    );
    fc.assert(
      fc.property(amounts, (amount) => moneyWidth(amount) === shown.format(amount).length),
      { numRuns: 2000 },
    );
  });
});

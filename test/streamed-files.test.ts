import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { afterAll, describe, expect, it } from 'vitest';
import { datasetSchema } from '../schemas/index.js';
import { csvPieces } from '../src/emit/csv.js';
import { fieldsOf } from '../src/emit/fields.js';
import { findingGroups, groupFindings } from '../src/emit/html/findings.js';
import { PAGE_LIMITS } from '../src/emit/html/escape.js';
import { moneyTable, type RecipientMoney } from '../src/emit/html/money.js';
import { datasetJsonPieces } from '../src/emit/json.js';
import { noticeFolder } from '../src/emit/noticeFiles.js';
import { zipTo } from '../src/emit/zip.js';
import type { Finding } from '../src/findings/finding.js';
import { shareStrings } from '../src/normalize/memo.js';
import { renderContent, writeContent, type FileWriter } from '../src/tool/byteSink.js';
import { writeFolderAtomically } from '../src/tool/writeAtomic.js';
import { extractText, seedText } from './support/run.js';

const work = mkdtempSync(join(tmpdir(), 'notice-streamed-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Generated detail records: `n` rows with names that need quoting, line breaks and markup. */
function detailRecords(n: number): Record<string, unknown>[] {
  return Array.from({ length: n }, (_, i) => ({
    annex: '2',
    row_type: 'item',
    seq: String(1 + (i % 9)),
    budget_code: `6${String(i % 100).padStart(5, '0')}`,
    city: ['广州市', '珠海市', '汕头市'][i % 3],
    recipient_name: `单位${i}, "乙"`,
    recipient_code: '440100000',
    project_name: i % 7 === 0 ? `项目\n第${i}行 <b>&` : `项目${i}`,
    amount_wan: String(i),
    amount_yuan: `${i * 10000}.00`,
    source_line: i + 10,
    source_row: i + 2,
    amount_raw: String(i),
    recipient_match: 'exact',
    source_file: '',
    source_ref: '',
  }));
}

describe('files written piece by piece', () => {
  it('give the same bytes on disk as in memory, bytes patched in place across the pieces', () => {
    const writer: FileWriter = (sink) => {
      sink.write(Buffer.from('0123'));
      sink.write(Buffer.from('4567'));
      // Two megabytes, so the file sink has flushed before the patch reaches back.
      sink.write(Buffer.alloc(2 << 20, 0x61));
      sink.patch(2, Buffer.from('XYZ'));
    };
    const file = join(work, 'patched.bin');
    writeContent(file, writer);
    const memory = renderContent(writer);
    expect(memory.subarray(0, 8).toString()).toBe('01XYZ567');
    expect(memory.length).toBe(8 + (2 << 20));
    expect(readFileSync(file).equals(memory)).toBe(true);
  });

  it("write a dataset's JSON in pieces exactly as JSON.stringify writes it whole", () => {
    const details = datasetSchema('details');
    const text = (records: Record<string, unknown>[]) => [...datasetJsonPieces(details, 'n', records)].join('');
    const whole = (records: Record<string, unknown>[]) =>
      JSON.stringify({ schema: `details@${details.major}`, notice_id: 'n', records }, null, 2) + '\n';
    const generated = detailRecords(1234);
    expect(text(generated)).toBe(whole(generated));
    expect(text([])).toBe(whole([]));
    const keys = Object.keys(details.record.shape);
    const value = fc.oneof(fc.string({ unit: 'binary' }), fc.integer(), fc.constant(null), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.tuple(...keys.map(() => value)), { maxLength: 1100 }), (rows) => {
        const records = rows.map((row) => Object.fromEntries(keys.map((k, i) => [k, row[i]])));
        expect(text(records)).toBe(whole(records));
      }),
      { numRuns: 30 },
    );
  });

  it('write a CSV of many pieces that a CSV reader reads back row for row', () => {
    const fields = fieldsOf(datasetSchema('details').record);
    const records = detailRecords(2500);
    const pieces = [...csvPieces(records, fields, { bom: false })];
    expect(pieces.length).toBe(1 + 3);
    const rows = parse(pieces.join(''), { columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
    expect(rows.length).toBe(2500);
    expect(rows[2499]?.recipient_name).toBe('单位2499, "乙"');
    expect(rows[2401]?.project_name).toBe('项目\n第2401行 <b>&');
  });

  it('zip an entry of many deflated runs that a zip reader no one here wrote reads back whole', () => {
    const text = Array.from({ length: 20000 }, (_, i) => `<row r="${i}">第${i}行</row>`).join('');
    const archive = join(work, 'runs.zip');
    // Runs of 10 kB: the entry is deflated in about 40 runs, each but the last ended by a sync flush.
    writeContent(archive, (sink) =>
      zipTo(
        sink,
        [
          { path: 'a.xml', pieces: () => text.match(/.{1,3000}/gsu) ?? [] },
          { path: 'b.txt', pieces: () => ['short'] },
        ],
        new Date('2024-01-02T00:00:00Z'),
        10_000,
      ),
    );
    const read = execFileSync(
      'python3',
      [
        '-c',
        'import sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\n' +
          "sys.stdout.write(z.read('a.xml').decode() + '|' + z.read('b.txt').decode())",
        archive,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 24 },
    );
    expect(read).toBe(`${text}|short`);
  });

  it("write a notice's folder from writers with the bytes its in-memory result holds, CSV hashes as written", () => {
    const id = 'yue-cai-gong-2023-126';
    const inMemory = noticeFolder(extractText(seedText(), id));
    const streamed = extractText(seedText(), id, { deferRecordFiles: true });
    expect(streamed.files.has('details.csv')).toBe(false);
    const target = join(work, id);
    writeFolderAtomically(target, noticeFolder(streamed));
    expect(readdirSync(target).sort()).toEqual([...inMemory.keys()].sort());
    for (const [name, content] of inMemory)
      expect(readFileSync(join(target, name)).equals(renderContent(content))).toBe(true);
    const pkg = JSON.parse(readFileSync(join(target, 'datapackage.json'), 'utf8')) as {
      resources: { path: string; bytes: number; hash: string }[];
    };
    expect(pkg.resources.length).toBe(7);
    for (const r of pkg.resources) {
      const bytes = readFileSync(join(target, r.path));
      expect([r.path, r.bytes, r.hash]).toEqual([
        r.path,
        bytes.length,
        `sha256:${createHash('sha256').update(bytes).digest('hex')}`,
      ]);
    }
  });
});

describe('the report page of a notice with more rows than a person reads', () => {
  it('lists the first rows of a long money table, mismatches first, and says how many there are and where', () => {
    const rows: RecipientMoney[] = Array.from({ length: PAGE_LIMITS.rows + 500 }, (_, i) => ({
      code: String(440100000 + i),
      name: `单位${i}`,
      city: '',
      amounts: { allocation: new Decimal(i), detail: new Decimal(i === 2300 ? i + 1 : i) },
      mismatched: new Set(i === 2300 ? (['detail'] as const) : []),
    }));
    const html = moneyTable(
      rows,
      [
        { kind: 'allocation', title: '分配' },
        { kind: 'detail', title: '明细' },
      ],
      { code: '编码', name: '名称', city: '地市' },
    );
    expect(html.match(/<tr class="recipient/g)?.length).toBe(PAGE_LIMITS.rows);
    expect(html.indexOf('data-recipient="440102300"')).toBeLessThan(html.indexOf('data-recipient="440100000"'));
    expect(html).toContain(`仅列出前 ${PAGE_LIMITS.rows} 条，共 ${PAGE_LIMITS.rows + 500} 条`);
    // The foot still sums every recipient: 0 + 1 + … + 2499 元 in allocations.
    expect(html).toContain(`${((2499 * 2500) / 2).toLocaleString('en-US')}.00`);
  });

  it('lists the first findings of a large group and counts them all', () => {
    const findings: Finding[] = Array.from({ length: PAGE_LIMITS.findings + 50 }, (_, i) => ({
      code: 'join/recipient-unmatched',
      severity: 'warning',
      message: `row ${i}`,
      annex: '2',
      recipient_code: '',
      source_line: i + 1,
      actual: null,
      expected: null,
    }));
    const html = findingGroups(groupFindings(findings), ['line']);
    expect(html.match(/<li class="finding"/g)?.length).toBe(PAGE_LIMITS.findings);
    expect(html).toContain(`data-count="${PAGE_LIMITS.findings + 50}"`);
    expect(html).toContain('全部见 findings.csv');
  });
});

describe('records sharing their texts', () => {
  it('keep every value as it was', () => {
    const records = detailRecords(300);
    // Texts made anew per record, as an extractor slices and joins them.
    for (const r of records) r.city = `${String(r.project_name).slice(0, 2)}${String(r.city).slice(2)}`;
    const expected = JSON.stringify(records);
    const pool = new Map<string, string>();
    shareStrings(records, pool);
    expect(JSON.stringify(records)).toBe(expected);
    // One entry per distinct text, whatever the number of records holding it.
    const distinct = new Set(records.flatMap((r) => Object.values(r).filter((v) => typeof v === 'string' && v !== '')));
    expect(pool.size).toBe(distinct.size);
    expect(pool.get('项目市')).toBe('项目市');
  });
});

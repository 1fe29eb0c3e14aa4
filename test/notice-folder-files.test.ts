/**
 * The files of a notice folder as people save them: the page of a government site with its
 * 政府信息公开 table, an annex table printed in the page itself, a file downloaded twice, files that
 * are symbolic links, a page re-saved as UTF-8 that still declares GB2312. Each folder is the seed
 * written as the department publishes it (test/support/noticeFolder.ts), so the records to expect
 * are the seed's own.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { escapeUTF8 } from 'entities';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleNoticeFolder } from '../src/files/assemble.js';
import { folderManifest } from '../src/files/folder.js';
import { extractNotice } from '../src/pipeline.js';
import { families } from './support/run.js';
import {
  ALLOCATION_SHEET_HEADER,
  allocationSheetRow,
  PLACE,
  type Rec,
  seedSource,
  shownMoney,
  webPage,
  without,
  writeNoticeFolder,
} from './support/noticeFolder.js';

const seed = seedSource();
const { records, titles } = seed;
const seedNotice = seed.notice;
const seedBody = (): string[] => seed.body;

interface Extracted {
  sets: Record<string, Rec[]>;
  findings: Rec[];
}

async function extractFolder(dir: string): Promise<Extracted> {
  const notice = await assembleNoticeFolder(dir, folderManifest(dir));
  const result = extractNotice(dir, 'folder', notice, families, { bom: true, allowPartial: false });
  const read = (name: string): Rec[] =>
    (JSON.parse(result.files.get(`${name}.json`) as string) as { records: Rec[] }).records;
  const sets = Object.fromEntries(
    ['allocations', 'details', 'targets', 'indicators', 'citations'].map((n) => [n, read(n)]),
  );
  return { sets, findings: (JSON.parse(result.files.get('report.json') as string) as { findings: Rec[] }).findings };
}

/** The seed's records, equal but for where they were read and amounts as shown. */
function expectSeedRecords(got: Extracted): void {
  const raw = [...PLACE, 'amount_raw'];
  expect(without(got.sets['allocations'] ?? [], raw)).toEqual(without(records.allocations, raw));
  expect(without(got.sets['details'] ?? [], [...raw, 'amount_wan'])).toEqual(
    without(records.details, [...raw, 'amount_wan']),
  );
  expect(without(got.sets['targets'] ?? [], PLACE)).toEqual(without(records.targets, PLACE));
  expect(got.sets['indicators']).toHaveLength(records.indicators.length);
  expect(got.sets['citations']).toHaveLength(records.citations.length);
}

const codes = (got: Extracted): string[] => got.findings.map((f) => String(f['code']));
const withCode = (got: Extracted, code: string): Rec[] => got.findings.filter((f) => f['code'] === code);

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'notice-folder-files-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The seed's folder with its page rewritten by `page`. */
async function seedFolder(name: string, page?: (html: string) => string | Buffer): Promise<string> {
  const dir = join(root, name);
  await writeNoticeFolder(dir, seedBody(), records, titles);
  if (page) writeFileSync(join(dir, 'notice.html'), page(readFileSync(join(dir, 'notice.html'), 'utf8')));
  return dir;
}

/** A 政府信息公开 table as gd.gov.cn shows it above the article: label and value cells, two fields a row. */
function disclosureTable(docNumber: string): string {
  const fields = [
    ['索引号', '006939756/2023-00412'],
    ['分类', '财政、金融、审计 通知'],
    ['发布机构', '广东省财政厅'],
    ['成文日期', String(seedNotice['issued_date'])],
    ['名称', String(seedNotice['title'])],
    ['文号', docNumber],
    ['发布日期', '2023-12-29'],
  ];
  const rows: string[] = [];
  for (let i = 0; i < fields.length; i += 2)
    rows.push(
      `<tr>${fields
        .slice(i, i + 2)
        .map(([k, v]) => `<td class="tit">${k}：</td><td>${v}</td>`)
        .join('')}</tr>`,
    );
  return `<div class="xxgk_table"><table>${rows.join('')}</table></div>`;
}

describe("a government site's page with its 政府信息公开 table", () => {
  it('gives the seed records: the table is page chrome, the article the body', async () => {
    const docNumber = String(seedNotice['doc_number']);
    const got = await extractFolder(
      await seedFolder('disclosure', (html) =>
        html.replace('<div class="article">', `${disclosureTable(docNumber)}<div class="article">`),
      ),
    );
    expectSeedRecords(got);
    expect(withCode(got, 'files/page-disclosure-table')).toHaveLength(1);
    expect(String(withCode(got, 'files/page-disclosure-table')[0]?.['message'])).toContain(docNumber);
    expect(codes(got)).not.toContain('files/page-disclosure-differs');
  }, 120_000);

  it("reports a table whose 文号 is another notice's", async () => {
    const other = String(seedNotice['doc_number']).replace(/〔(\d{4})〕/, (_, y: string) => `〔${Number(y) - 1}〕`);
    const got = await extractFolder(
      await seedFolder('disclosure-differs', (html) =>
        html.replace('<div class="article">', `${disclosureTable(other)}<div class="article">`),
      ),
    );
    expectSeedRecords(got);
    const differs = withCode(got, 'files/page-disclosure-differs');
    expect(differs.map((f) => [f['actual'], f['expected']])).toEqual([[other, seedNotice['doc_number']]]);
  }, 120_000);
});

describe('an annex table printed in the page itself', () => {
  it('gives the seed allocation records from the page, with no file for 附件1', async () => {
    const header = ALLOCATION_SHEET_HEADER;
    const rows = records.allocations.map((r) => allocationSheetRow(r, shownMoney));
    const cells = (row: string[]): string => `<tr>${row.map((c) => `<td><p>${escapeUTF8(c)}</p></td>`).join('')}</tr>`;
    const table = `<table border="1">${[header, ...rows].map(cells).join('\n')}</table>`;
    const body = seedBody();
    const closing = body.findIndex((l) => l.includes('公开方式'));
    const lines = [
      ...body.slice(0, closing),
      '附件1',
      titles.allocation,
      '单位：元',
      '@@TABLE@@',
      ...body.slice(closing),
    ];
    const dir = join(root, 'inline');
    await writeNoticeFolder(dir, lines, records, titles);
    rmSync(join(dir, '附件1.xlsx'));
    writeFileSync(join(dir, 'notice.html'), webPage(lines).replace('<p>@@TABLE@@</p>', table));
    const got = await extractFolder(dir);
    expectSeedRecords(got);
    expect(got.sets['allocations']?.map((r) => r['amount_raw'])).toEqual(
      records.allocations.map((r) => shownMoney(String(r['amount_yuan']))),
    );
    expect(new Set(got.sets['allocations']?.map((r) => r['source_file']))).toEqual(new Set(['notice.html']));
    expect(withCode(got, 'files/annex-in-body').map((f) => f['actual'])).toEqual(['1']);
    expect(codes(got)).not.toContain('files/annex-file-missing');
  }, 120_000);
});

describe('an annex file downloaded twice', () => {
  it('is read once, under the name of the original, each copy reported by name', async () => {
    const dir = await seedFolder('duplicates');
    copyFileSync(join(dir, '附件1.xlsx'), join(dir, '附件1 (1).xlsx'));
    copyFileSync(join(dir, '附件2.xlsx'), join(dir, '附件2 - 副本.xlsx'));
    const got = await extractFolder(dir);
    expectSeedRecords(got);
    expect(new Set(got.sets['allocations']?.map((r) => r['source_file']))).toEqual(new Set(['附件1.xlsx']));
    expect(withCode(got, 'files/annex-duplicate').map((f) => [f['message']])).toEqual([
      [expect.stringMatching(/^附件1 \(1\)\.xlsx: the same bytes as 附件1\.xlsx/)],
      [expect.stringMatching(/^附件2 - 副本\.xlsx: the same bytes as 附件2\.xlsx/)],
    ]);
    expect(codes(got)).not.toContain('files/annex-unlisted');
  }, 120_000);
});

describe('a notice folder of symbolic links', () => {
  it('reads links to files as the files, and reports a link to a folder and a dangling one', async () => {
    const source = await seedFolder('link-targets');
    const dir = join(root, 'links');
    mkdirSync(dir);
    for (const name of ['notice.html', '附件1.xlsx', '附件2.xlsx', '附件3.docx'])
      symlinkSync(join(source, name), join(dir, name));
    symlinkSync(source, join(dir, '附件4'));
    symlinkSync(join(source, 'gone.xlsx'), join(dir, '附件5.xlsx'));
    const got = await extractFolder(dir);
    expectSeedRecords(got);
    expect(withCode(got, 'files/link-not-followed').map((f) => [f['message']])).toEqual([
      [expect.stringMatching(/^附件4: a symbolic link to a folder/)],
      [expect.stringMatching(/^附件5\.xlsx: a symbolic link to nothing/)],
    ]);
  }, 120_000);
});

describe("a page's bytes and the charset it declares", () => {
  it('reads a UTF-8 page that declares GB2312 as UTF-8, and says so', async () => {
    const got = await extractFolder(
      await seedFolder('utf8-declared-gb', (html) => Buffer.from(html.replace('charset=utf-8', 'charset=gb2312'))),
    );
    expectSeedRecords(got);
    expect(withCode(got, 'files/page-charset-ignored').map((f) => f['actual'])).toEqual(['gb2312']);
  }, 120_000);

  it('still reads a page in GBK bytes by its declaration', async () => {
    const got = await extractFolder(
      await seedFolder('gbk', (html) => iconv.encode(html.replace('charset=utf-8', 'charset=gbk'), 'gbk')),
    );
    expectSeedRecords(got);
    expect(codes(got)).toContain('files/page-charset');
    expect(codes(got)).not.toContain('files/page-charset-ignored');
  }, 120_000);
});

describe("a site's download links as the list of attachments", () => {
  it('matches files named by their titles alone to the links, and gives the seed records', async () => {
    const body = seedBody();
    const start = body.findIndex((l) => /附件[：:]/.test(l));
    let end = start + 1;
    while (end < body.length && /^\s*(?:-\s*)?\d+\s*[.．、]/.test(body[end] ?? '')) end++;
    const names = {
      allocation: `${titles.allocation}.xlsx`,
      detail: `${titles.detail}.xlsx`,
      targets: '绩效目标表.docx',
    };
    const links = [names.allocation, names.detail, names.targets]
      .map((n, i) => `<li><a href="/attachment/0/${i}/${4612345 + i}${n.slice(n.lastIndexOf('.'))}">${n}</a></li>`)
      .join('');
    // The body's own numbered list gives way to the site's list of downloads, under 附件：.
    const lines = [...body.slice(0, start), '附件：', '@@LINKS@@', ...body.slice(end)];
    const dir = join(root, 'cms-links');
    await writeNoticeFolder(dir, lines, records, titles, { names });
    writeFileSync(join(dir, 'notice.html'), webPage(lines).replace('<p>@@LINKS@@</p>', `<ul>${links}</ul>`));
    const got = await extractFolder(dir);
    expectSeedRecords(got);
    expect(
      withCode(got, 'files/annex-matched')
        .map((f) => String(f['actual']))
        .sort(),
    ).toEqual(['1', '2', '3']);
    expect(codes(got)).not.toContain('files/annex-unlisted');
  }, 120_000);
});

describe('annex files the site names by number, each file opening with its marker', () => {
  it('reads each annex once under its own marker: no empty annex, the seed records', async () => {
    const dir = join(root, 'cms-names');
    const names = {
      allocation: 'P020240705512345678901.xlsx',
      detail: 'P020240705512345678902.xlsx',
      targets: 'P020240705512345678903.docx',
    };
    await writeNoticeFolder(dir, seedBody(), records, titles, { names, markers: true });
    const got = await extractFolder(dir);
    expectSeedRecords(got);
    expect(codes(got)).not.toContain('locate/annex-text-only');
    expect(codes(got)).not.toContain('targets/tables-missing');
  }, 120_000);
});

describe('an annex published only as a PDF', () => {
  it('is named in a finding of its own, not as any ignored file', async () => {
    const dir = await seedFolder('pdf');
    writeFileSync(join(dir, '附件4.pdf'), '%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n');
    writeFileSync(join(dir, 'readme.log'), 'x');
    const got = await extractFolder(dir);
    expectSeedRecords(got);
    expect(withCode(got, 'files/annex-format-unread').map((f) => f['message'])).toEqual([
      expect.stringMatching(/^附件4\.pdf: an annex as \.pdf is not read/),
    ]);
    expect(withCode(got, 'files/file-ignored').map((f) => f['message'])).toEqual([
      expect.stringMatching(/^readme\.log/),
    ]);
  }, 120_000);
});

describe('an allocation sheet of computed amounts shown with a currency sign', () => {
  it('gives the seed amounts: noise past 15 digits counted once, the sign hiding no digit', async () => {
    const dir = await seedFolder('computed');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, '附件1.xlsx'));
    const ws = wb.getWorksheet('分配表');
    let noisy = 0;
    ws?.eachRow((row, r) => {
      const cell = row.getCell(8);
      if (r < 4 || typeof cell.value !== 'number') return;
      // The amount as a sheet's formula leaves it: a sum whose double is a hair off the decimal.
      const stored = cell.value + 0.1 + 0.2 - 0.3;
      if (String(stored) !== String(cell.value)) noisy++;
      cell.value = stored;
      cell.numFmt = '"¥"#,##0.00';
    });
    expect(noisy).toBeGreaterThan(0);
    await wb.xlsx.writeFile(join(dir, '附件1.xlsx'));
    const got = await extractFolder(dir);
    expectSeedRecords(got);
    expect(got.sets['allocations']?.map((r) => r['amount_raw'])).toEqual(
      records.allocations.map((r) => shownMoney(String(r['amount_yuan']))),
    );
    expect(withCode(got, 'files/number-float-noise').map((f) => f['message'])).toEqual([
      expect.stringMatching(new RegExp(`^附件1\\.xlsx: ${noisy} stored numbers carry binary noise`)),
    ]);
    expect(codes(got)).not.toContain('files/number-format-differs');
  }, 120_000);
});

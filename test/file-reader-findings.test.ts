/**
 * What the annex-file readers find, seen where the user sees it: in the notice's report and records, in
 * process. Each test writes a notice folder from the small notice of support/smallNotice.ts (its truth is
 * its own), with one kind of file deviation at a time — what a sheet hides, cell values a reader cannot take
 * as shown, encodings, files the body does not list — then assembles and extracts it as the CLI does.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Document, Packer, Paragraph, TextRun } from 'docx';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleNoticeFolder } from '../src/files/assemble.js';
import { folderManifest } from '../src/files/folder.js';
import { extractNotice } from '../src/pipeline.js';
import { webPage } from './support/noticeFolder.js';
import { extractText, families, recordsOf } from './support/run.js';
import { allocationItem, allocationRows, CITIES, smallNotice } from './support/smallNotice.js';

type Row = Record<string, unknown>;
type Found = {
  code: string;
  severity: string;
  message: string;
  annex: string;
  source_line: number | null;
  actual: string | null;
  expected: string | null;
};

const [jiangmen, zhanjiang] = CITIES as [(typeof CITIES)[number], (typeof CITIES)[number]];
const notice = smallNotice();
const noticeLines = notice.split('\n');
const at = (line: string): number => noticeLines.indexOf(line);

/** The small notice's body: its lines before Annex 1, and its closing block (版记). */
const bodyLines = [...noticeLines.slice(0, at('## 附件1')), ...noticeLines.slice(at('**公开方式：依申请公开**'))];
/** Annex 2 and Annex 3 as Markdown files, marker and title included. */
const detailMarkdown = noticeLines.slice(at('## 附件2'), at('## 附件3')).join('\n');
const targetsMarkdown = noticeLines.slice(at('## 附件3'), at('**公开方式：依申请公开**')).join('\n');

/** Where a record was read and how its amount was written: what differs by design between a folder and Markdown. */
const PLACE = ['source_line', 'source_row', 'source_file', 'source_ref', 'amount_raw'];
const without = (rows: readonly Row[]): Row[] =>
  rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !PLACE.includes(k))));

/** The small notice's allocation table as a sheet: title merged across, unit line, header, one row per table row. */
function allocationSheet(wb: ExcelJS.Workbook, rows: readonly string[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet('分配表');
  ws.addRow(['知识产权专项资金分配情况表']);
  ws.mergeCells(1, 1, 1, 9);
  ws.addRow(['单位：元']);
  for (const line of rows) {
    const cells: (string | number)[] = line.split('\t');
    const amount = Number(cells[7]);
    if (!Number.isNaN(amount)) cells[7] = amount;
    const row = ws.addRow(cells);
    if (typeof cells[7] === 'number') row.getCell(8).numFmt = '#,##0.00';
  }
  return ws;
}

/** Write a folder: the body (Markdown, or a page), Annex 1 as the given workbook, Annexes 2 and 3 as Markdown. */
async function writeFolder(dir: string, workbook: ExcelJS.Workbook): Promise<void> {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'notice.md'), bodyLines.join('\n'));
  writeFileSync(join(dir, '附件1.xlsx'), Buffer.from(await workbook.xlsx.writeBuffer()));
  writeFileSync(join(dir, '附件2.md'), detailMarkdown);
  writeFileSync(join(dir, '附件3.md'), targetsMarkdown);
}

/** Assemble and extract a folder in process, as the CLI does. */
async function extractFolder(dir: string, allowPartial = false) {
  const assembled = await assembleNoticeFolder(dir, folderManifest(dir));
  const result = extractNotice(dir, 'folder', assembled, families, { bom: false, allowPartial });
  const findings = (JSON.parse(result.files.get('report.json') as string) as { findings: Found[] }).findings;
  const annexes = (JSON.parse(result.files.get('notice.json') as string) as { annexes: Row[] }).annexes;
  return {
    text: assembled.text,
    findings,
    annexes,
    records: (name: string): Row[] => recordsOf(result, name) as Row[],
    of: (code: string) => findings.filter((f) => f.code === code),
    files: findings.filter((f) => f.code.startsWith('files/') && f.code !== 'files/annex-matched'),
  };
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'file-findings-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The small notice's records as read from its Markdown: the truth a folder of the same notice must give. */
const truth = (name: string): Row[] => recordsOf(extractText(notice, 'small'), name) as Row[];

describe('a spreadsheet annex with parts that are no part of the printed annex', () => {
  // Row 3 is the header; rows 4-9 the total, 江门's subtotal and item, a hidden row 7 (a stale 阳江 item, counted
  // in no total), 湛江's subtotal and item.
  const staleItem = allocationItem({ name: '阳江市', code: '441700000', yuan: 999_999, budgetCode: '617001' });
  let got: Awaited<ReturnType<typeof extractFolder>>;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const rows = allocationRows();
    const ws = allocationSheet(wb, [...rows.slice(0, 4), staleItem, ...rows.slice(4)]);
    ws.getRow(7).hidden = true;
    // A column of last year's amounts after 备注, hidden: its header would name no column.
    ws.getCell(3, 10).value = '上年金额';
    for (let r = 4; r <= 9; r++) ws.getCell(r, 10).value = 1_000 * r;
    ws.getColumn(10).hidden = true;
    // A hidden sheet with a draft of the table at other amounts.
    const draft = wb.addWorksheet('底稿');
    draft.state = 'hidden';
    for (const line of allocationRows()) draft.addRow(line.split('\t').map((c) => c.replace(/^\d+\.00$/, '1.00')));
    await writeFolder(join(root, 'hidden'), wb);
    got = await extractFolder(join(root, 'hidden'));
  });

  it('reports the hidden sheet, rows and columns, naming the file and the sheet and its rows or columns', () => {
    expect(got.files.map((f) => [f.code, f.severity, f.annex, f.source_line, f.actual])).toEqual([
      ['files/rows-hidden', 'warning', '', null, '分配表!7'],
      ['files/columns-hidden', 'warning', '', null, '分配表!J'],
      ['files/sheet-hidden', 'warning', '', null, '底稿'],
    ]);
    expect(got.of('files/rows-hidden')[0]?.message).toBe(
      '附件1.xlsx: 1 hidden rows (分配表!7) are no part of the printed annex and are not read',
    );
    expect(got.of('files/columns-hidden')[0]?.message).toContain('附件1.xlsx: 1 hidden columns (分配表!J)');
    expect(got.of('files/sheet-hidden')[0]?.message).toBe(
      '附件1.xlsx: sheet "底稿" is hidden (6 rows); it is no part of the printed annex and is not read',
    );
  });

  it('reads none of them: the records are those of the notice without them', () => {
    expect(without(got.records('allocations'))).toEqual(without(truth('allocations')));
    expect(got.text).not.toContain('阳江市');
    expect(got.text).not.toContain('上年金额');
    expect(got.findings.filter((f) => f.severity !== 'info' && !f.code.startsWith('files/'))).toEqual([]);
  });

  it('places each record at its row of the sheet, the hidden row skipped but not renumbered', () => {
    const refs = got.records('allocations').map((r) => [r['source_file'], r['source_ref']]);
    expect(refs).toEqual(['A4', 'A5', 'A6', 'A8', 'A9'].map((cell) => ['附件1.xlsx', `分配表!${cell}`]));
  });
});

describe('spreadsheet cells a reader cannot take as shown', () => {
  // 江门's 3,000,000 is two items whose stored amounts have cents their format (#,##0) does not show: each
  // shows a whole number, the stored ones add up to the subtotal. 湛江's item has a remark computed by a formula
  // never calculated (no stored value); 江门's first item a remark that is an error value. The grand total is a
  // formula with its stored value.
  const first = allocationItem(jiangmen, { amount: '1000000.40' });
  const second = allocationItem(jiangmen, { amount: '1999999.60' }).replace('江门市任务', '江门市任务（二）');
  let got: Awaited<ReturnType<typeof extractFolder>>;
  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const rows = allocationRows();
    const ws = allocationSheet(wb, [...rows.slice(0, 3), first, second, ...rows.slice(4)]);
    // Rows: 3 header, 4 total, 5 江门 subtotal, 6 and 7 its items, 8 湛江 subtotal, 9 its item.
    ws.getCell('H4').value = { formula: 'H5+H8', result: 5_000_000 };
    for (const cell of ['H6', 'H7']) ws.getCell(cell).numFmt = '#,##0';
    ws.getCell('I6').value = { error: '#REF!' };
    ws.getCell('I9').value = { formula: 'IF(H9>0,"已下达","")' };
    await writeFolder(join(root, 'cells'), wb);
    got = await extractFolder(join(root, 'cells'));
  });

  it('reads a number whose format shows another one by its stored value, and says which cell', () => {
    expect(got.of('files/number-format-differs').map((f) => [f.actual, f.expected, f.message])).toEqual([
      [
        '分配表!H6 1,000,000',
        '1000000.4',
        '附件1.xlsx: cell 分配表!H6 1,000,000 (as shown) hides the stored number 1000000.4; the stored number is read',
      ],
      [
        '分配表!H7 2,000,000',
        '1999999.6',
        '附件1.xlsx: cell 分配表!H7 2,000,000 (as shown) hides the stored number 1999999.6; the stored number is read',
      ],
    ]);
    const items = got
      .records('allocations')
      .filter((r) => r['row_type'] === 'item' && r['region_code'] === jiangmen.code);
    expect(items.map((r) => [r['source_ref'], r['amount_yuan'], r['amount_raw']])).toEqual([
      ['分配表!A6', '1000000.40', '1000000.4'],
      ['分配表!A7', '1999999.60', '1999999.6'],
    ]);
    expect(got.of('reconcile/subtotal-mismatch')).toEqual([]);
  });

  it('reads a formula by its stored value, and one without a stored value as empty', () => {
    const total = got.records('allocations').find((r) => r['row_type'] === 'grand_total');
    expect(total).toMatchObject({ source_ref: '分配表!A4', amount_yuan: '5000000.00', amount_raw: '5,000,000.00' });
    expect(got.of('files/formula-without-value').map((f) => [f.actual, f.message])).toEqual([
      [
        '分配表!I9',
        '附件1.xlsx: formula cell 分配表!I9 has no stored value; read as empty (open and save the file in a spreadsheet program to store it)',
      ],
    ]);
    const zhanjiangItem = got.records('allocations').find((r) => r['source_ref'] === '分配表!A9');
    expect(zhanjiangItem).toMatchObject({ recipient_code: zhanjiang.code, remark: '' });
  });

  it('reads a cell holding an error value as empty, the error named in the finding', () => {
    expect(got.of('files/cell-error').map((f) => [f.actual, f.message])).toEqual([
      ['分配表!I6 #REF!', '附件1.xlsx: cell 分配表!I6 #REF! holds an error value; read as empty'],
    ]);
    expect(got.records('allocations').find((r) => r['source_ref'] === '分配表!A6')).toMatchObject({ remark: '' });
    expect(got.text).not.toContain('#REF!');
  });
});

describe('pages and text files in other encodings, and files of no format the tool reads', () => {
  let got: Awaited<ReturnType<typeof extractFolder>>;
  beforeAll(async () => {
    const dir = join(root, 'encodings');
    const wb = new ExcelJS.Workbook();
    allocationSheet(wb, allocationRows());
    await writeFolder(dir, wb);
    rmSync(join(dir, 'notice.md'));
    writeFileSync(join(dir, 'notice.html'), iconv.encode(webPage(bodyLines, 'gb2312'), 'gb18030'));
    writeFileSync(join(dir, '附件2.md'), iconv.encode(detailMarkdown, 'gb18030'));
    writeFileSync(join(dir, '附件1.pdf'), '%PDF-1.4 the same table, as printed');
    got = await extractFolder(dir);
  });

  it('decodes a page by the charset it declares, and says so', () => {
    expect(got.of('files/page-charset')).toMatchObject([
      {
        annex: '',
        source_line: null,
        actual: 'gb2312',
        message: 'notice.html: page decoded as gb2312, the charset it declares',
      },
    ]);
    expect(got.text).toContain('广东省财政厅关于下达2025年度省级知识产权专项资金的通知');
  });

  it('decodes a text annex that is not UTF-8 as GB18030, and says which file', () => {
    expect(got.of('files/text-decoded-gb18030')).toMatchObject([
      { annex: '', source_line: null, message: '附件2.md: not UTF-8; decoded as GB18030' },
    ]);
    expect(without(got.records('details'))).toEqual(without(truth('details')));
  });

  it('reads no file of another format, and names it', () => {
    // A PDF annex is named as an annex the tool cannot read, not as any other file.
    expect(got.of('files/annex-format-unread').map((f) => f.message)).toEqual([
      '附件1.pdf: an annex as .pdf is not read (only .xlsx .xls .docx .doc .csv .md); its tables are missing',
    ]);
    expect(got.of('files/file-ignored')).toEqual([]);
    expect(got.text).not.toContain('%PDF');
    expect(without(got.records('allocations'))).toEqual(without(truth('allocations')));
  });
});

describe('annex files and the list of attachments disagreeing', () => {
  let got: Awaited<ReturnType<typeof extractFolder>>;
  beforeAll(async () => {
    const dir = join(root, 'unlisted');
    const wb = new ExcelJS.Workbook();
    allocationSheet(wb, allocationRows());
    await writeFolder(dir, wb);
    // The body lists a fourth annex no file holds; the folder holds a file of notes the body does not list.
    const listed = bodyLines.map((l) =>
      l === '3. 省财政专项转移支付绩效目标表' ? `${l}  \n4. 资金使用情况统计表` : l,
    );
    writeFileSync(join(dir, 'notice.md'), listed.join('\n'));
    const notes = new Document({
      sections: [{ children: [new Paragraph({ children: [new TextRun('请各地于2025年6月底前报送资金使用情况。')] })] }],
    });
    writeFileSync(join(dir, '填报说明.docx'), await Packer.toBuffer(notes));
    got = await extractFolder(dir);
  });

  it('reports the listed annex without a file', () => {
    expect(got.of('files/annex-file-missing')).toMatchObject([
      {
        severity: 'warning',
        annex: '',
        source_line: null,
        actual: '4',
        expected: '资金使用情况统计表',
        message: 'the body lists 附件4 "资金使用情况统计表", but the notice folder holds no file for it',
      },
    ]);
  });

  it('still reads the file the list does not name, numbered after the listed annexes', () => {
    expect(got.of('files/annex-unlisted')).toMatchObject([{ actual: '5', source_line: null }]);
    expect(got.of('files/annex-unlisted')[0]?.message).toMatch(
      /^填报说明\.docx: annex file matches no attachment the body lists \(附件1 知识产权专项资金分配情况表; .*附件4 资金使用情况统计表\); read as 附件5$/,
    );
    expect(got.annexes.map((a) => [a['label'], a['kind']])).toEqual([
      ['1', 'allocation'],
      ['2', 'detail'],
      ['3', 'targets'],
      ['5', ''],
    ]);
    expect(got.text).toContain('请各地于2025年6月底前报送资金使用情况。');
    expect(without(got.records('allocations'))).toEqual(without(truth('allocations')));
  });
});

describe('a saved page in which no element holds the notice', () => {
  let got: Awaited<ReturnType<typeof extractFolder>>;
  beforeAll(async () => {
    const dir = join(root, 'no-article');
    const wb = new ExcelJS.Workbook();
    allocationSheet(wb, allocationRows());
    await writeFolder(dir, wb);
    rmSync(join(dir, 'notice.md'));
    // The site's editor put a zero-width space into the document number, the title names no 关于…的通知, and the
    // addressees run on into the first sentence: nothing marks the article, so the whole page is read.
    const paragraphs = bodyLines
      .filter((l) => l.trim() !== '')
      .map((l) =>
        l
          .replace(/^#+\s*/, '')
          .replace('粤财工〔2024〕58号', '粤财工〔2024〕\u200B58号')
          .replace('广东省财政厅关于下达', '广东省财政厅下达')
          .replace('有关地级以上市财政局：', '有关地级以上市财政局：现下达资金如下。'),
      )
      .map((l) => `<p>${l}</p>`);
    const page = [
      '<html><head><meta charset="utf-8"><title>广东省财政厅</title></head><body>',
      '<div class="nav"><a href="/">首页</a> <a href="/tzgg">通知公告</a></div>',
      `<div class="article">${paragraphs.join('')}</div>`,
      '<div class="footer"><p>主办：广东省财政厅 版权所有</p></div></body></html>',
    ];
    writeFileSync(join(dir, 'notice.html'), page.join('\n'));
    got = await extractFolder(dir);
  });

  it('reads the whole page text and says so', () => {
    expect(got.of('files/page-article-unfound')).toMatchObject([
      {
        severity: 'warning',
        annex: '',
        source_line: null,
        message: expect.stringMatching(/^notice\.html: no element/),
      },
    ]);
    expect(got.of('files/page-chrome-left-out')).toEqual([]);
    // The site's navigation and footer stay in the text the stages read.
    expect(got.text).toContain('首页');
    expect(got.text).toContain('主办：广东省财政厅 版权所有');
    expect(without(got.records('allocations'))).toEqual(without(truth('allocations')));
  });
});

describe('a legacy .xls annex, converted by the program $SOFFICE names', () => {
  // A stand-in for LibreOffice, so the conversion runs on any machine: it writes the file it is given into the
  // --outdir under the --convert-to extension, as soffice does. The .xls given is an .xlsx workbook under the old
  // name (as sites publish them), so the stand-in's copy is what LibreOffice's conversion would give.
  const stub = `#!/usr/bin/env node
const { copyFileSync, mkdirSync } = require('node:fs');
const { basename, extname, join } = require('node:path');
const args = process.argv.slice(2);
const out = args[args.indexOf('--outdir') + 1];
const to = args[args.indexOf('--convert-to') + 1];
const input = args[args.length - 1];
mkdirSync(out, { recursive: true });
copyFileSync(input, join(out, basename(input, extname(input)) + '.' + to));
`;
  let got: Awaited<ReturnType<typeof extractFolder>>;
  const saved = process.env['SOFFICE'];
  beforeAll(async () => {
    const dir = join(root, 'legacy');
    const wb = new ExcelJS.Workbook();
    allocationSheet(wb, allocationRows());
    await writeFolder(dir, wb);
    rmSync(join(dir, '附件1.xlsx'));
    writeFileSync(join(dir, '附件1.xls'), Buffer.from(await wb.xlsx.writeBuffer()));
    const soffice = join(root, 'fake-soffice');
    writeFileSync(soffice, stub);
    chmodSync(soffice, 0o755);
    process.env['SOFFICE'] = soffice;
    got = await extractFolder(dir);
  });
  afterAll(() => {
    if (saved === undefined) delete process.env['SOFFICE'];
    else process.env['SOFFICE'] = saved;
  });

  it('converts it before reading, says so, and places its records in the .xls', () => {
    expect(got.of('files/converted')).toMatchObject([
      {
        severity: 'info',
        source_line: null,
        actual: 'fake-soffice',
        message: '附件1.xls: legacy .xls file converted with LibreOffice (fake-soffice) before reading',
      },
    ]);
    expect(without(got.records('allocations'))).toEqual(without(truth('allocations')));
    expect(new Set(got.records('allocations').map((r) => r['source_file']))).toEqual(new Set(['附件1.xls']));
  });
});

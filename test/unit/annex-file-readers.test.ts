import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { assembleNoticeFolder } from '../../src/files/assemble.js';
import { labelInName, listedAnnexes, listedByTitle } from '../../src/files/attachments.js';
import { type Block, NoticeText } from '../../src/files/blocks.js';
import { readDocx } from '../../src/files/docx.js';
import { folderManifest } from '../../src/files/folder.js';
import { exactDecimal, shownNumber } from '../../src/files/numberFormat.js';
import { readWebPage } from '../../src/files/webPage.js';
import { columnLetters, readXlsx } from '../../src/files/xlsx.js';
import { htmlRows } from '../../src/grid/html.js';

const tables = (blocks: Block[]) => blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
const texts = (blocks: Block[]) => blocks.flatMap((b) => (b.kind === 'text' ? b.lines.map((l) => l.text) : []));

describe('numbers in a sheet', () => {
  it('keeps a stored number exactly, with no binary digits', () => {
    expect(exactDecimal(1239.05)).toBe('1239.05');
    expect(exactDecimal(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(exactDecimal(1e21)).toBe('1000000000000000000000');
  });

  it('shows a number as its format does, and says when that is the same number', () => {
    expect(shownNumber(12390000, '#,##0.00')).toEqual({
      exact: '12390000',
      shown: '12,390,000.00',
      digits: '12,390,000.00',
      faithful: true,
      noisy: false,
    });
    expect(shownNumber(1239.05, '#,##0')).toEqual({
      exact: '1239.05',
      shown: '1,239',
      digits: '1,239',
      faithful: false,
      noisy: false,
    });
    expect(shownNumber(1239.05, 'General')).toEqual({
      exact: '1239.05',
      shown: '1239.05',
      digits: '1239.05',
      faithful: true,
      noisy: false,
    });
    expect(shownNumber(0.5, '0%').faithful).toBe(false);
    expect(shownNumber(-5, '#,##0.00;[Red]-#,##0.00')).toEqual({
      exact: '-5',
      shown: '-5.00',
      digits: '-5.00',
      faithful: true,
      noisy: false,
    });
    expect(shownNumber(45291, 'yyyy-mm-dd').faithful).toBe(false);
  });

  it('never shows a different number as faithful, for any amount with two decimals', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.constantFrom('#,##0.00', '0.00', '#,##0', '0', 'General', '#,##0.0'),
        (cents, format) => {
          const value = cents / 100;
          const shown = shownNumber(value, format);
          if (shown.faithful) expect(Number(shown.shown.replace(/,/g, ''))).toBe(value);
          expect(shown.exact).toBe(String(value).includes('e') ? shown.exact : String(value));
        },
      ),
    );
  });
});

describe('a spreadsheet annex', () => {
  /** A workbook of new content: a title merged across, a column merged down, hidden row, column and sheet, a formula with and without its value. */
  async function workbook(): Promise<Buffer> {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet 1');
    ws.addRow(['2025年某专项资金安排表']);
    ws.mergeCells('A1:D1');
    ws.addRow(['单位：万元']);
    ws.addRow(['地区', '单位', '金额', '旧金额']);
    ws.addRow(['甲市', '甲市农业局', 1239.05, 1]);
    ws.addRow(['', '甲市林业局', 20.5, 2]);
    ws.addRow(['乙县', '乙县农业局', 7, 3]);
    ws.addRow(['合计', '', { formula: 'SUM(C4:C6)', result: 1266.55 }, { formula: 'SUM(D4:D6)' }]);
    ws.addRow(['注：本表金额保留两位小数。']);
    ws.mergeCells('A4:A5');
    for (const r of [4, 5, 6, 7]) ws.getCell(r, 3).numFmt = '#,##0.00';
    ws.getRow(6).hidden = true;
    ws.getColumn(4).hidden = true;
    const hidden = wb.addWorksheet('底稿');
    hidden.state = 'hidden';
    hidden.addRow(['不应读取']);
    return Buffer.from(await wb.xlsx.writeBuffer());
  }

  it('reads merged cells as spans, numbers as shown, and leaves out and reports what is hidden', async () => {
    const { blocks, findings } = await readXlsx(await workbook(), 'a.xlsx');
    expect(texts(blocks)).toEqual(['2025年某专项资金安排表', '单位：万元', '注：本表金额保留两位小数。']);
    const [table] = tables(blocks);
    expect(table?.rows.map((r) => r.ref)).toEqual(["'Sheet 1'!A3", "'Sheet 1'!A4", "'Sheet 1'!A5", "'Sheet 1'!A7"]);
    expect(table?.rows.map((r) => r.cells.map((c) => c.text))).toEqual([
      ['地区', '单位', '金额'],
      ['甲市', '甲市农业局', '1,239.05'],
      ['甲市林业局', '20.50'],
      ['合计', '', '1,266.55'],
    ]);
    // 甲市 spans the two rows left after the hidden one is gone.
    expect(table?.rows[1]?.cells[0]?.rowSpan).toBe(2);
    const codes = findings.map((f) => `${f.code} ${f.actual ?? ''}`);
    expect(codes).toContain("files/rows-hidden 'Sheet 1'!6");
    expect(codes).toContain("files/columns-hidden 'Sheet 1'!D");
    expect(codes).toContain('files/sheet-hidden 底稿');
    expect(texts(blocks).join('')).not.toContain('不应读取');
  });

  it('reports a formula without a stored value and a format that hides the number', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('S');
    ws.addRow(['a', 'b', 'c']);
    ws.addRow([{ formula: 'A9*2' }, 1239.05, 'x']);
    ws.getCell('B2').numFmt = '#,##0';
    const { blocks, findings } = await readXlsx(Buffer.from(await wb.xlsx.writeBuffer()), 'b.xlsx');
    expect(findings.map((f) => f.code)).toEqual(['files/formula-without-value', 'files/number-format-differs']);
    expect(tables(blocks)[0]?.rows[1]?.cells.map((c) => c.text)).toEqual(['', '1239.05', 'x']);
  });

  it('spells columns as a spreadsheet does', () => {
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
  });
});

describe('a Word annex', () => {
  it('keeps cells merged across (gridSpan) and down (vMerge) as spans, and its paragraphs as lines', async () => {
    const cell = (text: string, o: { rowSpan?: number; columnSpan?: number } = {}) =>
      new TableCell({ ...o, children: [new Paragraph({ children: [new TextRun(text)] })] });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph({ children: [new TextRun('某某项目绩效目标表')] }),
            new Table({
              rows: [
                new TableRow({ children: [cell('项目名称'), cell('某某项目', { columnSpan: 3 })] }),
                new TableRow({
                  children: [cell('产出指标', { rowSpan: 2 }), cell('数量指标'), cell('培训人次'), cell('≥100人次')],
                }),
                new TableRow({ children: [cell('质量指标'), cell('合格率'), cell('≥95%')] }),
              ],
            }),
            new Paragraph({ children: [] }),
          ],
        },
      ],
    });
    const { blocks } = await readDocx(Buffer.from(await Packer.toBuffer(doc)));
    expect(texts(blocks)).toEqual(['某某项目绩效目标表']);
    const [table] = tables(blocks);
    expect(table?.rows.map((r) => r.ref)).toEqual(['table 1 row 1', 'table 1 row 2', 'table 1 row 3']);
    expect(table?.rows[0]?.cells.map((c) => [c.text, c.colSpan])).toEqual([
      ['项目名称', 1],
      ['某某项目', 3],
    ]);
    expect(table?.rows[1]?.cells[0]).toEqual({ text: '产出指标', rowSpan: 2, colSpan: 1 });
    expect(table?.rows[2]?.cells.map((c) => c.text)).toEqual(['质量指标', '合格率', '≥95%']);
  });
});

describe('an annex table as the grid stage reads it', () => {
  it('gives each HTML row its own line, spans expanded as rowspan/colspan are', () => {
    const text = new NoticeText();
    text.own('## 附件1');
    text.blocks(
      [
        {
          kind: 'table',
          rows: [
            {
              ref: 'S!A1',
              cells: [
                { text: '地区', rowSpan: 1, colSpan: 1 },
                { text: '金额 <元> & 备注', rowSpan: 1, colSpan: 2 },
              ],
            },
            {
              ref: 'S!A2',
              cells: [
                { text: '甲市', rowSpan: 2, colSpan: 1 },
                { text: '1\n2', rowSpan: 1, colSpan: 1 },
                { text: 'x', rowSpan: 1, colSpan: 1 },
              ],
            },
            {
              ref: 'S!A3',
              cells: [
                { text: '3', rowSpan: 1, colSpan: 1 },
                { text: 'y', rowSpan: 1, colSpan: 1 },
              ],
            },
          ],
        },
      ],
      'a.xlsx',
    );
    const start = text.lines.indexOf('<table>') + 1;
    const rows = htmlRows(text.lines.slice(start - 1, text.lines.indexOf('</table>') + 1).join('\n'), start);
    expect(rows.map((r) => r.line)).toEqual([start + 1, start + 2, start + 3]);
    expect(rows.map((r) => text.places[r.line - 1])).toEqual(
      ['S!A1', 'S!A2', 'S!A3'].map((ref) => ({ file: 'a.xlsx', ref })),
    );
    expect(rows[0]?.cells.map((c) => c.text)).toEqual(['地区', '金额 <元> & 备注', '']);
    expect(rows[1]?.cells.map((c) => c.text)).toEqual(['甲市', '1\n2', 'x']);
    expect(rows[2]?.cells[0]?.rowSpanOf?.text).toBe('甲市');
  });
});

describe('a saved web page', () => {
  const page = (
    charset: string,
  ) => `<html><head><meta charset="${charset}"><script>var a='粤财工〔2020〕1号';</script></head><body>
<div class="nav"><a href="/">首页</a><a href="/x">通知公告</a></div>
<div class="box"><h2>某某市财政局关于下达2025年某专项资金的通知</h2><div class="meta">发布时间：2025-03-01 <a>打印</a></div>
<div class="text"><p>某财农〔2025〕7号</p><p>各区财政局：</p><p>现下达2025年某专项资金。</p><p>附件：1. 资金安排表</p><p><a href="/f/1.xls">附件1：资金安排表.xls</a></p></div>
<div class="share">分享到：<a>微信</a></div><ul class="rel"><li><a>关于下达2024年资金的通知</a></li></ul></div>
<div class="foot">版权所有 某某市财政局</div></body></html>`;

  it('finds the article by its number, title and addressees, and reports what it leaves out', () => {
    const { lines, findings } = readWebPage(Buffer.from(page('utf-8')), 'p.html');
    // The date line under the title stands inside the article's element: kept, the metadata stage reads dates.
    expect(lines).toEqual([
      '## 某某市财政局关于下达2025年某专项资金的通知',
      '发布时间：2025-03-01 打印',
      '某财农〔2025〕7号',
      '各区财政局：',
      '现下达2025年某专项资金。',
      '附件：1. 资金安排表',
      '附件1：资金安排表.xls',
    ]);
    const left = findings.find((f) => f.code === 'files/page-chrome-left-out');
    // The navigation, the share line, the related article and the footer.
    expect(left?.params?.['count']).toBe(4);
    expect(left?.actual).toContain('首页');
  });

  it('never takes a link for a mark of the notice: a related article titled 关于…的通知 does not widen the article', () => {
    // The page's own title has no 关于…的通知; the only such title is a link in the site's related-articles box,
    // which sits outside the article beside the navigation and the footer.
    const html = `<html><head><meta charset="utf-8"></head><body>
<div class="nav"><a href="/">首页</a><a href="/x">通知公告</a></div>
<div class="main"><div class="text"><h2>某某市财政局下达2025年某专项资金</h2><p>某财农〔2025〕7号</p><p>各区财政局：</p>
<p>现下达2025年某专项资金。</p></div></div>
<div class="rel"><h3>相关文章</h3><ul><li><a href="/r">关于下达2024年某资金的通知</a></li></ul></div>
<div class="foot">版权所有 某某市财政局</div></body></html>`;
    const { lines, findings } = readWebPage(Buffer.from(html), 'p.html');
    expect(lines).toEqual([
      '## 某某市财政局下达2025年某专项资金',
      '某财农〔2025〕7号',
      '各区财政局：',
      '现下达2025年某专项资金。',
    ]);
    // Left out: the navigation line, the box's heading, its one link and the footer.
    const left = findings.find((f) => f.code === 'files/page-chrome-left-out');
    expect(left?.params?.['count']).toBe(4);
    expect(left?.actual).toContain('版权所有');
  });

  it('reads no raw markup out of a frameset page: its <noframes> fallback is not text, and the article is not found', () => {
    const html =
      '<html><head><title>t</title></head><frameset><frame src="a.html"><noframes><body>' +
      '<p>粤财〔2024〕12号</p><p>关于下达资金的通知</p></body></noframes></frameset></html>';
    const { lines, findings } = readWebPage(Buffer.from(html), 'frames.html');
    expect(lines).toEqual([]);
    expect(findings.map((f) => f.code)).toContain('files/page-article-unfound');
  });

  it('decodes a GB2312 page by its declared charset', () => {
    const { lines, findings } = readWebPage(iconv.encode(page('gb2312'), 'gb18030'), 'p.html');
    expect(lines[2]).toBe('某财农〔2025〕7号');
    expect(findings.map((f) => f.code)).toContain('files/page-charset');
  });
});

describe("the body's list of attachments", () => {
  it('reads numbered items on the 附件 line and after it', () => {
    expect(listedAnnexes(['正文', '附件：1. 资金安排表', '2. 绩效目标表', '', '某某局'])).toEqual([
      { label: '1', title: '资金安排表' },
      { label: '2', title: '绩效目标表' },
    ]);
    expect(listedAnnexes(['附件：资金安排表'])).toEqual([{ label: '1', title: '资金安排表' }]);
    expect(listedAnnexes(['没有附件的正文'])).toEqual([]);
  });

  it('matches a file by the label in its name or by its title', () => {
    expect(['附件1.xlsx', '附件 3-1 项目表.docx', '附件二：安排表.xls', '安排表.xls'].map(labelInName)).toEqual([
      '1',
      '3-1',
      '2',
      null,
    ]);
    const listed = [
      { label: '1', title: '2025年某专项资金安排表' },
      { label: '2', title: '绩效目标表（二级项目）' },
    ];
    expect(listedByTitle('安排表', listed)?.label).toBe('1');
    expect(listedByTitle('绩效目标表(二级项目)', listed)?.label).toBe('2');
    expect(listedByTitle('情况表', listed)).toBeNull();
  });
});

describe("adversarial input to the readers' patterns", () => {
  it('reads long runs of the characters each pattern repeats in linear time', () => {
    const n = 50_000;
    const started = performance.now();
    listedAnnexes([`附件：1. ${'a '.repeat(n)}b`, `2. x${' '.repeat(n)}y`, `1${'.'.repeat(n)}`]);
    labelInName(`附件${' '.repeat(n)}1`);
    listedByTitle('表'.repeat(n), [{ label: '1', title: '表'.repeat(n / 2) }]);
    shownNumber(1, `${'0'.repeat(n)}x`);
    shownNumber(1, `#,##${'0,'.repeat(50)}x`);
    const page =
      `<html><head><meta ${'a'.repeat(n)} charset=${'g'.repeat(n)}></head><body><p>关于${'的'.repeat(n)}</p>` +
      `<p>〔${'2'.repeat(n)}</p><p>${'某'.repeat(n)}</p></body></html>`;
    readWebPage(Buffer.from(page), 'long.html');
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("a notice folder's identity", () => {
  it('changes when a file changes, is added or is removed, and not otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    try {
      writeFileSync(join(dir, 'notice.html'), '<p>正文</p>');
      writeFileSync(join(dir, '附件1.csv'), 'a,b\n1,2\n');
      const first = folderManifest(dir).toString('utf8');
      expect(folderManifest(dir).toString('utf8')).toBe(first);
      writeFileSync(join(dir, '附件1.csv'), 'a,b\n1,3\n');
      const changed = folderManifest(dir).toString('utf8');
      expect(changed).not.toBe(first);
      writeFileSync(join(dir, '附件2.csv'), 'x\n');
      expect(folderManifest(dir).toString('utf8')).not.toBe(changed);
      rmSync(join(dir, '附件2.csv'));
      expect(folderManifest(dir).toString('utf8')).toBe(changed);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('a notice folder with Markdown and CSV files', () => {
  it('keeps a Markdown body and annex as source, one marker per annex, a CSV annex as a table, each line placed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'md-folder-'));
    try {
      writeFileSync(join(dir, 'notice.md'), '# 某局关于下达资金的通知\n\n附件：1. 分配表\n2. 明细表\n\n甲\t乙\n');
      writeFileSync(join(dir, '附件1.md'), '## 附件1\n\n## 分配表\n\n地区\t金额\n甲市\t1\n');
      writeFileSync(join(dir, '明细表.csv'), '\uFEFF单位,金额\n"甲市, 本级",2\n');
      const notice = await assembleNoticeFolder(dir, folderManifest(dir));
      const lines = notice.text.split('\n');
      expect(lines).toContain('甲\t乙');
      expect(lines.filter((l) => /附件1$/.test(l))).toEqual(['## 附件1']);
      expect(lines).toContain('## 附件2');
      expect(lines).toContain('<tr><td>甲市, 本级</td><td>2</td></tr>');
      const at = (text: string) => notice.places[lines.indexOf(text)];
      expect(at('地区\t金额')).toEqual({ file: '附件1.md', ref: 'line 5' });
      expect(at('<tr><td>甲市, 本级</td><td>2</td></tr>')).toEqual({ file: '明细表.csv', ref: 'row 2' });
      // Files are read in name order.
      expect(notice.findings.map((f) => `${f.code} ${f.file} ${f.actual ?? ''}`)).toEqual([
        'files/annex-matched 明细表.csv 2',
        'files/annex-matched 附件1.md 1',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

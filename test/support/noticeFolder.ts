/**
 * Writes a notice as the department publishes it — a saved web page for the body, annex tables as
 * .xlsx (exceljs) and .docx (docx) files — from a notice's records, so a test reads them back and
 * compares with the records it wrote. Nothing binary is committed: every file is generated here.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';
import { decodeHTML } from 'entities';
import iconv from 'iconv-lite';

/** A record of the seed's datasets, as its JSON holds it. */
export type Rec = Record<string, unknown>;

/** The datasets a folder is written from. */
export interface NoticeRecords {
  allocations: Rec[];
  details: Rec[];
  targets: Rec[];
  indicators: Rec[];
  citations: Rec[];
}

/** How the folder is written. */
export interface FolderOptions {
  /** Encode the page as GB18030 with a `<meta charset="gb2312">` declaration. */
  gbPage?: boolean;
  /** Annex file names. */
  names?: { allocation: string; detail: string; targets: string };
  /** Each workbook's first row is its annex's marker (`附件1`), above its title, as the department's files often are. */
  markers?: boolean;
}

const s = (r: Rec, k: string): string => String(r[k] ?? '');

/** The number format the department's sheets show money in. */
export const MONEY_FORMAT = '#,##0.00';

/** A number shown under MONEY_FORMAT, as the generator's own truth for `amount_raw`. */
export function shownMoney(value: string): string {
  const [whole = '', fraction = ''] = Number(value).toFixed(2).split('.');
  return `${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${fraction}`;
}

/**
 * The body of a notice as a saved page of the department's site: navigation, breadcrumb, title
 * block with date and source, the article, share and print links, related articles, footer and
 * scripts. `bodyLines` are Markdown lines (headings marked with #).
 */
export function webPage(bodyLines: readonly string[], charset = 'utf-8'): string {
  const paragraphs = bodyLines
    .map((l) => l.replace(/\s+$/, ''))
    .filter((l) => l.trim() !== '' && !/^-{3,}$/.test(l.trim()))
    .map((l) => {
      const heading = /^(#{1,6})\s+(.*)$/.exec(l);
      if (heading) return `<h${heading[1]?.length}>${heading[2]}</h${heading[1]?.length}>`;
      return `<p>${l.replace(/^\s*-\s+/, '').replace(/\*\*(.*?)\*\*/g, '<strong>$1</strong>')}</p>`;
    });
  return [
    '<!DOCTYPE html>',
    `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><title>广东省财政厅</title>`,
    '<script>var _hmt = _hmt || []; document.write("统计");</script><style>.nav{color:red}</style></head><body>',
    '<div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li><a href="/tzgg">通知公告</a></li></ul></div>',
    '<div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg">通知公告</a></div>',
    '<div class="main"><div class="info"><span>发布日期：2023-12-28</span> <span>来源：本网</span> <span>字号：<a>大</a> <a>中</a> <a>小</a></span></div>',
    '<div class="article">',
    ...paragraphs,
    '</div>',
    '<div class="share">分享到：<a>微信</a> <a>微博</a></div><div class="print"><a>【打印本页】</a><a>【关闭窗口】</a></div>',
    '</div>',
    '<div class="related"><h3>相关文章</h3><ul><li><a href="/x1">关于下达2023年省级专项资金的通知</a></li><li><a href="/x2">关于印发管理办法的通知</a></li></ul></div>',
    '<div class="footer"><p>主办：广东省财政厅 版权所有</p><p>粤ICP备05000000号</p></div>',
    '<script src="/js/stat.js"></script></body></html>',
  ].join('\n');
}

// title_raw is the cell as written with tags stripped, entities not decoded: the document holds the characters.

/** The allocation table's header as the department's sheet writes it. */
export const ALLOCATION_SHEET_HEADER = [
  '地区',
  '地区编码',
  '二级项目名称',
  '分配单位',
  '三保目录',
  '是否直拨“三保”专户',
  '功能分类科目',
  '金额',
  '备注',
];

/** An allocation record as a row under ALLOCATION_SHEET_HEADER, its amount written by `amount`. */
export function allocationSheetRow<T>(r: Rec, amount: (yuan: string) => T): (string | T)[] {
  const joined = (code: string, name: string): string => [code, name].filter((x) => x !== '').join(' ');
  return [
    s(r, 'region_name'),
    s(r, 'region_code'),
    s(r, 'project_name'),
    joined(s(r, 'recipient_code'), s(r, 'recipient_name')),
    s(r, 'sanbao_catalog'),
    r['direct_to_sanbao_account'] === null ? '' : r['direct_to_sanbao_account'] ? '是' : '否',
    joined(s(r, 'function_subject_code'), s(r, 'function_subject_name')),
    amount(s(r, 'amount_yuan')),
    s(r, 'remark'),
  ];
}

/** Annex 1 (allocation table, 元) as a workbook: title merged across, 地区编码 merged down over a subtotal and its items, amounts as numbers shown #,##0.00, a sheet of notes. */
export async function allocationWorkbook(rows: readonly Rec[], title: string, marker?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('分配表');
  const header = ALLOCATION_SHEET_HEADER;
  if (marker) ws.addRow([marker]);
  ws.addRow([title]);
  ws.mergeCells(ws.rowCount, 1, ws.rowCount, header.length);
  ws.addRow(['单位：元']);
  ws.addRow(header);
  const firstData = ws.rowCount + 1;
  for (const r of rows) {
    const row = ws.addRow(allocationSheetRow(r, Number));
    row.getCell(8).numFmt = MONEY_FORMAT;
    // Codes are text, as the department types them (a number would lose nothing here, but is not how it is kept).
    row.getCell(2).numFmt = '@';
  }
  mergeDown(ws, 2, firstData, ws.rowCount);
  const notes = wb.addWorksheet('说明');
  notes.addRow(['注：金额单位为元，保留两位小数。']);
  notes.addRow(['本表由系统导出。']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Annex 2 (detail table, 万元): 序号 and 预算代码 merged down over each city's subtotal and its items. */
export async function detailWorkbook(rows: readonly Rec[], title: string, marker?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('明细表');
  const header = ['序号', '预算代码', '地区（单位）', '项目名称', '资金额（万元）'];
  if (marker) ws.addRow([marker]);
  ws.addRow([title]);
  ws.mergeCells(ws.rowCount, 1, ws.rowCount, header.length);
  ws.addRow(['单位：万元']);
  ws.addRow(header);
  const firstData = ws.rowCount + 1;
  for (const r of rows) {
    const type = s(r, 'row_type');
    const name = type === 'grand_total' ? '合计' : type === 'subtotal' ? `${s(r, 'city')}小计` : s(r, 'recipient_name');
    const seq = type === 'item' ? '' : s(r, 'seq');
    const code = type === 'item' ? '' : s(r, 'budget_code');
    const row = ws.addRow([
      seq === '' ? '' : Number(seq),
      code,
      name,
      s(r, 'project_name'),
      Number(s(r, 'amount_wan')),
    ]);
    row.getCell(5).numFmt = MONEY_FORMAT;
  }
  // A subtotal row and the item rows under it share a 序号 and a 预算代码: merged down.
  let start = 0;
  const last = ws.rowCount;
  for (let r = firstData; r <= last + 1; r++) {
    const seq = r <= last ? ws.getCell(r, 1).value : 'end';
    if (seq !== '' && seq !== null) {
      if (start > 0 && r - 1 > start) {
        ws.mergeCells(start, 1, r - 1, 1);
        ws.mergeCells(start, 2, r - 1, 2);
      }
      start = r <= last && ws.getCell(r, 3).value !== '合计' ? r : 0;
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Merge runs of equal non-empty values down one column, from row `from` to `to`. */
function mergeDown(ws: ExcelJS.Worksheet, column: number, from: number, to: number): void {
  let start = from;
  for (let r = from + 1; r <= to + 1; r++) {
    const same =
      r <= to &&
      ws.getCell(r, column).value === ws.getCell(start, column).value &&
      ws.getCell(start, column).value !== '';
    if (same) continue;
    if (r - 1 > start) ws.mergeCells(start, column, r - 1, column);
    start = r;
  }
}

const cell = (text: string, opts: { rowSpan?: number; columnSpan?: number } = {}): TableCell =>
  new TableCell({
    ...opts,
    children: text.split('\n').map((line) => new Paragraph({ children: [new TextRun(line)] })),
  });

/**
 * Annex 3 as a Word file: per target its title paragraph and table — metadata rows with the value
 * merged across (gridSpan), 绩效指标 merged down over every indicator row, each 一级指标 over its
 * indicators and each 二级指标 over its own (vMerge).
 */
export async function targetsDocument(
  targets: readonly Rec[],
  indicators: readonly Rec[],
  citations: readonly Rec[],
  tableTitle: string,
  marker?: string,
): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  if (marker) children.push(new Paragraph({ children: [new TextRun(marker)] }));
  for (const t of targets) {
    const rows = indicators.filter(
      (i) => i['annex'] === t['annex'] && i['recipient_code'] === t['recipient_code'] && tableOf(i, targets) === t,
    );
    const policy = citations
      .filter((c) => c['recipient_code'] === t['recipient_code'] && tableOf(c, targets) === t)
      .map((c) => decodeHTML(s(c, 'title_raw')));
    const wide = (label: string, value: string): TableRow =>
      new TableRow({ children: [cell(label), cell(value, { columnSpan: 4 })] });
    const table: TableRow[] = [
      wide('项目名称', s(t, 'project_name')),
      wide('资金类型', s(t, 'fund_type')),
      wide('项目等级', s(t, 'project_level')),
      new TableRow({
        children: [
          cell('省级主管部门'),
          cell(s(t, 'provincial_department')),
          cell('地方主管部门'),
          cell(s(t, 'local_department_raw'), { columnSpan: 2 }),
        ],
      }),
      wide('预算年度', s(t, 'budget_year_raw')),
      wide('资金需求', s(t, 'fund_demand_raw')),
      wide('支出内容', s(t, 'spending_content')),
      wide('政策依据', policy.join('\n')),
      wide('总体绩效目标', s(t, 'overall_goal')),
      new TableRow({ children: [cell(''), cell('一级指标'), cell('二级指标'), cell('三级指标'), cell('指标值')] }),
    ];
    rows.forEach((ind, k) => {
      const cells: TableCell[] = [];
      if (k === 0) cells.push(cell('绩效指标', { rowSpan: rows.length }));
      const run = (key: string): number => {
        let n = 1;
        while (
          rows[k + n] &&
          rows[k + n]?.[key] === ind[key] &&
          (key === 'level1' || rows[k + n]?.['level1'] === ind['level1'])
        )
          n++;
        return n;
      };
      const first = (key: string): boolean =>
        k === 0 || rows[k - 1]?.[key] !== ind[key] || (key === 'level2' && rows[k - 1]?.['level1'] !== ind['level1']);
      if (first('level1')) cells.push(cell(s(ind, 'level1'), { rowSpan: run('level1') }));
      if (first('level2')) cells.push(cell(s(ind, 'level2'), { rowSpan: run('level2') }));
      cells.push(cell(s(ind, 'name_raw')), cell(s(ind, 'value_raw')));
      table.push(new TableRow({ children: cells }));
    });
    children.push(new Paragraph({ children: [new TextRun(tableTitle)] }), new Table({ rows: table }));
  }
  // Word always ends a document with a paragraph; one ending in a table loses that table in LibreOffice's .doc export.
  children.push(new Paragraph({ children: [] }));
  return Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children }] })));
}

/** The target a row of indicators or citations belongs to: the last target opening at or before its line. */
function tableOf(row: Rec, targets: readonly Rec[]): Rec | undefined {
  let found: Rec | undefined;
  for (const t of targets) if ((t['source_line'] as number) <= (row['source_line'] as number)) found = t;
  return found;
}

/** Convert files with LibreOffice headless (`xlsx` → `xls`, `docx` → `doc`) into `dir`; returns the new paths. */
export function convertWithLibreOffice(
  soffice: string,
  files: readonly string[],
  to: 'xls' | 'doc',
  dir: string,
): void {
  const profile = `file://${join(dir, '.profile')}`;
  execFileSync(
    soffice,
    ['--headless', '--norestore', `-env:UserInstallation=${profile}`, '--convert-to', to, '--outdir', dir, ...files],
    { stdio: 'ignore', timeout: 240_000 },
  );
}

/** Write a notice folder from a Markdown body and records: the page, Annexes 1 and 2 as .xlsx, Annex 3 as .docx. */
export async function writeNoticeFolder(
  dir: string,
  bodyLines: readonly string[],
  records: NoticeRecords,
  titles: { allocation: string; detail: string; targetTable: string },
  options: FolderOptions = {},
): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const names = options.names ?? { allocation: '附件1.xlsx', detail: '附件2.xlsx', targets: '附件3.docx' };
  const page = options.gbPage
    ? iconv.encode(webPage(bodyLines, 'gb2312'), 'gb18030')
    : Buffer.from(webPage(bodyLines), 'utf8');
  writeFileSync(join(dir, 'notice.html'), page);
  const marker = (label: string): string | undefined => (options.markers ? `附件${label}` : undefined);
  writeFileSync(
    join(dir, names.allocation),
    await allocationWorkbook(records.allocations, titles.allocation, marker('1')),
  );
  writeFileSync(join(dir, names.detail), await detailWorkbook(records.details, titles.detail, marker('2')));
  writeFileSync(
    join(dir, names.targets),
    await targetsDocument(records.targets, records.indicators, records.citations, titles.targetTable, marker('3')),
  );
}

/** The records of one dataset in a golden fixture's expected folder. */
export function expectedRecords(folder: string, dataset: string): Rec[] {
  return (JSON.parse(readFileSync(join(folder, `${dataset}.json`), 'utf8')) as { records: Rec[] }).records;
}

/** The seed as a notice folder's source: its lines, its expected records and notice, its body and annex titles. */
export interface SeedSource {
  lines: string[];
  /** The folder of the seed fixture's expected outputs. */
  expected: string;
  records: NoticeRecords;
  notice: Rec;
  /** The body: its lines before the first annex, and its closing block (版记) after the last table. */
  body: string[];
  /** The title under each annex's marker heading. */
  titles: { allocation: string; detail: string; targetTable: string };
}

/** The seed fixture, read once per test file that asks, as the notice-folder tests write it. */
export function seedSource(): SeedSource {
  const seedDir = new URL('../fixtures/gd-special-transfer/seed/', import.meta.url).pathname;
  const lines = readFileSync(join(seedDir, 'input.md'), 'utf8').split('\n');
  const expected = join(seedDir, 'expected');
  const records: NoticeRecords = {
    allocations: expectedRecords(expected, 'allocations'),
    details: expectedRecords(expected, 'details'),
    targets: expectedRecords(expected, 'targets'),
    indicators: expectedRecords(expected, 'indicators'),
    citations: expectedRecords(expected, 'citations'),
  };
  const first = lines.findIndex((l) => /^#+\s*附件\s*1\s*$/.test(l));
  const closing = lines.findIndex((l) => l.includes('公开方式'));
  const title = (label: string): string => {
    const at = lines.findIndex((l) => new RegExp(`^#+\\s*附件\\s*${label}\\s*$`).test(l));
    return (lines.slice(at + 1).find((l) => l.trim() !== '') ?? '').replace(/^#+\s*/, '').trim();
  };
  return {
    lines,
    expected,
    records,
    notice: JSON.parse(readFileSync(join(expected, 'notice.json'), 'utf8')) as Rec,
    body: [...lines.slice(0, first), ...lines.slice(closing)],
    titles: { allocation: title('1'), detail: title('2'), targetTable: title('3') },
  };
}

/** Fields that say where a record was read, and read differently from a file by design. */
export const PLACE = ['source_line', 'source_row', 'source_file', 'source_ref', 'fund_demand_line'];

/** The records without the fields given. */
export function without(rows: readonly Rec[], fields: readonly string[]): Rec[] {
  return rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !fields.includes(k))));
}

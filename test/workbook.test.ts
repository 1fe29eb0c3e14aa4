import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MONEY_FORMAT, renderWorkbook } from '../src/emit/workbook.js';
import { dosDateTime, withEntryTimes } from '../src/emit/zipTimes.js';
import { extractText, seedText } from './support/run.js';

const ID = 'yue-cai-gong-2023-126';
const seed = extractText(seedText(), ID);
const bytes = await renderWorkbook(seed.records.workbook.spec);
const book = new ExcelJS.Workbook();
await book.xlsx.load(bytes as unknown as ArrayBuffer);

/** Every value of one column of a sheet, header row excluded. */
function column(sheet: string, title: string): ExcelJS.Cell[] {
  const ws = book.getWorksheet(sheet);
  if (!ws) throw new Error(`no sheet ${sheet}`);
  const header = (ws.getRow(1).values as unknown[]).indexOf(title);
  expect(header, `${sheet} has a column ${title}`).toBeGreaterThan(0);
  const cells: ExcelJS.Cell[] = [];
  for (let r = 2; r <= ws.rowCount; r++) cells.push(ws.getRow(r).getCell(header));
  return cells;
}

describe("the analysts' workbook", () => {
  it('is named after the notice and has a 说明 sheet and one sheet per dataset, titled in Chinese', () => {
    expect(seed.records.workbook.name).toBe(`${ID}.xlsx`);
    expect(book.worksheets.map((w) => w.name)).toEqual(['说明', '分配表', '明细分配表', '绩效目标表', '绩效指标', '政策依据']);
  });

  it('has as many rows per sheet as the dataset has records, under a frozen header with an autofilter', () => {
    const counts: Record<string, number> = { 分配表: 65, 明细分配表: 63, 绩效目标表: 42, 绩效指标: 787, 政策依据: 1014 };
    for (const [sheet, n] of Object.entries(counts)) {
      const ws = book.getWorksheet(sheet);
      expect(ws?.rowCount, sheet).toBe(n + 1);
      expect(ws?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(ws?.autoFilter, sheet).toBeDefined();
      const titles = (ws?.getRow(1).values as unknown[]).slice(1) as string[];
      for (const t of titles) expect(t, `${sheet}: ${t}`).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('stores amounts as numbers shown with two decimals and thousands separators; their sum is the notice total', () => {
    const amounts = column('分配表', '金额（元）');
    for (const c of amounts) {
      expect(typeof c.value).toBe('number');
      expect(c.numFmt).toBe(MONEY_FORMAT);
    }
    expect(amounts[0]?.value).toBe(172850000);
    const wan = column('明细分配表', '资金额（万元）');
    expect(wan[0]?.value).toBe(17285);
    expect(wan[0]?.numFmt).toBe(MONEY_FORMAT);
    expect(column('绩效目标表', '资金需求（万元）').every((c) => c.numFmt === MONEY_FORMAT)).toBe(true);
  });

  it('stores codes as text with all their digits', () => {
    const recipients = column('分配表', '分配单位编码').map((c) => c.value).filter((v) => v !== null);
    const regions = column('分配表', '地区编码').map((c) => c.value).filter((v) => v !== null);
    // 42 recipients, each on its item row; region codes on items and subtotals.
    expect(recipients.length).toBe(42);
    expect(regions.length).toBeGreaterThan(42);
    for (const code of [...recipients, ...regions]) expect(code).toMatch(/^\d{9}$/);
    expect(column('分配表', '功能分类科目编码').find((c) => c.value !== null)?.value).toBe('2011409');
  });

  it('lists on 说明 the notice, record counts, findings by code and every column title with its field name', () => {
    const about = book.getWorksheet('说明');
    const rows: string[] = [];
    about?.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map(String).join('|')));
    expect(rows).toContain(`通知编号|${ID}`);
    expect(rows).toContain('发文字号|粤财工〔2023〕126号');
    expect(rows).toContain('绩效指标|indicators.csv / indicators.json|787');
    expect(rows.some((r) => r.startsWith('citations/unmatched|warning|'))).toBe(true);
    expect(rows.some((r) => r.startsWith('分配表|金额（元）|amount_yuan|decimal string|元'))).toBe(true);
  });

  it('is byte-identical however often and whenever it is written', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2100));
    const again = await renderWorkbook(extractText(seedText(), ID).records.workbook.spec);
    expect(again.equals(bytes)).toBe(true);
    // The stamp is the notice's own date, 2023-12-28.
    const stamp = dosDateTime(new Date('2023-12-28T00:00:00Z'));
    expect(bytes.readUInt16LE(12)).toBe(stamp.date);
    expect(withEntryTimes(bytes, new Date('2023-12-28T00:00:00Z')).equals(bytes)).toBe(true);
  });

  const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' });
  const pdftotext = spawnSync('pdftotext', ['-v'], { encoding: 'utf8' });
  const canRender = soffice.status === 0 && pdftotext.status === 0;
  if (!canRender) console.info('skipping the LibreOffice rendering check: soffice or pdftotext is not installed (.ci/run installs them)');
  it.skipIf(!canRender)('opens in LibreOffice without a dialog: its PDF shows Chinese titles, two-decimal amounts and 9-digit codes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'notice-extract-xlsx-'));
    const file = join(dir, `${ID}.xlsx`);
    writeFileSync(file, bytes);
    execFileSync('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file], { stdio: 'ignore', timeout: 240_000 });
    execFileSync('pdftotext', ['-layout', join(dir, `${ID}.pdf`), join(dir, 'out.txt')]);
    const text = readFileSync(join(dir, 'out.txt'), 'utf8');
    for (const title of ['金额（元）', '资金额（万元）', '资金需求（万元）', '三级指标', '政策依据（原文）', '分配单位编码']) expect(text, title).toContain(title);
    expect(text).toContain('172,850,000.00');
    expect(text).toContain('17,285.00');
    expect(text).toContain('12,390,000.00');
    expect(text).toMatch(/\b440100000\b/);
    expect(text).not.toMatch(/4\.401E\+08|4\.40100E\+08/i);
  }, 300_000);
});

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
    expect(book.worksheets.map((w) => w.name)).toEqual([
      '说明',
      '分配表',
      '明细分配表',
      '绩效目标表',
      '绩效指标',
      '政策依据',
    ]);
  });

  it('has as many rows per sheet as the dataset has records, under a frozen header with an autofilter', () => {
    const counts: Record<string, number> = {
      分配表: 65,
      明细分配表: 63,
      绩效目标表: 42,
      绩效指标: 787,
      政策依据: 1014,
    };
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
    const recipients = column('分配表', '分配单位编码')
      .map((c) => c.value)
      .filter((v) => v !== null);
    const regions = column('分配表', '地区编码')
      .map((c) => c.value)
      .filter((v) => v !== null);
    // 42 recipients, each on its item row; region codes on items and subtotals.
    expect(recipients.length).toBe(42);
    expect(regions.length).toBeGreaterThan(42);
    for (const code of [...recipients, ...regions]) expect(code).toMatch(/^\d{9}$/);
    expect(column('分配表', '功能分类科目编码').find((c) => c.value !== null)?.value).toBe('2011409');
  });

  it('shows booleans as 是/否, never as 0 or 1', () => {
    const allocations = seed.records.workbook.spec.sheets.find((s) => s.name === 'allocations')?.records ?? [];
    const cells = column('分配表', '是否直拨“三保”专户');
    expect(cells).toHaveLength(allocations.length);
    cells.forEach((c, i) => {
      const value = allocations[i]?.['direct_to_sanbao_account'];
      expect(c.value, `row ${i + 2}`).toBe(value === true ? '是' : value === false ? '否' : null);
    });
    expect(cells.filter((c) => c.value === '否').length).toBeGreaterThan(0);
  });

  it('stores every text column as text (format @), 预算代码 and 序号 included, and numbers as numbers', () => {
    for (const ws of book.worksheets.slice(1)) {
      const titles = (ws.getRow(1).values as unknown[]).slice(1) as string[];
      const sheet = seed.records.workbook.spec.sheets.find((s) => s.title === ws.name);
      if (!sheet) throw new Error(`no sheet ${ws.name}`);
      titles.forEach((title, i) => {
        const field = sheet.fields[i];
        const cell = ws.getRow(2).getCell(i + 1);
        if (field?.kind === 'number') expect(cell.numFmt ?? '', `${ws.name} ${title}`).not.toBe('@');
        else expect(cell.numFmt, `${ws.name} ${title}`).toBe('@');
      });
    }
    const budgetCodes = column('明细分配表', '预算代码').filter((c) => c.value !== null);
    const seqs = column('明细分配表', '序号').filter((c) => c.value !== null);
    expect(budgetCodes.length).toBeGreaterThan(40);
    for (const c of [...budgetCodes, ...seqs]) {
      expect(typeof c.value).toBe('string');
      expect(c.numFmt).toBe('@');
    }
  });

  it('wraps multi-line and over-wide text at the top of its cell, in a row tall enough for its lines', () => {
    const goals = column('绩效目标表', '总体绩效目标').filter(
      (c) => typeof c.value === 'string' && c.value.includes('\n'),
    );
    expect(goals.length).toBeGreaterThan(5);
    for (const c of goals) {
      expect(c.alignment).toMatchObject({ wrapText: true, vertical: 'top' });
      // At least one 11-point line per line of the text.
      expect(c.worksheet.getRow(Number(c.row)).height, `row ${c.row}`).toBeGreaterThanOrEqual(
        String(c.value).split('\n').length * 14,
      );
    }
    const about = book.getWorksheet('说明');
    let tall = 0;
    about?.eachRow((row) => {
      row.eachCell((cell) => {
        const text = String(cell.value ?? '');
        // Two columns per CJK character: a text wider than its column needs more than one line.
        const width = Number(about.getColumn(cell.col).width);
        if ([...text].reduce((w, ch) => w + (/[\u3000-\u9fff\uff00-\uffef]/.test(ch) ? 2 : 1), 0) > width) {
          tall++;
          expect(row.height, `说明 row ${row.number}`).toBeGreaterThanOrEqual(28);
        }
      });
    });
    expect(tall).toBeGreaterThan(0);
  });

  it('prints every sheet A4 landscape, fitted to the page width, a data sheet with its header row repeated', () => {
    for (const ws of book.worksheets) {
      expect(ws.pageSetup, ws.name).toMatchObject({
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        paperSize: 9,
      });
      if (ws.name !== '说明') expect(ws.pageSetup.printTitlesRow, ws.name).toBe('1:1');
    }
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
  if (!canRender)
    console.info(
      'skipping the LibreOffice rendering check: soffice or pdftotext is not installed (.ci/run installs them)',
    );
  it.skipIf(!canRender)(
    'opens in LibreOffice without a dialog: its PDF shows Chinese titles, two-decimal amounts and 9-digit codes',
    () => {
      const dir = mkdtempSync(join(tmpdir(), 'notice-extract-xlsx-'));
      const file = join(dir, `${ID}.xlsx`);
      writeFileSync(file, bytes);
      execFileSync(
        'soffice',
        ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'pdf', '--outdir', dir, file],
        { stdio: 'ignore', timeout: 240_000 },
      );
      execFileSync('pdftotext', ['-layout', join(dir, `${ID}.pdf`), join(dir, 'out.txt')]);
      const text = readFileSync(join(dir, 'out.txt'), 'utf8');
      for (const title of [
        '金额（元）',
        '资金额（万元）',
        '资金需求（万元）',
        '三级指标',
        '政策依据（原文）',
        '分配单位编码',
      ])
        expect(text, title).toContain(title);
      expect(text).toContain('172,850,000.00');
      expect(text).toContain('17,285.00');
      expect(text).toContain('12,390,000.00');
      expect(text).toMatch(/\b440100000\b/);
      expect(text).not.toMatch(/4\.401E\+08|4\.40100E\+08/i);
      expect(text).toContain('否');
      // Fitted to the page width: a few pages per data sheet, not hundreds (370 before).
      const pages = Number(
        /Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [join(dir, `${ID}.pdf`)], { encoding: 'utf8' }))?.[1],
      );
      expect(pages).toBeGreaterThan(5);
      expect(pages).toBeLessThanOrEqual(60);
      // No text drawn over another: a wrapped cell whose row is too short spills onto the next row's words.
      const boxes = execFileSync('pdftotext', ['-bbox', join(dir, `${ID}.pdf`), '-'], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      });
      expect(overlappingWords(boxes)).toEqual([]);
    },
    300_000,
  );
});

/** Words of a `pdftotext -bbox` document drawn over each other (by more than 40 % of a line's height), as `page N: a / b`. */
function overlappingWords(bboxHtml: string): string[] {
  const found: string[] = [];
  bboxHtml
    .split('<page')
    .slice(1)
    .forEach((page, p) => {
      const words = [
        ...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g),
      ]
        .map((m) => ({ x0: Number(m[1]), y0: Number(m[2]), x1: Number(m[3]), y1: Number(m[4]), text: m[5] ?? '' }))
        .sort((a, b) => a.y0 - b.y0);
      words.forEach((a, i) => {
        for (let j = i + 1; j < words.length && (words[j]?.y0 ?? Infinity) < a.y1; j++) {
          const b = words[j];
          if (!b) break;
          const overlapX = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
          const overlapY = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
          if (overlapX > 0.5 && overlapY > 0.4 * Math.min(a.y1 - a.y0, b.y1 - b.y0))
            found.push(`page ${p + 1}: ${a.text} / ${b.text}`);
        }
      });
    });
  return found;
}

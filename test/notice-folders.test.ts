import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleNoticeFolder } from '../src/files/assemble.js';
import { folderManifest } from '../src/files/folder.js';
import { findSoffice } from '../src/files/legacy.js';
import { extractNotice } from '../src/pipeline.js';
import { families } from './support/run.js';
import {
  convertWithLibreOffice,
  PLACE,
  type Rec,
  seedSource,
  shownMoney,
  without,
  writeNoticeFolder,
} from './support/noticeFolder.js';

const seed = seedSource();
const { records, titles } = seed;
const seedBody = (): string[] => seed.body;

async function extractFolder(dir: string): Promise<Record<string, Rec[]>> {
  const manifest = folderManifest(dir);
  const notice = await assembleNoticeFolder(dir, manifest);
  const result = extractNotice(dir, 'folder', notice, families, { bom: true, allowPartial: false });
  const read = (name: string): Rec[] =>
    (JSON.parse(result.files.get(`${name}.json`) as string) as { records: Rec[] }).records;
  return {
    allocations: read('allocations'),
    details: read('details'),
    targets: read('targets'),
    indicators: read('indicators'),
    citations: read('citations'),
    findings: (JSON.parse(result.files.get('report.json') as string) as { findings: Rec[] }).findings,
  };
}

/** The seed's records compared with what a folder gave: equal but for where they were read and the amounts as shown. */
function expectSeedRecords(got: Record<string, Rec[]>): void {
  expect(without(got['allocations'] ?? [], [...PLACE, 'amount_raw'])).toEqual(
    without(records.allocations, [...PLACE, 'amount_raw']),
  );
  expect(without(got['details'] ?? [], [...PLACE, 'amount_raw', 'amount_wan'])).toEqual(
    without(records.details, [...PLACE, 'amount_raw', 'amount_wan']),
  );
  expect(without(got['targets'] ?? [], PLACE)).toEqual(without(records.targets, PLACE));
  expect(without(got['indicators'] ?? [], [...PLACE, 'level_labels_raw', 'flags'])).toEqual(
    without(records.indicators, [...PLACE, 'level_labels_raw', 'flags']),
  );
  expect(without(got['citations'] ?? [], PLACE)).toEqual(without(records.citations, PLACE));
}

const soffice = findSoffice();

describe('the seed as the department publishes it: a web page and .xlsx/.docx annexes', () => {
  let dir: string;
  let got: Record<string, Rec[]>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'notice-folder-'));
    await writeNoticeFolder(join(dir, 'seed'), seedBody(), records, titles);
    got = await extractFolder(join(dir, 'seed'));
  }, 180_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads the notice from the page, its site left out and reported', () => {
    const codes = (got['findings'] ?? []).map((f) => f['code']);
    expect(codes).toContain('files/page-chrome-left-out');
    const chrome = (got['findings'] ?? []).find((f) => f['code'] === 'files/page-chrome-left-out');
    expect(String(chrome?.['message'])).toContain('首页');
    expect(codes.filter((c) => c === 'files/annex-matched')).toHaveLength(3);
    expect(codes.filter((c) => c === 'files/annex-unlisted' || c === 'files/annex-file-missing')).toEqual([]);
  });

  it('gives the seed allocation records, amounts shown #,##0.00 kept as written', () => {
    expectSeedRecords(got);
    expect(without(got['allocations'] ?? [], [...PLACE, 'amount_raw'])).toEqual(
      without(records.allocations, [...PLACE, 'amount_raw']),
    );
    expect(got['allocations']?.map((r) => r['amount_raw'])).toEqual(
      records.allocations.map((r) => shownMoney(String(r['amount_yuan']))),
    );
  });

  it('gives the seed detail records', () => {
    expect(without(got['details'] ?? [], [...PLACE, 'amount_raw', 'amount_wan'])).toEqual(
      without(records.details, [...PLACE, 'amount_raw', 'amount_wan']),
    );
    expect(got['details']?.map((r) => Number(r['amount_wan']))).toEqual(
      records.details.map((r) => Number(r['amount_wan'])),
    );
    expect(got['details']?.map((r) => r['amount_raw'])).toEqual(
      records.details.map((r) => shownMoney(String(r['amount_wan']))),
    );
  });

  it('gives the seed target, indicator and citation records', () => {
    expect(without(got['targets'] ?? [], PLACE)).toEqual(without(records.targets, PLACE));
    expect(without(got['indicators'] ?? [], [...PLACE, 'level_labels_raw', 'flags'])).toEqual(
      without(records.indicators, [...PLACE, 'level_labels_raw', 'flags']),
    );
    expect(without(got['citations'] ?? [], PLACE)).toEqual(without(records.citations, PLACE));
  });

  it('names the file and the sheet and cell, or the table and row, of every record', () => {
    for (const r of got['allocations'] ?? []) expect(r['source_file']).toBe('附件1.xlsx');
    expect(got['allocations']?.[0]?.['source_ref']).toBe('分配表!A4');
    for (const r of got['details'] ?? []) expect(String(r['source_ref'])).toMatch(/^明细表!A\d+$/);
    for (const r of got['indicators'] ?? []) expect(String(r['source_ref'])).toMatch(/^table \d+ row \d+$/);
  });
});

describe.skipIf(soffice === null)('the seed with .xls and .doc annexes, converted by LibreOffice', () => {
  let dir: string;
  let got: Record<string, Rec[]>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'notice-folder-legacy-'));
    const modern = join(dir, 'modern');
    await writeNoticeFolder(modern, seedBody(), records, titles);
    const legacy = join(dir, 'legacy');
    mkdirSync(legacy);
    copyFileSync(join(modern, 'notice.html'), join(legacy, 'notice.html'));
    convertWithLibreOffice(soffice as string, [join(modern, '附件1.xlsx'), join(modern, '附件2.xlsx')], 'xls', legacy);
    convertWithLibreOffice(soffice as string, [join(modern, '附件3.docx')], 'doc', legacy);
    rmSync(join(legacy, '.profile'), { recursive: true, force: true });
    got = await extractFolder(legacy);
  }, 600_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the seed records from .xls and .doc files', () => {
    expectSeedRecords(got);
    expect(new Set(got['allocations']?.map((r) => r['source_file']))).toEqual(new Set(['附件1.xls']));
    expect(new Set(got['indicators']?.map((r) => r['source_file']))).toEqual(new Set(['附件3.doc']));
    expect((got['findings'] ?? []).filter((f) => f['code'] === 'files/converted')).toHaveLength(3);
  });
});
if (soffice === null) console.log('LibreOffice (soffice) is not installed: the .xls/.doc conversion check is skipped');

describe('a legacy annex without LibreOffice', () => {
  it('is one line naming the file and what to install, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'notice-folder-nolo-'));
    try {
      const folder = join(dir, 'notice');
      await writeNoticeFolder(folder, seedBody(), records, titles);
      // Any bytes do: the file is refused before it is read.
      writeFileSync(join(folder, '附件4.xls'), 'not converted');
      const cli = new URL('../dist/bin/cli.js', import.meta.url).pathname;
      const out = join(dir, 'out');
      const result = spawnSync(process.execPath, [cli, 'extract', '--out', out, folder], {
        encoding: 'utf8',
        env: { ...process.env, SOFFICE: '' },
      });
      expect(result.status).toBe(2);
      const lines = result.stderr.split('\n').filter((l) => l.includes('附件4.xls'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/LibreOffice.*apt-get install libreoffice-calc-nogui/);
      expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});

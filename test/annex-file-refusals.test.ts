/**
 * Annex files that cannot be read, as downloads go wrong: empty, encrypted (saved with a password),
 * cut short, not what their name says, or a PDF. Each is refused in one message naming the file and
 * what it is, before LibreOffice or a zip reader can turn it into garbage or a stack of jargon.
 * Encrypted files are built here as their container is (MS-CFB holding MS-OFFCRYPTO's
 * EncryptionInfo and EncryptedPackage streams); damaged ones are LibreOffice's own .xls cut short.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assembleNoticeFolder } from '../src/files/assemble.js';
import { fileKind } from '../src/files/fileKind.js';
import { folderManifest } from '../src/files/folder.js';
import { conversionFailure, findSoffice } from '../src/files/legacy.js';
import { mulberry32 } from '../scripts/random.js';
import { convertWithLibreOffice, type Rec, webPage, allocationWorkbook } from './support/noticeFolder.js';

/** An OLE2 compound file (version 3, 512-byte sectors) holding `streams`, each 4096 bytes or more. */
function compoundFile(streams: { name: string; data: Buffer }[]): Buffer {
  const sector = 512;
  const padded = streams.map((s) =>
    Buffer.concat([s.data, Buffer.alloc((sector - (s.data.length % sector)) % sector)]),
  );
  const fat = new Int32Array(sector / 4).fill(-1);
  fat[0] = -3; // the allocation table's own sector
  fat[1] = -2; // the directory: one sector
  let next = 2;
  const starts = padded.map((p) => {
    const start = next;
    const count = p.length / sector;
    for (let k = 0; k < count; k++) fat[start + k] = k === count - 1 ? -2 : start + k + 1;
    next += count;
    return start;
  });
  const header = Buffer.alloc(sector);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c);
  header.writeInt32LE(1, 0x30);
  header.writeUInt32LE(4096, 0x38);
  header.writeInt32LE(-2, 0x3c);
  header.writeInt32LE(-2, 0x44);
  for (let i = 0; i < 109; i++) header.writeInt32LE(i === 0 ? 0 : -1, 0x4c + i * 4);
  const directory = Buffer.alloc(sector);
  const entry = (i: number, name: string, type: number, start: number, size: number, sibling: number): void => {
    const at = i * 128;
    const utf16 = Buffer.from(`${name}\0`, 'utf16le');
    utf16.copy(directory, at);
    directory.writeUInt16LE(utf16.length, at + 0x40);
    directory[at + 0x42] = type;
    directory[at + 0x43] = 1;
    directory.writeInt32LE(-1, at + 0x44);
    directory.writeInt32LE(sibling, at + 0x48);
    directory.writeInt32LE(type === 5 ? 1 : -1, at + 0x4c);
    directory.writeInt32LE(start, at + 0x74);
    directory.writeUInt32LE(size, at + 0x78);
  };
  entry(0, 'Root Entry', 5, -2, 0, -1);
  streams.forEach((s, i) =>
    entry(i + 1, s.name, 2, starts[i] ?? -2, s.data.length, i + 2 <= streams.length ? i + 2 : -1),
  );
  const fatBytes = Buffer.from(fat.buffer);
  return Buffer.concat([header, fatBytes, directory, ...padded]);
}

function randomBytes(seed: number, n: number): Buffer {
  const rand = mulberry32(seed);
  return Buffer.from(Array.from({ length: n }, () => Math.floor(rand() * 256)));
}

/** A file saved with a password, as Office and WPS write one: the encrypted package in a compound file. */
const encrypted = (seed: number): Buffer =>
  compoundFile([
    { name: 'EncryptionInfo', data: randomBytes(seed, 4096) },
    { name: 'EncryptedPackage', data: randomBytes(seed + 1, 8192 + Math.floor(mulberry32(seed)() * 4096)) },
  ]);

let root: string;
const body = [
  '# 关于下达2025年某专项资金的通知',
  '粤财农〔2024〕301号',
  '各市财政局：',
  '附件：1.分配表',
  '广东省财政厅',
];
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'annex-refusals-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A folder of a page and one annex file; what reading it throws. */
async function refusal(name: string, file: string, bytes: Buffer): Promise<string> {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'notice.html'), webPage(body));
  writeFileSync(join(dir, file), bytes);
  const error = await assembleNoticeFolder(dir, folderManifest(dir)).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(error, `${name}: ${file} was read`).not.toBeNull();
  expect(error?.name).toBe('InputError');
  // One line, naming the file.
  expect(error?.message.split('\n')).toHaveLength(1);
  expect(error?.message).toContain(join(dir, file));
  return error?.message ?? '';
}

describe('an annex file that cannot be read', () => {
  it('is refused as empty, under every Office name', async () => {
    for (const ext of ['xlsx', 'xls', 'docx', 'doc'])
      expect(await refusal(`empty-${ext}`, `附件1.${ext}`, Buffer.alloc(0))).toMatch(/empty \(0 bytes\)/);
  });

  it('is refused as encrypted (password-protected), under every Office name', async () => {
    let seed = 1;
    for (const ext of ['xlsx', 'xls', 'docx', 'doc']) {
      const bytes = encrypted(seed++);
      expect(fileKind(bytes)).toBe('encrypted');
      const message = await refusal(`encrypted-${ext}`, `附件1.${ext}`, bytes);
      expect(message).toMatch(/encrypted \(password-protected\)/);
      expect(message).not.toMatch(/install|javaldx|zip/i);
    }
  });

  it('is refused as not what its name says when it is a PDF or text', async () => {
    expect(await refusal('pdf-xlsx', '附件1.xlsx', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n'))).toMatch(
      /a PDF under an Office name/,
    );
    const text = Buffer.from('地区,金额\n广州市,100\n'.repeat(40));
    expect(await refusal('text-xls', '附件1.xls', text)).toMatch(/not a \.xls file/);
    expect(await refusal('text-xlsx', '附件1.xlsx', text)).toMatch(/not a valid \.xlsx file .*not what its name says/);
  });

  it('reads an intact compound file as one, not as damaged', () => {
    expect(fileKind(compoundFile([{ name: 'Workbook', data: randomBytes(9, 9000) }]))).toBe('ole2');
  });
});

const soffice = findSoffice();

describe.skipIf(soffice === null)('an .xls file cut short in the download', () => {
  it('is refused as damaged at every length, where LibreOffice would read its bytes as text', async () => {
    const made = join(root, 'made');
    mkdirSync(made, { recursive: true });
    const rows: Rec[] = Array.from({ length: 400 }, (_, i) => ({
      region_name: `地区${i}`,
      region_code: String(440100000 + i * 100),
      amount_yuan: String(1000 + i),
      direct_to_sanbao_account: null,
    }));
    writeFileSync(join(made, '附件1.xlsx'), await allocationWorkbook(rows, '分配表'));
    convertWithLibreOffice(soffice as string, [join(made, '附件1.xlsx')], 'xls', made);
    const whole = readFileSync(join(made, '附件1.xls'));
    expect(fileKind(whole)).toBe('ole2');
    for (const share of [0.2, 0.45, 0.6, 0.8, 0.95]) {
      const cut = whole.subarray(0, Math.floor(whole.length * share));
      expect(fileKind(cut), `cut at ${share}`).toBe('truncated');
      expect(await refusal(`cut-${share}`, '附件1.xls', cut)).toMatch(/damaged/);
    }
  }, 180_000);
});

describe("LibreOffice's reason for a failed conversion", () => {
  it('is its first line that speaks of the file, not its Java start-up warning', () => {
    const stderr =
      'Warning: failed to launch javaldx - java may not function correctly\n' +
      'Error: source file could not be loaded\n';
    expect(conversionFailure(stderr)).toBe('Error: source file could not be loaded');
    expect(conversionFailure('Warning: failed to launch javaldx - java may not function correctly\n')).toBe(
      'no output',
    );
  });
});

import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import type { Family } from '../../src/family/spec.js';
import { Collector } from '../../src/findings/context.js';
import { chooseFamily } from '../../src/read/chooseFamily.js';
import { InputError } from '../../src/read/inputError.js';
import { decodeInput } from '../../src/read/readInput.js';

const text = '广东省财政厅关于提前下达2024年省级知识产权专项资金的通知\n粤财工〔2023〕126号\n';

function decode(bytes: Buffer): { text: string; codes: string[]; sha256: string } {
  const ctx = new Collector();
  const source = decodeInput('n.md', bytes, ctx);
  return { text: source.text, codes: ctx.findings.map((f) => f.code), sha256: source.sha256 };
}

describe('decoding an input', () => {
  it('reads UTF-8 as it is, with no finding, and hashes the bytes as given', () => {
    const bytes = Buffer.from(text, 'utf8');
    const read = decode(bytes);
    expect(read).toMatchObject({ text, codes: [] });
    expect(read.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), bytes])).sha256).not.toBe(read.sha256);
  });

  it('strips a byte-order mark and reads CRLF and CR as LF, each with a finding, so line numbers match the file', () => {
    const read = decode(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('a\r\nb\rc\n', 'utf8')]));
    expect(read.text).toBe('a\nb\nc\n');
    expect(read.codes).toEqual(['read/bom-stripped', 'read/crlf-normalized']);
  });

  it('falls back to GB18030 for bytes that are not UTF-8, and says so', () => {
    const read = decode(iconv.encode(text, 'gb18030'));
    expect(read).toMatchObject({ text, codes: ['read/decoded-gb18030'] });
  });

  it('refuses empty, white-space-only, binary and undecodable input with an input error naming the file', () => {
    for (const [bytes, why] of [
      [Buffer.alloc(0), /empty file/],
      [Buffer.from(' \n\t\r\n', 'utf8'), /only white space/],
      [Buffer.from([0x23, 0x00, 0x41]), /binary file/],
      [Buffer.from([0x81, 0x20, 0xff, 0xfe]), /not UTF-8/],
    ] as const) {
      expect(() => decode(bytes)).toThrow(InputError);
      expect(() => decode(bytes)).toThrow(why);
      expect(() => decode(bytes)).toThrow(/^n\.md: /);
    }
  });
});

describe('choosing a family', () => {
  const family = (id: string, recognise: string[][], recogniseLines = 2) =>
    ({
      id,
      recognise: recognise.map((set) => set.map((p) => new RegExp(p, 'u'))),
      recogniseLines,
    }) as unknown as Family;
  const families = [
    family('other', [['会议纪要']]),
    family('gd', [['财政厅', '粤财\\S+〔\\d{4}〕']]),
    family('late', [['财政厅']], 1),
  ];

  it("takes the first family whose patterns all match the notice's first lines", () => {
    expect(chooseFamily('n.md', text, families).id).toBe('gd');
  });

  it('takes a family when any one of its sets of patterns matches in full', () => {
    const either = [family('gd', [['粤财\\S+〔\\d{4}〕'], ['财政厅', '关于.+的通知']])];
    expect(chooseFamily('n.md', '广东省财政厅关于下达资金的通知\n', either).id).toBe('gd');
    expect(chooseFamily('n.md', '粤财预〔2021〕36号\n', either).id).toBe('gd');
    // Half of a set is not enough: the issuer without a title.
    expect(() => chooseFamily('n.md', '广东省财政厅\n', either)).toThrow(
      /closest is "gd", which needs \/关于\.\+的通知\//,
    );
  });

  it('looks only at the lines a family says: a pattern further down does not count', () => {
    // The document number is on line 2: within two lines it counts, pushed to line 3 it does not.
    expect(chooseFamily('n.md', text, [family('gd', [['粤财\\S+〔\\d{4}〕']], 2)]).id).toBe('gd');
    expect(() => chooseFamily('n.md', `标题\n${text}`, [family('gd', [['粤财\\S+〔\\d{4}〕']], 2)])).toThrow(
      InputError,
    );
  });

  it('refuses a notice no family matches, naming the closest family and what it lacks', () => {
    expect(() => chooseFamily('n.md', '会议\n', families)).toThrow(
      /^n\.md: no pipeline matches this notice; closest is "other", which needs \/会议纪要\//,
    );
    expect(() => chooseFamily('n.md', '会议\n', [family('gd', [['财政厅', '粤财']])])).toThrow(
      'closest is "gd", which needs /财政厅/, /粤财/ in the first 2 lines',
    );
  });
});

import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/read/inputError.js';
import { extractText, recordsOf, seedText, withoutLines } from './support/run.js';
import { smallNotice } from './support/smallNotice.js';

const seedLines = seedText().split('\n');

/** Run the pipeline; the only exception allowed is the pipeline's own input error. */
function survives(text: string | Buffer): boolean {
  try {
    extractText(text, 'mutant', { allowPartial: true });
    return true;
  } catch (error) {
    if (error instanceof InputError) return true;
    throw error;
  }
}

/** A mutation of the seed's lines, as OCR and conversion damage it. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.nat(seedLines.length) }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    at: fc.nat(seedLines.length - 1),
    count: fc.integer({ min: 1, max: 20 }),
  }),
  fc.record({ kind: fc.constant('shuffle-cells' as const), at: fc.nat(seedLines.length - 1), seed: fc.nat() }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(seedLines.length - 1),
    text: fc.constantFrom(
      '&lt;',
      '&amp;',
      '&#x4e00;',
      '<td>',
      '</table>',
      '<table>',
      '|',
      '| --- |',
      '\t\t\t',
      '#',
      '小计',
      '合计',
      '１２３．００',
      '\u0000',
    ),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.nat(seedLines.length - 1),
    count: fc.integer({ min: 1, max: 40 }),
  }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function apply(lines: string[], m: Mutation): string[] {
  const out = [...lines];
  if (m.kind === 'cut') return out.slice(0, m.at);
  if (m.kind === 'duplicate') out.splice(m.at, 0, ...out.slice(m.at, m.at + m.count));
  if (m.kind === 'delete') out.splice(m.at, m.count);
  if (m.kind === 'insert') out[m.at] = (out[m.at] ?? '') + m.text;
  if (m.kind === 'shuffle-cells') {
    const cells = (out[m.at] ?? '').split('\t');
    for (let i = cells.length - 1; i > 0; i--) {
      const j = (m.seed + i * 7919) % (i + 1);
      [cells[i], cells[j]] = [cells[j] ?? '', cells[i] ?? ''];
    }
    out[m.at] = cells.join('\t');
  }
  return out;
}

describe('the pipeline on damaged notices', () => {
  it('never throws anything but an input error, whatever mutations hit the seed', () => {
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) =>
        survives(mutations.reduce(apply, seedLines).join('\n')),
      ),
      { numRuns: 40 },
    );
  });

  it('never throws anything but an input error on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 2000 }), (text) => survives(text)),
      { numRuns: 200 },
    );
  });

  it('never throws anything but an input error on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => survives(Buffer.from(bytes))),
      { numRuns: 200 },
    );
  });
});

describe('bad input', () => {
  const fails = (text: string | Buffer, message: RegExp): void => {
    expect(() => extractText(text, 'bad')).toThrowError(InputError);
    expect(() => extractText(text, 'bad')).toThrowError(message);
  };

  it('refuses an empty file', () => fails('', /empty file/));
  it('refuses binary data with NUL bytes', () =>
    fails(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13]), /binary file/));
  it('refuses Markdown of no known family and names the closest family', () =>
    fails('# 会议纪要\n\n今天开会。\n', /no pipeline matches.*closest is "gd-special-transfer"/));
  it('refuses a notice cut off before its annexes', () => {
    // The small notice cut off inside Annex 2, before Annex 3 (its target tables) begins.
    const whole = smallNotice();
    fails(whole.slice(0, whole.indexOf('## 附件3')), /required annexes missing: targets/);
  });

  it('decodes a GB18030 notice into the same records as the UTF-8 one', () => {
    const gb = iconv.encode(seedText(), 'gb18030');
    const result = extractText(gb, 'gb');
    expect(withoutLines(recordsOf(result, 'allocations'))).toEqual(
      withoutLines(recordsOf(extractText(seedText(), 'utf8'), 'allocations')),
    );
    const report = JSON.parse(result.files.get('report.json') ?? '{}') as { findings: { code: string }[] };
    expect(report.findings.map((f) => f.code)).toContain('read/decoded-gb18030');
  });

  it('refuses bytes that are neither UTF-8 nor GB18030 text rather than writing mojibake', () =>
    fails(Buffer.from([0x81, 0x20, 0xff, 0xfe, 0x80, 0x41]), /not UTF-8/));
});

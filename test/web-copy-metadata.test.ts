import { describe, expect, it } from 'vitest';
import {
  drawShape,
  random,
  webNotice,
  type WebNotice,
  type WebNoticeShape,
  type WebNoticeTruth,
} from './support/webNotices.js';
import { extractText } from './support/run.js';

/**
 * Body-only web copies of the department's notices, drawn by a generator with its own truth
 * (test/support/webNotices.ts): recognised under --allow-partial, and their number, title, issuers,
 * 成文日期 and 印发日期, budget year, addressees, subjects and attachments read as the generator wrote them.
 */
interface Run {
  meta: WebNoticeTruth;
  codes: string[];
}

function run(notice: WebNotice, id = 'web'): Run {
  const result = extractText(notice.text, id, { allowPartial: true });
  const meta = JSON.parse(result.files.get('notice.json') ?? '{}') as WebNoticeTruth;
  const report = JSON.parse(result.files.get('report.json') ?? '{}') as { findings: { code: string }[] };
  return { meta, codes: report.findings.map((f) => f.code) };
}

const FIELDS = [
  'doc_number',
  'title',
  'issuer',
  'issuers',
  'issued_date',
  'printed_date',
  'budget_year',
  'recipients',
  'budget_subject_code',
  'budget_subject_name',
  'income_subject_code',
  'income_subject_name',
  'attachments',
  'attachment_file_exts',
] as const;

/** The fields of a notice.json the truth speaks of. */
function picked(meta: WebNoticeTruth): Partial<WebNoticeTruth> {
  return Object.fromEntries(FIELDS.map((f) => [f, meta[f]]));
}

/** A shape with some fields set. */
function shapeOf(rand: () => number, fixed: Partial<WebNoticeShape>): WebNoticeShape {
  return { ...drawShape(rand), ...fixed };
}

describe('body-only web copies of the department', () => {
  it('reads every field of 60 generated web copies as the generator wrote it', () => {
    const rand = random(20251121);
    let checked = 0;
    for (let i = 0; i < 60; i++) {
      const notice = webNotice(rand, drawShape(rand));
      const { meta, codes } = run(notice, `web-${i}`);
      expect(picked(meta), notice.shape).toEqual(picked(notice.truth as WebNoticeTruth));
      for (const code of notice.codes) expect(codes, `${notice.shape} ${code}`).toContain(code);
      checked++;
    }
    expect(checked).toBe(60);
  });

  it('gives a notice signed on one day and printed on a later one both dates, and no fallback', () => {
    for (const chineseDates of [false, true]) {
      const rand = random(7 + Number(chineseDates));
      const notice = webNotice(
        rand,
        shapeOf(rand, { signature: 'lines', imprint: true, printedAfter: 2, chineseDates }),
      );
      const { meta, codes } = run(notice);
      expect(meta.issued_date).toBe(notice.truth.issued_date);
      expect(meta.printed_date).toBe(notice.truth.printed_date);
      // Two days apart, as the shape says.
      expect(Date.parse(meta.printed_date) - Date.parse(meta.issued_date)).toBe(2 * 86400000);
      expect(codes).not.toContain('locate/issued-date-fallback');
    }
  });

  it('falls back to the 印发 date for the issued date when the signature shows none, with a finding', () => {
    const rand = random(11);
    const notice = webNotice(rand, shapeOf(rand, { signature: 'none', imprint: true, printedAfter: 1 }));
    const { meta, codes } = run(notice);
    expect(meta.issued_date).toBe(meta.printed_date);
    expect(meta.printed_date).toBe(notice.truth.printed_date);
    expect(codes).toContain('locate/issued-date-fallback');
  });

  it('lists both issuers of a joint notice in title order, whether the signature puts them on lines or on one line', () => {
    for (const signature of ['lines', 'one-line', 'none'] as const) {
      const rand = random(31);
      const notice = webNotice(rand, shapeOf(rand, { joint: true, issuerInTitle: true, signature }));
      const { meta, codes } = run(notice);
      expect(meta.issuers, signature).toHaveLength(2);
      expect(meta.issuers, signature).toEqual(notice.truth.issuers);
      expect(meta.issuer, signature).toBe(notice.truth.issuers[0]);
      expect(codes, signature).not.toContain('locate/signature-issuers-differ');
    }
  });

  it('reads the issuers from the signature when the title names none, and says so', () => {
    const rand = random(41);
    const notice = webNotice(
      rand,
      shapeOf(rand, { joint: true, issuerInTitle: false, number: 'line', signature: 'lines' }),
    );
    const { meta, codes } = run(notice);
    expect(meta.issuers).toEqual(notice.truth.issuers);
    expect(codes).toContain('locate/issuers-from-signature');
  });

  it("warns when the signature names other organs than the title, and keeps the title's", () => {
    const rand = random(43);
    const notice = webNotice(rand, shapeOf(rand, { joint: true, issuerInTitle: true, signature: 'lines' }));
    const [first, second] = notice.truth.issuers as [string, string];
    // The signature loses the second organ's line.
    const text = notice.text.replace(`\n${second}\n`, '\n');
    const { meta, codes } = run({ ...notice, text });
    expect(meta.issuers).toEqual([first, second]);
    expect(codes).toContain('locate/signature-issuers-differ');
  });

  it('recognises a copy with no attachment list, and one whose number stands only before its attachment file', () => {
    const none = webNotice(random(51), shapeOf(random(51), { attachments: 'none', number: 'line' }));
    expect(none.text).toContain('具体额度详见附件');
    expect(run(none).meta.doc_number).toBe(none.truth.doc_number);
    const rand = random(53);
    const prefixed = webNotice(
      rand,
      shapeOf(rand, { attachments: 'single', number: 'attachments', issuerInTitle: false }),
    );
    const { meta, codes } = run(prefixed);
    expect(meta.doc_number).toBe(prefixed.truth.doc_number);
    expect(meta.attachments).toHaveLength(1);
    expect(meta.attachment_file_exts).toEqual(['xls']);
    expect(codes).toContain('locate/doc-number-from-attachments');
  });

  it('reads a 94-character addressee line of 12 bureaus and the counties', () => {
    const rand = random(61);
    const notice = webNotice(rand, shapeOf(rand, { addressees: 'long' }));
    const line = notice.text.split('\n').find((l) => l.endsWith(':') && l.includes('有关市县')) ?? '';
    expect(line.length).toBeGreaterThan(80);
    expect(run(notice).meta.recipients).toHaveLength(13);
  });
});

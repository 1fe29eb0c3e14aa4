import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import {
  ALLOCATION_LAYOUTS,
  generateNotice,
  NEW_STYLES,
  renderNewNotice,
  type NewNotice,
} from './support/newContent.js';
import { checkNotice, type NoticeCheck } from './support/newContentCheck.js';
import { extractText, families, recordsOf } from './support/run.js';

/**
 * Notices of another department with new content (test/support/newContent.ts): recipients from real
 * GB/T 2260 divisions, allocation tables in four layouts, new indicators and cited documents, written
 * as five converters write them. The extraction must give the generator's truth exactly.
 */
const SEEDS = [1, 2, 3, 4, 5, 8];

/** The first differences of a check, for a failing assertion's message. */
function summary(check: NoticeCheck): string {
  return [check.allocations, check.targets, check.indicators, check.citations]
    .flatMap((d) => d.differences)
    .slice(0, 8)
    .join('\n');
}

describe('the generator writes new content that adds up', () => {
  it('gives each layout of the allocation table over the seeds, with cities, their counties and directly administered counties', () => {
    const notices = SEEDS.map(generateNotice);
    expect(new Set(notices.map((n) => n.layout))).toEqual(new Set(ALLOCATION_LAYOUTS));
    expect(
      notices.some((n) => n.allocations.some((r) => r.row_type === 'section_total' && r.region_name.startsWith('二'))),
    ).toBe(true);
    expect(
      notices.some((n) => n.allocations.some((r) => r.row_type === 'item' && /[区县]$/u.test(r.region_name))),
    ).toBe(true);
    expect(notices.flatMap((n) => n.targets.map((t) => t.basis))).toEqual(
      expect.arrayContaining(['code', 'exact', 'alias']),
    );
  });
  it('states a grand total equal to the sum of its items and subtotals equal to their items', () => {
    for (const n of SEEDS.map(generateNotice)) {
      const items = n.allocations.filter((r) => r.row_type === 'item');
      const grand = n.allocations.find((r) => r.row_type === 'grand_total');
      expect(grand?.amount_wan).toBe(items.reduce((a, r) => a.plus(r.amount_wan), new Decimal(0)).toString());
      let open: { total: Decimal; items: Decimal } | null = null;
      const closed: { total: Decimal; items: Decimal }[] = [];
      for (const r of n.allocations) {
        if (r.row_type !== 'item' && open) closed.push(open);
        if (r.row_type !== 'item')
          open = r.row_type === 'subtotal' ? { total: new Decimal(r.amount_wan), items: new Decimal(0) } : null;
        else if (open) open.items = open.items.plus(r.amount_wan);
      }
      if (open) closed.push(open);
      expect(closed.length).toBeGreaterThan(0);
      for (const block of closed) expect(block.items.equals(block.total)).toBe(true);
    }
  });
  it('cites mostly documents the registry does not hold, and names the policy of those it does', () => {
    const held = new Map(families[0]?.policies.map((p) => [p.id, p.title]));
    const cited = SEEDS.map(generateNotice).flatMap((n) => n.targets.flatMap((t) => t.citations));
    const known = cited.filter((c) => c.policy !== '');
    expect(cited.length).toBeGreaterThan(50);
    expect(known.length).toBeGreaterThan(0);
    expect(known.length * 4).toBeLessThan(cited.length);
    for (const c of known) expect(c.title_raw).toContain(held.get(c.policy));
    const titles = [...held.values()];
    expect(cited.filter((c) => c.policy === '' && titles.some((t) => c.title_raw.includes(`《${t}》`)))).toEqual([]);
  });
});

describe.each(NEW_STYLES)('a notice of new content written as %s', (style) => {
  it.each(SEEDS)(
    'extracts exactly what seed %i generated: every allocation, target, indicator and citation, joined to its recipient',
    (seed) => {
      const notice: NewNotice = generateNotice(seed);
      const result = extractText(renderNewNotice(notice, style, { mergedCodes: 4 }), `new-content-${seed}`);
      const check = checkNotice(notice, result);
      for (const dataset of [check.allocations, check.targets, check.indicators, check.citations]) {
        expect(dataset.exact, summary(check)).toBe(dataset.total);
      }
      expect(check.errors).toEqual([]);
      // Every target, indicator and citation carries its recipient's code; a citation the registry's policy or none.
      for (const name of ['targets', 'indicators', 'citations']) {
        expect(recordsOf(result, name).filter((r) => !/^\d{9}$/.test(String(r['recipient_code'])))).toEqual([]);
      }
      const expected = notice.targets.flatMap((t) => t.citations.map((c) => c.policy));
      expect(recordsOf(result, 'citations').map((r) => r['policy_id'])).toEqual(expected);
    },
  );
});

describe('a notice of new content as OCR merged its cells', () => {
  it('reads a region name and its code written in one cell as both, each row aligned and counted', () => {
    const notice = generateNotice(4);
    expect(notice.layout).toBe('code-beside-name');
    const text = renderNewNotice(notice, 'tsv', { mergedCodes: 5 });
    expect(text.match(/\S \d{9}\t/gu)?.length).toBe(5);
    const result = extractText(text, 'merged');
    expect(checkNotice(notice, result).allocations.exact).toBe(notice.allocations.length);
    const report = JSON.parse(result.files.get('report.json') ?? '{}') as {
      findings: { code: string }[];
      repairs: Record<string, number>;
    };
    expect(report.findings.filter((f) => f.code === 'grid/row-aligned')).toHaveLength(5);
    expect(report.findings.filter((f) => f.code === 'grid/row-unaligned')).toHaveLength(0);
    expect(report.repairs['merged-cell-split']).toBe(5);
  });
});

describe('a notice of new content as MinerU writes its values, in inline LaTeX', () => {
  it.each(SEEDS.slice(0, 3))('seed %i: gives the truth, and the same parsed values as the plain rendering', (seed) => {
    const notice = generateNotice(seed);
    const latex = extractText(renderNewNotice(notice, 'mineru', { latexValues: true }), `new-content-latex-${seed}`);
    expect(renderNewNotice(notice, 'mineru', { latexValues: true })).toMatch(/\$\\geqslant /u);
    const check = checkNotice(notice, latex);
    for (const dataset of [check.allocations, check.targets, check.indicators, check.citations]) {
      expect(dataset.exact, summary(check)).toBe(dataset.total);
    }
    expect(check.errors).toEqual([]);
    const plain = extractText(renderNewNotice(notice, 'tsv'), `new-content-plain-${seed}`);
    const values = (result: typeof plain) =>
      recordsOf(result, 'indicators').map((r) => [
        r['name'],
        r['value_comparator'],
        r['value_number'],
        r['value_number_max'],
        r['value_unit'],
      ]);
    expect(values(latex)).toEqual(values(plain));
    const report = JSON.parse(latex.files.get('report.json') ?? '{}') as { repairs: Record<string, number> };
    expect(report.repairs['inline-math']).toBeGreaterThan(0);
  });
});

import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import type { AllocationRow } from '../../schemas/allocations.js';
import type { DetailRow } from '../../schemas/details.js';
import type { TargetRow } from '../../schemas/targets.js';
import { cityBars } from '../../src/emit/html/chart.js';
import { esc, yuanText } from '../../src/emit/html/escape.js';
import { excerpt, groupFindings } from '../../src/emit/html/findings.js';
import { recipientMoney } from '../../src/emit/html/money.js';
import { makeFinding } from '../../src/findings/finding.js';
import { extractText, seedText } from '../support/run.js';

const NOISE = ['[（(][^）)]*[）)]', '小计$', '本级$'].map((p) => new RegExp(p, 'gu'));

function allocation(
  row_type: AllocationRow['row_type'],
  region_name: string,
  region_code: string,
  amount_yuan: string,
  recipient_code = '',
): AllocationRow {
  return {
    annex: '1',
    row_type,
    region_name,
    region_code,
    project_name: '',
    recipient_code,
    recipient_name: recipient_code ? region_name : '',
    sanbao_catalog: '',
    direct_to_sanbao_account: null,
    function_subject_code: '',
    function_subject_name: '',
    amount_yuan,
    unit: '元',
    remark: '',
    source_line: 1,
    source_row: 1,
    amount_raw: amount_yuan,
  };
}
const detail = (recipient_code: string, amount_yuan: string) =>
  ({ row_type: 'item', recipient_code, recipient_name: '', amount_yuan }) as DetailRow;
const target = (recipient_code: string, fund_demand_wan: string) =>
  ({ recipient_code, local_department: '', fund_demand_wan }) as TargetRow;

describe('report page helpers', () => {
  it('escapes the five HTML specials and leaves other text alone', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(esc('广州市 12,390.00')).toBe('广州市 12,390.00');
    expect(esc(null)).toBe('');
  });

  it('writes 元 with thousands separators and two decimals, sign kept', () => {
    expect(yuanText('172850000')).toBe('172,850,000.00');
    expect(yuanText(new Decimal('-1234.5'))).toBe('-1,234.50');
    expect(yuanText('0.1')).toBe('0.10');
  });

  it('shows two lines either side of a finding, numbered, the line itself marked and escaped', () => {
    const lines = ['a', 'b', '<td>c</td>', 'd', 'e', 'f'];
    const html = excerpt(lines, 3);
    expect(html.match(/class="line/g)).toHaveLength(5);
    expect(html).toContain('<span class="line hit"><span class="ln">3</span>&lt;td&gt;c&lt;/td&gt;</span>');
    expect(html).not.toContain('<td>');
    expect(excerpt(lines, 1).match(/class="line/g)).toHaveLength(3);
    expect(excerpt(lines, 6).match(/class="line/g)).toHaveLength(3);
    expect(excerpt(lines, null)).toBe('');
    expect(excerpt(lines, 99)).toBe('');
  });

  it('cuts a long source line and says how long it was', () => {
    const html = excerpt(['x'.repeat(500)], 1);
    expect(html).toContain('共 500 字');
    expect(html).not.toContain('x'.repeat(201));
  });

  it('groups findings by code and severity, errors first', () => {
    const groups = groupFindings([
      makeFinding({ code: 'grid/repeated-header-dropped', source_line: 5 }),
      makeFinding({ code: 'grid/header-missing', annex: '1' }),
      makeFinding({ code: 'grid/repeated-header-dropped', source_line: 9 }),
      makeFinding({ code: 'grid/repeated-header-dropped', source_line: 12, severity: 'warning' }),
    ]);
    expect(groups.map((g) => [g.severity, g.code, g.findings.length])).toEqual([
      ['error', 'grid/header-missing', 1],
      ['warning', 'grid/repeated-header-dropped', 1],
      ['info', 'grid/repeated-header-dropped', 2],
    ]);
  });

  it('puts items under their subtotal and a county outside every subtotal into the city its code lies in', () => {
    const rows = [
      allocation('grand_total', '合计', '', '600.00'),
      allocation('section_total', '一、各市合计', '', '500.00'),
      allocation('subtotal', '江门市小计', '440700000', '300.00'),
      allocation('item', '江门市本级', '440700000', '300.00', '440700000'),
      allocation('subtotal', '韶关市（不含省直管县）小计', '440200000', '200.00'),
      allocation('item', '韶关市本级', '440200000', '200.00', '440200000'),
      allocation('section_total', '二、各直管县合计', '', '100.00'),
      allocation('item', '台山市', '440781000', '100.00', '440781000'),
    ];
    const bars = cityBars(rows, NOISE);
    expect(bars.map((b) => b.label)).toEqual(['江门市', '韶关市']);
    expect([...bars[0]!.segments].map(([s, v]) => [s, v.toFixed(2)])).toEqual([
      ['一、各市合计', '300.00'],
      ['二、各直管县合计', '100.00'],
    ]);
    expect(bars[0]!.stated?.toFixed(2)).toBe('300.00');
  });

  it('names a city without a subtotal row from GB/T 2260', () => {
    const bars = cityBars(
      [
        allocation('item', '台山市', '440781000', '100.00', '440781000'),
        allocation('item', '开平市', '440783000', '50.00', '440783000'),
      ],
      NOISE,
    );
    expect(bars.map((b) => [b.label, b.segments.get('')?.toFixed(2)])).toEqual([['江门市', '150.00']]);
  });

  it('flags the kind that disagrees with the allocation, and a recipient a kind lacks', () => {
    const allocations = [
      allocation('item', '甲', '440100000', '100.00', '440100000'),
      allocation('item', '乙', '440200000', '200.00', '440200000'),
    ];
    const details = [detail('440100000', '60.00'), detail('440100000', '40.00'), detail('440200000', '200.00')];
    const money = recipientMoney(
      allocations,
      details,
      [target('440100000', '0.0101')],
      ['allocation', 'detail', 'targets'],
    );
    expect(money.map((r) => [r.code, [...r.mismatched]])).toEqual([
      ['440100000', ['targets']],
      ['440200000', ['targets']],
    ]);
    expect(money[0]!.amounts.detail?.toFixed(2)).toBe('100.00');
    expect(money[0]!.amounts.targets?.toFixed(2)).toBe('101.00');
    expect(money[1]!.amounts.targets).toBeUndefined();
  });

  it('does not flag a kind the notice does not have', () => {
    const money = recipientMoney(
      [allocation('item', '甲', '440100000', '100.00', '440100000')],
      [],
      [],
      ['allocation'],
    );
    expect(money[0]!.mismatched.size).toBe(0);
  });
});

describe('report.html of the seed', () => {
  const html = extractText(seedText(), 'seed').files.get('report.html') ?? '';

  it('is self-contained: no external scripts, styles, images or links', () => {
    expect(html.length).toBeGreaterThan(1000);
    expect(html).not.toMatch(/<(script|img|link|iframe)\b[^>]*\b(src|href)=/i);
    expect(html).not.toMatch(/(https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}\//i);
  });

  it('is the same on every run and carries no date of its own', () => {
    expect(extractText(seedText(), 'seed').files.get('report.html')).toBe(html);
    expect(html).not.toMatch(/20(2[4-9]|[3-9]\d)-\d\d-\d\d/);
  });

  it('renders every recipient and finding in the HTML itself, so it reads without script', () => {
    expect(html.match(/<tr class="recipient/g)).toHaveLength(42);
    expect(html).toContain('<form id="finding-filters" class="filters" hidden>');
  });
});

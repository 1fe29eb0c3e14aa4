import { Decimal } from 'decimal.js';
import type { AllocationRow } from '../../../schemas/allocations.js';
import { divisionOf } from '../../reconcile/regions.js';
import { esc, yuanText } from './escape.js';

/** One city's allocation, split by the section of the table its rows sit in. */
export interface CityBar {
  /**
   * City name: the subtotal's label without the family's region-name noise, else the GB/T 2260 name, else the row's
   * own.
   */
  label: string;
  /** Amount in 元 per section label, in table order. */
  segments: Map<string, Decimal>;
  /** What the city's subtotal row states, when it has one. */
  stated: Decimal | null;
  /** Recipient codes of the items counted in the bar. */
  members: string[];
}

/**
 * Allocation items grouped by city: an item under a subtotal row belongs to that subtotal's city; an item outside
 * any subtotal (a directly administered county, say) joins the city its region code lies in (first 4 digits).
 */
export function cityBars(allocations: readonly AllocationRow[], regionNameNoise: readonly RegExp[]): CityBar[] {
  const clean = (name: string) => regionNameNoise.reduce((s, re) => s.replace(re, ''), name).trim();
  const bars = new Map<string, CityBar>();
  const bar = (key: string, label: string): CityBar => {
    let found = bars.get(key);
    if (!found) bars.set(key, (found = { label, segments: new Map(), stated: null, members: [] }));
    return found;
  };
  const cityKey = (row: AllocationRow) =>
    /^\d{9}$/.test(row.region_code) ? `code:${row.region_code.slice(0, 4)}` : `name:${clean(row.region_name)}`;
  let section = '';
  let current: CityBar | null = null;
  for (const row of allocations) {
    if (row.row_type === 'grand_total' || row.row_type === 'section_total') {
      current = null;
      if (row.row_type === 'section_total') section = row.region_name;
    } else if (row.row_type === 'subtotal') {
      current = bar(cityKey(row), clean(row.region_name) || row.region_name);
      current.stated = (current.stated ?? new Decimal(0)).plus(row.amount_yuan);
    } else {
      const target = current ?? bar(cityKey(row), cityName(row) || clean(row.region_name) || row.recipient_name);
      target.segments.set(section, (target.segments.get(section) ?? new Decimal(0)).plus(row.amount_yuan));
      if (row.recipient_code) target.members.push(row.recipient_code);
    }
  }
  return [...bars.values()];
}

function cityName(row: AllocationRow): string {
  if (!/^\d{9}$/.test(row.region_code)) return '';
  return divisionOf(`${row.region_code.slice(0, 4)}00000`)?.name ?? '';
}

const PALETTE = ['#2f6f9f', '#e08a2c', '#5a9e4b', '#9a5ba8', '#c44e52'];
const LABEL_WIDTH = 170;
const PLOT_WIDTH = 440;
const VALUE_WIDTH = 150;
const ROW = 24;

/**
 * A horizontal bar chart of the city bars as inline SVG: one `<g class="bar">` per city, one segment per section,
 * labels in 万元.
 */
export function cityChart(bars: readonly CityBar[], grandTotal: Decimal | null): string {
  if (bars.length === 0) return '<p class="empty">分配表中没有可按地市汇总的单位行。</p>';
  const sections = [...new Set(bars.flatMap((b) => [...b.segments.keys()]))];
  const totalOf = (b: CityBar) => [...b.segments.values()].reduce((s, v) => s.plus(v), new Decimal(0));
  const max = Decimal.max(...bars.map(totalOf), 1);
  const legendHeight = sections.length > 1 ? ROW : 0;
  const height = legendHeight + bars.length * ROW + 8;
  const width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH;
  const parts: string[] = [];
  sections.forEach((s, i) => {
    if (sections.length < 2) return;
    const x = LABEL_WIDTH + i * 200;
    parts.push(
      `<rect x="${x}" y="4" width="12" height="12" fill="${PALETTE[i % PALETTE.length]}"/>` +
        `<text x="${x + 16}" y="14" class="legend">${esc(s || '其他')}</text>`,
    );
  });
  bars.forEach((b, i) => {
    const y = legendHeight + i * ROW + 4;
    const total = totalOf(b);
    let x = LABEL_WIDTH;
    const segments = [...b.segments].map(([s, v]) => {
      const w = Number(v.div(max).times(PLOT_WIDTH).toFixed(1));
      const fill = PALETTE[sections.indexOf(s) % PALETTE.length];
      const tip = `${b.label}${s ? ' · ' + s : ''}：${yuanText(v)} 元`;
      const rect =
        `<rect x="${x.toFixed(1)}" y="${y}" width="${w}" height="${ROW - 6}" fill="${fill}">` +
        `<title>${esc(tip)}</title></rect>`;
      x += w;
      return rect;
    });
    const wan = yuanText(total.div(10000)).replace(/\.00$/, '');
    const note = `${b.label}：共 ${yuanText(total)} 元${b.stated ? `，小计行 ${yuanText(b.stated)} 元` : ''}`;
    parts.push(
      `<g class="bar" data-city="${esc(b.label)}" data-value="${total.toFixed(2)}"><title>${esc(note)}</title>` +
        `<text x="${LABEL_WIDTH - 8}" y="${y + ROW - 11}" text-anchor="end" class="label">${esc(b.label)}</text>` +
        segments.join('') +
        `<text x="${(x + 6).toFixed(1)}" y="${y + ROW - 11}" class="value">${esc(wan)} 万元</text></g>`,
    );
  });
  const sum = bars.reduce((s, b) => s.plus(totalOf(b)), new Decimal(0));
  const check =
    grandTotal === null
      ? ''
      : sum.equals(grandTotal)
        ? '，等于分配表合计'
        : `，<strong class="bad">与分配表合计 ${esc(yuanText(grandTotal))} 元不符</strong>`;
  const svg =
    `<svg role="img" aria-label="按地市的分配金额" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
    `${parts.join('')}</svg>`;
  const caption =
    `${bars.length} 个地市，合计 ${esc(yuanText(sum))} 元${check}。` +
    '单位行按所在小计归市，小计外的单位按地区编码前四位归市。';
  return `<figure class="chart"><div class="scroll">${svg}</div>
<figcaption>${caption}</figcaption></figure>`;
}

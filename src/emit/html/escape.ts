import { Decimal } from 'decimal.js';

const SPECIAL = /[&<>"']/;
const SPECIALS = /[&<>"']/g;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text escaped for HTML content and double-quoted attribute values alike. */
export function esc(value: unknown): string {
  const text = String(value ?? '');
  // Most cells hold nothing to escape; testing first spares a replace per cell.
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ENTITIES[c] ?? c) : text;
}

/** An amount in 元 (a decimal string) with thousands separators and two decimals, for display. */
export function yuanText(amount: Decimal | string): string {
  const fixed = new Decimal(amount).toFixed(2);
  const [whole = '0', frac = '00'] = fixed.split('.');
  const sign = whole.startsWith('-') ? '-' : '';
  return `${sign}${whole.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}`;
}

/** A table row of cells already rendered as `<td>`/`<th>` HTML. */
export function row(cells: readonly string[], attrs = ''): string {
  return `<tr${attrs ? ' ' + attrs : ''}>${cells.join('')}</tr>`;
}

/** A `<td>` with escaped text and optional raw attributes. */
export function td(text: unknown, attrs = ''): string {
  return `<td${attrs ? ' ' + attrs : ''}>${esc(text)}</td>`;
}

/** A header row of escaped column titles. */
export function headRow(titles: readonly string[]): string {
  return `<tr>${titles.map((t) => `<th scope="col">${esc(t)}</th>`).join('')}</tr>`;
}

/** A section with an id, a heading and its body HTML. */
export function section(id: string, heading: string, body: string): string {
  return `<section id="${esc(id)}"><h2>${esc(heading)}</h2>\n${body}\n</section>`;
}

/**
 * Rows a table of the page lists at most, and findings a group lists: the page is read by a person, and its size stays
 * bounded however many rows a notice has (100k rows made a page of 28 MB); every row is in the data files.
 */
export const PAGE_LIMITS = { rows: 2000, findings: 200 } as const;

/** The first `limit` items, and a note saying how many there are and where the rest are when some are left out. */
export function listed<T>(items: readonly T[], limit: number, where: string): { shown: readonly T[]; note: string } {
  if (items.length <= limit) return { shown: items, note: '' };
  return {
    shown: items.slice(0, limit),
    note: `<p class="more">仅列出前 ${limit} 条，共 ${items.length} 条；全部见 ${esc(where)}。</p>`,
  };
}

/**
 * Derives "next year's notice" variants from the seed: the layout drifts a real new notice shows
 * (renamed headers, reordered columns, recipients dropped with totals kept consistent, thousands
 * separators, full-width digits, spaces in names, a new year). Test support: it knows the seed's shape.
 */
import { Decimal } from 'decimal.js';

/** Line ranges (0-based, end exclusive) of the annexes of a seed-shaped notice. */
export function annexRanges(lines: readonly string[]): {
  annex1: [number, number];
  annex2: [number, number];
  annex3: [number, number];
} {
  const at = (re: RegExp): number => lines.findIndex((l) => re.test(l));
  const a1 = at(/^#+\s*附件\s*1\s*$/);
  const a2 = at(/^#+\s*附件\s*2\s*$/);
  const a3 = at(/^#+\s*附件\s*3\s*$/);
  return { annex1: [a1, a2], annex2: [a2, a3], annex3: [a3, lines.length] };
}

/** Apply `edit` to every tab-separated line of one annex. */
function mapRows(md: string, annex: 'annex1' | 'annex2' | 'annex3', edit: (cells: string[]) => string[]): string {
  const lines = md.split('\n');
  const [from, to] = annexRanges(lines)[annex];
  for (let i = from; i < to; i++) {
    const line = lines[i] ?? '';
    if (line.includes('\t')) lines[i] = edit(line.split('\t')).join('\t');
  }
  return lines.join('\n');
}

/** Header renames seen across years: 地区编码 → 区划编码, 金额 → 金额（元）, 资金额（万元） → 金额（万元）. */
export function renameHeaders(md: string): string {
  const renamed = mapRows(md, 'annex1', (c) =>
    c[0] === '地区' ? c.map((h) => (h === '地区编码' ? '区划编码' : h === '金额' ? '金额（元）' : h)) : c,
  );
  return mapRows(renamed, 'annex2', (c) =>
    c[0] === '序号' ? c.map((h) => (h === '资金额（万元）' ? '金额（万元）' : h)) : c,
  );
}

/** Columns of an annex in a new order: `order[i]` is the old index of new column i. */
export function reorderColumns(md: string, annex: 'annex1' | 'annex2', order: readonly number[]): string {
  return mapRows(md, annex, (c) => order.map((i) => c[i] ?? ''));
}

/** Money cells written with thousands separators (Annex 1 in 元). */
export function thousandsSeparators(md: string): string {
  return mapRows(md, 'annex1', (c) =>
    c.map((cell) =>
      /^\d{4,}\.\d{2}$/.test(cell) ? Number(cell).toLocaleString('en-US', { minimumFractionDigits: 2 }) : cell,
    ),
  );
}

/** Money cells OCR'd as full-width digits (Annex 2 in 万元, bold markup kept). */
export function fullWidthDigits(md: string): string {
  const wide = (s: string): string => s.replace(/[0-9.]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
  return mapRows(md, 'annex2', (c) =>
    c.map((cell, i) =>
      i === c.length - 1
        ? cell.replace(/^(<b>)?(\d+)(<\/b>)?$/, (_m, a = '', n: string, b = '') => `${a}${wide(n)}${b}`)
        : cell,
    ),
  );
}

/** OCR spaces inside names: `广州市本级` → `广州市 本级`, `市场监督管理局` → `市场 监督管理局`. */
export function spacesInNames(md: string): string {
  const a1 = mapRows(md, 'annex1', (c) => c.map((cell) => cell.replace(/本级$/, ' 本级')));
  return mapRows(a1, 'annex2', (c) => c.map((cell) => cell.replace(/市场监督管理局$/, '市场 监督管理局')));
}

/** The same notice one year later: document number, years in titles, budget years. */
export function nextYear(md: string): string {
  return md
    .replace(/2024/g, '2025')
    .replace(/粤财工〔2023〕126号/g, '粤财工〔2024〕88号')
    .replace(/2023年12月28日/g, '2024年12月20日');
}

/**
 * Drop a recipient that has its own Annex 1 row under a section total (no subtotal), its Annex 2
 * row and its Annex 3 table, and keep every total consistent.
 */
export function dropRecipient(md: string, name: string, code: string): string {
  const lines = md.split('\n');
  const ranges = annexRanges(lines);
  const amount = (cells: string[], i: number): Decimal => new Decimal((cells[i] ?? '0').replace(/<\/?b>/g, '') || '0');
  const adjust = (i: number, col: number, by: Decimal, decimals: number): void => {
    const cells = (lines[i] ?? '').split('\t');
    const bold = /^<b>/.test(cells[col] ?? '');
    const value = amount(cells, col).minus(by).toFixed(decimals);
    cells[col] = bold ? `<b>${value}</b>` : value;
    lines[i] = cells.join('\t');
  };
  // Annex 1: the item row, its section total and the grand total (amount in column 7).
  const a1 = lines.findIndex(
    (l, i) => i >= ranges.annex1[0] && i < ranges.annex1[1] && l.startsWith(`${name}\t${code}\t`),
  );
  const yuan = amount((lines[a1] ?? '').split('\t'), 7);
  let section = a1;
  while (section > ranges.annex1[0] && !/合计$/.test((lines[section] ?? '').split('\t')[0] ?? '')) section--;
  adjust(section, 7, yuan, 2);
  const grand = lines.findIndex((l, i) => i >= ranges.annex1[0] && l.startsWith('合计\t'));
  adjust(grand, 7, yuan, 2);
  // Annex 2: the item row (`<name>市场监督管理局`), its subtotal above and the grand total (last column).
  const a2 = lines.findIndex(
    (l, i) => i >= ranges.annex2[0] && i < ranges.annex2[1] && l.includes(`\t${name}市场监督管理局\t`),
  );
  const wan = yuan.dividedBy(10_000);
  let sub = a2;
  while (sub > ranges.annex2[0] && !/小计/.test(lines[sub] ?? '')) sub--;
  adjust(sub, 4, wan, 0);
  const total = lines.findIndex((l, i) => i >= ranges.annex2[0] && l.startsWith('合计\t'));
  adjust(total, 4, wan, 0);
  // Annex 3: the table whose local department names the recipient, up to the next table heading.
  const dept = lines.findIndex(
    (l, i) =>
      i >= ranges.annex3[0] && /^省级主管部门\t/.test(l) && (l.split('\t')[3] ?? '').startsWith(name.slice(0, 2)),
  );
  let start = dept;
  while (start > ranges.annex3[0] && !/^#/.test(lines[start] ?? '')) start--;
  let end = dept + 1;
  while (end < lines.length && !/^#/.test(lines[end] ?? '')) end++;
  const removeA3 = [start, end] as const;
  return lines.filter((_l, i) => i !== a1 && i !== a2 && (i < removeA3[0] || i >= removeA3[1])).join('\n');
}

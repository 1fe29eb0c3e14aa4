/**
 * Rewrites a money table of a TAB-separated notice (the seed) with a header over two rows, as
 * converters write a header cell that groups the columns below it: 功能分类科目 over 科目编码 | 科目名称
 * (one column of the seed split in two), or 地区 over 名称 | 编码 (two columns of the seed put under one
 * title). As TAB lines (the group's title followed by an empty cell, its sub-headers on the next line)
 * or as HTML (colspan over the group, rowspan=2 on every other header cell). Pure; LF in and out.
 */

/** Which columns to group, and how. */
export interface ColumnGroupStyle {
  /** Header text of the seed's column where the group starts (`功能分类科目`, `地区`). */
  at: string;
  /** The group's title in the top header row. */
  title: string;
  /** Sub-header texts, one per column of the group. */
  subTitles: [string, string];
  /** Split the column at `at` into two with this function (null: the cell stays whole); absent: group `at` and the column after it. */
  split?: (cell: string) => [string, string] | null;
  /** TAB lines or HTML tables. */
  form: 'tsv' | 'html';
  /** Rows (data row index → true) whose cell stays whole although it could be split, as a converter that kept the cell together. */
  keepWhole?: (dataRow: number) => boolean;
}

/** What the rewriting did, for the checks that follow. */
export interface GroupedTable {
  text: string;
  /** Data rows whose cell was split in two. */
  splitRows: number;
  /** Data rows left with the cell whole although the header splits it. */
  wholeRows: number;
  /** Header rows repeated inside the table, where the seed repeats its header after a page break (two per repeat). */
  repeatedHeaderRows: number;
  /** 1-based line of the top header row in the output. */
  headerLine: number;
}

/** Rewrite the table whose header holds `style.at`. */
export function groupColumns(md: string, style: ColumnGroupStyle): GroupedTable {
  const lines = md.split('\n');
  const headerAt = lines.findIndex((l) => l.includes('\t') && l.split('\t').includes(style.at));
  if (headerAt < 0) throw new Error(`no header holds ${style.at}`);
  let end = headerAt + 1;
  while (end < lines.length && !/^(#|附件|\*\*)/.test(lines[end] ?? '')) end++;
  const header = (lines[headerAt] ?? '').split('\t');
  const at = header.indexOf(style.at);
  const top = header.flatMap((h, i) => (i === at ? [style.title, ''] : style.split || i !== at + 1 ? [h] : []));
  const sub = top.map((_, i) => (i === at ? style.subTitles[0] : i === at + 1 ? style.subTitles[1] : ''));
  // The table as runs of TAB lines (a page break between two runs), each row as cells or, where the
  // seed repeats its header, the header's place.
  const HEADER = null;
  const runs: (string[] | typeof HEADER)[][] = [[HEADER]];
  let current: (string[] | typeof HEADER)[] | null = runs[0] ?? null;
  const out = { splitRows: 0, wholeRows: 0, repeatedHeaderRows: 0 };
  let dataRow = 0;
  for (let i = headerAt + 1; i < end; i++) {
    const line = lines[i] ?? '';
    if (!line.includes('\t')) {
      current = null;
      continue;
    }
    if (!current) runs.push((current = []));
    if (line === lines[headerAt]) {
      current.push(HEADER);
      out.repeatedHeaderRows += 2;
      continue;
    }
    const cells = line.split('\t');
    const pieces = style.split && cells[at] !== undefined ? style.split(cells[at]) : null;
    const whole = style.keepWhole?.(dataRow++) === true;
    if (pieces && !whole) {
      current.push([...cells.slice(0, at), ...pieces, ...cells.slice(at + 1)]);
      out.splitRows++;
    } else {
      if (pieces) out.wholeRows++;
      // A row without the cell gets an empty part, so the cells after it stay under their titles.
      current.push(
        style.split && !pieces && cells.length > at ? [...cells.slice(0, at + 1), '', ...cells.slice(at + 1)] : cells,
      );
    }
  }
  const body: string[] = [];
  runs.forEach((rows, r) => {
    if (r > 0) body.push(' ');
    if (style.form === 'tsv')
      body.push(
        ...rows.flatMap((c) => (c === HEADER ? [trimTail(top).join('\t'), trimTail(sub).join('\t')] : [c.join('\t')])),
      );
    else body.push(htmlTable(top, at, rows, style.subTitles));
  });
  const text = [...lines.slice(0, headerAt), ...body, ...lines.slice(end)].join('\n');
  return { text, ...out, headerLine: headerAt + 1 };
}

function trimTail(cells: string[]): string[] {
  let n = cells.length;
  while (n > 0 && cells[n - 1] === '') n--;
  return cells.slice(0, n);
}

function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** One run of the table as an HTML table, the two header rows where `rows` holds null. */
function htmlTable(top: string[], at: number, rows: (string[] | null)[], subTitles: [string, string]): string {
  const out = ['<table>'];
  for (const row of rows) {
    if (row) {
      out.push(`<tr>${row.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`);
      continue;
    }
    const cells = top.flatMap((t, i) =>
      i === at + 1 ? [] : i === at ? [`<th colspan="2">${esc(t)}</th>`] : [`<th rowspan="2">${esc(t)}</th>`],
    );
    out.push(`<tr>${cells.join('')}</tr>`, `<tr><th>${esc(subTitles[0])}</th><th>${esc(subTitles[1])}</th></tr>`);
  }
  out.push('</table>');
  return out.join('');
}

/** `2011409 知识产权宏观管理` → code and name; null when the cell holds no code. */
export function splitCodeName(digits: number): (cell: string) => [string, string] | null {
  const pattern = new RegExp(`^(\\d{${digits}})\\s*(\\S.*)$`, 'u');
  return (cell) => {
    const m = pattern.exec(cell.trim());
    return m ? [m[1] ?? '', m[2] ?? ''] : null;
  };
}

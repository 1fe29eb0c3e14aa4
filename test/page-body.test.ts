/**
 * A saved page's body as government sites publish it: the article beside a 政府信息公开 table
 * (索引号, 文号, 成文日期… in varied fields, order and layout), and tables of data inside the article.
 * Pages are generated here with their own truth: the article's lines and each table's cells.
 */
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { listedAnnexes } from '../src/files/attachments.js';
import type { Block, FileRow } from '../src/files/blocks.js';
import { readWebPage } from '../src/files/webPage.js';
import { mulberry32 } from '../scripts/random.js';

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
function shuffled<T>(rand: Rand, list: readonly T[]): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A notice's article: its lines as the body should read them (headings with their Markdown marks). */
interface Article {
  title: string;
  docNumber: string;
  lines: string[];
  html: string;
}

function article(rand: Rand): Article {
  const year = 2020 + Math.floor(rand() * 7);
  const fund = pick(rand, ['省级农业产业发展专项资金', '中央财政就业补助资金', '城乡义务教育补助经费']);
  const code = pick(rand, ['粤财农', '粤财社', '粤财科教']);
  const docNumber = `${code}〔${year - 1}〕${1 + Math.floor(rand() * 400)}号`;
  const title = `广东省财政厅关于下达${year}年${fund}的通知`;
  const level = pick(rand, [1, 2, 3]);
  const paragraphs = [
    `为支持有关工作，现下达${year}年${fund}，共计${100 + Math.floor(rand() * 9000)}万元（详见附件1）。`,
    '一、请各地按规定及时分解下达资金，加强资金监管。',
    '二、请各地严格落实全面实施预算绩效管理的要求。',
  ].slice(0, 2 + Math.floor(rand() * 2));
  const body = [
    docNumber,
    pick(rand, ['各地级以上市财政局：', '各地级以上市财政局，财政省直管县（市）财政局：']),
    ...paragraphs,
    `附件：1.${year}年${fund}分配表`,
    `2.${year}年${fund}明细分配表`,
    '广东省财政厅',
    `${year - 1}年12月20日`,
    '公开方式：主动公开',
    '抄送：省审计厅。',
    `广东省财政厅办公室 ${year - 1}年12月23日印发`,
  ];
  const html = [
    '<div class="article">',
    `<h${level}>${title}</h${level}>`,
    '<div class="content">',
    ...body.map((l) => `<p>${l}</p>`),
    '</div></div>',
  ].join('\n');
  return { title, docNumber, lines: [`${'#'.repeat(level)} ${title}`, ...body], html };
}

const LAYOUTS = ['table4', 'table2', 'cell', 'list', 'divs', 'dl'] as const;

/** A 政府信息公开 block: some of its fields, in some order, in one of the layouts sites use. */
function disclosure(rand: Rand, a: Article, layout: (typeof LAYOUTS)[number], docNumber = a.docNumber): string {
  const all: [string, string][] = [
    ['索引号', `006939756/20${20 + Math.floor(rand() * 6)}-00${100 + Math.floor(rand() * 800)}`],
    ['分类', '财政、金融、审计 通知'],
    ['发布机构', '广东省财政厅'],
    ['成文日期', '2024-12-20'],
    ['名称', a.title],
    ['文号', docNumber],
    ['发布日期', '2024-12-25'],
    ['主题词', '专项资金'],
  ];
  const wanted = shuffled(rand, all).slice(0, 4 + Math.floor(rand() * 5));
  // The number is the field a 政府信息公开 table always shows; the others come and go.
  const fields = wanted.some(([k]) => k === '文号') ? wanted : [...wanted, all[5] as [string, string]];
  const colon = pick(rand, ['：', ':', '']);
  const label = (k: string): string => `${k}${colon}`;
  switch (layout) {
    case 'table4': {
      const rows: string[] = [];
      for (let i = 0; i < fields.length; i += 2)
        rows.push(
          `<tr>${fields
            .slice(i, i + 2)
            .map(([k, v]) => `<td class="tit">${label(k)}</td><td>${v}</td>`)
            .join('')}</tr>`,
        );
      return `<div class="xxgk"><table>${rows.join('\n')}</table></div>`;
    }
    case 'table2':
      return (
        `<table class="info">${fields.map(([k, v]) => `<tr><th>${label(k)}</th><td>${v}</td></tr>`).join('')}` +
        '</table>'
      );
    case 'cell':
      return `<table><tr>${fields.map(([k, v]) => `<td>${k}：${v}</td>`).join('')}</tr></table>`;
    case 'list':
      return `<ul class="meta">${fields.map(([k, v]) => `<li><span>${k}：</span><span>${v}</span></li>`).join('')}</ul>`;
    case 'divs':
      return `<div class="gk">${fields
        .map(([k, v]) => `<div class="row"><label>${label(k)}</label><p>${v}</p></div>`)
        .join('')}</div>`;
    case 'dl':
      return `<dl>${fields.map(([k, v]) => `<dt>${label(k)}</dt><dd>${v}</dd>`).join('')}</dl>`;
  }
}

function page(parts: string[]): Buffer {
  return Buffer.from(
    [
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>广东省财政厅</title></head><body>',
      '<div class="nav"><a href="/">首页</a> <a href="/zwgk">政务公开</a></div>',
      '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/tzgg">通知公告</a></div>',
      '<div class="main">',
      ...parts,
      '</div>',
      '<div class="footer"><p>主办单位：广东省财政厅</p><p>粤ICP备05085496号</p></div>',
      '</body></html>',
    ].join('\n'),
    'utf8',
  );
}

describe('a page with a 政府信息公开 table beside the article', () => {
  it('reads the article as the body, whatever the table holds, in whatever order and layout', () => {
    const rand = mulberry32(2024);
    for (let n = 0; n < 60; n++) {
      const a = article(rand);
      const layout = LAYOUTS[n % LAYOUTS.length] as (typeof LAYOUTS)[number];
      const block = disclosure(rand, a, layout);
      const before = rand() < 0.75;
      const { lines, findings } = readWebPage(page(before ? [block, a.html] : [a.html, block]), 'p.html');
      expect(lines, `${layout}, table ${before ? 'before' : 'after'} the article`).toEqual(a.lines);
      const codes = findings.map((f) => f.code);
      expect(codes).toContain('files/page-disclosure-table');
      expect(codes).not.toContain('files/page-disclosure-differs');
      expect(findings.find((f) => f.code === 'files/page-disclosure-table')?.actual).toContain(a.docNumber);
    }
  });

  it("reports a table whose 文号 is not the article's, and reads the article's", () => {
    const rand = mulberry32(7);
    const a = article(rand);
    const other = a.docNumber.replace(/(\d+)号$/, (_, n: string) => `${Number(n) + 1}号`);
    const { lines, findings } = readWebPage(page([disclosure(rand, a, 'table4', other), a.html]), 'p.html');
    expect(lines).toEqual(a.lines);
    const differs = findings.find((f) => f.code === 'files/page-disclosure-differs');
    expect(differs?.actual).toBe(other);
    expect(differs?.expected).toBe(a.docNumber);
  });

  it('finds no such table on a page without one, and a line 公开方式： of the 版记 is no field', () => {
    const a = article(mulberry32(3));
    const { lines, findings } = readWebPage(page([a.html]), 'p.html');
    expect(lines).toEqual(a.lines);
    expect(findings.map((f) => f.code)).not.toContain('files/page-disclosure-table');
  });
});

/** A table of data and its truth: the rows a reader should give, cells with their spans. */
interface DataTable {
  html: string;
  rows: { text: string; rowSpan: number; colSpan: number }[][];
  /** A title row merged across the table: read as a line before it. */
  title: string | null;
}

const SHAPES = ['plain', 'th', 'wrapped', 'spans', 'titled'] as const;

function dataTable(rand: Rand, shape: (typeof SHAPES)[number]): DataTable {
  const cities = shuffled(rand, ['广州市', '韶关市', '梅州市', '清远市', '湛江市', '茂名市']).slice(
    0,
    2 + Math.floor(rand() * 4),
  );
  const amounts = cities.map(
    () => `${1 + Math.floor(rand() * 900)},${String(Math.floor(rand() * 1000)).padStart(3, '0')}.00`,
  );
  const one = (text: string) => ({ text, rowSpan: 1, colSpan: 1 });
  const data = cities.map((c, i) => [one(c), one(`44${String(i + 1).padStart(2, '0')}00000`), one(amounts[i] ?? '')]);
  const td = (c: { text: string; rowSpan: number; colSpan: number }, tag = 'td'): string =>
    `<${tag}${c.rowSpan > 1 ? ` rowspan="${c.rowSpan}"` : ''}${c.colSpan > 1 ? ` colspan="${c.colSpan}"` : ''}>` +
    `${shape === 'wrapped' ? `<p><span>${c.text}</span></p>` : c.text}</${tag}>`;
  const tr = (cells: { text: string; rowSpan: number; colSpan: number }[], tag = 'td'): string =>
    `<tr>${cells.map((c) => td(c, tag)).join('')}</tr>`;
  if (shape === 'spans') {
    const header = [
      [
        { text: '地区', rowSpan: 2, colSpan: 1 },
        { text: '资金', rowSpan: 1, colSpan: 2 },
      ],
      [one('地区编码'), one('金额')],
    ];
    return {
      html: `<table border="1">${[...header, ...data].map((r) => tr(r)).join('\n')}</table>`,
      rows: [...header, ...data],
      title: null,
    };
  }
  const header = [one('地区'), one('地区编码'), one('金额')];
  if (shape === 'th')
    return {
      html: `<table><thead>${tr(header, 'th')}</thead><tbody>${data.map((r) => tr(r)).join('')}</tbody></table>`,
      rows: [header, ...data],
      title: null,
    };
  if (shape === 'titled') {
    const title = '2025年某专项资金分配表';
    return {
      html:
        `<table>${tr([{ text: title, rowSpan: 1, colSpan: 3 }])}${[header, ...data].map((r) => tr(r)).join('')}` +
        '</table>',
      rows: [header, ...data],
      title,
    };
  }
  return {
    html: `<table cellspacing="0">${[header, ...data].map((r) => tr(r)).join('\n')}</table>`,
    rows: [header, ...data],
    title: null,
  };
}

const cellsOf = (rows: readonly FileRow[]) =>
  rows.map((r) => r.cells.map((c) => ({ text: c.text, rowSpan: c.rowSpan, colSpan: c.colSpan })));

describe('a table of data in the article', () => {
  it('is read as a table where it stands, its rows and merged cells as written, in every shape', () => {
    const rand = mulberry32(11);
    for (let n = 0; n < 25; n++) {
      const shape = SHAPES[n % SHAPES.length] as (typeof SHAPES)[number];
      const a = article(rand);
      const t = dataTable(rand, shape);
      // The table stands after the signature, under its marker line and the unit, as an annex printed in the page.
      const at = a.lines.indexOf('公开方式：主动公开');
      const before = [...a.lines.slice(0, at), '附件1', '单位：元'];
      const after = a.lines.slice(at);
      const html = a.html.replace(
        '<p>公开方式：主动公开</p>',
        `<p>附件1</p><p>单位：元</p>${t.html}<p>公开方式：主动公开</p>`,
      );
      const { blocks, lines } = readWebPage(page([html]), 'p.html');
      const kinds = blocks.map((b) => b.kind);
      expect(kinds, shape).toEqual(t.title ? ['text', 'text', 'table', 'text'] : ['text', 'table', 'text']);
      const table = blocks.find((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table');
      expect(cellsOf(table?.rows ?? []), shape).toEqual(t.rows);
      expect(table?.rows[0]?.ref).toBe(t.title ? 'table 1 row 2' : 'table 1 row 1');
      const text = (b: Block | undefined): string[] => (b?.kind === 'text' ? b.lines.map((l) => l.text) : []);
      expect(text(blocks[0])).toEqual(before);
      if (t.title) expect(text(blocks[1])).toEqual([t.title]);
      expect(text(blocks[blocks.length - 1])).toEqual(after);
      // No cell of the table is a line of the body's text.
      expect(lines).toEqual([...before, ...after]);
    }
  });

  it('reads a layout table (the article in a cell beside a column of links) as lines, not as a table', () => {
    const a = article(mulberry32(5));
    const side = '<td class="side"><a href="/a">通知公告</a><br><a href="/b">政策解读</a></td>';
    const filler =
      '<p>' + '本通知自印发之日起施行，有关资金管理要求按照省级财政专项资金管理办法执行。'.repeat(12) + '</p>';
    const html = `<table><tr><td colspan="2">广东省财政厅</td></tr><tr>${side}<td>${a.html}${filler}</td></tr></table>`;
    const { blocks, lines } = readWebPage(page([html]), 'p.html');
    expect(blocks.map((b) => b.kind)).toEqual(['text']);
    expect(lines.slice(0, a.lines.length)).toEqual(a.lines);
  });
});

describe("a site's download links in the article", () => {
  it('are the list of attachments, whether the file name is the link text or only its address', () => {
    const rand = mulberry32(21);
    let listed = 0;
    for (let n = 0; n < 40; n++) {
      const a = article(rand);
      const titles = ['2025年某专项资金分配表', '2025年某专项资金明细分配表', '省财政专项转移支付绩效目标表'].slice(
        0,
        1 + Math.floor(rand() * 3),
      );
      const links = titles.map((t, i) => {
        const ext = pick(rand, ['xls', 'xlsx', 'doc', 'docx', 'pdf', 'wps']);
        const address = `/attachment/0/${561 + i}/${4612345 + i}.${ext}`;
        // The file name as the text, or the title alone with the file's address (a query after it, or not).
        return pick(rand, [
          { html: `<a href="${address}">${t}.${ext}</a>`, line: `${t}.${ext}` },
          { html: `<a href="${address}${rand() < 0.5 ? '?t=1735' : ''}">${t}</a>`, line: t },
          { html: `<a href="/download.jsp?id=${i}">${t}.${ext}</a>`, line: `${t}.${ext}` },
        ]);
      });
      const list =
        pick(rand, ['ul', 'p']) === 'ul'
          ? `<ul>${links.map((l) => `<li>${l.html}</li>`).join('')}</ul>`
          : links.map((l) => `<p>${l.html}</p>`).join('');
      const html = a.html.replace('</div></div>', `</div><div class="fj"><p>附件：</p>${list}</div></div>`);
      // The body's own list is left out here: the download links are the only list.
      const bare = html.replace(/<p>附件：1\.[^<]*<\/p>\n<p>2\.[^<]*<\/p>\n/u, '');
      const nav = '<div class="side"><a href="/guide.pdf">办事指南.pdf</a></div>';
      const { lines } = readWebPage(page([bare, nav]), 'p.html');
      expect(lines.slice(-links.length - 1)).toEqual(['附件：', ...links.map((l) => l.line)]);
      expect(lines).not.toContain('办事指南.pdf');
      // A link whose text is the file name is an item of the list; one named only by its address is kept as a line.
      if (links.every((l) => /\.\w+$/.test(l.line))) {
        listed++;
        expect(listedAnnexes(lines)).toEqual(titles.map((title, i) => ({ label: String(i + 1), title })));
      }
    }
    expect(listed).toBeGreaterThan(5);
  });
});

describe("a page's bytes against the charset it declares", () => {
  it('reads GBK bytes by the declaration and UTF-8 bytes as UTF-8, for any article', () => {
    const rand = mulberry32(31);
    for (let n = 0; n < 100; n++) {
      const a = article(rand);
      const charset = pick(rand, ['gb2312', 'gbk', 'GB18030', 'x-gbk']);
      const html = page([a.html]).toString('utf8').replace('charset="utf-8"', `charset="${charset}"`);
      const gbk = readWebPage(iconv.encode(html, 'gbk'), 'p.html');
      expect(gbk.lines).toEqual(a.lines);
      expect(gbk.findings.map((f) => f.code)).toContain('files/page-charset');
      expect(gbk.findings.map((f) => f.code)).not.toContain('files/page-charset-ignored');
      const utf8 = readWebPage(Buffer.from(html, 'utf8'), 'p.html');
      expect(utf8.lines).toEqual(a.lines);
      expect(utf8.findings.find((f) => f.code === 'files/page-charset-ignored')?.actual).toBe(charset.toLowerCase());
    }
  });

  it('reads a page of ASCII alone by its declaration, valid in both', () => {
    const html = '<html><head><meta charset="gbk"></head><body><p>Notice 2024 No. 7</p></body></html>';
    const { findings } = readWebPage(Buffer.from(html), 'p.html');
    expect(findings.map((f) => f.code)).toContain('files/page-charset');
  });
});

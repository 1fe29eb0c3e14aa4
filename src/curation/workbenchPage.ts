/**
 * The workbench page: one self-contained HTML document (style and script inline, nothing fetched
 * but the workbench's own API). The queue is loaded by the script from `/api/queue`, so a reload
 * always shows the files as they are.
 */
import { LEVEL2 } from '../../schemas/indicators.js';
import { pageHead } from '../emit/html/page.js';
import { WORKBENCH_SCRIPT } from './workbenchScript.js';

/** The page's stylesheet. */
const STYLE = `
:root {
  --fg: #1d2733; --muted: #5b6673; --line: #d8dee4; --bad: #b42318; --bad-bg: #fde8e6; --ok: #1a7f37; --ok-bg: #e6f4ea;
  --warn: #9a6700; --info: #0b5cad;
}
* { box-sizing: border-box; }
body {
  margin: 0; font: 14px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  color: var(--fg); background: #f6f8fa;
}
header, main { max-width: 1180px; margin: 0 auto; padding: 0 20px; }
header {
  padding-top: 18px; position: sticky; top: 0; background: #f6f8fa; z-index: 1; border-bottom: 1px solid var(--line);
  padding-bottom: 8px;
}
h1 { font-size: 20px; margin: 0 0 6px; }
.counts { display: flex; flex-wrap: wrap; gap: 6px 18px; align-items: baseline; }
.counts b { font-size: 18px; font-variant-numeric: tabular-nums; }
.counts .notices { color: var(--muted); font-size: 12px; }
.tools { display: flex; gap: 12px; align-items: center; margin-top: 6px; }
.tools input[type=search] { width: 280px; }
article.item {
  background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 12px 16px; margin: 14px 0;
}
article.item[hidden] { display: none; }
article.item.decided { background: var(--ok-bg); border-color: var(--ok); }
article.item.decided .actions, article.item.decided table.candidates button { display: none; }
article.item.conflict, article.item.failed { border-color: var(--bad); box-shadow: 0 0 0 1px var(--bad); }
article.item.gone { opacity: .5; }
.item h2 { font-size: 16px; margin: 0 0 2px; word-break: break-all; }
.meta { color: var(--muted); font-size: 12px; margin: 0 0 6px; }
.badge {
  display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff; background: var(--info);
  margin-right: 6px; vertical-align: 2px;
}
.badge.indicator { background: #6f42c1; }
ul.occurrences { list-style: none; margin: 0 0 8px; padding: 0; font-size: 12px; }
ul.occurrences li { margin: 3px 0; }
.where { color: var(--muted); margin-right: 8px; font-family: ui-monospace, Menlo, monospace; }
.context {
  background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; padding: 1px 6px; word-break: break-all;
}
.context mark { background: #fff3bf; }
table.candidates { border-collapse: collapse; width: 100%; font-size: 13px; margin: 4px 0 8px; }
table.candidates th, table.candidates td {
  border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top;
}
table.candidates thead th { background: #eef2f6; white-space: nowrap; }
td.id { font-family: ui-monospace, Menlo, monospace; font-size: 12px; white-space: nowrap; }
td.score { text-align: right; font-variant-numeric: tabular-nums; }
.diff del { background: var(--bad-bg); color: var(--bad); text-decoration: line-through; }
.diff ins { background: var(--ok-bg); color: var(--ok); text-decoration: none; font-weight: 600; }
.veto { color: var(--bad); font-weight: 600; }
.legend { color: var(--muted); font-size: 12px; }
.actions { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: flex-start; }
.actions input[type=text] { width: 260px; }
details.new { flex-basis: 100%; }
details.new > summary { cursor: pointer; color: var(--info); }
details.new .fields {
  display: grid; grid-template-columns: max-content 1fr; gap: 4px 8px; margin: 6px 0; max-width: 720px;
}
button { font: inherit; padding: 2px 10px; cursor: pointer; }
button.accept { border: 1px solid var(--ok); color: var(--ok); background: #fff; border-radius: 4px; }
button.reject { border: 1px solid var(--bad); color: var(--bad); background: #fff; border-radius: 4px; }
.status { margin: 6px 0 0; font-size: 13px; min-height: 1em; }
.conflict .status, .failed .status { color: var(--bad); font-weight: 600; }
.decided .status { color: var(--ok); font-weight: 600; }
.empty { color: var(--muted); padding: 30px 0; text-align: center; }
`;

/** The whole page; the indicator level-2 words are offered when declaring a new indicator. */
export function workbenchPage(): string {
  return `${pageHead('复核工作台 · notice-extract', STYLE, { connectSelf: true })}
<body>
<header>
<h1>复核工作台 <small class="legend">review workbench</small></h1>
<div class="counts" id="counts" aria-live="polite">
<span>待定政策写法 <b data-count="policy-spellings">…</b>
（引用 <b data-count="policy-rows">…</b> 处）</span>
<span>待定指标写法 <b data-count="indicator-spellings">…</b>
（<b data-count="indicator-rows">…</b> 处）</span>
<span class="notices" id="notice-counts"></span>
</div>
<div class="tools">
<label>筛选 <input type="search" id="filter" placeholder="写法、编码或公文号"></label>
<label><input type="checkbox" id="show-policy" checked> 政策</label>
<label><input type="checkbox" id="show-indicator" checked> 指标</label>
<span class="legend">差异：<span class="diff"><del>原文有、候选无</del>
<ins>候选有、原文无</ins></span></span>
</div>
</header>
<main id="queue"><p class="empty">载入中…</p></main>
<script type="application/json" id="level2">${JSON.stringify(LEVEL2).replace(/</g, '\\u003c')}</script>
<script>${WORKBENCH_SCRIPT}</script>
</body>
</html>
`;
}

/** The page's stylesheet, inline: no network, readable on screen and on paper. */
export const STYLE = `
:root { --fg: #1d2733; --muted: #5b6673; --line: #d8dee4; --bad: #b42318; --bad-bg: #fde8e6; --ok: #1a7f37;
  --warn: #9a6700; --info: #0b5cad; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.5 system-ui, "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif;
  color: var(--fg); background: #f6f8fa; }
header, main { max-width: 1100px; margin: 0 auto; padding: 0 20px; }
header { padding-top: 20px; }
h1 { font-size: 20px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 0 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); }
nav a { margin-right: 14px; color: var(--info); text-decoration: none; }
section { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: 14px 18px; margin: 16px 0; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left; vertical-align: top; }
thead th { background: #eef2f6; position: sticky; top: 0; white-space: nowrap; }
td.num, tfoot td { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.code, code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: 12px; }
td.mismatch, td.missing { background: var(--bad-bg); color: var(--bad); font-weight: 600;
  outline: 2px solid var(--bad); outline-offset: -2px; }
td.status.ok { color: var(--ok); } td.status.bad, .bad { color: var(--bad); }
tr.flagged td, td.flagged { color: var(--warn); } tr.unmatched td { color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 0; }
dl.meta dt { color: var(--muted); } dl.meta dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.summary { margin: 0 0 8px; }
.chart svg { max-width: 100%; height: auto; font-size: 12px; }
.chart .label, .chart .legend { fill: var(--fg); } .chart .value { fill: var(--muted); }
figure { margin: 0; } figcaption { color: var(--muted); margin-top: 6px; }
.badge { display: inline-block; border-radius: 10px; padding: 0 8px; font-size: 12px; color: #fff; }
.badge.error { background: var(--bad); } .badge.warning { background: var(--warn); }
.badge.info { background: var(--info); }
.filters { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; margin-bottom: 10px; }
.filters[hidden] { display: none; }
details.fgroup { border: 1px solid var(--line); border-radius: 4px; margin: 6px 0; }
details.fgroup > summary { cursor: pointer; padding: 6px 10px; background: #f6f8fa; }
.template { color: var(--muted); font-size: 12px; }
ol.findings { margin: 0; padding: 6px 10px 6px 34px; }
li.finding { margin: 6px 0 10px; } li.finding[hidden] { display: none; }
.message { margin: 0; } .where { margin: 0; color: var(--muted); font-size: 12px; }
dl.values { display: grid; grid-template-columns: max-content 1fr; gap: 0 8px; margin: 2px 0; font-size: 12px; }
dl.values dt { color: var(--muted); } dl.values dd { margin: 0; word-break: break-all; }
pre.excerpt { margin: 4px 0 0; padding: 6px 8px; background: #f6f8fa; border: 1px solid var(--line);
  border-radius: 4px; font-size: 12px; overflow-x: auto; white-space: pre; }
pre.excerpt .line { display: block; } pre.excerpt .hit { background: #fff3bf; }
pre.excerpt .ln { display: inline-block; color: var(--muted); margin-right: 12px; user-select: none; }
pre.excerpt .cut { color: var(--muted); font-style: italic; }
details.indicators { margin: 4px 0; } details.indicators > summary { cursor: pointer; }
.empty, .more { color: var(--muted); }
.scroll { max-width: 100%; }
select { max-width: 100%; }
@media (max-width: 720px) {
  header, main { padding: 0 8px; }
  section { padding: 10px; }
  dl.meta { grid-template-columns: 1fr; } dl.meta dd { margin-bottom: 4px; }
  .scroll { overflow-x: auto; }
  .scroll > table { min-width: 600px; }
  .chart svg { min-width: 640px; }
}
@media print { body { background: #fff; } section { border: none; } details { display: block; } }
`;

/**
 * The findings filter, inline: shows the controls, then hides groups and findings that do not match. Without it every
 * finding stays visible.
 */
export const SCRIPT = `
(function () {
  var form = document.getElementById('finding-filters');
  if (!form) return;
  form.hidden = false;
  var groups = Array.prototype.slice.call(document.querySelectorAll('details.fgroup'));
  var status = document.getElementById('filter-status');
  function apply() {
    var checked = form.querySelectorAll('input[name=severity]:checked');
    var severities = Array.prototype.slice.call(checked).map(function (b) { return b.value; });
    var code = document.getElementById('code-filter').value;
    var text = document.getElementById('text-filter').value.trim().toLowerCase();
    var shownGroups = 0, shownFindings = 0;
    groups.forEach(function (g) {
      var visible = 0;
      var wanted = severities.indexOf(g.dataset.severity) >= 0 && (!code || g.dataset.code === code);
      g.querySelectorAll('li.finding').forEach(function (f) {
        var match = wanted && (!text || f.textContent.toLowerCase().indexOf(text) >= 0);
        f.hidden = !match;
        if (match) visible++;
      });
      g.hidden = visible === 0;
      var count = g.querySelector('.count');
      count.textContent =
        visible === Number(count.dataset.count) ? visible + ' 条' : visible + ' / ' + count.dataset.count + ' 条';
      if (visible) { shownGroups++; shownFindings += visible; }
      if (text && visible) g.open = true;
    });
    status.textContent = '显示 ' + shownGroups + ' 组，' + shownFindings + ' 条';
  }
  form.addEventListener('input', apply);
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  apply();
})();
`;

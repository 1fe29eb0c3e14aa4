/**
 * diff.html: one self-contained page (inline style, no script, no network) with the two notices,
 * the summary, a chart of the largest money changes and a table per section.
 */
import { Decimal } from 'decimal.js';
import type { DiffJson, MoneyChange } from '../../schemas/diff.js';
import { STYLE } from '../emit/html/assets.js';
import { esc, headRow, row, section, td, yuanText } from '../emit/html/escape.js';
import { pageHead } from '../emit/html/page.js';

/** Bars in the chart: the largest changes by absolute amount. */
const CHART_BARS = 15;

const CHANGE_WORDS: Record<string, string> = { added: '新增', removed: '取消', changed: '变化' };
const COMPARATOR_WORDS: Record<string, string> = {
  at_least: '≥',
  more_than: '>',
  at_most: '≤',
  less_than: '<',
  exactly: '=',
  between: '区间',
  text: '文字',
  '': '—',
};

const DIFF_STYLE = `
.scroll { overflow-x: auto; }
.up { color: var(--ok); } .down { color: var(--bad); }
.bars { display: grid; grid-template-columns: minmax(6em, max-content) 1fr 1fr minmax(6.5em, max-content);
  gap: 4px 0; font-size: 12px; }
.bars .bar { display: contents; }
.bars .label { padding-right: 8px; text-align: right; overflow-wrap: anywhere; }
.bars .half { display: flex; align-items: center; min-height: 18px; }
.bars .half.neg { justify-content: flex-end; border-right: 1px solid var(--muted); }
.bars .fill { display: block; height: 16px; }
.bars .neg .fill { background: var(--bad); } .bars .pos .fill { background: var(--ok); }
.bars .value { padding-left: 8px; color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
ul.lines { margin: 0; padding-left: 20px; }
@media (max-width: 600px) {
  header, main { padding: 0 10px; } section { padding: 10px; } th, td { padding: 3px 5px; }
  .scroll table { min-width: 640px; }
  .bars { grid-template-columns: minmax(4.5em, 7em) 1fr 1fr max-content; }
}
`;

/** An amount in 万元 with its sign, for chart labels. */
function wanText(yuan: Decimal): string {
  const text = yuanText(yuan.div(10000)).replace(/\.00$/, '');
  return yuan.greaterThan(0) ? `+${text}` : text;
}

/**
 * A diverging bar chart of the largest money changes, decreases left of the axis and increases
 * right, in HTML (a grid of label, two halves, value) so its text stays legible on a phone.
 */
export function changeChart(money: readonly MoneyChange[]): string {
  const bars = money.slice(0, CHART_BARS);
  if (bars.length === 0) return '<p class="empty">没有单位的资金发生变化。</p>';
  const max = Decimal.max(...bars.map((m) => new Decimal(m.change_yuan).abs()), 1);
  const rows = bars.map((m) => {
    const change = new Decimal(m.change_yuan);
    const width = change.abs().div(max).times(100).toFixed(1);
    const fill = `<span class="fill" style="width:${width}%"></span>`;
    const changeWord = m.change === 'changed' ? '' : `（${CHANGE_WORDS[m.change]}）`;
    const label = `${m.recipient_name || m.recipient_code}${changeWord}`;
    const note = `${label}：${m.old_yuan ? yuanText(m.old_yuan) : '—'} → ${m.new_yuan ? yuanText(m.new_yuan) : '—'} 元`;
    return (
      `<div class="bar" data-code="${esc(m.recipient_code)}" data-change="${esc(m.change_yuan)}" ` +
      `data-width="${width}" title="${esc(note)}">` +
      `<span class="label">${esc(label)}</span>` +
      `<span class="half neg">${change.isNegative() ? fill : ''}</span>` +
      `<span class="half pos">${change.isNegative() ? '' : fill}</span>` +
      `<span class="value">${esc(wanText(change))} 万元</span></div>`
    );
  });
  const more = money.length > bars.length ? `，另有 ${money.length - bars.length} 个单位变化较小（见下表）` : '';
  return (
    `<figure class="chart"><div class="bars" role="img" aria-label="资金变化最大的单位">${rows.join('')}</div>` +
    `<figcaption>资金变化最大的 ${bars.length} 个单位（本年减上年，万元；绿色增加，红色减少）${more}。</figcaption></figure>`
  );
}

/** A table in a horizontally scrolling box, or a line saying there is nothing. */
function table(titles: readonly string[], rows: readonly string[], empty: string): string {
  if (rows.length === 0) return `<p class="empty">${esc(empty)}</p>`;
  return `<div class="scroll"><table><thead>${headRow(titles)}</thead><tbody>${rows.join('\n')}</tbody></table></div>`;
}

/** A target value for display: as written, else comparator and figures. */
function valueText(raw: string, comparator: string, number: string, max: string, unit: string): string {
  if (raw !== '') return raw;
  if (comparator === '') return '—';
  return `${COMPARATOR_WORDS[comparator] ?? comparator}${number}${max ? `–${max}` : ''}${unit}`;
}

/** One finding of the comparison as a list item. */
function findingItem(f: DiffJson['findings'][number]): string {
  return `<li><code>${esc(f.code)}</code> ${esc(f.message)}</li>`;
}

/** The whole page. */
export function diffPage(diff: DiffJson, summary: readonly string[]): string {
  const year = (n: DiffJson['old']) => n.budget_year || n.notice_id;
  const title = `${diff.new.fund || diff.new.title}：${year(diff.old)} → ${year(diff.new)} 年度变化`;
  const notice = (label: string, n: DiffJson['old']) =>
    `<dt>${esc(label)}</dt>` +
    `<dd>${esc(n.doc_number || n.notice_id)}（${esc(n.budget_year || '年度不明')}）${esc(n.title)}</dd>`;
  const fundLine = diff.same_fund
    ? `<p class="summary">同一资金：${esc(diff.new.fund)}</p>`
    : '<p class="summary bad"><strong>两份通知不是同一资金：</strong>' +
      `上年「${esc(diff.old.fund || '未识别')}」，本年「${esc(diff.new.fund || '未识别')}」</p>`;
  const money = diff.money.map((m) => {
    const change = new Decimal(m.change_yuan);
    const cls = change.isNegative() ? 'num down' : 'num up';
    return row([
      td(CHANGE_WORDS[m.change]),
      td(m.recipient_code, 'class="code"'),
      td(m.recipient_name),
      td(m.old_yuan ? yuanText(m.old_yuan) : '—', 'class="num"'),
      td(m.new_yuan ? yuanText(m.new_yuan) : '—', 'class="num"'),
      td(yuanText(m.change_yuan), `class="${cls}"`),
      td(m.change_percent ? `${m.change_percent}%` : '—', `class="${cls}"`),
    ]);
  });
  const tables = diff.target_tables.map((t) =>
    row([
      td(CHANGE_WORDS[t.change]),
      td(t.recipient_code, 'class="code"'),
      td(t.recipient_name),
      td(t.indicators, 'class="num"'),
    ]),
  );
  const indicators = diff.indicators.map((i) =>
    row([
      td(CHANGE_WORDS[i.change]),
      td(i.recipient_code, 'class="code"'),
      td(i.recipient_name),
      td(i.name),
      td(i.indicator_id, 'class="code"'),
      td(
        i.change === 'added'
          ? '—'
          : valueText(i.old_value_raw, i.old_comparator, i.old_number, i.old_number_max, i.old_unit),
      ),
      td(
        i.change === 'removed'
          ? '—'
          : valueText(i.new_value_raw, i.new_comparator, i.new_number, i.new_number_max, i.new_unit),
      ),
      td(
        i.number_change === 'up' ? '升' : i.number_change === 'down' ? '降' : '',
        i.number_change ? `class="${i.number_change}"` : '',
      ),
    ]),
  );
  const citations = diff.citations.map((c) =>
    row([
      td(CHANGE_WORDS[c.change]),
      td(c.recipient_code, 'class="code"'),
      td(c.recipient_name),
      td(c.policy_id, 'class="code"'),
      td(c.title),
    ]),
  );
  const findings =
    diff.findings.length === 0
      ? ''
      : section('findings', '提示', `<ul class="lines">${diff.findings.map(findingItem).join('')}</ul>`);
  const nav = [
    ['money', '资金'],
    ['targets', '绩效目标表'],
    ['indicators', '绩效指标'],
    ['citations', '政策依据'],
  ]
    .map(([id, label]) => `<a href="#${id}">${label}</a>`)
    .join('');
  const moneyHead = ['变化', '单位编码', '单位', '上年（元）', '本年（元）', '增减（元）', '增减'];
  const indicatorHead = ['变化', '单位编码', '单位', '指标', '指标编码', '上年值', '本年值', '升降'];
  const sections = [
    section('money', '各单位资金变化', changeChart(diff.money) + table(moneyHead, money, '没有单位的资金发生变化。')),
    section(
      'targets',
      '绩效目标表增减',
      table(['变化', '单位编码', '单位', '指标数'], tables, '两年的绩效目标表对应同一批单位。'),
    ),
    section(
      'indicators',
      '绩效指标变化',
      table(indicatorHead, indicators, '两年都有目标表的单位，指标及其值均未变化。'),
    ),
    section(
      'citations',
      '政策依据变化',
      table(
        ['变化', '单位编码', '单位', '政策编码', '文件标题'],
        citations,
        '两年都有目标表的单位，引用的政策未变化。',
      ),
    ),
  ];
  return `${pageHead(esc(title), STYLE + DIFF_STYLE)}
<body>
<header><h1>${esc(title)}</h1>
<dl class="meta">${notice('上年', diff.old)}${notice('本年', diff.new)}</dl>
<nav>${nav}</nav>
</header>
<main>
${section(
  'summary',
  '概要',
  `${fundLine}<ul class="lines">${summary
    .slice(1)
    .map((l) => `<li>${esc(l)}</li>`)
    .join('')}</ul>`,
)}
${sections.join('\n')}
${findings}
</main>
</body>
</html>
`;
}

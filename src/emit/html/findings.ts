import { FINDING_CODES, type FindingCode, templateOf } from '../../findings/codes.js';
import type { Finding } from '../../findings/finding.js';
import { byCodeUnits } from '../../normalize/order.js';
import { esc, listed, PAGE_LIMITS } from './escape.js';

/** Severities in the order the page shows them, with their Chinese labels. */
export const SEVERITY_LABELS = { error: '错误', warning: '警告', info: '提示' } as const;
const ORDER = Object.keys(SEVERITY_LABELS);

/** Lines shown before and after a finding's source line. */
const CONTEXT = 2;
/** Characters of one source line shown in an excerpt; longer lines are cut with a note. */
const LINE_CHARS = 200;

/** Findings of one code and severity, in report order. */
export interface FindingGroup {
  /** The finding code. */
  code: string;
  /** The severity shared by the group. */
  severity: Finding['severity'];
  /** The findings, in report order. */
  findings: Finding[];
}

/**
 * Findings grouped by code and severity: errors first, then warnings, then info; codes alphabetical within a severity.
 */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const f of findings) {
    const key = `${f.severity} ${f.code}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { code: f.code, severity: f.severity, findings: [] }));
    group.findings.push(f);
  }
  return [...groups.values()].sort(
    (a, b) => ORDER.indexOf(a.severity) - ORDER.indexOf(b.severity) || byCodeUnits(a.code, b.code),
  );
}

/**
 * The source lines around `line` (1-based), numbered and escaped, the line itself marked; '' when the finding has no
 * line.
 */
export function excerpt(lines: readonly string[], line: number | null): string {
  if (line === null || line < 1 || line > lines.length) return '';
  const first = Math.max(1, line - CONTEXT);
  const last = Math.min(lines.length, line + CONTEXT);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const text = lines[n - 1] ?? '';
    const shown = text.length > LINE_CHARS ? `${text.slice(0, LINE_CHARS)}…` : text;
    const cut =
      text.length > LINE_CHARS ? `<span class="cut">（共 ${text.length} 字，截取前 ${LINE_CHARS} 字）</span>` : '';
    out.push(
      `<span class="line${n === line ? ' hit' : ''}">` +
        `<span class="ln">${String(n).padStart(width, ' ')}</span>${esc(shown)}${cut}</span>`,
    );
  }
  // Each line is a block of its own, so the marked line is highlighted full width; a newline between them would add a
  // blank line.
  return `<pre class="excerpt">${out.join('')}</pre>`;
}

/** Filter controls (severity checkboxes, code select, text search), hidden until the page's script shows them. */
export function findingFilters(groups: readonly FindingGroup[]): string {
  const severities = ORDER.filter((s) => groups.some((g) => g.severity === s)) as Finding['severity'][];
  const boxes = severities.map(
    (s) =>
      `<label><input type="checkbox" name="severity" value="${s}" checked> ` +
      `<span class="badge ${s}">${SEVERITY_LABELS[s]}</span></label>`,
  );
  const codes = [...new Set(groups.map((g) => g.code))].sort(byCodeUnits);
  const options = [
    '<option value="">全部代码</option>',
    ...codes.map((c) => `<option value="${esc(c)}">${esc(c)}</option>`),
  ];
  return `<form id="finding-filters" class="filters" hidden>${boxes.join(' ')}
<label>代码 <select id="code-filter">${options.join('')}</select></label>
<label>搜索 <input type="search" id="text-filter" placeholder="消息、单位编码、行号"></label>
<output id="filter-status"></output></form>`;
}

/**
 * Every group as a `<details>` (error groups open, the rest one line each until opened) with its badge, count and each
 * finding's source excerpt.
 */
export function findingGroups(groups: readonly FindingGroup[], lines: readonly string[]): string {
  if (groups.length === 0) return '<p class="empty">没有发现问题。</p>';
  return groups
    .map((g) => {
      // The code's message template, its placeholders shown as an ellipsis: what every finding of the group says.
      const template = (g.code in FINDING_CODES ? templateOf(g.code as FindingCode) : '').replace(/\{\w+\}/g, '…');
      const { shown, note } = listed(g.findings, PAGE_LIMITS.findings, 'findings.csv');
      const items = shown.map((f) => findingItem(f, lines));
      const open = g.severity === 'error' ? ' open' : '';
      const summary = [
        `<span class="badge ${g.severity}">${SEVERITY_LABELS[g.severity]}</span>`,
        `<code>${esc(g.code)}</code>`,
        `<span class="count" data-count="${g.findings.length}">${g.findings.length} 条</span>`,
        `<span class="template">${esc(template)}</span>`,
      ].join(' ');
      return `<details class="fgroup" data-code="${esc(g.code)}" data-severity="${g.severity}"${open}>
<summary>${summary}</summary>
<ol class="findings">
${items.join('\n')}
</ol>${note}
</details>`;
    })
    .join('\n');
}

function findingItem(f: Finding, lines: readonly string[]): string {
  const where = [
    f.annex ? `附件 ${f.annex}` : '',
    f.recipient_code ? `单位 ${f.recipient_code}` : '',
    f.source_line ? `第 ${f.source_line} 行` : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const values = [
    f.actual !== null ? `<dt>实际</dt><dd>${esc(f.actual)}</dd>` : '',
    f.expected !== null ? `<dt>应为</dt><dd>${esc(f.expected)}</dd>` : '',
  ].join('');
  return (
    `<li class="finding" data-severity="${f.severity}" data-line="${f.source_line ?? ''}">` +
    `<p class="message">${esc(f.message)}</p>` +
    (where ? `<p class="where">${esc(where)}</p>` : '') +
    (values ? `<dl class="values">${values}</dl>` : '') +
    `${excerpt(lines, f.source_line)}</li>`
  );
}

import type { CitationRow } from '../../../schemas/citations.js';
import type { IndicatorRow } from '../../../schemas/indicators.js';
import { LEVEL1 } from '../../../schemas/indicators.js';
import { byCodeUnits } from '../../normalize/order.js';
import { esc, headRow, listed, PAGE_LIMITS, row, td } from './escape.js';

/** Field titles of the indicator and citation schemas the page uses as column headers. */
export type Titles = Record<string, string>;

/** The title of a field, or the field's own name where its schema gives none. */
function title(t: Titles, field: string): string {
  return t[field] ?? field;
}

/**
 * Per recipient: indicator counts (total, standard, local, flagged, per level 1), then each recipient's indicators in a
 * `<details>`.
 */
export function indicatorSection(
  indicators: readonly IndicatorRow[],
  names: ReadonlyMap<string, string>,
  t: Titles,
): string {
  if (indicators.length === 0) return '<p class="empty">没有绩效指标。</p>';
  const byRecipient = new Map<string, IndicatorRow[]>();
  for (const i of indicators) {
    const rows = byRecipient.get(i.recipient_code);
    if (rows) rows.push(i);
    else byRecipient.set(i.recipient_code, [i]);
  }
  const levels = LEVEL1.filter((l) => l !== '' && indicators.some((i) => i.level1 === l));
  const recipients = listed([...byRecipient], PAGE_LIMITS.rows, 'indicators.csv');
  const summary = recipients.shown.map(([code, rows]) => {
    const perLevel = new Map<string, number>();
    let standard = 0;
    let flagged = 0;
    for (const r of rows) {
      perLevel.set(r.level1, (perLevel.get(r.level1) ?? 0) + 1);
      if (r.indicator_id) standard++;
      if (r.flags.length > 0) flagged++;
    }
    return row(
      [
        td(code, 'class="code"'),
        td(names.get(code) ?? ''),
        td(rows.length, 'class="num"'),
        td(standard, 'class="num"'),
        td(rows.length - standard, 'class="num"'),
        ...levels.map((l) => td(perLevel.get(l) ?? 0, 'class="num"')),
        td(flagged, `class="num${flagged ? ' flagged' : ''}"`),
      ],
      `data-recipient="${esc(code)}"`,
    );
  });
  const columns = ['seq', 'level1', 'level2', 'name', 'value_raw', 'indicator_id', 'flags'].map((f) => title(t, f));
  const indicatorRow = (r: IndicatorRow) =>
    row(
      [
        td(r.seq, 'class="num"'),
        td(r.level1),
        td(r.level2),
        td(r.name),
        td(r.value_raw),
        td(r.indicator_id, 'class="code"'),
        td(r.flags.join('; ')),
      ],
      r.flags.length ? 'class="flagged"' : '',
    );
  // Each recipient's indicators in full, recipient by recipient, as long as the page's budget of rows lasts.
  const lists: string[] = [];
  let budget = PAGE_LIMITS.rows;
  for (const [code, rows] of recipients.shown) {
    if (rows.length > budget) break;
    budget -= rows.length;
    const summaryLine = `${esc(code)} ${esc(names.get(code) ?? '')} — ${rows.length} 项`;
    lists.push(`<details class="indicators"><summary>${summaryLine}</summary>
<div class="scroll"><table><thead>${headRow(columns)}</thead><tbody>
${rows.map(indicatorRow).join('\n')}
</tbody></table></div></details>`);
  }
  const listsNote =
    lists.length < byRecipient.size
      ? `<p class="more">仅列出前 ${lists.length} 个单位的指标，共 ${byRecipient.size} 个单位；全部见 indicators.csv。</p>`
      : '';
  const summaryHead = headRow([
    title(t, 'recipient_code'),
    '分配单位',
    '指标数',
    '标准指标',
    '本地指标',
    ...levels,
    '有标记',
  ]);
  return `<div class="scroll"><table class="indicator-summary"><thead>${summaryHead}</thead><tbody>
${summary.join('\n')}
</tbody></table></div>${recipients.note}
${lists.join('\n')}${listsNote}`;
}

/** Column titles of the policies table. */
function policyColumns(t: Titles): string[] {
  return [
    title(t, 'policy_id'),
    title(t, 'title'),
    `${title(t, 'doc_number')}（引用中所写）`,
    title(t, 'match'),
    '引用单位数',
    '引用次数',
  ];
}

/** One cited policy: its id (or, unmatched, its title) and who cites it. */
interface CitedPolicy {
  id: string;
  title: string;
  docNumbers: Set<string>;
  matches: Set<string>;
  recipients: Set<string>;
  citations: number;
}

/** Policies cited, grouped by registry id (unmatched citations by their normalized title), most widely cited first. */
export function policySection(citations: readonly CitationRow[], recipientCount: number, t: Titles): string {
  if (citations.length === 0) return '<p class="empty">没有政策依据。</p>';
  const policies = new Map<string, CitedPolicy>();
  for (const c of citations) {
    const key = c.policy_id ? `id:${c.policy_id}` : `title:${c.title}`;
    let p = policies.get(key);
    if (!p)
      policies.set(
        key,
        (p = {
          id: c.policy_id,
          title: c.policy_title || c.title,
          docNumbers: new Set(),
          matches: new Set(),
          recipients: new Set(),
          citations: 0,
        }),
      );
    if (c.doc_number) p.docNumbers.add(c.doc_number);
    p.matches.add(c.match);
    p.recipients.add(c.recipient_code);
    p.citations++;
  }
  const sorted = [...policies.values()].sort(
    (a, b) =>
      b.recipients.size - a.recipients.size ||
      Number(!a.id) - Number(!b.id) ||
      byCodeUnits(a.id || a.title, b.id || b.title),
  );
  const matched = sorted.filter((p) => p.id).length;
  const rejected = sorted.filter((p) => !p.id && p.matches.has('rejected') && p.matches.size === 1).length;
  // What review.csv lists: each citation matched fuzzy or not at all (rejected spellings are decided).
  const pending = citations.filter((c) => c.match === 'fuzzy' || c.match === 'none').length;
  const { shown, note } = listed(sorted, PAGE_LIMITS.rows, 'citations.csv');
  const body = shown.map((p) =>
    row(
      [
        td(p.id || '—', 'class="code"'),
        td(p.title),
        td([...p.docNumbers].sort(byCodeUnits).join('；')),
        td([...p.matches].sort(byCodeUnits).join(' / ')),
        td(p.recipients.size, 'class="num"'),
        td(p.citations, 'class="num"'),
      ],
      p.id ? '' : 'class="unmatched"',
    ),
  );
  const unmatched = sorted.length - matched - rejected;
  const documents = `${sorted.length} 份文件（${matched} 份在政策库中，${unmatched} 份未匹配，${rejected} 份经复核驳回）`;
  return (
    `<p class="summary">${citations.length} 条引用，${documents}；${recipientCount} 个单位。` +
    `<strong class="pending" data-review-rows="${pending}">${pending} 条引用待复核</strong>（review.csv，模糊匹配与未匹配）。</p>
<div class="scroll"><table class="policies"><thead>${headRow(policyColumns(t))}</thead><tbody>
${body.join('\n')}
</tbody></table></div>${note}`
  );
}

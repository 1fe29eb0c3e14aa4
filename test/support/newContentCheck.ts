/**
 * Compares an extraction of a generated notice (test/support/newContent.ts) with the generator's own
 * truth, record by record, and says what differs: the tests assert on it, the measurement script
 * prints it.
 */
import { Decimal } from 'decimal.js';
import type { NoticeFiles } from '../../src/emit/noticeFiles.js';
import type { NewNotice } from './newContent.js';
import { recordsOf } from './run.js';

/** What one dataset's comparison found. */
export interface DatasetCheck {
  /** Records equal to the truth on every compared field. */
  exact: number;
  /** Records the truth holds. */
  total: number;
  /** The first differences, `#index field: got … want …`. */
  differences: string[];
}

/** The comparison of one extraction with its truth. */
export interface NoticeCheck {
  allocations: DatasetCheck;
  targets: DatasetCheck;
  indicators: DatasetCheck;
  citations: DatasetCheck;
  /** Findings of severity error (none is expected: the generated notice is consistent). */
  errors: string[];
  /** Targets per join basis (recipient_match). */
  joins: Record<string, number>;
}

type Rec = Record<string, unknown>;

/** Compare records in order with the truth on the truth's fields. */
function compare(got: readonly Rec[], want: readonly Rec[]): DatasetCheck {
  const differences: string[] = [];
  let exact = 0;
  want.forEach((w, i) => {
    const g = got[i] ?? {};
    const off = Object.keys(w).filter((k) => JSON.stringify(g[k]) !== JSON.stringify(w[k]));
    if (off.length === 0) exact++;
    else if (differences.length < 12)
      differences.push(...off.map((k) => `#${i} ${k}: got ${JSON.stringify(g[k])} want ${JSON.stringify(w[k])}`));
  });
  if (got.length !== want.length) differences.unshift(`count: got ${got.length} want ${want.length}`);
  return { exact: got.length === want.length ? exact : Math.min(exact, got.length), total: want.length, differences };
}

/** Compare an extraction with the notice's truth. */
export function checkNotice(n: NewNotice, result: NoticeFiles): NoticeCheck {
  const yuan = (wan: string): string => new Decimal(wan).times(10000).toFixed(2);
  const allocations = compare(
    recordsOf(result, 'allocations'),
    n.allocations.map((r) => ({
      row_type: r.row_type,
      region_name: r.region_name,
      region_code: r.region_code,
      recipient_code: r.recipient_code,
      recipient_name: r.recipient_name,
      amount_yuan: yuan(r.amount_wan),
      remark: r.remark,
    })),
  );
  const targets = compare(
    recordsOf(result, 'targets'),
    n.targets.map((t) => ({
      recipient_code: t.recipient_code,
      local_department: t.local_department,
      provincial_department: t.provincial_department,
      project_name: t.project_name,
      fund_demand_wan: new Decimal(t.fund_demand_wan).toString(),
      recipient_match: t.basis,
      indicator_count: t.indicators.length,
    })),
  );
  const indicators = compare(
    recordsOf(result, 'indicators'),
    n.targets.flatMap((t) =>
      t.indicators.map((x) => ({
        recipient_code: t.recipient_code,
        recipient_match: t.basis,
        level1: x.level1,
        level2: x.level2,
        name_raw: x.name,
        name: x.name,
        value_raw: x.value_raw,
      })),
    ),
  );
  const citations = compare(
    recordsOf(result, 'citations'),
    n.targets.flatMap((t) =>
      t.citations.map((c) => ({
        recipient_code: t.recipient_code,
        recipient_match: t.basis,
        title_raw: c.title_raw,
        policy_id: c.policy,
      })),
    ),
  );
  const report = JSON.parse(result.files.get('report.json') ?? '{}') as {
    findings: { code: string; severity: string; source_line: number | null; actual?: unknown }[];
  };
  const errors = report.findings
    .filter((f) => f.severity === 'error')
    .map((f) => `${f.code} at ${f.source_line}: ${JSON.stringify(f.actual)}`);
  const joins: Record<string, number> = {};
  for (const t of recordsOf(result, 'targets'))
    joins[String(t['recipient_match'])] = (joins[String(t['recipient_match'])] ?? 0) + 1;
  return { allocations, targets, indicators, citations, errors, joins };
}

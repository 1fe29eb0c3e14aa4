/**
 * Later years of a notice, generated with planted, known changes (for the corpus and diff tests and
 * the corpus benchmark): a notice output folder (notice.json, the datasets, report.json) derived from
 * another with amounts changed, recipients removed and added, indicators changed, added and removed,
 * citations added and removed, and values rewritten in another spelling of the same value. What the
 * generator planted is the truth the tests compare against; totals and subtotals are recomputed, so
 * every generated notice adds up.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import type { AllocationRow } from '../schemas/allocations.js';
import type { CitationRow } from '../schemas/citations.js';
import type { DetailRow } from '../schemas/details.js';
import { DATASETS } from '../schemas/index.js';
import type { IndicatorRow } from '../schemas/indicators.js';
import type { NoticeJson } from '../schemas/notice.js';
import type { ReportJson } from '../schemas/report.js';
import type { TargetRow } from '../schemas/targets.js';

/** A notice output folder's contents, as the corpus reads them. */
export interface NoticeFolderData {
  notice: NoticeJson;
  allocations: AllocationRow[];
  details: DetailRow[];
  targets: TargetRow[];
  indicators: IndicatorRow[];
  citations: CitationRow[];
  report: ReportJson;
}

/** A new indicator value: as written and as parsed. */
export interface PlantedValue {
  value_raw: string;
  value_comparator: IndicatorRow['value_comparator'];
  value_number: string;
  value_number_max: string;
  value_unit: string;
}

/** A recipient the new year adds, with its target table copied from another recipient's. */
export interface AddedRecipient {
  code: string;
  name: string;
  yuan: string;
  /** The recipient whose target table (indicators, citations) the new one copies. */
  templateCode: string;
}

/** What a later year changes; every field is a planted change, nothing else differs in value. */
export interface YearPlan {
  noticeId: string;
  docNumber: string;
  budgetYear: number;
  /** New amount in 元 of a recipient's allocation (and detail) rows, by recipient code. */
  amounts: Map<string, string>;
  /** Recipients left out entirely (allocation, detail, target table, indicators, citations). */
  removed: string[];
  /** Recipients added. */
  added: AddedRecipient[];
  /** Indicators given another value: recipient, key (indicator_id, else name) and the value. */
  indicatorValues: { code: string; key: string; value: PlantedValue }[];
  /** Indicators written in another spelling of the same value (must not count as changed). */
  indicatorRespelled: { code: string; key: string; value_raw: string; value_number: string }[];
  /** Indicators removed from a recipient's table. */
  indicatorsRemoved: { code: string; key: string }[];
  /** Local indicators added to a recipient's table. */
  indicatorsAdded: { code: string; name: string; value: PlantedValue }[];
  /** Policies no longer cited by a recipient (every citation of the policy id). */
  citationsRemoved: { code: string; policyId: string }[];
  /** Policies newly cited by a recipient. */
  citationsAdded: { code: string; policyId: string; title: string }[];
}

/** An empty plan for a year: no change but the notice's identity. */
export function emptyPlan(noticeId: string, docNumber: string, budgetYear: number): YearPlan {
  return {
    noticeId,
    docNumber,
    budgetYear,
    amounts: new Map(),
    removed: [],
    added: [],
    indicatorValues: [],
    indicatorRespelled: [],
    indicatorsRemoved: [],
    indicatorsAdded: [],
    citationsRemoved: [],
    citationsAdded: [],
  };
}

/** Read a notice output folder. */
export function readNoticeFolder(dir: string): NoticeFolderData {
  const json = (name: string) => JSON.parse(readFileSync(join(dir, name), 'utf8'));
  const records = (name: string) => json(`${name}.json`).records;
  return {
    notice: json('notice.json'),
    allocations: records('allocations'),
    details: records('details'),
    targets: records('targets'),
    indicators: records('indicators'),
    citations: records('citations'),
    report: json('report.json'),
  };
}

/** Write a notice output folder: notice.json, each dataset in its envelope, report.json. */
export function writeNoticeFolder(dir: string, data: NoticeFolderData): void {
  mkdirSync(dir, { recursive: true });
  const write = (name: string, value: unknown) => writeFileSync(join(dir, name), JSON.stringify(value) + '\n');
  write('notice.json', data.notice);
  for (const d of DATASETS) {
    write(`${d.name}.json`, {
      schema: `${d.name}@${d.major}`,
      notice_id: data.notice.notice_id,
      records: data[d.name as keyof NoticeFolderData],
    });
  }
  write('report.json', data.report);
}

/** The key `diff` matches an indicator by: its standard id, else its name. */
export function indicatorKey(i: Pick<IndicatorRow, 'indicator_id' | 'name'>): string {
  return i.indicator_id !== '' ? i.indicator_id : i.name;
}

/**
 * Item amounts recomputed into each total row above them: subtotal (until the next subtotal or section), section, grand
 * total.
 */
function retotal<T extends { row_type: string; amount_yuan: string }>(
  rows: T[],
  setAmount: (row: T, yuan: Decimal) => void,
): T[] {
  const kept = rows.filter((r, i) => {
    if (r.row_type !== 'subtotal') return true;
    // A subtotal whose items are all gone goes too.
    const next = rows.slice(i + 1).findIndex((x) => x.row_type !== 'item');
    const items = next === -1 ? rows.length - i - 1 : next;
    return items > 0;
  });
  let grand: T | undefined;
  let sectionRow: T | undefined;
  let subtotal: T | undefined;
  const sums = new Map<T, Decimal>();
  const add = (row: T | undefined, v: Decimal) => row && sums.set(row, (sums.get(row) ?? new Decimal(0)).plus(v));
  for (const r of kept) {
    if (r.row_type === 'grand_total') grand = r;
    else if (r.row_type === 'section_total') [sectionRow, subtotal] = [r, undefined];
    else if (r.row_type === 'subtotal') subtotal = r;
    else {
      const v = new Decimal(r.amount_yuan);
      add(grand, v);
      add(sectionRow, v);
      add(subtotal, v);
    }
  }
  for (const r of kept) if (r.row_type !== 'item') setAmount(r, sums.get(r) ?? new Decimal(0));
  return kept;
}

/** Derive a later year of a notice with the planted changes of `plan`. */
export function deriveYear(base: NoticeFolderData, plan: YearPlan): NoticeFolderData {
  const removed = new Set(plan.removed);
  const yearText = String(plan.budgetYear);
  const baseYear = base.notice.budget_year;
  const retitle = (t: string) => (baseYear ? t.split(baseYear).join(yearText) : t);
  const notice: NoticeJson = {
    ...base.notice,
    notice_id: plan.noticeId,
    doc_number: plan.docNumber,
    title: retitle(base.notice.title),
    title_raw: retitle(base.notice.title_raw),
    budget_year: yearText,
    issued_date: `${plan.budgetYear - 1}-12-20`,
    input_sha256: createHash('sha256').update(`${plan.noticeId}\0${plan.docNumber}`).digest('hex'),
  };

  // Allocations: amounts, removals, additions; totals recomputed; rows renumbered.
  let allocations = base.allocations
    .filter((r) => !(r.row_type === 'item' && removed.has(r.recipient_code)))
    .map((r) => {
      const yuan = r.row_type === 'item' ? plan.amounts.get(r.recipient_code) : undefined;
      return yuan === undefined ? { ...r } : { ...r, amount_yuan: yuan, amount_raw: yuan };
    });
  const itemTemplate = base.allocations.find((r) => r.row_type === 'item');
  for (const a of plan.added) {
    if (!itemTemplate) break;
    allocations.push({
      ...itemTemplate,
      region_name: a.name,
      region_code: a.code,
      recipient_code: a.code,
      recipient_name: a.name,
      amount_yuan: a.yuan,
      amount_raw: a.yuan,
    });
  }
  allocations = retotal(allocations, (r, v) =>
    Object.assign(r, { amount_yuan: v.toFixed(2), amount_raw: v.toFixed(2) }),
  );
  const firstRow = base.allocations[0]?.source_row ?? 1;
  const firstLine = base.allocations[0]?.source_line ?? 1;
  allocations.forEach((r, i) => Object.assign(r, { source_row: firstRow + i, source_line: firstLine + i }));

  // Details: the same recipients and amounts (万元 beside 元).
  const wan = (yuan: string) => new Decimal(yuan).div(10000).toFixed();
  let details = base.details
    .filter((r) => !(r.row_type === 'item' && removed.has(r.recipient_code)))
    .map((r) => {
      const yuan = r.row_type === 'item' ? plan.amounts.get(r.recipient_code) : undefined;
      return yuan === undefined ? { ...r } : { ...r, amount_yuan: yuan, amount_wan: wan(yuan), amount_raw: wan(yuan) };
    });
  const detailTemplate = base.details.find((r) => r.row_type === 'item');
  for (const a of plan.added) {
    if (!detailTemplate) break;
    details.push({
      ...detailTemplate,
      recipient_code: a.code,
      recipient_name: a.name,
      amount_yuan: a.yuan,
      amount_wan: wan(a.yuan),
      amount_raw: wan(a.yuan),
    });
  }
  details = retotal(details, (r, v) =>
    Object.assign(r, {
      amount_yuan: v.toFixed(2),
      amount_wan: v.div(10000).toFixed(),
      amount_raw: v.div(10000).toFixed(),
    }),
  );
  const detailRow = base.details[0]?.source_row ?? 1;
  const detailLine = base.details[0]?.source_line ?? 1;
  details.forEach((r, i) => Object.assign(r, { source_row: detailRow + i, source_line: detailLine + i }));

  // Target tables, indicators, citations of removed recipients go; added recipients copy a template's.
  const targets = base.targets
    .filter((t) => !removed.has(t.recipient_code))
    .map((t) => ({ ...t, budget_year: yearText, budget_year_raw: `${yearText}年` }));
  let indicators = base.indicators
    .filter((i) => !removed.has(i.recipient_code))
    .map((i) => ({ ...i, flags: [...i.flags], level_labels_raw: [...i.level_labels_raw] }));
  let citations = base.citations
    .filter((c) => !removed.has(c.recipient_code))
    .map((c) => ({ ...c, repairs: [...c.repairs] }));
  let nextLine =
    Math.max(
      0,
      ...base.indicators.map((i) => i.source_line),
      ...base.citations.map((c) => c.source_line),
      ...base.targets.map((t) => t.fund_demand_line),
    ) + 10;
  for (const a of plan.added) {
    const template = base.targets.find((t) => t.recipient_code === a.templateCode);
    if (!template) throw new Error(`no target table of ${a.templateCode} to copy`);
    const line = nextLine;
    nextLine += 1000;
    targets.push({
      ...template,
      recipient_code: a.code,
      local_department: a.name,
      local_department_raw: a.name,
      fund_demand_wan: wan(a.yuan),
      fund_demand_raw: `${wan(a.yuan)}万元`,
      source_line: line,
      fund_demand_line: line + 1,
      budget_year: yearText,
      budget_year_raw: `${yearText}年`,
    });
    const lineOf = new Map<number, number>();
    const moved = (l: number) => lineOf.get(l) ?? (lineOf.set(l, line + 2 + lineOf.size), lineOf.get(l) as number);
    indicators.push(
      ...base.indicators
        .filter((i) => i.recipient_code === a.templateCode)
        .map((i) => ({ ...i, recipient_code: a.code, source_line: moved(i.source_line) })),
    );
    citations.push(
      ...base.citations
        .filter((c) => c.recipient_code === a.templateCode)
        .map((c) => ({ ...c, recipient_code: a.code, source_line: moved(c.source_line) })),
    );
  }

  // Indicator changes.
  const find = (code: string, key: string) => {
    const found = indicators.filter((i) => i.recipient_code === code && indicatorKey(i) === key);
    if (found.length !== 1) throw new Error(`planted indicator ${code}/${key} is not one row (${found.length})`);
    return found[0] as IndicatorRow;
  };
  for (const c of plan.indicatorValues) Object.assign(find(c.code, c.key), c.value);
  for (const c of plan.indicatorRespelled)
    Object.assign(find(c.code, c.key), { value_raw: c.value_raw, value_number: c.value_number });
  const gone = new Set(plan.indicatorsRemoved.map((r) => find(r.code, r.key)));
  indicators = indicators.filter((i) => !gone.has(i));
  for (const add of plan.indicatorsAdded) {
    const table = indicators.filter((i) => i.recipient_code === add.code);
    const last = table[table.length - 1];
    if (!last) throw new Error(`no indicators of ${add.code} to add to`);
    indicators.push({
      ...last,
      ...add.value,
      name: add.name,
      name_raw: add.name,
      indicator_id: '',
      indicator_match: 'none',
      indicator_score: 0,
      flags: [],
      seq: last.seq + 1,
      source_line: last.source_line,
      source_row: last.source_row + 1000,
    });
  }

  // Citation changes.
  const dropped = new Set(plan.citationsRemoved.map((c) => `${c.code}\0${c.policyId}`));
  citations = citations.filter((c) => !dropped.has(`${c.recipient_code}\0${c.policy_id}`));
  for (const add of plan.citationsAdded) {
    const cell = citations.filter((c) => c.recipient_code === add.code);
    const last = cell[cell.length - 1];
    if (!last) throw new Error(`no citations of ${add.code} to add to`);
    citations.push({
      ...last,
      seq: last.seq + 1,
      title: add.title,
      title_raw: `《${add.title}》`,
      policy_id: add.policyId,
      policy_title: add.title,
      match: 'exact',
      score: 1,
      issuer: '',
      doc_number: '',
      repairs: [],
    });
  }
  const counts = new Map<string, number>();
  for (const i of indicators) counts.set(i.recipient_code, (counts.get(i.recipient_code) ?? 0) + 1);
  for (const t of targets) t.indicator_count = counts.get(t.recipient_code) ?? 0;

  const report: ReportJson = {
    ...base.report,
    notice_id: plan.noticeId,
    input_sha256: notice.input_sha256,
    records: {
      allocations: allocations.length,
      details: details.length,
      targets: targets.length,
      indicators: indicators.length,
      citations: citations.length,
    },
  };
  return { notice, allocations, details, targets, indicators, citations, report };
}

/**
 * The seed's published output and two generated later years of the same fund, each with planted
 * changes chosen from the data (by position, never by name): the tests' truth is these plans.
 */
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import {
  deriveYear,
  emptyPlan,
  indicatorKey,
  readNoticeFolder,
  writeNoticeFolder,
  type NoticeFolderData,
  type YearPlan,
} from '../../scripts/noticeYears.js';

/** The seed's output folder. */
export const SEED_OUT = new URL('../../out/yue-cai-gong-2023-126/', import.meta.url).pathname;

/** One generated year: its data and the plan that made it from the year before. */
export interface Year {
  data: NoticeFolderData;
  plan: YearPlan | null;
}

/** Recipient codes of the item rows that have a target table, in order. */
function recipientsWithTables(data: NoticeFolderData): string[] {
  const tables = new Set(data.targets.map((t) => t.recipient_code));
  return data.allocations
    .filter((r) => r.row_type === 'item' && tables.has(r.recipient_code))
    .map((r) => r.recipient_code);
}

/** Keys of a recipient's indicators written once, with a comparator of at least and a figure (values to change as numbers). */
function singleNumericKeys(data: NoticeFolderData, code: string): string[] {
  const rows = data.indicators.filter((i) => i.recipient_code === code);
  const counts = new Map<string, number>();
  for (const i of rows) counts.set(indicatorKey(i), (counts.get(indicatorKey(i)) ?? 0) + 1);
  return rows
    .filter(
      (i) =>
        counts.get(indicatorKey(i)) === 1 &&
        i.value_comparator === 'at_least' &&
        i.value_number !== '' &&
        Number(i.value_number) >= 2,
    )
    .map(indicatorKey);
}

/** A 9-digit code no recipient of the data has. */
function unusedCode(data: NoticeFolderData, from: number): string {
  const used = new Set(data.allocations.map((r) => r.recipient_code));
  let n = from;
  while (used.has(String(n))) n += 100;
  return String(n);
}

/** The amount of a recipient's item row. */
export function amountOf(data: NoticeFolderData, code: string): string {
  const row = data.allocations.find((r) => r.row_type === 'item' && r.recipient_code === code);
  if (!row) throw new Error(`no item of ${code}`);
  return row.amount_yuan;
}

/** A plan of changes for the year after `data`, picking recipients at the given offset. */
export function planYear(data: NoticeFolderData, year: number, offset: number): YearPlan {
  const codes = recipientsWithTables(data);
  const at = (i: number) => {
    const code = codes[(offset + i) % codes.length];
    if (!code) throw new Error('too few recipients');
    return code;
  };
  const plan = emptyPlan(`gd-fund-${year}`, `粤财工〔${year - 1}〕${100 + offset}号`, year);
  // Money: one up 10 %, one down 30 %, one up by an odd amount.
  plan.amounts.set(at(1), new Decimal(amountOf(data, at(1))).times(1.1).toFixed(2));
  plan.amounts.set(at(2), new Decimal(amountOf(data, at(2))).times(0.7).toFixed(2));
  plan.amounts.set(at(3), new Decimal(amountOf(data, at(3))).plus('1234.56').toFixed(2));
  plan.removed.push(at(4));
  plan.added.push({
    code: unusedCode(data, 441990000 + offset),
    name: `新设${year}试点区`,
    yuan: '2500000.00',
    templateCode: at(0),
  });
  // Indicators: one lowered, one raised, one respelled as the same value, one removed, one added.
  const [lowered, raised] = singleNumericKeys(data, at(5));
  const [respelled] = singleNumericKeys(data, at(6));
  const [removed] = singleNumericKeys(data, at(7));
  if (!lowered || !raised || !respelled || !removed) throw new Error('too few numeric indicators');
  const valueOf = (code: string, key: string) =>
    data.indicators.find((i) => i.recipient_code === code && indicatorKey(i) === key);
  const low = valueOf(at(5), lowered);
  const high = valueOf(at(5), raised);
  const same = valueOf(at(6), respelled);
  if (!low || !high || !same) throw new Error('indicator not found');
  const lowerNumber = new Decimal(low.value_number).minus(1).toFixed();
  const higherNumber = new Decimal(high.value_number).times(2).toFixed();
  plan.indicatorValues.push(
    {
      code: at(5),
      key: lowered,
      value: {
        value_raw: `≥${lowerNumber}${low.value_unit}`,
        value_comparator: 'at_least',
        value_number: lowerNumber,
        value_number_max: '',
        value_unit: low.value_unit,
      },
    },
    {
      code: at(5),
      key: raised,
      value: {
        value_raw: `不少于${higherNumber}${high.value_unit}`,
        value_comparator: 'at_least',
        value_number: higherNumber,
        value_number_max: '',
        value_unit: high.value_unit,
      },
    },
  );
  plan.indicatorRespelled.push({
    code: at(6),
    key: respelled,
    value_raw: `≥ ${same.value_number}.0 ${same.value_unit}`,
    value_number: `${same.value_number}.0`,
  });
  plan.indicatorsRemoved.push({ code: at(7), key: removed });
  plan.indicatorsAdded.push({
    code: at(7),
    name: `${year}年新增地方指标`,
    value: {
      value_raw: '≥3个',
      value_comparator: 'at_least',
      value_number: '3',
      value_number_max: '',
      value_unit: '个',
    },
  });
  // Citations: one policy dropped, one another recipient cites added.
  const cited = new Set(
    data.citations.filter((c) => c.recipient_code === at(8) && c.policy_id !== '').map((c) => c.policy_id),
  );
  const [dropped] = cited;
  const other = data.citations.find((c) => c.policy_id !== '' && !cited.has(c.policy_id));
  if (!dropped || !other) throw new Error('no citations to change');
  plan.citationsRemoved.push({ code: at(8), policyId: dropped });
  plan.citationsAdded.push({ code: at(8), policyId: other.policy_id, title: other.policy_title });
  return plan;
}

/** The seed and two later years, each from the one before. */
export function threeYears(): Year[] {
  const seed = readNoticeFolder(SEED_OUT);
  const baseYear = Number(seed.notice.budget_year);
  const plan1 = planYear(seed, baseYear + 1, 0);
  const year1 = deriveYear(seed, plan1);
  const plan2 = planYear(year1, baseYear + 2, 11);
  const year2 = deriveYear(year1, plan2);
  return [
    { data: seed, plan: null },
    { data: year1, plan: plan1 },
    { data: year2, plan: plan2 },
  ];
}

/** Write the two generated years as notice folders under `dir` (the seed is read from out/). */
export function writeLaterYears(dir: string, years: readonly Year[]): string[] {
  return years.slice(1).map((y) => {
    const folder = join(dir, y.data.notice.notice_id);
    writeNoticeFolder(folder, y.data);
    return folder;
  });
}

import type { TargetRow } from '../../schemas/targets.js';
import type { StageContext } from '../findings/context.js';
import type { TargetMetadataField, TargetsAnnex } from '../family/spec.js';
import { joinRecipient, reportJoin, type RecipientIndex } from '../join/recipients.js';
import { parseAmount, wanString } from '../normalize/amount.js';
import { cleanName } from '../normalize/names.js';
import { reportAmountRepaired } from '../money/rowFindings.js';
import type { TableParts } from './tableParts.js';
import type { TargetTable } from './tables.js';
import { foldCompatibility } from '../normalize/width.js';

/** A target before its indicators are counted. */
export type TargetHead = Omit<TargetRow, 'indicator_count'>;

/** The 政策依据 cell of one table, kept for reading its citations. */
export interface PolicyBasisCell {
  /** Label of the annex the table belongs to. */
  annex: string;
  /** The table's recipient code, or ''. */
  recipient_code: string;
  /** How the table was joined to its recipient. */
  recipient_match: TargetRow['recipient_match'];
  /** Line of the cell. */
  source_line: number;
  /** Row of the cell within its table. */
  source_row: number;
  /** The cell exactly as written (HTML kept). */
  raw: string;
  /** Its plain text, list items on their own lines. */
  text: string;
}

/** A table's target and its 政策依据 cell. */
export interface ReadTarget {
  /** The target, its indicator count still to come. */
  target: TargetHead;
  /** The 政策依据 cell, or null when the table has none. */
  policy: PolicyBasisCell | null;
}

/** Read a table's metadata into a target: year and 资金需求 parsed, the local department joined to Annex 1. */
export function readTarget(
  table: TargetTable,
  parts: TableParts,
  spec: TargetsAnnex,
  recipients: RecipientIndex,
  ctx: StageContext,
): ReadTarget {
  const text = (field: TargetMetadataField): string => parts.metadata[field]?.cell?.text ?? '';
  const line = (field: TargetMetadataField): number =>
    parts.metadata[field]?.cell?.line ?? parts.metadata[field]?.line ?? table.line;
  const department = text('local_department');
  const join = department ? joinRecipient(department, recipients) : null;
  const code = join?.code ?? '';
  const missing = (Object.keys(spec.metadataLabels) as TargetMetadataField[]).filter((f) => text(f) === '');
  if (missing.length > 0) {
    ctx.report({
      code: 'targets/metadata-missing',
      annex: spec.label,
      recipient_code: code,
      source_line: table.line,
      actual: missing.map((f) => spec.metadataLabels[f][0] ?? f).join('、'),
    });
  }
  if (join) reportJoin(join, department, { annex: spec.label, line: line('local_department') }, (f) => ctx.report(f));
  const target: TargetHead = {
    annex: spec.label,
    recipient_code: code,
    local_department: cleanName(department, ctx),
    provincial_department: cleanName(text('provincial_department'), ctx),
    project_name: cleanName(text('project_name'), ctx),
    fund_type: cleanName(text('fund_type'), ctx),
    project_level: cleanName(text('project_level'), ctx),
    budget_year: budgetYear(text('budget_year'), spec, code, line('budget_year'), ctx),
    fund_demand_wan: fundDemandWan(
      text('fund_demand'),
      parts.metadata.fund_demand?.unit,
      spec,
      code,
      line('fund_demand'),
      ctx,
    ),
    spending_content: cleanName(text('spending_content'), ctx),
    overall_goal: text('overall_goal'),
    source_line: table.line,
    fund_demand_line: line('fund_demand'),
    recipient_match: join?.match ?? 'none',
    local_department_raw: department,
    budget_year_raw: text('budget_year'),
    fund_demand_raw: text('fund_demand'),
  };
  const basisRow = parts.metadata.policy_basis;
  const basis = basisRow?.cell;
  const cell =
    basis && basisRow ? { source_line: basis.line, source_row: basisRow.row, raw: basis.raw, text: basis.text } : null;
  const policy = cell
    ? { annex: spec.label, recipient_code: code, recipient_match: target.recipient_match, ...cell }
    : null;
  return { target, policy };
}

/** `2024年` → `2024`; anything else is reported and left empty. */
function budgetYear(raw: string, spec: TargetsAnnex, code: string, line: number, ctx: StageContext): string {
  if (raw === '') return '';
  const year = spec.budgetYear.exec(foldCompatibility(raw).trim())?.[1];
  if (year) return year;
  ctx.report({
    code: 'targets/budget-year-invalid',
    annex: spec.label,
    recipient_code: code,
    source_line: line,
    actual: raw,
  });
  return '';
}

/**
 * `1239万元` → `1239`, exactly as written; another unit is converted exactly; anything else is reported and left empty.
 * A cell without a unit is in the unit its label states (`资金需求（元）`), else in the family's; a label's unit
 * other than the family's is reported, and so is a cell whose own unit contradicts its label's (the cell's wins).
 */
function fundDemandWan(
  raw: string,
  labelUnit: string | undefined,
  spec: TargetsAnnex,
  code: string,
  line: number,
  ctx: StageContext,
): string {
  if (raw === '') return '';
  const amount = parseAmount(raw);
  if (amount.value === null) {
    ctx.report({
      code: 'targets/fund-demand-invalid',
      annex: spec.label,
      recipient_code: code,
      source_line: line,
      actual: raw,
    });
    return '';
  }
  const repairs = amount.repairs.filter((r) => r !== 'unit-suffix');
  if (repairs.length > 0)
    reportAmountRepaired({ annex: spec.label, line, recipient_code: code }, raw, amount.written, repairs, ctx);
  const base = { annex: spec.label, recipient_code: code, source_line: line, actual: raw };
  if (labelUnit !== undefined && amount.unit !== null && amount.unit !== labelUnit)
    ctx.report({ ...base, code: 'targets/fund-demand-unit-conflict', expected: labelUnit });
  else if (labelUnit !== undefined && amount.unit === null && labelUnit !== spec.fundDemandUnit)
    ctx.report({ ...base, code: 'targets/fund-demand-unit-from-label', expected: labelUnit });
  return wanString(amount.written, amount.unit ?? labelUnit ?? spec.fundDemandUnit, amount.value);
}

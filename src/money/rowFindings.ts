import type { StageContext } from '../findings/context.js';
import { rowText, type GridRow } from '../grid/grid.js';

/** Report a money-table row left out because its amount cell is empty. */
export function reportRowWithoutAmount(row: GridRow, annex: string, ctx: StageContext): void {
  ctx.report({ code: 'money/row-without-amount', annex, source_line: row.line, actual: rowText(row) });
}

/** Report a money table that gave no record at all. */
export function reportIfEmpty(records: readonly unknown[], annex: string, ctx: StageContext): void {
  if (records.length === 0) ctx.report({ code: 'money/empty-annex', annex });
}

/** Report an amount that was repaired (full-width digits, spaces, separators) and count each rule that fired. */
export function reportAmountRepaired(
  where: { annex: string; line: number; recipient_code?: string },
  raw: string,
  written: string,
  repairs: readonly string[],
  ctx: StageContext,
): void {
  const { annex, line, recipient_code } = where;
  ctx.report({
    code: 'money/amount-repaired',
    annex,
    recipient_code,
    source_line: line,
    actual: raw,
    expected: written,
  });
  for (const rule of repairs) ctx.count(rule);
}

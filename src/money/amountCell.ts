import { Decimal } from 'decimal.js';
import type { StageContext } from '../findings/context.js';
import type { Cell } from '../grid/grid.js';
import { parseAmount, YUAN_PER_UNIT } from '../normalize/amount.js';
import { reportAmountRepaired } from './rowFindings.js';

/** An amount cell read in a table's unit. */
export interface AmountCell {
  /** The amount converted to 元, or null when missing or unreadable. */
  yuan: Decimal | null;
  /** The number as written (repaired), in the cell's own unit. */
  written: string;
  /** That number as a decimal, or null when missing or unreadable. */
  value: Decimal | null;
  /** The unit the written number is in. */
  unit: string;
  /** The cell text before repairs. */
  raw: string;
}

/**
 * A cell of dashes or slashes only (—, －, -, /): a table's way of writing that nothing is allocated. A figure after
 * a dash (`-80`, `－80`) is a negative amount, not this.
 */
const NIL_MARK = /^[-－—–―‐‑−─/／]+$/u;

/** A currency sign before the figure (`¥860.00`, `￥860.00`), with the spaces after it. */
const CURRENCY_SIGN = /^[¥￥]\s*/u;

/** Read an amount cell of a table whose unit is `unit`; every repair and failure is reported with its line. */
export function readAmountCell(cell: Cell | undefined, unit: string, annex: string, ctx: StageContext): AmountCell {
  const raw = cell?.text ?? '';
  if (!cell || raw === '') return { yuan: null, written: '', value: null, unit, raw };
  if (NIL_MARK.test(raw.replace(/\s+/gu, ''))) {
    ctx.report({ code: 'money/amount-nil', annex, source_line: cell.line, actual: raw });
    ctx.count('nil-mark-zero');
    return { yuan: new Decimal(0), written: '0', value: new Decimal(0), unit, raw };
  }
  const sign = CURRENCY_SIGN.exec(raw.trim())?.[0] ?? '';
  const parsed = parseAmount(raw.trim().slice(sign.length));
  if (parsed.value === null) {
    ctx.report({ code: 'money/amount-invalid', annex, source_line: cell.line, actual: raw });
    return { yuan: null, written: '', value: null, unit, raw };
  }
  const repairs = sign ? ['currency-sign', ...parsed.repairs] : parsed.repairs;
  if (repairs.length > 0) reportAmountRepaired({ annex, line: cell.line }, raw, parsed.written, repairs, ctx);
  const cellUnit = parsed.unit ?? unit;
  const factor = YUAN_PER_UNIT[cellUnit] ?? 1;
  const yuan = parsed.value.times(factor);
  if (yuan.decimalPlaces() > 2) ctx.report({ code: 'money/amount-scale', annex, source_line: cell.line, actual: raw });
  return { yuan, written: parsed.written, value: parsed.value, unit: cellUnit, raw };
}

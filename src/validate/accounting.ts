import type { TableAccount } from '../../schemas/report.js';
import type { Finding } from '../findings/finding.js';
import { DROPPING_CODES } from '../findings/codes.js';
import type { AccountedTable, RowKind, StageContext } from '../findings/context.js';

/** How one located table's rows were accounted for: records + dropped = source rows (report.json `tables[]`). */
export type { TableAccount };

/**
 * Account for every source row of every located table: a row gave a record (a record carries its
 * line), or it was dropped with a finding at one of its lines whose code drops rows. A row with
 * neither was lost in silence, which is reported as an error and counted as dropped from then on.
 */
export function accountTables(
  tables: readonly AccountedTable[],
  records: Record<RowKind, readonly { source_line: number }[]>,
  ctx: StageContext & { findings: readonly Finding[] },
): TableAccount[] {
  const dropLines = new Set(
    ctx.findings
      .filter((f) => DROPPING_CODES.has(f.code) && f.source_line !== null)
      .map((f) => f.source_line as number),
  );
  const recordLines = Object.fromEntries(
    Object.entries(records).map(([kind, list]) => [kind, new Set(list.map((r) => r.source_line))]),
  ) as Record<RowKind, Set<number>>;
  return tables.map((table) => {
    const account: TableAccount = {
      kind: table.kind,
      annex: table.annex,
      source_line: table.line,
      source_rows: table.rows.length,
      records: 0,
      dropped: 0,
    };
    for (const row of table.rows) {
      if (recordLines[table.kind].has(row.line)) account.records++;
      else if (dropLines.has(row.line) || row.cellLines.some((l) => dropLines.has(l))) account.dropped++;
      else {
        ctx.report({ code: 'validate/row-unaccounted', annex: table.annex, source_line: row.line, actual: row.text });
        account.dropped++;
      }
    }
    return account;
  });
}

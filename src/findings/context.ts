import type { RowKind } from '../../schemas/report.js';
import { makeFinding, type Finding, type FindingInput } from './finding.js';

/** The kind of record a located table's rows become, from report.json's schema. */
export type { RowKind };

/** The source rows of one located table, registered by the stage that read it. */
export interface TableRows {
  /** What its rows become. */
  kind: RowKind;
  /** Annex label for findings. */
  annex: string;
  /** Line of the table (its header, or its heading for a target table). */
  line: number;
  /**
   * The rows that must each give a record or be dropped with a finding: their line and their cells' lines and texts.
   */
  rows: readonly { line: number; cells: readonly { line: number; text: string }[] }[];
}

/**
 * A located table as kept until its rows are accounted for: per row its line, the other lines its cells came from, and
 * its cells' texts as a finding quotes them. The grid's cells are not kept: a table of 100k rows held them all to the
 * end of the run (about 600 bytes a row).
 */
export interface AccountedTable {
  kind: RowKind;
  annex: string;
  line: number;
  rows: readonly { line: number; cellLines: readonly number[]; text: string }[];
}

/** A table's rows as they are accounted for: lines, and the non-empty cell texts joined by ` | `. */
export function accountedTable(table: TableRows): AccountedTable {
  return {
    kind: table.kind,
    annex: table.annex,
    line: table.line,
    rows: table.rows.map((row) => {
      const cellLines = [...new Set(row.cells.map((c) => c.line).filter((l) => l !== row.line))];
      const text = row.cells
        .map((c) => c.text)
        .filter(Boolean)
        .join(' | ');
      return { line: row.line, cellLines, text };
    }),
  };
}

/** What every stage receives besides its input: a way to report findings and count repairs. */
export interface StageContext {
  /** Record a deviation. */
  report(input: FindingInput): void;
  /** Count one application of a routine repair rule (joined cells, width folding, ...). */
  count(rule: string, by?: number): void;
  /** Register the source rows of a located table, each of which must give a record or be dropped with a finding. */
  tableRows(table: TableRows): void;
}

/** A context that collects findings and repair counts in memory. */
export class Collector implements StageContext {
  /** Findings in the order they were reported. */
  readonly findings: Finding[] = [];
  /** How often each routine repair rule fired. */
  readonly repairs = new Map<string, number>();
  /** Source rows of every located table, in the order they were read. */
  readonly tables: AccountedTable[] = [];

  report(input: FindingInput): void {
    this.findings.push(makeFinding(input));
  }

  count(rule: string, by = 1): void {
    this.repairs.set(rule, (this.repairs.get(rule) ?? 0) + by);
  }

  tableRows(table: TableRows): void {
    this.tables.push(accountedTable(table));
  }
}

/**
 * One finding, made through a collector of its own: for the stages that keep their findings in a list of their
 * own (corpus, diff), so every finding of the tool passes through `Collector.report` (the tests count codes there).
 */
export function findingOf(input: FindingInput): Finding {
  const one = new Collector();
  one.report(input);
  const [finding] = one.findings;
  if (!finding) throw new Error('a collector kept no finding of its report');
  return finding;
}

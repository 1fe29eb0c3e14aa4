import type { StageContext } from '../findings/context.js';

/** Where a dropped row stands and what it says. */
interface DroppedRow {
  /** Label of the annex the table belongs to. */
  annex: string;
  /** The row's source line. */
  line: number;
  /** The row's text as quoted in the finding. */
  text: string;
}

/** Report a header row repeated after a page break, left out of the records. */
export function reportRepeatedHeader(row: DroppedRow, ctx: StageContext): void {
  ctx.report({ code: 'grid/repeated-header-dropped', annex: row.annex, source_line: row.line, actual: row.text });
}

/** Report a row inside a table that reads as a title, running header or page number, left out of the records. */
export function reportTitleRow(row: DroppedRow, ctx: StageContext): void {
  ctx.report({ code: 'grid/title-row-dropped', annex: row.annex, source_line: row.line, actual: row.text });
}

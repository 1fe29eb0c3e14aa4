import { createRequire } from 'node:module';
import { InputError } from '../read/inputError.js';
import { type Block, tableBlocks } from './blocks.js';

const load = createRequire(import.meta.url);

/** A CSV annex's rows as a table (`row N` places); a file that is no CSV is an input error. */
export function readCsv(text: string, path: string): Block[] {
  const { parse } = load('csv-parse/sync') as typeof import('csv-parse/sync');
  let records: string[][];
  try {
    records = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: true }) as string[][];
  } catch (error) {
    throw new InputError(path, `cannot be read as CSV: ${(error as Error).message}`);
  }
  const rows = records
    .map((cells, i) => ({ cells: cells.map((text) => ({ text, rowSpan: 1, colSpan: 1 })), ref: `row ${i + 1}` }))
    .filter((row) => row.cells.some((c) => c.text.trim() !== ''));
  return tableBlocks(rows);
}

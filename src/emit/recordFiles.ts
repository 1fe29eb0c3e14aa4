/**
 * The files made from a notice's records alone: each dataset as JSON and CSV, the review and
 * findings worksheets' CSV, datapackage.json over every CSV, and the workbook. What they need is
 * plain data (`RecordFiles`), so they can be rendered on the thread that extracted the notice or
 * on a writer thread (src/cli/writer.ts) while that thread goes on.
 */
import { datasetSchema } from '../../schemas/index.js';
import { toCsv } from './csv.js';
import { dataPackage, type KeysLeftOut } from './datapackage.js';
import { fieldsOf } from './fields.js';
import { stableJson, toDatasetJson } from './json.js';
import { renderWorkbook, type WorkbookSpec } from './workbook.js';

/** Everything the record files are made from. */
export interface RecordFiles {
  noticeId: string;
  /** The notice's title, for datapackage.json. */
  title: string;
  /** Write CSV with a UTF-8 BOM. */
  bom: boolean;
  /** The datasets present, by name, in output order. */
  datasets: readonly { name: string; records: readonly Record<string, unknown>[] }[];
  /** The review and findings worksheets, already as CSV, by file name. */
  sheets: readonly [string, string][];
  /** Keys that do not hold in this notice, left out of datapackage.json. */
  keysNotHeld: KeysLeftOut;
  /** The analysts' workbook, laid out. */
  workbook: { name: string; spec: WorkbookSpec };
}

/**
 * The record files rendered: text by file name, and each CSV's UTF-8 bytes (encoded once: hashed for datapackage.json
 * and written as they are).
 */
export interface RenderedRecordFiles {
  files: Map<string, string>;
  encoded: Map<string, Buffer>;
}

/** Each dataset as JSON and CSV, the worksheets' CSV and datapackage.json. */
export function renderRecordFiles(input: RecordFiles): RenderedRecordFiles {
  const files = new Map<string, string>();
  for (const { name, records } of input.datasets) {
    const dataset = datasetSchema(name);
    files.set(`${name}.json`, toDatasetJson(dataset, input.noticeId, records));
    files.set(`${name}.csv`, toCsv(records, fieldsOf(dataset.record), { bom: input.bom }));
  }
  for (const [name, csv] of input.sheets) files.set(name, csv);
  const encoded = new Map(
    [...files]
      .filter(([name]) => name.endsWith('.csv'))
      .map(([name, csv]) => [name, Buffer.from(csv, 'utf8')] as const),
  );
  files.set('datapackage.json', stableJson(dataPackage(input.noticeId, input.title, [...encoded], input.keysNotHeld)));
  return { files, encoded };
}

/** The workbook's file name and bytes. */
export function renderRecordWorkbook(input: RecordFiles): [string, Buffer] {
  return [input.workbook.name, renderWorkbook(input.workbook.spec)];
}

/**
 * The files made from a notice's records alone: each dataset as JSON and CSV, the review and
 * findings worksheets' CSV, datapackage.json over every CSV, and the workbook. What they need is
 * plain data (`RecordFiles`), so they can be rendered on the thread that extracted the notice or
 * on a writer thread (src/cli/writer.ts) while that thread goes on. Each is a writer (tool/byteSink.ts) that makes its
 * file piece by piece as it is written, so no file is ever held whole.
 */
import { createHash } from 'node:crypto';
import { csvSchema, datasetSchema, type DatasetSchema } from '../../schemas/index.js';
import { renderContent, textWriter, type FileWriter } from '../tool/byteSink.js';
import { csvPieces } from './csv.js';
import { dataPackage, type CsvDigest, type KeysLeftOut } from './datapackage.js';
import { fieldsOf } from './fields.js';
import { datasetJsonPieces, stableJson } from './json.js';
import { writeWorkbook, type WorkbookSpec } from './workbook.js';

/** Rows of a dataset or a worksheet, by its name. */
interface NamedRecords {
  name: string;
  records: readonly Record<string, unknown>[];
}

/** Everything the record files are made from. */
export interface RecordFiles {
  noticeId: string;
  /** The notice's title, for datapackage.json. */
  title: string;
  /** Write CSV with a UTF-8 BOM. */
  bom: boolean;
  /** The datasets present, by name, in output order. */
  datasets: readonly NamedRecords[];
  /** The review and findings worksheets' rows, by worksheet name (CSV only). */
  sheets: readonly NamedRecords[];
  /** Keys that do not hold in this notice, left out of datapackage.json. */
  keysNotHeld: KeysLeftOut;
  /** The analysts' workbook, laid out. */
  workbook: { name: string; spec: WorkbookSpec };
}

/**
 * The record files as writers, in the order they must be written: each dataset's JSON and CSV, the worksheets' CSV,
 * then datapackage.json, which lists the bytes and sha256 of each CSV as it was written. The workbook is apart
 * (`workbookWriter`): a test's result holds the text files, its workbook is rendered when asked for.
 */
export function recordFileWriters(input: RecordFiles): Map<string, FileWriter> {
  const writers = new Map<string, FileWriter>();
  const digests: CsvDigest[] = [];
  const csv = (schema: DatasetSchema, records: NamedRecords['records']): FileWriter =>
    digested(
      `${schema.name}.csv`,
      input.bom,
      digests,
      textWriter(() => csvPieces(records, fieldsOf(schema.record), input)),
    );
  for (const { name, records } of input.datasets) {
    const dataset = datasetSchema(name);
    writers.set(
      `${name}.json`,
      textWriter(() => datasetJsonPieces(dataset, input.noticeId, records)),
    );
    writers.set(`${name}.csv`, csv(dataset, records));
  }
  for (const { name, records } of input.sheets) writers.set(`${name}.csv`, csv(csvSchema(name), records));
  writers.set(
    'datapackage.json',
    textWriter(() => [stableJson(dataPackage(input.noticeId, input.title, digests, input.keysNotHeld))]),
  );
  return writers;
}

/** A CSV writer that records its bytes and sha256 into `digests` as it writes; `bom` as the CSV was asked for. */
function digested(file: string, bom: boolean, digests: CsvDigest[], write: FileWriter): FileWriter {
  return (sink) => {
    const hash = createHash('sha256');
    let bytes = 0;
    write({
      get offset() {
        return sink.offset;
      },
      write(piece) {
        hash.update(piece);
        bytes += piece.length;
        sink.write(piece);
      },
      patch: () => {
        throw new Error(`${file}: a CSV is written in order`);
      },
    });
    digests.push({ file, bytes, sha256: hash.digest('hex'), bom });
  };
}

/** The workbook's file name and writer. */
export function workbookWriter(input: RecordFiles): [string, FileWriter] {
  return [input.workbook.name, (sink) => writeWorkbook(input.workbook.spec, sink)];
}

/** The record files but the workbook rendered in memory, as text by file name. */
export function renderRecordFiles(input: RecordFiles): Map<string, string> {
  const files = new Map<string, string>();
  for (const [name, writer] of recordFileWriters(input)) files.set(name, renderContent(writer).toString('utf8'));
  return files;
}

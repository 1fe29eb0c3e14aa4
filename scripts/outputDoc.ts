/**
 * docs/output.md, the output contract as the repository states it: the prose below, and every
 * field table generated from the Zod schemas in schemas/. `npm run schemas` writes it; a test
 * fails while the committed file differs from what this returns.
 */
import type { z } from 'zod';
import { DATASETS, FINDINGS_SHEET, REVIEW_SHEET, type DatasetSchema } from '../schemas/index.js';
import { AnnexInfo, NoticeJson, PipelineInfo } from '../schemas/notice.js';
import { FindingRow, MatchingJson, ReportJson } from '../schemas/report.js';
import { exitCodeRows } from '../src/cli/exitCodes.js';
import { FINDING_CODES, type FindingCode, RENAMED_CODES, templateOf } from '../src/findings/codes.js';
import { FINDING_DESCRIPTIONS } from '../src/findings/descriptions.js';
import { fieldsOf } from '../src/emit/fields.js';
import { ALL_RULES, TEXT_RULES } from '../src/normalize/rules.js';
import { corpusTables, NOTICE_KEYS, PARTITION_KEYS } from '../src/corpus/columns.js';
import {
  CitationChange,
  DiffCsvRow,
  DiffJson,
  DiffNotice,
  DiffSummary,
  IndicatorChange,
  MoneyChange,
  TargetTableChange,
} from '../schemas/diff.js';

/** Every finding code with its severity, message, meaning and action, then the codes renamed since contract 2. */
function findingCatalogue(): string {
  const codes = Object.entries(FINDING_CODES).map(([code, c]) => {
    const d = FINDING_DESCRIPTIONS[code as keyof typeof FINDING_CODES];
    return `| \`${code}\` | ${c.severity} | ${cell(templateOf(code as FindingCode))} | ${cell(d.meaning)} | ${cell(d.action)} |`;
  });
  const renamed = Object.entries(RENAMED_CODES).map(([from, to]) => `| \`${from}\` | \`${to}\` |`);
  return [
    '## Finding codes',
    '',
    'Every code a report may hold (`src/findings/codes.ts`), with its default severity and message; `{…}` is filled',
    "from the finding. A code's prefix is the stage that reports it. What it means and what the reader does come from",
    '`src/findings/descriptions.ts`; every code is produced by some test or fixture (a full test run fails otherwise).',
    '',
    '| code | severity | message | meaning | action |',
    '|---|---|---|---|---|',
    ...codes,
    '',
    'Renamed in contract 3 (the prefix was the annex, not the stage); the old codes are no longer written:',
    '',
    '| contract 2 | contract 3 |',
    '|---|---|',
    ...renamed,
  ].join('\n');
}

/** The text normalization rules, from the one declaration in src/normalize/rules.ts, in the order they run. */
function repairRules(): string {
  const rows = ALL_RULES.map((name) => {
    const rule = TEXT_RULES[name];
    return `| \`${name}\` | ${cell(rule.repairs)} | ${code(rule.before)} | ${code(rule.after)} |`;
  });
  return [
    '## Repair rules',
    '',
    "The text normalization rules (`src/normalize/rules.ts`), in the order they run; report.json's `repairs` counts",
    'each under its id, once per text it changed. Other keys of `repairs` count repairs the stages make as they read',
    '(joined title lines, split code cells, amounts read with their separators).',
    '',
    '| rule | repairs | before | after |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

/** Text as a markdown code span: white space shown (a line break as ⏎), pipes escaped. */
function code(text: string): string {
  const shown = text.replace(/\n/g, '⏎').replace(/\|/g, '\\|');
  return shown.includes('`') ? `\`\` ${shown} \`\`` : `\`${shown}\``;
}

/** The exit-code table, from the one declaration in src/cli/exitCodes.ts. */
function exitTable(): string {
  return [
    '| exit code | meaning |',
    '|---|---|',
    ...exitCodeRows().map((e) => `| ${e.code} | ${cell(e.meaning)} |`),
  ].join('\n');
}

/** A markdown table cell: pipes escaped, line breaks as spaces. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** The field table of a record schema: name, Chinese title, type, unit, description. */
export function fieldTable(record: z.ZodObject): string {
  const rows = fieldsOf(record).map(
    (f) => `| \`${f.name}\` | ${cell(f.title)} | ${cell(f.type)} | ${f.unit} | ${cell(f.description)} |`,
  );
  return ['| field | 标题 | type | unit | notes |', '|---|---|---|---|---|', ...rows].join('\n');
}

function keys(d: DatasetSchema): string {
  const lines = [];
  if (d.primaryKey.length > 0) lines.push(`Primary key: ${d.primaryKey.map((k) => `\`${k}\``).join(' + ')}.`);
  for (const fk of d.foreignKeys ?? [])
    lines.push(
      `Foreign key: \`${fk.fields.join(', ')}\` → \`${fk.reference.resource}.${fk.reference.fields.join(', ')}\`.`,
    );
  return lines.join(' ');
}

function datasetSection(d: DatasetSchema, files: string): string {
  return [
    `### \`${d.name}\` — ${d.title}`,
    '',
    `${files}${d.description ? ` ${d.description}` : ''} ${keys(d)}`.trim(),
    '',
    fieldTable(d.record),
  ].join('\n');
}

/** The whole of docs/output.md. */
export function outputDoc(): string {
  const datasets = DATASETS.map((d) =>
    datasetSection(
      d,
      `\`${d.name}.json\` (schema \`${d.name}@${d.major}\`) and \`${d.name}.csv\`, sheet ${d.title} of the workbook.`,
    ),
  );
  return `${[
    HEAD,
    '## Datasets',
    '',
    'One section per dataset; the tables are generated from the Zod schemas in `schemas/` (`npm run schemas`).',
    'The JSON Schema of each JSON file is in `schemas/json/`.',
    '',
    datasets.join('\n\n'),
    '',
    '## Worksheets',
    '',
    datasetSection(REVIEW_SHEET, '`review.csv`.'),
    '',
    datasetSection(FINDINGS_SHEET, '`findings.csv`.'),
    '',
    '## `notice.json`',
    '',
    'Schema: `schemas/json/notice.schema.json`.',
    '',
    fieldTable(NoticeJson),
    '',
    '`annexes[]`:',
    '',
    fieldTable(AnnexInfo),
    '',
    '`pipeline` (also in report.json):',
    '',
    fieldTable(PipelineInfo),
    '',
    '## `report.json`',
    '',
    'Schema: `schemas/json/report.schema.json`. `findings` holds the same rows as `findings.csv`, in the same order.',
    '',
    fieldTable(ReportJson),
    '',
    '`findings[]`:',
    '',
    fieldTable(FindingRow),
    '',
    '`matching`:',
    '',
    fieldTable(MatchingJson),
    '',
    repairRules(),
    '',
    findingCatalogue(),
    '',
    corpusSection(),
    '',
    diffSection(),
  ].join('\n')}\n`;
}

/** The corpus: its layout and every table's columns with their SQL types, derived from the schemas. */
function corpusSection(): string {
  const tables = corpusTables().map((t) => {
    const rows = t.columns.map((c) => `| \`${c.name}\` | ${cell(c.title)} | \`${c.type}\` |`);
    return [`### \`${t.name}\``, '', '| column | 标题 | type |', '|---|---|---|', ...rows].join('\n');
  });
  return [
    '## Corpus (`notice-extract corpus DIR… --to CORPUS`)',
    '',
    '`CORPUS/corpus.duckdb` (DuckDB) holds one table per dataset, `notices` (one row per notice), and the view',
    "`findings` (every notice's report.json findings, plus the corpus's own `corpus/*` findings: a notice in",
    'two folders, an id taken, a title naming no fund, no budget year, a decimal stored rounded).',
    `Every row carries its notice's keys (${NOTICE_KEYS.map((k) => `\`${k}\``).join(', ')}); a record field named like`,
    "a key takes its dataset's prefix (`targets.target_budget_year`, `citations.cited_doc_number`,",
    '`citations.cited_issuer`). Column types come from the schemas: amounts in 元 `DECIMAL(18,2)`, other',
    'decimal strings `DECIMAL(38,10)`, dates `DATE`, years and counts `INTEGER`, booleans `BOOLEAN`, lists',
    '`VARCHAR[]`, codes and text `VARCHAR`; an empty string in a typed column is `NULL`.',
    '',
    'Parquet, one file per notice and table, Hive-partitioned:',
    '`CORPUS/<table>/family=<family>/budget_year=<year>/<notice_id>.parquet` (an id that is not one plain',
    'file name becomes `notice-<hash>.parquet`; a notice without a budget year goes to',
    '`budget_year=__HIVE_DEFAULT_PARTITION__`). The partition columns',
    `(${PARTITION_KEYS.map((k) => `\`${k}\``).join(', ')}) are in the folder names, not in the files.`,
    '',
    ...tables.flatMap((t) => [t, '']),
  ].join('\n');
}

/** diff.json, diff.csv and diff.html. */
function diffSection(): string {
  return [
    '## `diff.json`, `diff.csv`, `diff.html` (`notice-extract diff OLD NEW`)',
    '',
    'Schema: `schemas/json/diff.schema.json` (`diff@1`). `diff.csv` lists every change of diff.json as one row;',
    '`diff.html` is one self-contained page (no script, no network) with a chart of the largest money changes.',
    '',
    fieldTable(DiffJson),
    '',
    '`old`, `new`:',
    '',
    fieldTable(DiffNotice),
    '',
    '`summary`:',
    '',
    fieldTable(DiffSummary),
    '',
    '`money[]`:',
    '',
    fieldTable(MoneyChange),
    '',
    '`target_tables[]`:',
    '',
    fieldTable(TargetTableChange),
    '',
    '`indicators[]`:',
    '',
    fieldTable(IndicatorChange),
    '',
    '`citations[]`:',
    '',
    fieldTable(CitationChange),
    '',
    '`diff.csv`:',
    '',
    fieldTable(DiffCsvRow),
  ].join('\n');
}

const HEAD = `# Output of \`notice-extract\`

What users and downstream systems rely on (output contract version 3.2). Generated by \`npm run schemas\`
from \`scripts/outputDoc.ts\` and the Zod schemas; do not edit by hand.

Changes from contract 3.1 to 3.2 (every file and field of 3.1 is kept; records of notices 3.1 read are as before):
- \`money/unit-defaulted\` is a warning (was info): a table read in the family's default unit may be 10,000x off;
- \`value_raw\` of an indicator whose table writes 指标性质 | 指标值 | 度量单位 in columns of their own holds the three
  joined (\`≥35公里\`), its comparator, figure and unit read from them (repair \`value-columns-joined\`);
- a recipient the allocation tables name without a code (省直单位) is joined by its whole name: its details and
  targets carry \`recipient_code\` '' and \`recipient_match\` \`exact\` (or alias/fuzzy), and are reconciled;
- an amount cell of a nil mark (—, －, -, /) is 0 with \`amount_raw\` kept; a 6-digit region code is read with
  \`000\` appended (\`allocations/code-lengthened\`);
- \`diff.csv\` has no byte order mark unless \`diff --bom\`, as every other CSV (3.1 wrote one always);
- \`extract\` refuses, exit 2 with one line, a notice whose output folder is or holds one of its inputs;
- new finding codes: \`files/annex-duplicate\`, \`files/annex-format-unread\`, \`files/annex-in-body\`,
  \`files/link-not-followed\`, \`files/page-charset-ignored\`, \`files/page-disclosure-table\`,
  \`files/page-disclosure-differs\`, \`grid/column-chosen\`, \`grid/column-choice-unclear\`, \`grid/row-continued\`,
  \`grid/other-table\`, \`grid/other-table-row\`, \`money/amount-nil\`, \`allocations/code-lengthened\`, \`details/group-row-by-sum\`, \`details/name-in-group\`,
  \`details/item-joined-to-group\`, \`details/subtotals-below-items\`, \`reconcile/subtotals-after-items\`,
  \`reconcile/subtotal-layout-ambiguous\`, \`reconcile/overall-target\`, \`reconcile/overall-target-mismatch\`,
  \`reconcile/recipient-missing-nil\` (each described in the table of codes below).

Changes from contract 3 to 3.1 (every file and field of 3 is kept; what a reader of 3 reads is unchanged):
- report.html lists at most 2,000 rows in each table (the money table's disagreeing recipients first) and 200
  findings in each group, with a line saying how many there are and which file holds them all; counts, totals
  and the chart still cover every row;
- a \`reconcile/detail-vs-allocation\` or \`reconcile/targets-vs-allocation\` message names at most the first ten
  lines of each side, then how many there are (\`12、15、…（共 4300 行）\`);
- the datasets, datapackage.json and the workbook are written piece by piece; their bytes are as before.

Changes from contract 2 to 3:
- finding codes take the prefix of the stage that reports them (the table of renamed codes ends this page);
  \`reconcile/targets-vs-detail\` and \`grid/row-long\`, which nothing could produce, are gone;
- every dataset record ends with \`source_file\` and \`source_ref\` (where a notice given as several files
  read it from); details, indicators and citations gain \`recipient_match\` (how the record was joined to its
  recipient, \`code\` first);
- notice.json gains \`issuers\`, \`printed_date\` (the 印发 date), \`income_subject_code\`/\`_name\` and
  \`attachment_file_exts\`; \`issued_date\` is the 成文日期 under the signature, else the 印发 date with a finding;
- CSV files are written without a byte order mark unless \`--bom\` (declared \`utf-8-sig\` then);
  datapackage.json types integers as \`integer\` and declares the schemas' enumerations and patterns;
- exit code 73: \`--out\` cannot be created or written; 70 is documented;
- new outputs: the corpus (\`notice-extract corpus\`) and \`diff.json\`/\`diff.csv\`/\`diff.html\`.

## Command line

\`\`\`
npx notice-extract extract [--out DIR] [--strict] [--bom] [--jobs N] [--force] [--allow-partial] FILE_OR_DIR...
npx notice-extract review accept REVIEW.csv
npm run extract        # every notice under raw/ into out/
\`\`\`

${exitTable()}

stderr: each notice's summary as soon as it is done (records per dataset, findings per severity,
what matching resolved and what awaits review, its first errors); a notice skipped as unchanged
repeats the summary stored in its report.json; at the end one batch line: notices, extracted,
skipped, failed, errors, warnings, rows awaiting review.

An input is a Markdown file, or a **notice folder** as the department publishes a notice: one body (a
saved web page \`.html\`/\`.htm\`, \`.md\` or \`.txt\` not named \`附件…\`) and its annex files (\`.xlsx\`,
\`.xls\`, \`.docx\`, \`.doc\`, \`.csv\`, \`.md\`), its notice id the folder's name. A folder is a notice folder
when it holds a page, a spreadsheet, a Word or CSV file, or a file named \`附件…\`; any other folder is a
batch, each of its Markdown files and notice folders one notice. A notice folder with no body or several
is refused (exit 2) with one line naming them. Annex files are matched to the body's list of attachments
by the label in the name (\`附件1…\`), the name as a title, or the file's first title row; \`.xls\`/\`.doc\`
are converted with LibreOffice (\`soffice\`), and without it the notice fails with one line naming the
file and the package to install. \`input_sha256\` of a folder is the hash of its manifest (each file's
name and sha256, one line each in name order).

An input that fails leaves nothing behind in \`DIR/<notice-id>/\` (the folder is written beside its
target and renamed into place). Same input, options and registries give byte-identical files.

## Files in \`DIR/<notice-id>/\`

| file | what |
|---|---|
| \`allocations.{json,csv}\` | one record per row of every allocation table, totals included |
| \`details.{json,csv}\` | one record per row of every detail table, totals included |
| \`targets.{json,csv}\` | one record per performance-target table |
| \`indicators.{json,csv}\` | one record per indicator row of a target table |
| \`citations.{json,csv}\` | one record per document cited in a target table's 政策依据 cell |
| \`notice.json\` | document metadata, the annexes as located, how the folder was made |
| \`report.json\`, \`findings.csv\` | the findings, as JSON (with counts, repairs, matching) and as a sheet |
| \`review.csv\` | the review worksheet: what matching could not settle |
| \`<notice-id>.xlsx\` | the analysts' workbook: a 说明 sheet and one sheet per dataset |
| \`datapackage.json\` | Frictionless Data Package describing every CSV |

A kind of annex the notice does not have gives an empty dataset (header only), never a missing file.

## Formats

- **JSON**: \`{"schema": "<name>@<major>", "notice_id": "…", "records": […]}\`; keys in schema order,
  two-space indent, final newline. Money and figures are decimal strings, never floats.
- **CSV**: RFC 4180 (comma, CRLF, quotes doubled), header = field names in schema order, UTF-8
  without a BOM (datapackage.json declares \`"encoding": "utf-8"\`); with \`--bom\` each file starts
  with one, for Excel, and datapackage.json declares \`"encoding": "utf-8-sig"\`. Booleans
  \`true\`/\`false\`, lists joined with \`;\`, missing values empty. Only free-text columns (a string the
  schema does not constrain by enumeration, pattern or format) are guarded against formula injection:
  a cell starting with \`=\`, \`+\`, \`-\`, \`@\`, tab or CR gets a leading \`'\`. Code, number, enumeration and boolean
  columns are written exactly as in JSON.
- **Workbook**: sheet 说明 (the notice's metadata, units, record counts, findings per code, matching,
  and every column title with its field name), then one sheet per dataset titled in Chinese with the
  column titles below. Money (fields with a unit) is stored as numbers shown \`#,##0.00\`; every text
  column (codes such as 预算代码 and 序号 included) is text, format \`@\`, all digits kept; booleans
  are 是/否; multi-line text wraps, rows as tall as their text; header frozen, autofilter on; every
  sheet prints A4 landscape, fitted to the page width, the header row repeated on each page. Opens
  in Excel and LibreOffice without an import dialog. Its dates are the notice's date, so it is
  byte-identical across runs.
- **datapackage.json**: one resource per CSV with Chinese titles, Table Schema types (\`integer\`,
  \`number\` for decimal strings, \`boolean\`, \`string\`) and constraints derived from the Zod schemas
  (\`required\` when a field allows neither null nor empty, \`enum\`, \`pattern\`,
  \`minimum\`/\`maximum\`), \`bytes\` and \`sha256\`, the primary key where it holds and every foreign key
  that holds in the notice; a key that does not hold is left out and reported (\`validate/primary-key-not-unique\`, \`validate/foreign-key-not-held\`).

\`recipient_code\` (the 9-digit fiscal code from the allocation table) is the join key across kinds.
`;

import type { Severity } from '../../schemas/report.js';

/**
 * The one table of finding codes: each code is `<stage>/<kebab-name>` with its default severity
 * and a message template. `{name}` placeholders are filled from the finding's params. A template too long for one
 * source line is a list of pieces, joined without separator (a placeholder never spans two pieces).
 */
export const FINDING_CODES = {
  'read/bom-stripped': { severity: 'info', template: 'a UTF-8 byte order mark was removed' },
  'read/crlf-normalized': { severity: 'info', template: '{count} CRLF line endings read as LF' },
  'read/decoded-gb18030': { severity: 'warning', template: 'input was not UTF-8; decoded as GB18030' },

  'files/sheet-hidden': {
    severity: 'warning',
    template: '{file}: sheet "{actual}" is hidden ({rows} rows); it is no part of the printed annex and is not read',
  },
  'files/rows-hidden': {
    severity: 'warning',
    template: '{file}: {count} hidden rows ({actual}) are no part of the printed annex and are not read',
  },
  'files/columns-hidden': {
    severity: 'warning',
    template: '{file}: {count} hidden columns ({actual}) are no part of the printed annex and are not read',
  },
  'files/formula-without-value': {
    severity: 'warning',
    template: [
      '{file}: formula cell {actual} has no stored value; read as empty (open and save the file in a ',
      'spreadsheet program to store it)',
    ],
  },
  'files/cell-error': { severity: 'warning', template: '{file}: cell {actual} holds an error value; read as empty' },
  'files/number-format-differs': {
    severity: 'warning',
    template: '{file}: cell {actual} (as shown) hides the stored number {expected}; the stored number is read',
  },
  'files/converted': {
    severity: 'info',
    template: '{file}: legacy {format} file converted with LibreOffice ({actual}) before reading',
  },
  'files/page-chrome-left-out': {
    severity: 'info',
    template:
      '{file}: {count} lines of the page around the article left out (site navigation, links, footer): {actual}',
  },
  'files/page-article-unfound': {
    severity: 'warning',
    template: [
      "{file}: no element of the page holds the notice's document number, title or addressees; the whole ",
      'page text is read',
    ],
  },
  'files/page-charset': { severity: 'info', template: '{file}: page decoded as {actual}, the charset it declares' },
  'files/annex-unlisted': {
    severity: 'warning',
    template: '{file}: annex file matches no attachment the body lists ({expected}); read as 附件{actual}',
  },
  'files/annex-file-missing': {
    severity: 'warning',
    template: 'the body lists 附件{actual} "{expected}", but the notice folder holds no file for it',
  },
  'files/annex-matched': { severity: 'info', template: '{file}: read as 附件{actual} "{expected}", matched by {by}' },
  'files/file-ignored': {
    severity: 'warning',
    template: '{file}: not a notice body or annex format (.html .htm .md .txt .xlsx .xls .docx .doc .csv); not read',
  },
  'files/text-decoded-gb18030': { severity: 'warning', template: '{file}: not UTF-8; decoded as GB18030' },
  'files/number-float-noise': {
    severity: 'info',
    template: [
      '{file}: {count} stored numbers carry binary noise past 15 digits; read as Excel shows them ',
      '(first at {ref}: {actual} read as {expected})',
    ],
  },
  'files/annex-format-unread': {
    severity: 'warning',
    template: '{file}: an annex as {actual} is not read (only .xlsx .xls .docx .doc .csv .md); its tables are missing',
  },
  'files/link-not-followed': {
    severity: 'warning',
    template: '{file}: a symbolic link to {actual}, not to a file; not read',
  },
  'files/annex-duplicate': {
    severity: 'warning',
    template: '{file}: the same bytes as {actual}, a second copy (a repeated download); read once, as {actual}',
  },
  'files/page-charset-ignored': {
    severity: 'warning',
    template: '{file}: the page declares charset {actual}, but its bytes are UTF-8; read as UTF-8',
  },
  'files/page-disclosure-table': {
    severity: 'info',
    template: "{file}: the page's 政府信息公开 table ({count} fields: {actual}) is page chrome, not the notice's body",
  },
  'files/page-disclosure-differs': {
    severity: 'warning',
    template:
      "{file}: the page's 政府信息公开 table gives 文号 {actual}, the article {expected}; the article's is read",
  },
  'files/annex-in-body': {
    severity: 'info',
    template: '{file}: 附件{actual} "{expected}" is read from the body itself, under its marker line; it has no file',
  },

  'locate/annex-missing': {
    severity: 'error',
    template: 'no annex of the required kind "{annex}" found (titles: {expected})',
  },
  'locate/annex-listed-missing': {
    severity: 'warning',
    template: 'the body lists 附件{annex} "{actual}", but no such annex was found: the notice may be cut off',
  },
  'locate/annex-absent': {
    severity: 'info',
    template: 'the notice has no annex of the optional kind "{annex}" (titles: {expected})',
  },
  'locate/annex-marker-form': {
    severity: 'info',
    template: 'annex marker "{actual}" written as a {form} line, not a heading',
  },
  'locate/annex-kind-from-content': {
    severity: 'info',
    template: 'annex title "{actual}" names no kind; classified as {expected} by its content',
  },
  'locate/annex-unclassified': {
    severity: 'error',
    template: [
      'annex "{actual}" is of no known kind: neither its title nor its header names one; its {rows} table ',
      'rows are not extracted',
    ],
  },
  'locate/table-unclosed': {
    severity: 'warning',
    template: [
      '<table> at line {line} is never closed: read as a table up to line {expected}, its last line of table ',
      'markup; the lines after it are read as usual',
    ],
  },
  'locate/table-nested-too-deep': {
    severity: 'error',
    template: '<table> at line {line} nests tables {actual} deep (at most {expected}): its rows are not read',
  },
  'locate/closing-block': {
    severity: 'info',
    template: 'the closing block (版记) from "{actual}" on holds a table: it is no part of the last annex',
  },
  'locate/annex-text-only': {
    severity: 'warning',
    template: 'annex "{actual}" holds no table and its title names no kind of the family: its text is not extracted',
  },
  'locate/title-from-line': {
    severity: 'info',
    template: 'no heading holds the title; the plain line "{actual}" reads as it',
  },
  'locate/metadata-missing': { severity: 'warning', template: 'notice {field} not found' },
  'locate/issued-date-fallback': {
    severity: 'warning',
    template: 'no date under the signature (成文日期): issued_date is taken from the {source} "{actual}"',
  },
  'locate/issuers-from-signature': {
    severity: 'info',
    template: 'neither title nor masthead names the issuer: the organs "{actual}" are read from the signature',
  },
  'locate/signature-issuers-differ': {
    severity: 'warning',
    template: 'the signature names "{actual}", the title "{expected}": the issuers are kept as the title names them',
  },
  'locate/doc-number-from-attachments': {
    severity: 'info',
    template: 'no masthead line holds the document number: it is read from "{actual}" before the list of attachments',
  },

  'grid/repeated-header-dropped': { severity: 'info', template: 'repeated header row dropped at line {line}' },
  'grid/header-missing': { severity: 'error', template: 'no header row recognised in {annex}' },
  'grid/row-before-header': {
    severity: 'warning',
    template: 'row "{actual}" stands before the header and is left out',
  },
  'grid/header-column-unknown': { severity: 'warning', template: 'header cell "{actual}" maps to no column role' },
  'grid/column-missing': { severity: 'error', template: 'required column "{expected}" not found in the header' },
  'grid/row-short': {
    severity: 'warning',
    template: 'row has {actual} cells, header has {expected}; missing cells read as empty',
  },
  'grid/title-row': {
    severity: 'info',
    template: 'row "{actual}" before the header reads as a title and is no record',
  },
  'grid/other-table': {
    severity: 'warning',
    template: 'row "{actual}" is the header of another table (not {expected}): the rows under it are not read',
  },
  'grid/other-table-row': {
    severity: 'info',
    template: 'row "{actual}" belongs to another table in the annex, under another header; no record',
  },
  'grid/row-continued': {
    severity: 'warning',
    template: 'row "{actual}" after a repeated header continues the row at {expected}, cut by the page break',
  },
  'grid/title-row-dropped': {
    severity: 'info',
    template: 'row "{actual}" inside the table reads as a title, running header or page number; no record',
  },
  'grid/header-joined': { severity: 'info', template: 'header split over two rows read as one: {actual}' },
  'grid/header-cell-split': {
    severity: 'info',
    template:
      'header cell "{actual}" names several columns: read as one column each, the cells under it split by content',
  },
  'grid/header-grouped': {
    severity: 'info',
    template: [
      "header cell over the columns of its parts ({actual}): each row's cells under it read as one, joined ",
      'with a space',
    ],
  },
  'grid/column-chosen': {
    severity: 'info',
    template: 'several header cells name the {role} column: "{actual}" is read, as {why}; {expected} left unread',
  },
  'grid/column-choice-unclear': {
    severity: 'warning',
    template: [
      'several header cells name the {role} column and no header tells which one to read: the first, "{actual}", ',
      'is read; {expected} left unread',
    ],
  },
  'grid/row-aligned': { severity: 'info', template: 'row "{actual}" aligned with the header by content: {expected}' },
  'grid/row-unaligned': {
    severity: 'error',
    template: 'row "{actual}" cannot be aligned with the header ({expected}): {why}; the row is left out',
  },

  'money/amount-invalid': { severity: 'error', template: 'amount "{actual}" is not a number; the row is left out' },
  'money/unit-conflict': {
    severity: 'error',
    template: 'header unit {actual} contradicts the stated unit {expected}; the stated unit is used',
  },
  'money/unit-defaulted': { severity: 'warning', template: 'no unit stated; the family default {expected} is used' },
  'money/amount-repaired': { severity: 'info', template: 'amount "{actual}" read as {expected}' },
  'money/amount-nil': { severity: 'info', template: 'amount "{actual}" is a nil mark (a dash or a slash): read as 0' },
  'money/amount-scale': { severity: 'warning', template: 'amount "{actual}" has more than 2 decimals' },
  'money/row-without-amount': { severity: 'warning', template: 'row "{actual}" has no amount and is left out' },
  'allocations/code-invalid': { severity: 'warning', template: 'code "{actual}" is not 9 digits; left empty' },
  'allocations/code-lengthened': {
    severity: 'info',
    template: 'code "{actual}" is written short (a GB/T 2260 code): read as the 9-digit {expected}',
  },
  'allocations/code-mismatch': {
    severity: 'warning',
    template: 'code in "{actual}" differs from region code {expected}',
  },
  'allocations/flag-invalid': { severity: 'warning', template: 'yes/no cell "{actual}" is neither 是 nor 否' },
  'details/item-opens-group': {
    severity: 'info',
    template: [
      'item "{actual}" carries a 序号 of its own and no subtotal row stands above it: read as a group by ',
      'itself, city {expected}',
    ],
  },
  'details/group-row-by-sum': {
    severity: 'info',
    template: [
      'row "{actual}" names a place and its amount is the sum of the rows below it that have no 序号 of their own: ',
      "read as their group's subtotal",
    ],
  },
  'details/name-in-group': {
    severity: 'info',
    template: 'item "{actual}" joins no recipient as written; read under its group\'s city {city}: {expected}',
  },
  'details/item-joined-to-group': {
    severity: 'warning',
    template: [
      'item "{actual}" joins no recipient of the allocation tables, as written or under its city: counted under its ',
      "group's recipient {expected}",
    ],
  },
  'details/subtotals-below-items': {
    severity: 'info',
    template: [
      'the subtotals of this table follow their items (more runs of rows close with one than open with one): ',
      'each item takes its 序号, 预算代码 and city from the subtotal below it',
    ],
  },
  'details/subtotal-unnamed': {
    severity: 'warning',
    template: 'subtotal row "{actual}" names no city: the city of its items is left empty',
  },
  'details/group-mismatch': {
    severity: 'error',
    template: [
      'item "{actual}" does not belong to the group above it ({expected}); its seq, budget code and city are ',
      'left empty',
    ],
  },
  'details/group-missing': { severity: 'error', template: 'item row before any subtotal row' },
  'money/empty-annex': { severity: 'error', template: '{annex} has no data rows' },

  'targets/tables-missing': {
    severity: 'error',
    template: 'no performance-target table found in Annex 3 (no heading matches /{expected}/)',
  },
  'targets/title-without-table': {
    severity: 'info',
    template: 'title "{actual}" is followed by another title before any table row; it opens no table',
  },
  'targets/row-outside-table': {
    severity: 'warning',
    template: 'table row "{actual}" comes before the first target table and is ignored',
  },
  'targets/cell-lines-paired': {
    severity: 'warning',
    template: [
      'name and value cells hold {lines} lines each ({actual}): several indicators written in one row? read ',
      'as one indicator',
    ],
  },
  'targets/value-several': {
    severity: 'warning',
    template: 'value cell states several figures ({actual}): only the first is parsed',
  },
  'targets/metadata-label-unknown': {
    severity: 'warning',
    template: [
      'row "{actual}" stands among the target\'s metadata, above the indicator header, but its label names ',
      'no field (family.json metadataLabels): left out',
    ],
  },
  'targets/header-column-unnamed': {
    severity: 'info',
    template: 'indicator header cell "{actual}" names no column of the family; its cells are not read',
  },
  'targets/header-word-guessed': {
    severity: 'info',
    template: 'indicator header cell "{actual}" read as {expected}, the header word it contains',
  },
  'targets/unnamed-column-cell': {
    severity: 'warning',
    template: 'cell "{actual}" stands under the header "{expected}", a column the family does not name; not read',
  },
  'targets/fund-demand-unit-from-label': {
    severity: 'info',
    template: '资金需求 "{actual}" read in {expected}, the unit its label states',
  },
  'targets/fund-demand-unit-conflict': {
    severity: 'warning',
    template: '资金需求 "{actual}" states a unit other than its label\'s {expected}; the cell\'s own unit is used',
  },
  'targets/metadata-missing': { severity: 'warning', template: 'target table has no {actual}; left empty' },
  'targets/metadata-repeated': {
    severity: 'warning',
    template: 'repeated "{actual}" row with {same} text dropped; the one at line {expected} is kept',
  },
  'targets/budget-year-invalid': { severity: 'warning', template: 'budget year "{actual}" is not a year; left empty' },
  'targets/fund-demand-invalid': { severity: 'error', template: '资金需求 "{actual}" is not an amount; left empty' },
  'targets/indicators-missing': { severity: 'warning', template: 'target table has no indicator rows' },
  'targets/level-conflict': {
    severity: 'warning',
    template: 'level labels "{actual}" contradict each other; kept {expected}, the label nearest the name',
  },
  'targets/level-after-conflict': {
    severity: 'warning',
    template: 'indicator "{actual}" names no level; it inherits {expected} from the conflicting row at line {other}',
  },
  'targets/level-missing': {
    severity: 'warning',
    template: 'indicator "{actual}" has no level: no label in its row or above it',
  },
  'targets/level-label-truncated': {
    severity: 'info',
    template: 'cell "{actual}" read as the level label {expected}, cut short',
  },
  'targets/level-label-fragment-ignored': {
    severity: 'warning',
    template: 'cell "{actual}" starts {expected}; read as a label cut short, but it gives no level',
  },
  'targets/value-missing': { severity: 'warning', template: 'indicator "{actual}" has no value' },
  'targets/value-unit-unlisted': {
    severity: 'info',
    template: [
      'unit "{actual}" of value "{expected}" is not among the family\'s units (family.json valueUnits): kept ',
      'whole, as written',
    ],
  },
  'targets/value-equals-name': { severity: 'warning', template: 'indicator "{actual}" has its name as its value' },
  'targets/indicator-extra-cells': {
    severity: 'warning',
    template: 'indicator row "{actual}" has cells after its value; read as "{expected}"',
  },
  'indicators/level-from-registry': {
    severity: 'info',
    template: [
      'indicator "{actual}" names no level of its own; it takes {expected} from the indicator registry ',
      'instead of {carried} carried down',
    ],
  },
  'indicators/fuzzy': {
    severity: 'info',
    template: [
      'indicator "{actual}" at line {line} read as the standard indicator {expected} by similarity {score}; ',
      'listed in review.csv',
    ],
  },
  'indicators/rejected': {
    severity: 'info',
    template: 'indicator "{actual}" at line {line} was ruled out by a reviewer: {expected}',
  },
  'citations/rejected': {
    severity: 'info',
    template: 'citation "{actual}" was ruled out by a reviewer: {expected}; {places}',
  },
  'citations/unmatched': {
    severity: 'warning',
    template: 'citation "{actual}" matches no registered policy (nearest: {expected}); {places}; listed in review.csv',
  },
  'citations/fuzzy': {
    severity: 'info',
    template: 'citation "{actual}" read as {expected} by similarity {score}; {places}; listed in review.csv',
  },
  'citations/doc-number-conflict': {
    severity: 'warning',
    template: 'citation of {policy} gives the number {actual}, but {why}; {places}',
  },
  'citations/doc-number-incomplete': {
    severity: 'warning',
    template: 'citation "{actual}" gives a document number without its serial; doc_number left empty; {places}',
  },

  'join/bureau-unlisted': {
    severity: 'info',
    template: [
      'department "{actual}" joined to {expected} by its place; its bureau "{bureau}" is not in the ',
      "family's list (localDepartments.bureaus)",
    ],
  },
  'join/recipient-alias': { severity: 'info', template: 'recipient "{actual}" joined to {expected} by alias' },
  'join/recipient-fuzzy': { severity: 'warning', template: 'recipient "{actual}" joined to {expected} by similarity' },
  'join/recipient-unmatched': {
    severity: 'warning',
    template: 'recipient "{actual}" matches no recipient of the allocation tables',
  },
  'join/code-unknown': {
    severity: 'warning',
    template: [
      'department "{actual}" states the code {code}, which no recipient of the allocation tables has; joined ',
      'by its name',
    ],
  },
  'join/recipient-ambiguous': {
    severity: 'warning',
    template: 'recipient "{actual}" matches several recipients of the allocation tables: {expected}',
  },

  'reconcile/subtotal-mismatch': {
    severity: 'error',
    template: 'subtotal {label} is {actual}, its items add up to {expected}',
  },
  'reconcile/section-mismatch': {
    severity: 'error',
    template: 'section total {label} is {actual}, its items add up to {expected}',
  },
  'reconcile/total-mismatch': {
    severity: 'error',
    template: 'grand total is {actual}, the items add up to {expected}',
  },
  'reconcile/total-vs-sections': {
    severity: 'error',
    template: 'grand total is {actual}, the section totals add up to {expected}',
  },
  'reconcile/total-vs-subtotals': {
    severity: 'error',
    template: 'grand total is {actual}, the subtotals add up to {expected}',
  },
  'reconcile/detail-vs-allocation': {
    severity: 'error',
    template: [
      'recipient {recipient}: the detail tables give {actual} (lines {lines}), the allocation tables ',
      '{expected} (lines {other})',
    ],
  },
  'reconcile/targets-vs-allocation': {
    severity: 'error',
    template: [
      "recipient {recipient}: the target tables' 资金需求 is {actual} (lines {lines}), the allocation tables ",
      'give {expected} (lines {other})',
    ],
  },
  'reconcile/recipient-missing': {
    severity: 'error',
    template: 'recipient {recipient} "{actual}" of the {from} tables (line {line}) has no row in the {kind} tables',
  },
  'reconcile/recipient-missing-nil': {
    severity: 'info',
    template: [
      'recipient {recipient} "{actual}" is given 0 in the {from} tables (line {line}) ',
      'and has no row in the {kind} tables',
    ],
  },
  'reconcile/stated-total-mismatch': {
    severity: 'error',
    template: 'the {kind} tables total {actual}, the body states {expected} ("{stated}" at line {statedLine})',
  },
  'reconcile/overall-target': {
    severity: 'info',
    template: [
      'the one target table names no recipient ("{actual}") and the allocation tables name several: read as the ',
      "whole fund's table, its 资金需求 compared with their total",
    ],
  },
  'reconcile/overall-target-mismatch': {
    severity: 'error',
    template:
      "the whole fund's target table's 资金需求 is {actual}, the allocation tables total {expected} (line {other})",
  },
  'reconcile/budget-year-mismatch': {
    severity: 'warning',
    template: "budget year {actual} differs from the notice's {expected}",
  },
  'reconcile/region-code-unknown': {
    severity: 'warning',
    template: 'region code {actual} is no GB/T 2260 city or county',
  },
  'reconcile/region-name-mismatch': { severity: 'warning', template: 'region {actual} is {expected} in GB/T 2260' },
  'reconcile/subtotals-after-items': {
    severity: 'info',
    template: 'the subtotals of this table follow their items ({actual}); each is checked against the items above it',
  },
  'reconcile/subtotal-layout-ambiguous': {
    severity: 'warning',
    template: [
      'the table does not show whether its subtotals precede or follow their items ({actual}); ',
      'no subtotal is checked against its items',
    ],
  },

  'validate/primary-key-not-unique': {
    severity: 'warning',
    template: '{dataset}: records share the key {actual}; datapackage.json declares no primary key for it',
  },
  'validate/row-unaccounted': { severity: 'error', template: 'row "{actual}" gave no record and no finding says why' },
  'validate/foreign-key-not-held': {
    severity: 'warning',
    template:
      '{dataset}: record with {actual} has no match in {resource}; datapackage.json declares no such foreign key',
  },
  'validate/schema': { severity: 'error', template: '{annex} record at line {line} fails its schema: {actual}' },

  'corpus/notice-duplicate': {
    severity: 'warning',
    template: 'notice {actual} is in two folders: {kept} is kept, {other} left out ({same})',
  },
  'corpus/notice-id-taken': {
    severity: 'error',
    template: 'notice id {actual} of {other} is taken by {kept}, another document ({expected}): {other} is left out',
  },
  'corpus/fund-unknown': {
    severity: 'warning',
    template: 'title "{actual}" names no fund by its family\'s metadata.fund; the notice is in no fund\'s years',
  },
  'corpus/budget-year-missing': {
    severity: 'warning',
    template: 'the notice states no budget year: its rows are in the partition budget_year=__HIVE_DEFAULT_PARTITION__',
  },
  'corpus/decimal-rounded': {
    severity: 'warning',
    template: '{dataset}.{field} "{actual}" has more decimals than its column {expected} holds; stored rounded',
  },

  'diff/fund-differs': {
    severity: 'warning',
    template: 'the two notices name different funds: "{actual}" (new) and "{expected}" (old)',
  },
  'diff/fund-unknown': {
    severity: 'warning',
    template: 'no fund is read from the {which} notice\'s title "{actual}" (family metadata.fund)',
  },
  'diff/indicator-key-repeated': {
    severity: 'info',
    template:
      "indicator {actual} stands {count} times in the targets of {recipient}: paired with the other year's in order",
  },
} as const satisfies Record<string, { severity: Severity; template: string | readonly string[] }>;

/** The message template of a code as one string. */
export function templateOf(code: FindingCode): string {
  const template: string | readonly string[] = FINDING_CODES[code].template;
  return typeof template === 'string' ? template : template.join('');
}

/** Severity of a finding, from its schema. */
export type { Severity };

/** A code from the table above. */
export type FindingCode = keyof typeof FINDING_CODES;

/** Codes of findings that leave a source row out: a row with one of these at its line is accounted for as dropped. */
export const DROPPING_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'targets/metadata-label-unknown',
  'money/amount-invalid',
  'money/row-without-amount',
  'grid/row-unaligned',
  'grid/title-row-dropped',
  'grid/row-continued',
  'grid/other-table',
  'grid/other-table-row',
  'validate/schema',
]);

/**
 * Codes of output contract 2 and the codes that replaced them in contract 3 (a code's prefix is now the stage
 * that reports it). Kept for one major version so a reader of older reports can map them; docs/output.md lists it.
 */
export const RENAMED_CODES = {
  'annex3/budget-year-invalid': 'targets/budget-year-invalid',
  'annex3/cell-lines-paired': 'targets/cell-lines-paired',
  'annex3/citation-doc-number-conflict': 'citations/doc-number-conflict',
  'annex3/citation-doc-number-incomplete': 'citations/doc-number-incomplete',
  'annex3/citation-fuzzy': 'citations/fuzzy',
  'annex3/citation-rejected': 'citations/rejected',
  'annex3/citation-unmatched': 'citations/unmatched',
  'annex3/fund-demand-invalid': 'targets/fund-demand-invalid',
  'annex3/fund-demand-unit-conflict': 'targets/fund-demand-unit-conflict',
  'annex3/fund-demand-unit-from-label': 'targets/fund-demand-unit-from-label',
  'annex3/header-column-unnamed': 'targets/header-column-unnamed',
  'annex3/header-word-guessed': 'targets/header-word-guessed',
  'annex3/indicator-extra-cells': 'targets/indicator-extra-cells',
  'annex3/indicator-fuzzy': 'indicators/fuzzy',
  'annex3/indicator-rejected': 'indicators/rejected',
  'annex3/indicators-missing': 'targets/indicators-missing',
  'annex3/level-after-conflict': 'targets/level-after-conflict',
  'annex3/level-conflict': 'targets/level-conflict',
  'annex3/level-from-registry': 'indicators/level-from-registry',
  'annex3/level-label-fragment-ignored': 'targets/level-label-fragment-ignored',
  'annex3/level-label-truncated': 'targets/level-label-truncated',
  'annex3/level-missing': 'targets/level-missing',
  'annex3/metadata-label-unknown': 'targets/metadata-label-unknown',
  'annex3/metadata-missing': 'targets/metadata-missing',
  'annex3/metadata-repeated': 'targets/metadata-repeated',
  'annex3/row-outside-table': 'targets/row-outside-table',
  'annex3/tables-missing': 'targets/tables-missing',
  'annex3/title-without-table': 'targets/title-without-table',
  'annex3/unnamed-column-cell': 'targets/unnamed-column-cell',
  'annex3/value-equals-name': 'targets/value-equals-name',
  'annex3/value-missing': 'targets/value-missing',
  'annex3/value-several': 'targets/value-several',
  'extract/amount-invalid': 'money/amount-invalid',
  'extract/amount-repaired': 'money/amount-repaired',
  'extract/amount-scale': 'money/amount-scale',
  'extract/code-invalid': 'allocations/code-invalid',
  'extract/code-mismatch': 'allocations/code-mismatch',
  'extract/empty-annex': 'money/empty-annex',
  'extract/flag-invalid': 'allocations/flag-invalid',
  'extract/group-mismatch': 'details/group-mismatch',
  'extract/group-missing': 'details/group-missing',
  'extract/item-opens-group': 'details/item-opens-group',
  'extract/row-without-amount': 'money/row-without-amount',
  'extract/subtotal-unnamed': 'details/subtotal-unnamed',
  'extract/unit-conflict': 'money/unit-conflict',
  'extract/unit-defaulted': 'money/unit-defaulted',
} as const satisfies Record<string, FindingCode>;

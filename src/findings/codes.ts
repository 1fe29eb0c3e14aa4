/**
 * The one table of finding codes: each code is `<stage>/<kebab-name>` with its default severity
 * and a message template. `{name}` placeholders are filled from the finding's params.
 */
export const FINDING_CODES = {
  'read/bom-stripped': { severity: 'info', template: 'a UTF-8 byte order mark was removed' },
  'read/crlf-normalized': { severity: 'info', template: '{count} CRLF line endings read as LF' },
  'read/decoded-gb18030': { severity: 'warning', template: 'input was not UTF-8; decoded as GB18030' },

  'locate/annex-missing': { severity: 'error', template: 'no annex of the required kind "{annex}" found (titles: {expected})' },
  'locate/annex-listed-missing': { severity: 'warning', template: 'the body lists 附件{annex} "{actual}", but no such annex was found: the notice may be cut off' },
  'locate/annex-absent': { severity: 'info', template: 'the notice has no annex of the optional kind "{annex}" (titles: {expected})' },
  'locate/annex-marker-form': { severity: 'info', template: 'annex marker "{actual}" written as a {form} line, not a heading' },
  'locate/annex-kind-from-content': { severity: 'info', template: 'annex title "{actual}" names no kind; classified as {expected} by its content' },
  'locate/annex-unclassified': { severity: 'error', template: 'annex "{actual}" is of no known kind: neither its title nor its header names one; its {rows} table rows are not extracted' },
  'locate/closing-block': { severity: 'info', template: 'the closing block (版记) from "{actual}" on holds a table: it is no part of the last annex' },
  'locate/annex-text-only': { severity: 'warning', template: 'annex "{actual}" holds no table and its title names no kind of the family: its text is not extracted' },
  'locate/title-from-line': { severity: 'info', template: 'no heading holds the title; the plain line "{actual}" reads as it' },
  'locate/metadata-missing': { severity: 'warning', template: 'notice {field} not found' },

  'grid/repeated-header-dropped': { severity: 'info', template: 'repeated header row dropped at line {line}' },
  'grid/header-missing': { severity: 'error', template: 'no header row recognised in {annex}' },
  'grid/row-before-header': { severity: 'warning', template: 'row "{actual}" stands before the header and is left out' },
  'grid/header-column-unknown': { severity: 'warning', template: 'header cell "{actual}" maps to no column role' },
  'grid/column-missing': { severity: 'error', template: 'required column "{expected}" not found in the header' },
  'grid/row-short': { severity: 'warning', template: 'row has {actual} cells, header has {expected}; missing cells read as empty' },
  'grid/title-row': { severity: 'info', template: 'row "{actual}" before the header reads as a title and is no record' },
  'grid/title-row-dropped': { severity: 'info', template: 'row "{actual}" inside the table reads as a title, running header or page number; no record' },
  'grid/header-joined': { severity: 'info', template: 'header split over two rows read as one: {actual}' },
  'grid/header-grouped': { severity: 'info', template: 'header cell over the columns of its parts ({actual}): each row\'s cells under it read as one, joined with a space' },
  'grid/row-aligned': { severity: 'info', template: 'row "{actual}" aligned with the header by content: {expected}' },
  'grid/row-unaligned': { severity: 'error', template: 'row "{actual}" cannot be aligned with the header ({expected}): {why}; the row is left out' },
  'grid/row-long': { severity: 'warning', template: 'row has {actual} cells, header has {expected}; extra non-empty cells ignored' },

  'extract/amount-invalid': { severity: 'error', template: 'amount "{actual}" is not a number; the row is left out' },
  'extract/unit-conflict': { severity: 'error', template: 'header unit {actual} contradicts the stated unit {expected}; the stated unit is used' },
  'extract/unit-defaulted': { severity: 'info', template: 'no unit stated; the family default {expected} is used' },
  'extract/amount-repaired': { severity: 'info', template: 'amount "{actual}" read as {expected}' },
  'extract/amount-scale': { severity: 'warning', template: 'amount "{actual}" has more than 2 decimals' },
  'extract/row-without-amount': { severity: 'warning', template: 'row "{actual}" has no amount and is left out' },
  'extract/code-invalid': { severity: 'warning', template: 'code "{actual}" is not 9 digits; left empty' },
  'extract/code-mismatch': { severity: 'warning', template: 'code in "{actual}" differs from region code {expected}' },
  'extract/flag-invalid': { severity: 'warning', template: 'yes/no cell "{actual}" is neither 是 nor 否' },
  'extract/subtotal-unnamed': { severity: 'warning', template: 'subtotal row "{actual}" names no city: the city of its items is left empty' },
  'extract/group-mismatch': { severity: 'error', template: 'item "{actual}" does not belong to the group above it ({expected}); its seq, budget code and city are left empty' },
  'extract/group-missing': { severity: 'error', template: 'item row before any subtotal row' },
  'extract/empty-annex': { severity: 'error', template: '{annex} has no data rows' },

  'annex3/tables-missing': { severity: 'error', template: 'no performance-target table found in Annex 3 (no heading matches /{expected}/)' },
  'annex3/title-without-table': { severity: 'info', template: 'title "{actual}" is followed by another title before any table row; it opens no table' },
  'annex3/row-outside-table': { severity: 'warning', template: 'table row "{actual}" comes before the first target table and is ignored' },
  'annex3/header-column-unnamed': { severity: 'info', template: 'indicator header cell "{actual}" names no column of the family; its cells are not read' },
  'annex3/header-word-guessed': { severity: 'info', template: 'indicator header cell "{actual}" read as {expected}, the header word it contains' },
  'annex3/unnamed-column-cell': { severity: 'warning', template: 'cell "{actual}" stands under the header "{expected}", a column the family does not name; not read' },
  'annex3/fund-demand-unit-from-label': { severity: 'info', template: '资金需求 "{actual}" read in {expected}, the unit its label states' },
  'annex3/fund-demand-unit-conflict': { severity: 'warning', template: '资金需求 "{actual}" states a unit other than its label\'s {expected}; the cell\'s own unit is used' },
  'annex3/metadata-missing': { severity: 'warning', template: 'target table has no {actual}; left empty' },
  'annex3/metadata-repeated': { severity: 'warning', template: 'repeated "{actual}" row with {same} text dropped; the one at line {expected} is kept' },
  'annex3/budget-year-invalid': { severity: 'warning', template: 'budget year "{actual}" is not a year; left empty' },
  'annex3/fund-demand-invalid': { severity: 'error', template: '资金需求 "{actual}" is not an amount; left empty' },
  'annex3/indicators-missing': { severity: 'warning', template: 'target table has no indicator rows' },
  'annex3/level-conflict': { severity: 'warning', template: 'level labels "{actual}" contradict each other; kept {expected}, the label nearest the name' },
  'annex3/level-after-conflict': { severity: 'warning', template: 'indicator "{actual}" names no level; it inherits {expected} from the conflicting row at line {other}' },
  'annex3/level-missing': { severity: 'warning', template: 'indicator "{actual}" has no level: no label in its row or above it' },
  'annex3/level-label-truncated': { severity: 'info', template: 'cell "{actual}" read as the level label {expected}, cut short' },
  'annex3/level-label-fragment-ignored': { severity: 'warning', template: 'cell "{actual}" starts {expected}; read as a label cut short, but it gives no level' },
  'annex3/value-missing': { severity: 'warning', template: 'indicator "{actual}" has no value' },
  'annex3/value-equals-name': { severity: 'warning', template: 'indicator "{actual}" has its name as its value' },
  'annex3/indicator-extra-cells': { severity: 'warning', template: 'indicator row "{actual}" has cells after its value; read as "{expected}"' },
  'annex3/level-from-registry': { severity: 'info', template: 'indicator "{actual}" names no level of its own; it takes {expected} from the indicator registry instead of {carried} carried down' },
  'annex3/indicator-fuzzy': { severity: 'info', template: 'indicator "{actual}" at line {line} read as the standard indicator {expected} by similarity {score}; listed in review.csv' },
  'annex3/indicator-rejected': { severity: 'info', template: 'indicator "{actual}" at line {line} was ruled out by a reviewer: {expected}' },
  'annex3/citation-rejected': { severity: 'info', template: 'citation "{actual}" was ruled out by a reviewer: {expected}; {places}' },
  'annex3/citation-unmatched': { severity: 'warning', template: 'citation "{actual}" matches no registered policy (nearest: {expected}); {places}; listed in review.csv' },
  'annex3/citation-fuzzy': { severity: 'info', template: 'citation "{actual}" read as {expected} by similarity {score}; {places}; listed in review.csv' },
  'annex3/citation-doc-number-conflict': { severity: 'warning', template: 'citation of {policy} gives the number {actual}, but {why}; {places}' },
  'annex3/citation-doc-number-incomplete': { severity: 'warning', template: 'citation "{actual}" gives a document number without its serial; doc_number left empty; {places}' },

  'join/bureau-unlisted': { severity: 'info', template: 'department "{actual}" joined to {expected} by its place; its bureau "{bureau}" is not in the family\'s list (localDepartments.bureaus)' },
  'join/recipient-alias': { severity: 'info', template: 'recipient "{actual}" joined to {expected} by alias' },
  'join/recipient-fuzzy': { severity: 'warning', template: 'recipient "{actual}" joined to {expected} by similarity' },
  'join/recipient-unmatched': { severity: 'warning', template: 'recipient "{actual}" matches no recipient of the allocation tables' },
  'join/recipient-ambiguous': { severity: 'warning', template: 'recipient "{actual}" matches several recipients of the allocation tables: {expected}' },

  'reconcile/subtotal-mismatch': { severity: 'error', template: 'subtotal {label} is {actual}, its items add up to {expected}' },
  'reconcile/section-mismatch': { severity: 'error', template: 'section total {label} is {actual}, its items add up to {expected}' },
  'reconcile/total-mismatch': { severity: 'error', template: 'grand total is {actual}, the items add up to {expected}' },
  'reconcile/total-vs-sections': { severity: 'error', template: 'grand total is {actual}, the section totals add up to {expected}' },
  'reconcile/total-vs-subtotals': { severity: 'error', template: 'grand total is {actual}, the subtotals add up to {expected}' },
  'reconcile/detail-vs-allocation': { severity: 'error', template: 'recipient {recipient}: the detail tables give {actual} (lines {lines}), the allocation tables {expected} (lines {other})' },
  'reconcile/targets-vs-allocation': { severity: 'error', template: 'recipient {recipient}: the target tables\' 资金需求 is {actual} (lines {lines}), the allocation tables give {expected} (lines {other})' },
  'reconcile/targets-vs-detail': { severity: 'error', template: 'recipient {recipient}: the target tables\' 资金需求 is {actual} (lines {lines}), the detail tables give {expected} (lines {other})' },
  'reconcile/recipient-missing': { severity: 'error', template: 'recipient {recipient} "{actual}" of the {from} tables (line {line}) has no row in the {kind} tables' },
  'reconcile/stated-total-mismatch': { severity: 'error', template: 'the {kind} tables total {actual}, the body states {expected} ("{stated}" at line {statedLine})' },
  'reconcile/budget-year-mismatch': { severity: 'warning', template: 'budget year {actual} differs from the notice\'s {expected}' },
  'reconcile/region-code-unknown': { severity: 'warning', template: 'region code {actual} is no GB/T 2260 city or county' },
  'reconcile/region-name-mismatch': { severity: 'warning', template: 'region {actual} is {expected} in GB/T 2260' },

  'validate/primary-key-not-unique': { severity: 'warning', template: '{dataset}: records share the key {actual}; datapackage.json declares no primary key for it' },
  'validate/row-unaccounted': { severity: 'error', template: 'row "{actual}" gave no record and no finding says why' },
  'validate/foreign-key-not-held': { severity: 'warning', template: '{dataset}: record with {actual} has no match in {resource}; datapackage.json declares no such foreign key' },
  'validate/schema': { severity: 'error', template: '{annex} record at line {line} fails its schema: {actual}' },
} as const satisfies Record<string, { severity: Severity; template: string }>;

/** Severity of a finding. */
export type Severity = 'error' | 'warning' | 'info';

/** A code from the table above. */
export type FindingCode = keyof typeof FINDING_CODES;

/** Codes of findings that leave a source row out: a row with one of these at its line is accounted for as dropped. */
export const DROPPING_CODES: ReadonlySet<FindingCode> = new Set<FindingCode>([
  'extract/amount-invalid',
  'extract/row-without-amount',
  'grid/row-unaligned',
  'grid/title-row-dropped',
  'validate/schema',
]);

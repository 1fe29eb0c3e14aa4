import type { FindingCode } from './codes.js';

/** What a finding code tells its reader, for the catalogue in docs/output.md. */
export interface FindingDescription {
  /** What happened in the input and what the tool did about it. */
  meaning: string;
  /** What the reader of the report does about it. */
  action: string;
}

/**
 * One description per code of src/findings/codes.ts: a code without one, or a description of no code,
 * fails to compile (the table satisfies `Record<FindingCode, FindingDescription>`).
 */
export const FINDING_DESCRIPTIONS = {
  'read/bom-stripped': {
    meaning: 'The file began with a UTF-8 byte order mark; it was removed before reading.',
    action: 'Nothing; the mark carries no content.',
  },
  'read/crlf-normalized': {
    meaning:
      'The file has Windows (CRLF) or old Mac (CR) line endings; they were read as LF, so line numbers are unchanged.',
    action: 'Nothing.',
  },
  'read/decoded-gb18030': {
    meaning:
      'The file is not valid UTF-8 and was decoded as GB18030 (it then held Chinese text and no undecodable bytes).',
    action: 'Check a few names in the records against the source; re-save the file as UTF-8 if it is yours to change.',
  },

  'locate/annex-missing': {
    meaning:
      'No annex of a kind the family requires (allocation, detail or target tables) was found, by title or ' +
      'by content; its datasets are empty.',
    action:
      'Check the source is complete and its annex markers (附件N) are readable; if the notice truly lacks it, ' +
      'run with --allow-partial.',
  },
  'locate/annex-listed-missing': {
    meaning:
      "The body's list of attachments names an annex that no annex marker in the text opens: the notice may " +
      'be cut off or a marker lost in conversion.',
    action: 'Compare the source with the original document; restore the missing annex or its 附件N marker line.',
  },
  'locate/annex-absent': {
    meaning:
      'The notice has no annex of an optional kind of the family; its dataset is empty, as expected for such notices.',
    action: 'Nothing, unless the notice should have that annex.',
  },
  'locate/annex-marker-form': {
    meaning:
      'An annex marker (附件N) stands on a plain, emphasised or list line instead of a Markdown heading; it ' +
      'was read as a marker all the same.',
    action: 'Nothing; check the annex boundaries in notice.json if the records look misplaced.',
  },
  'locate/annex-kind-from-content': {
    meaning: 'An annex title names no kind of the family; the annex was classified by the header words of its tables.',
    action:
      "Check the annex's kind in notice.json annexes[]; add the title wording to family.json " +
      'annexes.*.titles if it recurs.',
  },
  'locate/annex-unclassified': {
    meaning:
      'An annex holds table rows but neither its title nor its table header names a kind of the family: none ' +
      'of its rows is extracted.',
    action: 'Read the annex in the source; if it is of a known kind, add its title or header words to family.json.',
  },
  'locate/closing-block': {
    meaning:
      "The notice's closing block (版记: 公开方式, 抄送, 印发) after the last annex is written as a table; it is cut " +
      'off from the last annex and gives no records.',
    action: 'Nothing.',
  },
  'locate/annex-text-only': {
    meaning: 'An annex holds no table and its title names no kind of the family; its text is not extracted.',
    action: 'Nothing if the annex is prose; otherwise check whether its table was lost in conversion.',
  },
  'locate/title-from-line': {
    meaning:
      "No Markdown heading holds the notice's title; a plain line (or lines) reading as a title by the " +
      "family's title patterns was taken as it.",
    action: 'Check notice.json title.',
  },
  'locate/metadata-missing': {
    meaning:
      "A field of the notice's metadata (document number, title, issuer, date, budget year or subject, " +
      'addressees, attachment list) was not found in the body; it is left empty in notice.json.',
    action:
      'Read the field in the source; if it is written in a form the family does not know, extend family.json metadata.',
  },

  'grid/repeated-header-dropped': {
    meaning:
      "A table's header row appears again inside the table (typically after a page break); the repeat was " +
      'dropped and gives no record.',
    action: 'Nothing.',
  },
  'grid/header-missing': {
    meaning:
      "No row of the annex's table matches the family's column synonyms closely enough to be its header; the " +
      'table gives no records.',
    action: "Read the table's header in the source; add its wording to the column synonyms in family.json.",
  },
  'grid/row-before-header': {
    meaning: 'A row stands above the recognised header and does not read as a title; it is left out of the records.',
    action: 'Check the row in the source: if it holds data, the header was recognised too low.',
  },
  'grid/header-column-unknown': {
    meaning: 'A header cell matches no column role of the family; its column is not read.',
    action:
      'If the column holds data the datasets should carry, add its wording to family.json as a synonym of a role.',
  },
  'grid/column-missing': {
    meaning:
      "A column the family requires (recipient, amount, …) is not in the table's header; the records lack that field.",
    action:
      'Read the header in the source; add its wording as a synonym in family.json, or fix a header cell lost ' +
      'in conversion.',
  },
  'grid/row-short': {
    meaning: 'A tab-separated row has fewer cells than its header; the missing trailing cells are read as empty.',
    action: "Check the row's values against the source: a lost tab may have shifted cells.",
  },
  'grid/title-row': {
    meaning: "A row above the header reads as the table's title; it is no record.",
    action: 'Nothing.',
  },
  'grid/title-row-dropped': {
    meaning:
      'A row inside the table reads as a title, running header or page number (all its filled cells hold one ' +
      'text); it is dropped and gives no record.',
    action: 'Check the row in the source if it might hold data.',
  },
  'grid/header-joined': {
    meaning:
      'The header is split over two rows (a merged upper cell over its sub-columns); the two rows were read ' +
      'as one header.',
    action: 'Nothing; check the column mapping if values look misplaced.',
  },
  'grid/header-cell-split': {
    meaning:
      'One header cell names two columns (序号 预算代码); it was read as one column each, and the cells under it ' +
      'split by their content.',
    action: 'Check the split values of that column against the source.',
  },
  'grid/header-grouped': {
    meaning:
      "A header cell spans several sub-columns of one role (a name written over two columns); each row's " +
      'cells under it were joined with a space.',
    action: 'Nothing; check the joined values if they look wrong.',
  },
  'grid/column-chosen': {
    meaning:
      "Several header cells name one column role (已下达资金 | 本次下达资金 | 合计); the family's `several` marks " +
      'told which to read (本次, 本年 … taken; 已下达, 累计, 合计 … left). The other columns are not read.',
    action: 'Nothing; check that the column read holds what this notice allocates.',
  },
  'grid/column-choice-unclear': {
    meaning:
      'Several header cells name one column role and no header is marked as the one to read or all but one as ' +
      'ones to leave; the first is read, as when one cell names it, the others are not read.',
    action:
      'Read the header in the source; if another column holds what this notice allocates, add its header ' +
      "word to the family's `several.take` (or the others' to `several.leave`).",
  },
  'grid/row-aligned': {
    meaning:
      "A row's cells do not sit under their columns as written (a lost or extra delimiter, two values merged " +
      'in one cell); they were placed in the columns by their content, in the one way that fits.',
    action: 'Check the record at that line against the source.',
  },
  'grid/other-table': {
    meaning:
      "A row inside a money table names columns as a header does, but not the table's own, and cells no column " +
      'of the family: the header of another table in the annex (a second sheet, a factor 测算表). It and the rows ' +
      'under it, up to a repeat of the table header, give no records.',
    action: 'Check that the other table is not part of the allocation; its money is not counted.',
  },
  'grid/other-table-row': {
    meaning: "A row under another table's header in the annex (see grid/other-table); it gives no record.",
    action: 'None, unless the other table should have been read as records.',
  },
  'grid/row-continued': {
    meaning:
      'The first row after a header repeated at a page break holds only text, in name columns the last row before ' +
      'the break fills: the rest of that row, cut by the page. Its texts are appended to that row, which gives ' +
      'the record; this row gives none.',
    action: 'Check the joined name against the source; a row that stands on its own would need its own amount.',
  },
  'grid/row-unaligned': {
    meaning:
      "A row's cells fit the header's columns in no way, or in several ways; the row is left out of the records.",
    action: "Read the row in the source and repair its delimiters; until then the table's totals will not reconcile.",
  },

  'money/amount-invalid': {
    meaning: 'An amount cell holds text that is not a number; the row is left out of the records.',
    action: 'Read the amount in the source; correct the OCR error in the input.',
  },
  'money/unit-conflict': {
    meaning:
      "The unit in the table's header contradicts the unit line stated above the table; the stated unit is used.",
    action: 'Check which unit the source means; the amounts differ by the factor between the units.',
  },
  'money/unit-defaulted': {
    meaning: "Neither a unit line nor the header states the table's unit; the family's default unit is used.",
    action: 'Check the unit against the original document and the stated totals.',
  },
  'money/amount-repaired': {
    meaning:
      'An amount was read after routine repairs (full-width digits, spaces inside the number, thousands ' +
      'separators, a unit suffix); the repairs are counted in report.json repairs.',
    action: 'Nothing; check the value if the repair looks unlikely.',
  },
  'money/amount-nil': {
    meaning:
      'An amount cell holds only a dash or a slash (—, －, -, /), which a table writes for nothing allocated; it is ' +
      'read as 0, the cell kept in amount_raw, and counted in report.json repairs as nil-mark-zero.',
    action: 'Nothing; check the row if a figure may have been lost in conversion.',
  },
  'money/amount-scale': {
    meaning:
      'An amount has more than two decimals in 元 (after conversion from its unit); amount_yuan is rounded to ' +
      "cents, the cell's text kept as written.",
    action: 'Check the amount in the source: a misplaced decimal point or a wrong unit is likely.',
  },
  'money/row-without-amount': {
    meaning: 'A row of a money table has an empty amount cell; it is left out of the records.',
    action: 'Read the row in the source: an amount may have been lost in conversion.',
  },
  'allocations/code-invalid': {
    meaning: 'A region or recipient code in an allocation row is not 9 digits; the field is left empty.',
    action: 'Read the code in the source and correct it in the input.',
  },
  'allocations/code-lengthened': {
    meaning:
      "A region or recipient code cell holds a short code (a 6-digit GB/T 2260 code, 440232); by the family's " +
      '`identify.shortCode` it is read as the 9-digit code the records carry (440232000), counted in report.json ' +
      'repairs as short-code-lengthened; the finding keeps the code as written.',
    action: 'Nothing; check the code if the table may mean another level than the county or city.',
  },
  'allocations/code-mismatch': {
    meaning:
      "The code written in the recipient cell differs from the row's region code; both are kept " +
      '(recipient_code from the cell, region_code from its column).',
    action: 'Check which code is right against the source and the region registry.',
  },
  'allocations/flag-invalid': {
    meaning:
      "A yes/no cell (直达三保 account) holds neither of the family's yes or no words; the field is left empty (null).",
    action: 'Read the cell in the source.',
  },
  'details/item-opens-group': {
    meaning:
      'A detail item carries a 序号 of its own with no subtotal row above it; it was read as a group of one, ' +
      'its city taken from the recipient it joins.',
    action: 'Nothing; check the city of the record if the join looks wrong.',
  },
  'details/group-row-by-sum': {
    meaning:
      'A detail row with a 序号 of its own names a place of the allocation tables (not a bureau of it) and its ' +
      "amount equals the sum of the rows below it without a 序号, up to the next numbered row: it is the group's " +
      'subtotal written without 小计, and is read as one (row_type subtotal), not counted as an item.',
    action: 'Nothing, unless the row in the source is an item whose amount happens to equal those below it.',
  },
  'details/name-in-group': {
    meaning:
      "An item's name joins no recipient as written (市本级, 市农业农村局, 蓬江区); read under its group's city " +
      '(江门市本级, 江门市农业农村局, 江门市蓬江区) it joins one, recorded as an alias.',
    action: 'Check that the item belongs to the city of its group in the source.',
  },
  'details/item-joined-to-group': {
    meaning:
      "An item inside a group joins no recipient, as written or read under the group's city (a district the " +
      "allocation tables do not list); its amount is counted under the group's recipient (the city's), so the " +
      'group still adds up against the allocation tables. recipient_match is alias.',
    action: "Check in the source that the item is paid from its city's allocation.",
  },
  'details/subtotals-below-items': {
    meaning:
      'The detail table writes each subtotal below its items (its runs of rows between totals end with a ' +
      'subtotal more often than they begin with one); each item took its group from the subtotal below it.',
    action: 'Nothing, unless the items of a group in the source stand below its subtotal.',
  },
  'details/subtotal-unnamed': {
    meaning: 'A subtotal row (小计) names no city; the city of its items is left empty.',
    action: "Read the group's city in the source if the city field matters.",
  },
  'details/group-mismatch': {
    meaning:
      "A detail item's recipient is of another place than the group (subtotal) above it: a subtotal row may " +
      "be lost; the item's seq, budget code and city are left empty.",
    action: 'Read the rows above the item in the source; restore a lost subtotal row in the input.',
  },
  'details/group-missing': {
    meaning:
      'A detail item without a 序号 of its own stands before any subtotal row: it belongs to no group; its ' +
      'seq, budget code and city are left empty.',
    action: 'Read the top of the table in the source: a subtotal row may be lost.',
  },
  'money/empty-annex': {
    meaning: 'A money table (allocation or detail) gave no record at all.',
    action: 'Read the annex in the source and the findings before this one: its rows were dropped or not recognised.',
  },

  'targets/tables-missing': {
    meaning:
      "The target annex holds no title matching the family's performance-target table heading; no target is extracted.",
    action:
      'Read the annex in the source; extend family.json annexes.targets.tableHeading if the heading is ' +
      'worded otherwise.',
  },
  'targets/title-without-table': {
    meaning: 'A target-table title is followed by another title before any table row; it opens no table.',
    action: 'Check that no table was lost between the two titles.',
  },
  'targets/row-outside-table': {
    meaning: 'A table row stands in the target annex before the first target-table title; it is ignored.',
    action: 'Read the row in the source: a title may be lost above it.',
  },
  'targets/cell-lines-paired': {
    meaning:
      "An indicator's name and value cells hold the same number of lines: several indicators may be written " +
      'in one row; it is read as one indicator.',
    action: 'Read the row in the source; split it into one row per indicator if so.',
  },
  'targets/value-several': {
    meaning:
      "An indicator's value cell states several figures on separate lines; only the first is parsed into the " +
      'value fields.',
    action: 'Check value_raw of the indicator.',
  },
  'targets/metadata-label-unknown': {
    meaning:
      "A row above a target table's indicator header has a label that names no metadata field of the family; " +
      'it is left out.',
    action: 'If the row holds a field the dataset should carry, add its label to family.json metadataLabels.',
  },
  'targets/header-column-unnamed': {
    meaning: 'An indicator header cell names no column of the family (备注, …); the cells under it are not read.',
    action: 'Nothing, unless that column holds indicator content.',
  },
  'targets/header-word-guessed': {
    meaning:
      'An indicator header cell is not a header word of the family but contains one; it was read as that ' +
      "word's column.",
    action: "Check the column read; add the cell's wording to the family if it recurs.",
  },
  'targets/unnamed-column-cell': {
    meaning: 'A filled cell stands under an indicator header the family does not name; it is not read.',
    action: "Read the cell in the source: it may belong to the indicator's name or value.",
  },
  'targets/fund-demand-unit-from-label': {
    meaning:
      "A 资金需求 cell states no unit and its label states one other than the family's; the amount was read in " +
      "the label's unit.",
    action: "Nothing; check fund_demand_wan if the label's unit looks wrong.",
  },
  'targets/fund-demand-unit-conflict': {
    meaning: "A 资金需求 cell states a unit other than its label's; the cell's own unit is used.",
    action: 'Check which unit the source means.',
  },
  'targets/metadata-missing': {
    meaning: 'A target table lacks one or more metadata fields (主管部门, 资金需求, 年度, …); they are left empty.',
    action: "Read the table's head in the source; a label may be worded otherwise or lost in conversion.",
  },
  'targets/metadata-repeated': {
    meaning: 'A metadata label appears twice in one target table; the repeat is dropped and the first one kept.',
    action: "If the repeat's text differs, check which one is right.",
  },
  'targets/budget-year-invalid': {
    meaning: "A target table's budget-year cell is not a year; budget_year is left empty.",
    action: 'Read the cell in the source.',
  },
  'targets/fund-demand-invalid': {
    meaning:
      "A target table's 资金需求 cell is not an amount; fund_demand_wan is left empty and the target is not reconciled.",
    action: 'Read the amount in the source and correct the input.',
  },
  'targets/indicators-missing': {
    meaning: 'A target table gave no indicator rows.',
    action: 'Read the table in the source: its indicator rows may have been lost or its header not recognised.',
  },
  'targets/level-conflict': {
    meaning:
      'An indicator row carries level labels that contradict each other; the label nearest the name is kept ' +
      'and the record flagged level_conflict.',
    action: "Check the indicator's levels against the source.",
  },
  'targets/level-after-conflict': {
    meaning:
      'An indicator names no level of its own and inherits its levels from a row above whose labels ' +
      'conflicted; the record is flagged level_after_conflict.',
    action: "Check the indicator's levels against the source.",
  },
  'targets/level-missing': {
    meaning:
      'An indicator has no level: no level label in its row or carried down from above; level1 is empty and ' +
      'the record flagged level_missing.',
    action: 'Read the level in the source; the indicator registry may fill it (indicators/level-from-registry).',
  },
  'targets/level-label-truncated': {
    meaning: 'A cell holds the start of one level label only (cut short by the converter); it was read as that label.',
    action: 'Nothing.',
  },
  'targets/level-label-fragment-ignored': {
    meaning:
      'A cell starts like a level label cut short, but fits several labels or a level the row already names; ' +
      'it gives no level.',
    action: "Check the indicator's levels against the source.",
  },
  'targets/value-missing': {
    meaning: 'An indicator has no value cell; the record is flagged missing_value.',
    action: 'Read the value in the source.',
  },
  'targets/value-unit-unlisted': {
    meaning:
      "An indicator value states a unit that is none of the family's value units (family.json valueUnits); " +
      'the unit is kept whole, as written, with no kind or magnitude.',
    action: 'If the unit is a real one that recurs, add it to family.json valueUnits.',
  },
  'targets/value-equals-name': {
    meaning: "An indicator's value repeats its name (a shifted row); the record is flagged value_equals_name.",
    action: 'Read the row in the source.',
  },
  'targets/indicator-extra-cells': {
    meaning:
      'An indicator row has filled cells after its value; they are not read, and the record is flagged extra_cells.',
    action: 'Read the row in the source: the extra cells may belong to the value.',
  },
  'indicators/level-from-registry': {
    meaning:
      "An indicator named no level of its own; the indicator registry's level for its standard name was used " +
      'instead of the one carried down.',
    action: "Check the indicator's levels.",
  },
  'indicators/fuzzy': {
    meaning:
      'An indicator name matched a standard indicator of the registry only by similarity; the match is ' +
      'listed in review.csv.',
    action: 'Accept or reject the match in review.csv (notice-extract review accept).',
  },
  'indicators/rejected': {
    meaning: "A reviewer ruled out this indicator's match (decisions.json); it keeps no standard name.",
    action: 'Nothing; the decision is recorded.',
  },
  'citations/rejected': {
    meaning:
      "A reviewer ruled out this citation's match to a registered policy (decisions.json); it keeps no policy id.",
    action: 'Nothing; the decision is recorded.',
  },
  'citations/unmatched': {
    meaning:
      'A policy cited in a 政策依据 cell matches no policy of the registry; it is listed in review.csv with the ' +
      'nearest candidate.',
    action: 'In review.csv, add the policy to the registry or map the citation to an existing one.',
  },
  'citations/fuzzy': {
    meaning: 'A citation matched a registered policy only by similarity; it is listed in review.csv.',
    action: 'Accept or reject the match in review.csv.',
  },
  'citations/doc-number-conflict': {
    meaning:
      "A citation's document number differs from its policy's in the registry, or is the number of another policy.",
    action: 'Check the number and title against the source and the registry.',
  },
  'citations/doc-number-incomplete': {
    meaning: 'A citation gives a document number without its serial (粤财工〔2023〕号); doc_number is left empty.',
    action: 'Nothing; the policy is still matched by its title.',
  },

  'join/bureau-unlisted': {
    meaning:
      "A department was joined to a recipient by its place name, but its bureau is not in the family's list " +
      'of local bureaus.',
    action: 'If the bureau is right, add it to family.json localDepartments.bureaus.',
  },
  'join/recipient-alias': {
    meaning:
      'A recipient name was joined to an allocation recipient through an alias: a short form of its place ' +
      'name, or the place named under its city or province (广州市黄埔区).',
    action: 'Nothing.',
  },
  'join/recipient-fuzzy': {
    meaning: 'A recipient name was joined to an allocation recipient only by similarity.',
    action: 'Check the join; add an alias to the family if it is right.',
  },
  'join/recipient-unmatched': {
    meaning:
      'A recipient or department name matches no recipient of the allocation tables; its recipient_code is ' +
      'empty and it is not reconciled.',
    action: 'Read the name in the source; correct an OCR error or add an alias.',
  },
  'join/recipient-ambiguous': {
    meaning: 'A name matches several recipients of the allocation tables; its recipient_code is left empty.',
    action: 'Read the name in the source and disambiguate it.',
  },

  'reconcile/subtotal-mismatch': {
    meaning: "A subtotal row's amount differs from the sum of the items under it.",
    action: 'Read the amounts in the source: an item or the subtotal is misread or lost.',
  },
  'reconcile/section-mismatch': {
    meaning: "A section total's amount differs from the sum of the items of its section.",
    action: 'Read the amounts in the source: an item or the total is misread or lost.',
  },
  'reconcile/total-mismatch': {
    meaning: "A table's grand total differs from the sum of its items.",
    action: 'Read the amounts in the source: an item or the total is misread or lost.',
  },
  'reconcile/total-vs-sections': {
    meaning: "A table's grand total differs from the sum of its section totals.",
    action: 'Read the totals in the source.',
  },
  'reconcile/total-vs-subtotals': {
    meaning:
      "A table's grand total differs from the sum of its subtotals, beyond what the subtotals' own mismatches explain.",
    action: 'Read the totals in the source.',
  },
  'reconcile/detail-vs-allocation': {
    meaning: "A recipient's amount summed over the detail tables differs from its amount in the allocation tables.",
    action: 'Read both amounts in the source; one table is misread or the notice is inconsistent.',
  },
  'reconcile/targets-vs-allocation': {
    meaning: "A recipient's 资金需求 summed over its target tables differs from its amount in the allocation tables.",
    action: 'Read both amounts in the source.',
  },
  'reconcile/recipient-missing': {
    meaning: 'A recipient appears in the tables of one kind but has no row in those of another.',
    action: 'Read the source: a row may be lost, or the name did not join (see the join findings).',
  },
  'reconcile/recipient-missing-nil': {
    meaning:
      'A recipient the tables of one kind give 0 (a 0 or a nil mark such as —) has no row in those of another: ' +
      'nothing allocated needs no detail row or target table, so this is no error.',
    action: 'Nothing; check the remark of the row if the 0 looks wrong.',
  },
  'reconcile/stated-total-mismatch': {
    meaning: "A kind's grand total matches none of the totals the notice's body states.",
    action: "Read the body's amount and the tables' totals in the source.",
  },
  'reconcile/overall-target': {
    meaning:
      'The targets annex has a single table, joined to no recipient, while the allocation tables name several: it ' +
      "is the whole fund's performance target, so its 资金需求 is compared with the allocation total and no " +
      'recipient is reported missing from the target tables.',
    action: "Nothing, unless the table is one recipient's whose name did not join (see the join findings).",
  },
  'reconcile/overall-target-mismatch': {
    meaning: "The 资金需求 of the whole fund's target table differs from the allocation tables' total.",
    action: 'Read both amounts in the source: one is misread, or the table covers another amount.',
  },
  'reconcile/budget-year-mismatch': {
    meaning: "A target table's budget year differs from the notice's budget year.",
    action: 'Read both years in the source.',
  },
  'reconcile/region-code-unknown': {
    meaning: "An allocation row's region code names no city or county of GB/T 2260.",
    action: 'Read the code in the source.',
  },
  'reconcile/region-name-mismatch': {
    meaning: "An allocation row's region name differs from the GB/T 2260 name of its region code.",
    action: 'Check the name and the code in the source; one of them is misread.',
  },
  'reconcile/subtotals-after-items': {
    meaning:
      "The table writes each subtotal below its items, as its evidence shows (the items' codes are in the " +
      "subtotal's city, a run of rows ends with a subtotal, or the sums hold that way); subtotals were checked so.",
    action: 'Nothing, unless the evidence named is wrong for the table in the source.',
  },
  'reconcile/subtotal-layout-ambiguous': {
    meaning:
      'The table gives no consistent evidence whether its subtotals stand above or below their items (codes and ' +
      'position disagree, or neither is there and the sums do not decide); no subtotal was checked against items.',
    action: 'Read the table in the source and check its subtotals by hand.',
  },

  'validate/primary-key-not-unique': {
    meaning:
      'Two records of a dataset share the fields of its primary key; datapackage.json then declares no ' +
      'primary key for that dataset.',
    action: 'Read the two rows in the source: a row may be repeated or a key field misread.',
  },
  'validate/row-unaccounted': {
    meaning:
      'A source row of a located table gave no record and no finding explains why (a bug of the tool, not of ' +
      'the input).',
    action: 'Report it to the maintainers with the input.',
  },
  'validate/foreign-key-not-held': {
    meaning:
      'A record refers to a record of another dataset that does not exist; datapackage.json then declares no ' +
      'such foreign key.',
    action: 'Read the rows in the source; see the findings on the referenced table.',
  },
  'validate/schema': {
    meaning:
      "A record fails its dataset's schema (a bug of the tool, or input it does not foresee); the record is left out.",
    action: 'Report it to the maintainers with the input.',
  },
  'files/sheet-hidden': {
    meaning: 'A sheet of an annex workbook is hidden; its rows are not read, as they are no part of the printed annex.',
    action: 'Open the workbook: if the hidden sheet holds records, unhide it and extract again.',
  },
  'files/rows-hidden': {
    meaning: 'Rows of an annex sheet are hidden; they are left out, as the printed annex does not show them.',
    action: 'Unhide the rows in the workbook if they hold records, and extract again.',
  },
  'files/columns-hidden': {
    meaning: 'Columns of an annex sheet are hidden; their cells are left out, as the printed annex does not show them.',
    action: 'Unhide the columns if they hold fields, and extract again.',
  },
  'files/formula-without-value': {
    meaning:
      'A formula cell has no stored result (the file was written by a program that does not compute ' +
      'formulas); it is read as empty.',
    action: 'Open and save the file in a spreadsheet program so the result is stored, then extract again.',
  },
  'files/cell-error': {
    meaning: 'A cell holds a spreadsheet error value (#REF!, #DIV/0!); it is read as empty.',
    action: 'Correct the formula in the workbook, or read the figure from the published PDF.',
  },
  'files/number-format-differs': {
    meaning: "A number's format shows another figure than the one stored (rounded, scaled); the stored number is read.",
    action: 'Check the figure against the published document: the shown and stored numbers differ.',
  },
  'files/converted': {
    meaning: 'A legacy .xls or .doc annex was converted by LibreOffice headless before it was read.',
    action: 'Nothing; compare with the original if a figure looks wrong.',
  },
  'files/page-chrome-left-out': {
    meaning: 'Lines of the saved web page around the article (navigation, links, footer) were left out.',
    action: 'Nothing, unless the listed lines belong to the notice: then report it with the page.',
  },
  'files/page-article-unfound': {
    meaning:
      "No element of the saved page holds the notice's number, title or addressees, so the whole page text is read.",
    action: "Check that the page is the notice's; save the article page itself if it is not.",
  },
  'files/page-charset': {
    meaning: 'The saved page was decoded by the character set it declares (GB2312, GBK, GB18030).',
    action: 'Nothing.',
  },
  'files/annex-unlisted': {
    meaning:
      'An annex file of the notice folder matches no attachment the body lists; it is read under the label given.',
    action: 'Check the file belongs to the notice and rename it 附件N… to give its label.',
  },
  'files/annex-file-missing': {
    meaning: 'The body lists an attachment for which the notice folder holds no file.',
    action: 'Download the missing annex file into the notice folder and extract again.',
  },
  'files/annex-matched': {
    meaning:
      "An annex file was matched to an attachment of the body's list, by its file name's label, its name as " +
      'a title or its first title row.',
    action: 'Nothing; check the match when it was made by title.',
  },
  'files/file-ignored': {
    meaning: 'A file of the notice folder is of no format the tool reads; it is not read.',
    action: 'Remove it from the notice folder, or convert it to one of the formats listed.',
  },
  'files/text-decoded-gb18030': {
    meaning: 'A text file of the notice folder was not UTF-8 and was decoded as GB18030.',
    action: 'Check the Chinese text reads right; re-save the file as UTF-8 if it does not.',
  },
  'files/number-float-noise': {
    meaning:
      'A computed cell stores the nearest double of its sum (65.50000000000001); it is read at 15 significant digits.',
    action: 'Nothing; Excel shows and prints the same digits.',
  },
  'files/annex-format-unread': {
    meaning: 'A file of the notice folder is an annex in a format the tool does not read (PDF, WPS, OFD).',
    action: 'Get the annex as .xlsx/.xls or .docx/.doc (the department often publishes both) and put it in the folder.',
  },
  'files/link-not-followed': {
    meaning: 'A symbolic link in the notice folder points to a folder or to nothing (dangling); it is not followed.',
    action: 'Copy the file it should point to into the folder, or remove the link.',
  },
  'files/annex-duplicate': {
    meaning:
      'Two annex files of the notice folder hold the same bytes; the copy is not read, so no money counts twice.',
    action: 'Nothing; delete the copy from the folder.',
  },
  'files/page-charset-ignored': {
    meaning:
      'A saved page declares a GB charset but its bytes are valid UTF-8 (re-saved, declaration kept); read as UTF-8.',
    action: 'Check the Chinese text reads right.',
  },
  'files/page-disclosure-table': {
    meaning:
      "The saved page holds a government site's 政府信息公开 table (索引号, 文号, 成文日期…); it is not read as the body.",
    action: "Nothing; its 文号 is compared with the article's.",
  },
  'files/page-disclosure-differs': {
    meaning: "The 文号 of the page's 政府信息公开 table is not the document number the article carries.",
    action: "Check which is right: the page may be another notice's, or the site mistyped one.",
  },
  'files/annex-in-body': {
    meaning:
      'A listed attachment stands in the body itself (its marker line, title and table in the page), not as a file.',
    action: 'Nothing.',
  },
  'locate/issued-date-fallback': {
    meaning:
      'No date stands under the signature (成文日期), so issued_date is taken from the 印发 line, a date after the ' +
      "annexes or the web copy's 来源 line.",
    action: 'Check the signed original if the exact date of signature matters.',
  },
  'locate/issuers-from-signature': {
    meaning: 'Neither the title nor the masthead names the issuer, so the issuing organs are read from the signature.',
    action: 'Check the signature block.',
  },
  'locate/signature-issuers-differ': {
    meaning: "The signature names other organs than the title; the title's are kept as the issuers.",
    action: 'Check which organs signed the notice.',
  },
  'locate/doc-number-from-attachments': {
    meaning: 'No masthead line holds the document number; it is read from the bracket before the list of attachments.',
    action: "Confirm it is the notice's own number, not one it cites.",
  },
  'join/code-unknown': {
    meaning:
      'A department cell states a 9-digit code that no allocation recipient has; the join fell back to the name.',
    action: 'Check the stated code, or the allocation table for a missing recipient.',
  },
  'corpus/notice-duplicate': {
    meaning: 'The same notice (one document number) is in two output folders; the corpus keeps one of them.',
    action: 'Remove the extra folder, or check that the two are the same document.',
  },
  'corpus/notice-id-taken': {
    meaning: 'Two different documents have the same notice id (file name); the second is left out of the corpus.',
    action: 'Rename one of the input files so each notice has its own id, extract it again and rebuild.',
  },
  'corpus/fund-unknown': {
    meaning: "The notice's title names no fund by the family's metadata.fund, so it is in no fund's years for diff.",
    action: "Add the title's wording to metadata.fund in family.json, or diff the folders directly.",
  },
  'corpus/budget-year-missing': {
    meaning: 'The notice states no budget year; its rows go to the Hive default partition.',
    action: "Check the notice's title and body for the year; see the locate findings of its report.",
  },
  'corpus/decimal-rounded': {
    meaning: 'A value has more decimals than its corpus column holds and was stored rounded.',
    action: "Read the value in the notice's own JSON, which keeps it as written.",
  },
  'diff/fund-differs': {
    meaning: 'The two notices compared name different funds.',
    action: 'Check that the right notices were compared; the diff still lists every change.',
  },
  'diff/fund-unknown': {
    meaning:
      "No fund is read from one notice's title (family metadata.fund), so the two cannot be told to be the same fund.",
    action: "Add the title's wording to metadata.fund, or check the notices by hand.",
  },
  'diff/indicator-key-repeated': {
    meaning:
      "An indicator stands more than once in one recipient's targets; occurrences are paired with the other " +
      "year's in order.",
    action: 'Check the pairs in diff.csv for that recipient.',
  },
  'locate/table-unclosed': {
    meaning:
      'An HTML <table> is never closed; it was read up to its last line of table markup, and the notice goes ' +
      'on after it.',
    action: 'Check that line in the source: a converter probably lost the </table>.',
  },
  'locate/table-nested-too-deep': {
    meaning: 'An HTML <table> nests tables more than 32 deep; its rows are not read.',
    action: 'Fix the conversion that produced that HTML, then extract again.',
  },
} as const satisfies Record<FindingCode, FindingDescription>;

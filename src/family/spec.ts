import { z } from 'zod';

/** A table column: its role in the records and the header texts that name it. */
export const ColumnSpec = z.object({
  /** Role name used by the extractor (e.g. `region_code`). */
  role: z.string(),
  /** Header texts that name this column, compared after header normalization. */
  synonyms: z.array(z.string()).min(1),
  /** A header without this column is an error. */
  required: z.boolean().default(false),
});

/** A rule that gives a row its type when one of its label cells matches. */
export const RowTypeRule = z.object({
  /** The row type this rule assigns. */
  type: z.string(),
  /** Regular expression tested on the normalized label cell text. */
  pattern: z.string(),
  /** Roles of the label cells tested, in order. */
  roles: z.array(z.string()).min(1),
});

/** A money table annex (Annex 1 and Annex 2 of the seed family). */
export const TableAnnexSpec = z.object({
  /** Name used in findings (`annex1`). */
  label: z.string(),
  /** Regular expression a heading's text must match to open this annex. */
  heading: z.string(),
  /** Unit of amounts when the notice states none (元 | 万元 | 亿元). */
  unit: z.enum(['元', '万元', '亿元']),
  /** Columns in any order; matched by header text. */
  columns: z.array(ColumnSpec).min(1),
  /** Row type rules, first match wins; unmatched rows are `item`. */
  rowTypes: z.array(RowTypeRule),
});

/** Annex 3: the performance-target tables. */
export const TargetsAnnexSpec = z
  .object({
    label: z.string(),
    heading: z.string(),
    /** Regular expression for the heading that opens each target table. */
    tableHeading: z.string(),
  })
  .loose();

/** How a notice's metadata is read from its body. */
export const MetadataSpec = z.object({
  docNumber: z.string(),
  issuerHeading: z.string(),
  titleHeading: z.string(),
  budgetYear: z.string(),
  budgetSubject: z.string(),
  date: z.string(),
  recipients: z.string(),
  attachments: z.string(),
});

/** A family of notices, declared as data in `pipelines/<family>/family.json`. */
export const FamilySpec = z.object({
  /** Stable family id, the folder name. */
  id: z.string(),
  /** Version of the declaration; recorded in every output. */
  version: z.string(),
  /** Human description. */
  title: z.string(),
  /** Regular expressions that the start of a notice of this family must all match. */
  recognise: z.array(z.string()).min(1),
  /** How many leading lines `recognise` looks at. */
  recogniseLines: z.number().int().positive().default(60),
  metadata: MetadataSpec,
  /** Suffixes of department names that are stripped to get the place (市场监督管理局). */
  departmentSuffixes: z.array(z.string()),
  /** Rewrites that turn an official place name into its short forms ([from, to]). */
  shortNameRewrites: z.array(z.tuple([z.string(), z.string()])),
  annex1: TableAnnexSpec,
  annex2: TableAnnexSpec,
  annex3: TargetsAnnexSpec,
});

/** A validated family declaration. */
export type Family = z.infer<typeof FamilySpec>;
/** A validated money-table annex declaration. */
export type TableAnnex = z.infer<typeof TableAnnexSpec>;

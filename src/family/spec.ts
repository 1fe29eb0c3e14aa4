import { z } from 'zod';
import { AnnexKind } from '../../schemas/notice.js';
import { headerKey } from '../normalize/headerKey.js';
import { MONEY_UNITS } from '../normalize/units.js';
import type { Indicator, Policy } from './registries.js';
import { linearTimeProblem } from './linearTime.js';

/** Whether a family pattern compiles with the given flags. */
function compiles(source: string, flags: string): boolean {
  try {
    new RegExp(source, flags);
    return true;
  } catch {
    // Not a bug to rethrow: a bad pattern in hand-edited JSON is reported as this field's problem.
    return false;
  }
}

/**
 * A regular expression as family data, compiled once at load with the `u` flag (stages receive the RegExp ready,
 * workers a structured clone of it): a pattern that does not compile is a configuration error, not a crash.
 */
const RegexSource = z
  .string()
  .refine((source) => compiles(source, 'u'), 'not a valid regular expression (compiled with the u flag)')
  .superRefine(linearTime)
  .transform((source) => new RegExp(source, 'u'));

/** A family pattern used to find or remove every match (`gu` flags), compiled once at load. */
const GlobalRegexSource = z
  .string()
  .refine((source) => compiles(source, 'gu'), 'not a valid regular expression (compiled with the u flag)')
  .superRefine(linearTime)
  .transform((source) => new RegExp(source, 'gu'));

/** What the linear-time check found per pattern source, so a pattern shared by families or loads is checked once. */
export const checkedPatterns = new Map<string, string | null>();

/**
 * A family pattern that may not run in linear time on adversarial input (linearTime.ts) is a
 * configuration error (exit 78), not a hang: checked once per source, before it is compiled for use.
 */
function linearTime(source: string, ctx: z.RefinementCtx): void {
  if (!compiles(source, 'u')) return;
  if (!checkedPatterns.has(source)) checkedPatterns.set(source, linearTimeProblem(source));
  const problem = checkedPatterns.get(source);
  if (problem)
    ctx.addIssue({ code: 'custom', message: `${problem}; no two unbounded repeats may take the same characters` });
}

/** A problem for each entry whose key another entry before it has already (`role` twice in `columns`). */
function uniqueBy<T>(entries: readonly T[], key: (entry: T) => string, what: string, ctx: z.RefinementCtx): void {
  const first = new Map<string, number>();
  entries.forEach((entry, i) => {
    const k = key(entry);
    const before = first.get(k);
    if (before === undefined) first.set(k, i);
    else
      ctx.addIssue({
        code: 'custom',
        path: [i, what],
        message: `${what} "${k}" is declared twice (also at [${before}])`,
      });
  });
}

/** The kinds of annex a family may declare, from their schema. */
export const ANNEX_KINDS = AnnexKind.options;
/** An annex kind. */
export type { AnnexKind };

/** Column roles of the money tables; each feeds one or two fields of the allocations or details dataset. */
export const ColumnRole = z.enum([
  'region_name',
  'region_code',
  'project_name',
  'recipient',
  'sanbao_catalog',
  'direct_to_sanbao_account',
  'function_subject',
  'amount',
  'remark',
  'seq',
  'budget_code',
  'unit_name',
  'recipient_name',
  'recipient_code',
]);
/** A column role. */
export type ColumnRole = z.infer<typeof ColumnRole>;

/** Row types a rule can assign; rows no rule matches are `item`. */
export const RuleRowType = z.enum(['grand_total', 'section_total', 'subtotal']);

/** A table column: its role in the records and the header texts that name it. */
export const ColumnSpec = z.strictObject({
  /** Role the extractor reads the column as (e.g. `region_code`). */
  role: ColumnRole,
  /** Header texts that name this column, compared after header normalization. */
  synonyms: z.array(z.string()).min(1),
  /** A header without this column is an error. */
  required: z.boolean().default(false),
  /**
   * Roles that stand in for a required column: a header with one of them needs none of this one (a table of 省直单位
   * names its recipients by 单位名称 and has no 地区).
   */
  requiredUnless: z.array(ColumnRole).optional(),
  /**
   * Regular expression a cell of this column always matches (`^\\d{9}$`): content that cannot be mistaken, used to
   * align shifted rows.
   */
  content: RegexSource.optional(),
  /**
   * Regular expression for the other header texts that name this column by what they say (`2024年预算数`,
   * `本次下达金额`), tested on the header normalized as synonyms are (widths folded, white space and a unit suffix
   * removed) when no synonym names the cell.
   */
  headerPattern: RegexSource.optional(),
  /**
   * Which column is this role when several header cells name it (已下达资金 | 本次下达资金 | 合计, or 资金金额 over
   * 已下达 | 本次下达 | 合计): the first whose header matches `take` (the amount this notice allocates); else the
   * only one whose header does not match `leave` (amounts allocated before, cumulative totals); else the first. A
   * header cell that names the role by no synonym or pattern stands among them when it matches `leave` (合计 after the
   * amounts) or, under a group cell naming the role, `take` or `leave` (本次下达 under 资金金额); it is never read
   * alone. Absent: the first cell naming the role is it, the others are unknown columns.
   */
  several: z
    .strictObject({
      /** Headers of the column to take (本次, 本年, 拟 …), normalized as synonyms are. */
      take: RegexSource,
      /** Headers of columns to leave out (已下达, 累计, 合计 …), normalized as synonyms are. */
      leave: RegexSource,
    })
    .optional(),
  /**
   * The columns a table may split this one into, in order, under a header cell that groups them
   * (功能分类科目 over 科目编码 | 科目名称): each part's sub-header texts and the content its cells
   * always match. A row's part cells are read as one cell, their texts joined with a space.
   */
  parts: z
    .array(
      z.strictObject({
        /** Sub-header texts that name this part, compared after header normalization. */
        synonyms: z.array(z.string()).min(1),
        /** Regular expression every cell of this part matches; decides whether a row holds the parts apart. */
        content: RegexSource.optional(),
      }),
    )
    .min(2)
    .optional(),
});

/**
 * Where a row states who it is about, by content: the roles whose cells may hold the 9-digit code (a
 * code column of its own, a `code name` cell, a name cell with a code written in it), first found
 * wins; and the roles whose cells name it, most specific first: the first of them the table has names it.
 */
export const IdentitySpec = z.object({
  /** Roles whose cells may hold the code, in order of preference. */
  code: z.array(ColumnRole).min(1),
  /** Roles whose cells name it, most specific first. */
  name: z.array(ColumnRole).min(1),
});

/** A rule that gives a row its type when one of its label cells matches. */
export const RowTypeRule = z.strictObject({
  /** The row type this rule assigns. */
  type: RuleRowType,
  /** Regular expression tested on the normalized label cell text. */
  pattern: RegexSource,
  /** Roles of the label cells tested, in order. */
  roles: z.array(ColumnRole).min(1),
});

/** What every annex kind declares: how its title reads and whether a notice must have it. */
const KindBase = {
  /** Words of the annex title that name this kind (分配情况表, 安排表); the longest one found in a title decides. */
  titles: z.array(z.string().min(1)).min(1),
  /** A notice without an annex of this kind is refused (unless `--allow-partial`). */
  required: z.boolean().default(false),
};

/** A money table annex kind (allocation, detail). */
export const TableAnnexSpec = z
  .strictObject({
    ...KindBase,
    /** Unit of amounts when the notice states none (元 | 万元 | 亿元). */
    unit: z.enum(MONEY_UNITS),
    /** Columns in any order; matched by header text; one column per role. */
    columns: z
      .array(ColumnSpec)
      .min(1)
      .superRefine((columns, ctx) => uniqueBy(columns, (c) => c.role, 'role', ctx)),
    /** Row type rules, first match wins; unmatched rows are `item`. */
    rowTypes: z.array(RowTypeRule),
    /**
     * Leading digits of a recipient code that every item of a subtotal's group shares (4 = the city in GB/T 2260);
     * absent: groups are not checked.
     */
    groupCodePrefix: z.number().int().positive().optional(),
    /** Words of a yes/no cell. */
    yesNo: z.strictObject({ yes: z.array(z.string()), no: z.array(z.string()) }).default({ yes: [], no: [] }),
    /**
     * How a row's region and recipient are read from its cells (absent: a kind with no such fields). A
     * total row (合计, 小计) names no recipient.
     */
    identify: z
      .object({
        region: IdentitySpec,
        recipient: IdentitySpec,
        /**
         * A code written short in a code cell (a 6-digit GB/T 2260 code, `440232`) and the digits that make it the
         * 9-digit code the records carry (`000`: 440232000); each code so read is reported. Absent: such a cell is
         * an invalid code.
         */
        shortCode: z
          .strictObject({
            /** Regular expression a whole short code matches (`^\\d{6}$`). */
            pattern: RegexSource,
            /** Digits appended to it. */
            append: z.string().regex(/^\d+$/u, 'digits only'),
          })
          .optional(),
      })
      .optional(),
    /**
     * Sub-headers under a grouping header cell that name the group's own total (金额 over 合计 | 其中：…); the other
     * sub-columns are unknown columns.
     */
    groupTotals: z.array(z.string()).default([]),
  })
  .transform((spec) => ({ ...spec, headerRoles: headerRoles(spec.columns) }));

/** Header key → column role of a money table's columns, built once at load (every row is tried as a header). */
function headerRoles(
  columns: readonly { role: ColumnRole; synonyms: readonly string[] }[],
): ReadonlyMap<string, ColumnRole> {
  const roles = new Map<string, ColumnRole>();
  for (const column of columns) for (const s of column.synonyms) roles.set(headerKey(s).key, column.role);
  return roles;
}

/** Label texts of one metadata row of a target table (`项目名称`), compared without white space. */
const Labels = z.array(z.string()).min(1);

/** The metadata rows of a target table: field → the label texts that name it. */
export const TargetMetadataLabels = z.strictObject({
  project_name: Labels,
  fund_type: Labels,
  project_level: Labels,
  provincial_department: Labels,
  local_department: Labels,
  budget_year: Labels,
  fund_demand: Labels,
  spending_content: Labels,
  policy_basis: Labels,
  overall_goal: Labels,
});

/** One level-1 indicator of the performance framework and the level-2 indicators under it. */
export const IndicatorLevel = z.strictObject({
  /** Level-1 label (产出指标). */
  level1: z.string(),
  /** Level-2 labels under it (数量指标, …); one word may sit under two level-1s (成本指标). */
  level2: z.array(z.string()),
});

/** What a column of the indicator block holds: a level label, the indicator's name, or its value. */
/**
 * What an indicator column holds: the level labels, the indicator's name, its value, and, in tables that write them
 * apart (指标性质 | 指标值 | 度量单位), the value's comparator and unit.
 */
export const IndicatorColumnRole = z.enum(['level1', 'level2', 'name', 'value', 'comparator', 'unit']);
/** An indicator column role. */
export type IndicatorColumnRole = z.infer<typeof IndicatorColumnRole>;

/** A column of the indicator header and the header words that name it. */
export const IndicatorColumnSpec = z.strictObject({
  /** What its cells hold. */
  role: IndicatorColumnRole,
  /** Header words that name it (年度指标值 as well as 指标值), compared without white space and with widths folded. */
  synonyms: z.array(z.string().min(1)).min(1),
});

/** A kind of value unit: a lower-case word (percent, money, area, count, time …). */
const UnitKind = z.string().regex(/^[a-z][a-z_]*$/, 'a lower-case word such as percent, money or area');

/**
 * The units a target value may be written in. The unit is what follows the figure; these lists let the
 * parser tell a unit from the words after it (3家企业 is 3 家) and give each known unit its kind. A
 * unit not listed is kept whole, as written (公顷, 元/亩), and reported; `A/B` is listed when A and B are.
 */
export const ValueUnitsSpec = z.object({
  /** Words that scale the unit after them (万 of 万亩, 亿 of 亿元); alone (7亿) they are a unit too. */
  magnitudes: z.array(z.string().min(1)).default([]),
  /** Units by kind: `{"percent": ["%", "个百分点"], "area": ["亩", "公顷"], …}`; a unit sits under one kind. */
  kinds: z.record(UnitKind, z.array(z.string().min(1)).min(1)).default({}),
});

/** The performance-target tables kind, one table per recipient. */
export const TargetsAnnexSpec = z.strictObject({
  ...KindBase,
  /** Regular expression for the title line (heading, bold or plain line, caption) that opens each target table. */
  tableHeading: RegexSource,
  /** Labels of the metadata rows (label, value[, label, value]). */
  metadataLabels: TargetMetadataLabels,
  /**
   * Regular expression for a unit written after a metadata label (`资金需求（万元）`), tested on the label without white space
   * and with widths folded; group 1 is the unit (元 | 万元 | 亿元).
   */
  metadataLabelUnit: RegexSource.optional(),
  /** Regular expression for the budget year cell; group 1 is the year. */
  budgetYear: RegexSource,
  /** Unit of 资金需求 when the cell states none. */
  fundDemandUnit: z.enum(MONEY_UNITS),
  /**
   * Columns of the indicator header row (一级指标 …) by the words that name them; a header word the family does not name is
   * a column whose cells are not read.
   */
  indicatorHeader: z
    .array(IndicatorColumnSpec)
    .min(1)
    .superRefine((columns, ctx) => uniqueBy(columns, (c) => c.role, 'role', ctx)),
  /** Cells that label the whole indicator block (绩效指标), not a level. */
  blockLabels: z.array(z.string()),
  /** The indicator framework: level-1 labels with their level-2 labels. */
  framework: z.array(IndicatorLevel).min(1),
  /** Page marks a converter may leave as a row inside a table (`- 3 -`, `第 3 页`); such a row is no indicator. */
  pageMarks: z.array(RegexSource).default([]),
  /** A cell this long or longer that starts a level label (社会效益) may be that label cut short by OCR. */
  truncatedLabelMinLength: z.number().int().positive().default(2),
  /** Units of the indicator values, by kind, and the magnitudes before them. */
  valueUnits: ValueUnitsSpec.default({ magnitudes: [], kinds: {} }),
});

/** How a notice's metadata is read from its body. */
export const MetadataSpec = z.strictObject({
  docNumber: RegexSource,
  issuerHeading: RegexSource,
  titleHeading: RegexSource,
  budgetYear: RegexSource,
  /**
   * A budget subject named in a sentence (`列…科目`): group 1 the 7-digit code, group 2 the text up to 科目 (the name,
   * quoted or not).
   */
  budgetSubject: GlobalRegexSource,
  /**
   * A date line (groups 1–3 year, month, day), tested after the last annex's tables when the notice shows no signature
   * date.
   */
  date: RegexSource,
  /**
   * The signature's date line (成文日期), the organs' names before it allowed; groups 1–3 are year, month, day; never an 印发
   * line.
   */
  dateSignature: RegexSource.optional(),
  /** How an issuing organ's name ends (厅, 委员会, 局, …): organs are split where a name ends and the next begins. */
  organEnd: RegexSource.optional(),
  /**
   * The date of the 版记 (`2023年12月28日印发`), tested on each cell of a line; groups 1–3 are year, month, day. Preferred to
   * any other date line.
   */
  dateImprint: RegexSource.optional(),
  /** The addressee line (group 1 the names), tested on the first lines after the title, wrapped lines joined. */
  recipients: RegexSource,
  /** A line that ends as the addressee line does but is a paragraph (`…通知如下：`). */
  recipientsNot: RegexSource.optional(),
  /** The line that opens the body's list of attachments (`附件：`); what follows the match is the first item. */
  attachments: RegexSource,
  /** A file extension closing an attachment's name, tested on the name in lower case; group 1 is the extension. */
  attachmentFileExt: RegexSource.optional(),
  /** Words of a clause naming the income subject (`收入列…科目`) rather than the expenditure subject. */
  incomeSubject: RegexSource.optional(),
  /**
   * Regular expressions for a total the body states (`共计17285万元`): group 1 the amount, group 2 its unit (元 when
   * absent); the first that matches is used.
   */
  statedTotal: z.array(GlobalRegexSource).default([]),
  /** A plain body line that reads as the title when no heading holds it (issuer … 关于 … 的通知). */
  titleLine: RegexSource.optional(),
  /** The issuer within the title, group 1 (`广东省财政厅` of `广东省财政厅关于…`), when no heading names it. */
  issuerInTitle: RegexSource.optional(),
  /** A date line of a web copy (`2023年12月28日 来源：本网`): groups 1–3 are year, month, day. */
  dateSource: RegexSource.optional(),
  /** The budget year in the body (`提前下达2024年度`), group 1, when the title gives none. */
  budgetYearBody: RegexSource.optional(),
  /**
   * Lines that open the closing block (版记: 公开方式, 抄送, the 印发 line) after the last annex; from the first one on, no line
   * belongs to an annex.
   */
  closing: z.array(RegexSource).default([]),
  /**
   * The fund's name in the title, group 1 (`省级市场监管管理（知识产权创造、运用和保护）专项资金` after
   * `2024年度`): two notices naming one fund are years of the same fund, compared by `diff` and
   * grouped in the corpus. Absent: no notice is known to continue another.
   */
  fund: RegexSource.optional(),
});

/** Local departments of the province: a department name is a place followed by one of these. */
export const LocalDepartmentsSpec = z.strictObject({
  /** Bureau names stripped to get the place (市场监督管理局, 卫生健康局, 教育局, OCR-cut forms such as 市场监管), province-wide. */
  bureaus: z.array(z.string().min(1)),
  /**
   * Regular expressions for what may follow a place when no listed bureau does (`…局`, `…委员会`, `本级`); such a join is
   * reported.
   */
  patterns: z.array(RegexSource).default([]),
});

/**
 * A registry file of a family: a plain file name inside the family's folder. A path (`../x`,
 * `/etc/passwd`, `sub/x.json`) is refused before anything is read, so configuration never names a
 * file outside its family.
 */
const RegistryFile = z
  .string()
  .regex(
    /^(?!\.)[^/\\:\u0000-\u001f]+\.json$/u,
    'must be the name of a .json file in the family folder (no folder, no path, no leading dot)',
  );

/** Registry files of a family, named relative to its folder; a registry not named is empty. */
export const RegistryFiles = z.strictObject({
  /** Policy documents cited in 政策依据 cells (`policies.json`). */
  policies: RegistryFile.optional(),
  /** Standard performance indicators (`indicators.json`). */
  indicators: RegistryFile.optional(),
});

/** A family of notices, declared as data in `pipelines/<family>/family.json`. */
export const FamilySpec = z.strictObject({
  /** Stable family id, the folder name. */
  id: z.string(),
  /** Version of the declaration; recorded in every output. */
  version: z.string(),
  /** Human description. */
  title: z.string(),
  /**
   * Ways to recognise the start of a notice of this family: each a set of regular expressions that must all match; one
   * set suffices.
   */
  recognise: z.array(z.array(RegexSource).min(1)).min(1),
  /** How many leading lines `recognise` looks at. */
  recogniseLines: z.number().int().positive().default(60),
  metadata: MetadataSpec,
  /** How a local department (`韶关市卫生健康局`) names its place: the bureaus of the province, and patterns for any other. */
  localDepartments: LocalDepartmentsSpec,
  /** Suffixes of a recipient that is a place's own level (`广州市本级` is 广州市 itself). */
  ownLevelSuffixes: z.array(z.string()).default([]),
  /** Rewrites that turn an official place name into its short forms ([from, to]). */
  shortNameRewrites: z.array(z.tuple([z.string(), z.string()])),
  /** Patterns removed from an Annex 1 region name before comparing it with GB/T 2260 (本级, 小计, notes in brackets). */
  regionNameNoise: z.array(GlobalRegexSource).default([]),
  /**
   * Regular expression for an annex marker line (`附件1`, `附件 3-1：`, `附件一`), tested on the line's text width-folded;
   * group 1 is the label, group 2 the title that may follow.
   */
  annexMarker: RegexSource,
  /** The annex kinds of the family; numbering in a notice is free. */
  annexes: z.strictObject({ allocation: TableAnnexSpec, detail: TableAnnexSpec, targets: TargetsAnnexSpec }),
  /** The family's registries of canonical policies and indicators. */
  registries: RegistryFiles.default({}),
});

/** A validated family declaration, as written in family.json. */
export type FamilyDeclaration = z.output<typeof FamilySpec>;

/** A family as loaded: its declaration, where it lives, and its registries read once. */
export interface Family extends FamilyDeclaration {
  /** The family's folder. */
  folder: string;
  /** sha256 over every file of the folder, so a registry edit changes it. */
  fingerprint: string;
  /** The policy registry with decisions applied (empty when none is declared). */
  policies: Policy[];
  /** The indicator registry with decisions applied (empty when none is declared). */
  indicators: Indicator[];
  /** Spellings reviewers rejected (decisions.json), by match key, with the reason. */
  rejected: { policies: ReadonlyMap<string, string>; indicators: ReadonlyMap<string, string> };
}
/** A money-table annex as extracted: its kind's declaration and the label of the annex at hand (`1`, `3-1`). */
export type TableAnnex = z.output<typeof TableAnnexSpec> & { label: string };
/** A target-table annex as extracted: its kind's declaration and the label of the annex at hand. */
export type TargetsAnnex = z.infer<typeof TargetsAnnexSpec> & { label: string };
/** A metadata field of a target table. */
export type TargetMetadataField = keyof z.infer<typeof TargetMetadataLabels>;

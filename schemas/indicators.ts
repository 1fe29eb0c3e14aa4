import { z } from 'zod';
import { MATCH_KINDS } from './citations.js';
import {
  annexLabel,
  code9,
  decimalOrEmpty,
  provenanceFields,
  recipientMatch,
  sourceLine,
  sourceRow,
  titled,
  type Unplaced,
} from './common.js';

/** Level-1 labels of the indicator framework; '' when neither the row nor any row above names one. */
export const LEVEL1 = ['产出指标', '效益指标', '满意度指标', '成本指标', ''] as const;

/** Level-2 labels of the indicator framework; '' when the source gives none. */
export const LEVEL2 = [
  '数量指标',
  '质量指标',
  '时效指标',
  '成本指标',
  '经济效益指标',
  '社会效益指标',
  '生态效益指标',
  '可持续影响指标',
  '服务对象满意度指标',
  '经济成本指标',
  '社会成本指标',
  '生态环境成本指标',
  '',
] as const;

/**
 * How a target value compares to its figure: ≥ at_least, > more_than, ≤ at_most, < less_than, = exactly, a range
 * between, or text.
 */
export const VALUE_COMPARATORS = [
  'at_least',
  'more_than',
  'at_most',
  'less_than',
  'exactly',
  'between',
  'text',
] as const;

/** A comparator word of a parsed target value. */
export type ValueComparator = (typeof VALUE_COMPARATORS)[number];

/** What can be wrong with an indicator row; each flag has a finding beside it in report.json. */
export const INDICATOR_FLAGS = [
  'level_conflict',
  'level_after_conflict',
  'level_missing',
  'level_from_registry',
  'missing_value',
  'value_equals_name',
  'extra_cells',
] as const;

/** One indicator row of a target table. */
export const IndicatorRow = z.strictObject({
  annex: titled(annexLabel, '附件', 'the annex label as numbered in the notice (1, 2, 3-1)'),
  recipient_code: titled(code9, '分配单位编码', '9-digit recipient code of the table the row belongs to'),
  seq: titled(z.number().int().positive(), '序号', '1-based within its table'),
  level1: titled(z.enum(LEVEL1), '一级指标'),
  level2: titled(z.enum(LEVEL2), '二级指标'),
  name_raw: titled(
    z.string(),
    '三级指标（原文）',
    "the name cell as written, its markup read as text (HTML tags and entities, MinerU's inline math)",
  ),
  name: titled(z.string(), '三级指标', 'the name normalized'),
  indicator_id: titled(z.string(), '指标编码', 'canonical indicator id, or empty'),
  value_raw: titled(
    z.string(),
    '指标值（原文）',
    "the value cell as written, its markup read as text (HTML tags and entities, MinerU's inline math: " +
      '$\\geqslant 85\\%$ is ≥85%); where the table writes comparator and unit in columns of their own ' +
      '(指标性质 | 指标值 | 度量单位), the three joined (≥ | 35 | 公里 is ≥35公里); empty when missing',
  ),
  value_comparator: titled(z.enum([...VALUE_COMPARATORS, '']), '比较方式', 'empty when the value is missing'),
  value_number: titled(decimalOrEmpty, '指标数值', 'the (lower) figure of the value, sign kept'),
  value_number_max: titled(
    decimalOrEmpty,
    '指标数值上限',
    'upper figure when the comparator is between; empty otherwise',
  ),
  value_unit: titled(
    z.string(),
    '计量单位',
    'what follows the figure, as written (家, 万亩, 元/亩, 公顷), without comparator words or qualifiers ' +
      '(以上, 左右); a unit the family does not list (family.json valueUnits) is kept whole and reported',
  ),
  flags: titled(z.array(z.enum(INDICATOR_FLAGS)), '标记', 'what was irregular in the row'),
  source_line: titled(sourceLine, '源文件行号'),
  source_row: titled(sourceRow, '表内行号', '1-based row within its table, header rows counted'),
  level_labels_raw: titled(
    z.array(z.string()),
    '行内层级标签（原文）',
    'the level cells found in the row itself, as written',
  ),
  indicator_match: titled(
    z.enum(MATCH_KINDS),
    '指标匹配方式',
    'how the name found indicator_id: exact, alias, fuzzy, or none (a local indicator)',
  ),
  indicator_score: titled(
    z.number().min(0).max(1),
    '指标匹配得分',
    '1 for exact and alias, the similarity for fuzzy, 0 for none; 3 decimals',
  ),
  recipient_match: recipientMatch("how its table was joined to the allocation tables (the target's recipient_match)"),
  ...provenanceFields,
});

/** A validated indicator record as the extractors build it (the pipeline adds source_file and source_ref). */
export type IndicatorRow = Unplaced<z.infer<typeof IndicatorRow>>;

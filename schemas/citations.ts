import { z } from 'zod';
import {
  annexLabel,
  code9,
  provenanceFields,
  recipientMatch,
  sourceLine,
  sourceRow,
  titled,
  type Unplaced,
} from './common.js';

/** How a citation or an indicator found its registry entry. */
export const MatchKind = z.enum(['exact', 'alias', 'fuzzy', 'none', 'rejected']);
/** A match kind. */
export type MatchKind = z.infer<typeof MatchKind>;
/** The match kinds, in order. */
export const MATCH_KINDS = MatchKind.options;

/** One policy document cited in the 政策依据 cell of a target table. */
export const CitationRow = z.strictObject({
  annex: titled(annexLabel, '附件', 'the annex label as numbered in the notice (1, 2, 3-1)'),
  recipient_code: titled(code9, '分配单位编码', '9-digit recipient code of the table the cell belongs to'),
  seq: titled(
    z.number().int().positive(),
    '序号',
    '1-based position of the citation within its 政策依据 cell (one cell per table), whatever number the source wrote',
  ),
  title_raw: titled(
    z.string(),
    '政策依据（原文）',
    'the citation as written: tags removed, list number stripped, entities kept',
  ),
  title: titled(
    z.string(),
    '文件标题',
    'the cited title, normalized, without its outer title marks; a nested title in 〈〉',
  ),
  issuer: titled(z.string(), '发文机关', 'as written before or at the start of the title, normalized; empty when none'),
  doc_number: titled(
    z.string(),
    '发文字号',
    'canonical form 中办发〔2019〕56号; empty when the citation gives no complete number',
  ),
  policy_id: titled(z.string(), '政策编码', 'canonical id from the family policy registry, or empty'),
  match: titled(
    z.enum(MATCH_KINDS),
    '匹配方式',
    'exact (canonical title), alias (accepted spelling), fuzzy (similarity), none, rejected (a reviewer ' +
      'ruled the spelling out; see decisions.json)',
  ),
  score: titled(
    z.number().min(0).max(1),
    '匹配得分',
    '1 for exact and alias, the similarity for fuzzy, 0 for none; 3 decimals',
  ),
  source_line: titled(sourceLine, '源文件行号', 'line of the 政策依据 cell'),
  source_row: titled(sourceRow, '表内行号', 'row of the 政策依据 cell within its target table'),
  policy_title: titled(z.string(), '规范文件标题', 'canonical title of the matched policy, or empty'),
  repairs: titled(
    z.array(z.string()),
    '修复记录',
    'repairs made to read the citation (title marks, document-number form)',
  ),
  recipient_match: recipientMatch("how its table was joined to the allocation tables (the target's recipient_match)"),
  ...provenanceFields,
});

/** A validated citation record as the extractors build it (the pipeline adds source_file and source_ref). */
export type CitationRow = Unplaced<z.infer<typeof CitationRow>>;

import { z } from 'zod';
import { MATCH_KINDS } from './citations.js';
import { code9, sourceLine, titled } from './common.js';

/** Which registry a review row (and a reviewer's decision) is about: policies for citations, indicators. */
export const RegistryKind = z.enum(['policy', 'indicator']);

/** The id of a candidate entry. */
const candidateId = (n: number) => titled(z.string(), `候选${n}编码`);
/** Its canonical title or name. */
const candidateTitle = (n: number) => titled(z.string(), `候选${n}名称`);
/** Its similarity, empty when there is no such candidate. */
const candidateScore = (n: number) =>
  titled(z.number().min(0).max(1).nullable(), `候选${n}相似度`, 'empty when there is no candidate');
/** Why it cannot be the entry, or empty. */
const candidateVeto = (n: number) =>
  titled(
    z.string(),
    `候选${n}否决原因`,
    'why it cannot be this entry (ordinal, year, number, doc-number, term), or empty',
  );

/**
 * One row of `review.csv`: a citation matched fuzzy or not at all, or an indicator matched fuzzy,
 * with its best candidates; a reviewer fills `decision` and `policy_or_indicator_id`.
 */
export const ReviewRow = z.strictObject({
  kind: titled(RegistryKind, '类别', 'policy (a citation) or indicator'),
  recipient_code: titled(code9, '分配单位编码'),
  source_line: titled(sourceLine, '源文件行号'),
  seq: titled(z.number().int().positive(), '序号', 'seq of the record in citations or indicators'),
  raw: titled(z.string(), '原文', 'title_raw of the citation or name_raw of the indicator'),
  normalized: titled(z.string(), '规范化文本', 'title of the citation or name of the indicator'),
  doc_number: titled(z.string(), '发文字号', 'citations only'),
  match: titled(z.enum(MATCH_KINDS), '匹配方式'),
  score: titled(z.number().min(0).max(1), '匹配得分'),
  matched_id: titled(z.string(), '模糊匹配编码', 'the entry a fuzzy match chose; empty for none'),
  candidate_1_id: candidateId(1),
  candidate_1_title: candidateTitle(1),
  candidate_1_score: candidateScore(1),
  candidate_1_veto: candidateVeto(1),
  candidate_2_id: candidateId(2),
  candidate_2_title: candidateTitle(2),
  candidate_2_score: candidateScore(2),
  candidate_2_veto: candidateVeto(2),
  candidate_3_id: candidateId(3),
  candidate_3_title: candidateTitle(3),
  candidate_3_score: candidateScore(3),
  candidate_3_veto: candidateVeto(3),
  decision: titled(
    z.string(),
    '复核结论',
    'for the reviewer: accept, reject (with a reason), new (a new entry with the id given), or empty to ' +
      'leave the row alone',
  ),
  policy_or_indicator_id: titled(
    z.string(),
    '确认编码',
    'for the reviewer: the entry the text names; empty with accept takes matched_id',
  ),
  reason: titled(z.string(), '理由', 'for the reviewer: why the spelling is rejected (required with reject)'),
});

/** A review row. */
export type ReviewRow = z.infer<typeof ReviewRow>;

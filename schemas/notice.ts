import { z } from 'zod';
import { dateOrEmpty, sourceLine, titled, yearOrEmpty } from './common.js';

/**
 * The kinds of annex a family may declare: money per recipient, money per recipient and project, performance-target
 * tables.
 */
export const AnnexKind = z.enum(['allocation', 'detail', 'targets']);
/** An annex kind. */
export type AnnexKind = z.infer<typeof AnnexKind>;

/** How an output folder was made: family, its version and folder hash, tool version, options that change the output. */
export const PipelineInfo = z.strictObject({
  family: titled(z.string(), '文件族', 'id of the family folder under pipelines/'),
  version: titled(z.string(), '文件族版本'),
  family_sha256: titled(
    z.string().regex(/^[0-9a-f]{64}$/),
    '文件族哈希',
    'sha256 over the family folder (family.json and registries)',
  ),
  tool: titled(z.string(), '工具版本', 'notice-extract@<version>'),
  allow_partial: titled(z.boolean(), '允许缺附件', 'extracted under --allow-partial'),
});

/** One annex as located in the notice. */
export const AnnexInfo = z.strictObject({
  label: titled(z.string(), '附件', 'the annex label as numbered in the notice (1, 2, 3-1)'),
  // '' for an annex of no known kind (kept under --allow-partial).
  kind: titled(
    z.enum([...AnnexKind.options, '']),
    '附件类别',
    'allocation, detail or targets; empty when of no known kind',
  ),
  title: titled(z.string(), '附件标题'),
  start_line: titled(sourceLine, '起始行号'),
  end_line: titled(sourceLine, '结束行号'),
});

/** One annex as notice.json lists it. */
export type AnnexSummary = z.infer<typeof AnnexInfo>;

/** The document's metadata as read from the notice's body: notice.json's fields between notice_id and annexes. */
export const NoticeMeta = z.strictObject({
  doc_number: titled(z.string(), '发文字号', 'empty when not found (a finding)'),
  title: titled(z.string(), '标题', 'normalized'),
  title_raw: titled(z.string(), '标题（原文）'),
  issuer: titled(z.string(), '发文机关', "the first issuing organ (a joint notice's lead organ); issuers[0]"),
  issuers: titled(
    z.array(z.string()),
    '发文机关（全部）',
    'every issuing organ, in the order the title names them (else the masthead, else the signature)',
  ),
  issued_date: titled(
    dateOrEmpty,
    '成文日期',
    'YYYY-MM-DD: the date under the signature (GB/T 9704-2012); without one, the 印发 date (a finding); or empty',
  ),
  printed_date: titled(dateOrEmpty, '印发日期', "YYYY-MM-DD: the date of the 版记's 印发 line, or empty"),
  budget_year: titled(yearOrEmpty, '预算年度'),
  recipients: titled(z.array(z.string()), '主送机关'),
  budget_subject_code: titled(
    z.string(),
    '预算科目编码',
    'the expenditure (支出功能) subject the body names (支出列…科目)',
  ),
  budget_subject_name: titled(z.string(), '预算科目名称', "the expenditure subject's name"),
  income_subject_code: titled(
    z.string(),
    '收入科目编码',
    'the income subject (收入列…科目) when the body names one, else empty',
  ),
  income_subject_name: titled(z.string(), '收入科目名称', "the income subject's name, else empty"),
  attachments: titled(
    z.array(z.string()),
    '附件名称',
    'attachment titles as the body lists them, without file extension',
  ),
  attachment_file_exts: titled(
    z.array(z.string().regex(/^[a-z]*$/)),
    '附件文件类型',
    'per attachment, in its order: the file extension its name carries (xls, doc, pdf, …), lower case, no ' +
      'dot; or empty',
  ),
});

/** Document metadata read from the notice body. */
export type NoticeMeta = z.infer<typeof NoticeMeta>;

/** notice.json: the document's metadata, its annexes and how the folder was made. */
export const NoticeJson = z.strictObject({
  notice_id: titled(z.string(), '通知编号', 'the input file name without its extension'),
  ...NoticeMeta.shape,
  annexes: titled(z.array(AnnexInfo), '附件位置'),
  input_sha256: titled(z.string().regex(/^[0-9a-f]{64}$/), '输入文件哈希'),
  pipeline: titled(PipelineInfo, '处理流程'),
});

/** A notice.json. */
export type NoticeJson = z.infer<typeof NoticeJson>;

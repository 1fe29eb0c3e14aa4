import { describe, expect, it } from 'vitest';
import type { NoticeMeta } from '../../src/locate/metadata.js';
import { extractText } from '../support/run.js';

/**
 * The notice metadata read from a body (src/locate/metadata.ts, patterns from family.json
 * `metadata`), on small bodies written by hand. A body alone has no annexes, so it is extracted
 * under --allow-partial; only notice.json and the metadata findings are looked at.
 */
type Notice = NoticeMeta;

function metadataOf(lines: string[]): { meta: Notice; missing: string[]; codes: string[] } {
  const result = extractText(lines.join('\n'), 'meta', { allowPartial: true });
  const meta = JSON.parse(result.files.get('notice.json') ?? '{}') as Notice;
  const findings = (JSON.parse(result.files.get('report.json') ?? '{}') as { findings: { code: string; params?: Record<string, string>; message: string }[] }).findings;
  const missing = findings.filter((f) => f.code === 'locate/metadata-missing').map((f) => /notice (\S+) not found/.exec(f.message)?.[1] ?? '');
  return { meta, missing, codes: findings.filter((f) => f.code.startsWith('locate/')).map((f) => f.code) };
}

/** A body as the seed writes it: masthead, number, title heading, addressees, text, attachments, 印发 line. */
const HEADED = [
  '# 广东省财政厅文件',
  '',
  '粤财科教〔2024〕51号',
  '',
  '## 广东省财政厅关于下达 2025 年度 省级科技创新专项资金的通知',
  '',
  '各地级以上市财政局：',
  '',
  '现下达 2025 年度专项资金（详见附件）。此项资金支出列 2060299 “其他基础研究支出”科目。',
  '',
  '- 附件：1. 分配表  ',
  '2. 绩效目标表',
  '',
  '广东省财政厅',
  '',
  '2024年11月3日印发',
];

describe('notice metadata from the body', () => {
  it('reads every field of a body written with headings', () => {
    const { meta, missing } = metadataOf(HEADED);
    expect(meta).toMatchObject({
      doc_number: '粤财科教〔2024〕51号',
      title: '广东省财政厅关于下达2025年度省级科技创新专项资金的通知',
      title_raw: '广东省财政厅关于下达 2025 年度 省级科技创新专项资金的通知',
      issuer: '广东省财政厅',
      issued_date: '2024-11-03',
      budget_year: '2025',
      recipients: ['各地级以上市财政局'],
      budget_subject_code: '2060299',
      budget_subject_name: '其他基础研究支出',
      attachments: ['分配表', '绩效目标表'],
    });
    expect(missing).toEqual([]);
  });

  it('writes a document number in its canonical brackets whatever brackets and spaces OCR gave it', () => {
    for (const written of ['粤财科教[2024]51号', '粤财科教（2024）51号', '粤财科教 〔 2024 〕 51 号', '粤财科教［2024］51号']) {
      const { meta } = metadataOf(HEADED.map((l) => (l === '粤财科教〔2024〕51号' ? written : l)));
      expect(meta.doc_number, written).toBe('粤财科教〔2024〕51号');
    }
  });

  it('reads a web copy: the title from a plain line, the issuer from the title, the date from its 来源 line', () => {
    const { meta, codes } = metadataOf([
      '首页 > 政务公开 > 通知公告',
      '',
      '广东省财政厅关于下达2025年度省级科技创新专项资金的通知',
      '',
      '2024年11月3日 来源：本网',
      '',
      '粤财科教〔2024〕51号',
      '',
      '各地级以上市财政局、财政省直管县（市）财政局：',
      '',
      '现下达2025年度专项资金。此项资金支出列 2060299 “其他基础研究支出”科目。',
      '',
      '附件：1. 分配表',
    ]);
    expect(meta).toMatchObject({
      doc_number: '粤财科教〔2024〕51号',
      title: '广东省财政厅关于下达2025年度省级科技创新专项资金的通知',
      issuer: '广东省财政厅',
      issued_date: '2024-11-03',
      budget_year: '2025',
      recipients: ['各地级以上市财政局', '财政省直管县（市）财政局'],
    });
    expect(codes).toContain('locate/title-from-line');
  });

  it('takes the budget year from the body when the title names none', () => {
    const lines = HEADED.map((l) => (l.startsWith('## ') ? '## 广东省财政厅关于提前下达省级科技创新专项资金的通知' : l.startsWith('现下达') ? '现提前下达 2025 年度专项资金。' : l));
    expect(metadataOf(lines).meta.budget_year).toBe('2025');
  });

  it('reports each field it cannot find, and leaves it empty', () => {
    const { meta, missing } = metadataOf(['## 广东省财政厅关于下达专项资金的通知', '', '粤财科教〔2024〕51号', '', '现下达专项资金。', '', '附件：1. 分配表']);
    expect(meta).toMatchObject({ doc_number: '粤财科教〔2024〕51号', issuer: '广东省财政厅', issued_date: '', budget_year: '', recipients: [], budget_subject_code: '', budget_subject_name: '' });
    expect(missing.sort()).toEqual(['budget_subject_code', 'budget_subject_name', 'budget_year', 'issued_date', 'recipients']);
  });

  it('does not take a sentence or a paragraph ending in 如下： for the addressees', () => {
    const lines = HEADED.filter((l) => l !== '各地级以上市财政局：').map((l) => (l.startsWith('现下达') ? `${l}有关事项通知如下：` : l));
    const { meta, missing } = metadataOf(lines);
    expect(meta.recipients).toEqual([]);
    expect(missing).toContain('recipients');
  });
});

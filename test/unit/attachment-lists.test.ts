/**
 * A body's list of attachments, as notices write it, read by the notice folder's file matching
 * (src/files/attachments.ts) and by the notice's metadata (src/locate/attachments.ts, the family's
 * start pattern): both give the generator's labels and titles. Lists are generated here in the forms
 * the department's pages and Markdown copies use.
 */
import { describe, expect, it } from 'vitest';
import { listedAnnexes } from '../../src/files/attachments.js';
import { readAttachments } from '../../src/locate/attachments.js';
import { mulberry32 } from '../../scripts/random.js';
import { families } from '../support/run.js';

type Rand = () => number;
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

const TITLES = [
  '2025年省级农业产业发展专项资金分配表',
  '2025年省级农业产业发展专项资金明细分配表',
  '省财政专项转移支付绩效目标表',
  '资金安排情况表',
  '项目清单',
];
const FORMS = ['one-line', 'after-colon', 'per-paragraph', 'per-line-prefixed', 'bare-start', 'markdown-list'] as const;

/** A list in one of the forms, with its truth: each attachment's label and title. */
function list(
  rand: Rand,
  form: (typeof FORMS)[number],
): { lines: string[]; truth: { label: string; title: string }[] } {
  const n = 2 + Math.floor(rand() * 3);
  const truth = TITLES.slice(0, n).map((title, i) => ({ label: String(i + 1), title }));
  const ext = (): string => (rand() < 0.5 ? pick(rand, ['.xls', '.xlsx', '.doc', '.docx', '.pdf']) : '');
  const sep = (): string => pick(rand, ['.', '．', '、']);
  const items = truth.map((t) => `${t.label}${sep()}${t.title}${ext()}`);
  const colon = pick(rand, ['：', ':']);
  const body = ['为支持有关工作，现下达资金（详见附件1、2）。', '请按规定及时分解下达。'];
  const signature = ['', '广东省财政厅', '2024年12月20日'];
  switch (form) {
    case 'one-line':
      return { lines: [...body, `附件${colon}${items.join(' ')}`, ...signature], truth };
    case 'after-colon':
      return { lines: [...body, `附件${colon}${items[0]}`, ...items.slice(1), ...signature], truth };
    case 'per-paragraph':
      return {
        lines: [...body, `附件${colon}${items[0]}`, '', ...items.slice(1).flatMap((i) => [i, '']), ...signature],
        truth,
      };
    case 'per-line-prefixed':
      return {
        lines: [...body, ...truth.map((t) => `附件${t.label}${colon}${t.title}${ext()}`), ...signature],
        truth,
      };
    case 'bare-start':
      return { lines: [...body, `附件${colon}`, ...items, ...signature], truth };
    case 'markdown-list':
      return {
        lines: [...body, `- 附件${colon}${items[0]}`, ...items.slice(1).map((i) => `  ${i}`), ...signature],
        truth,
      };
  }
}

describe("a body's list of attachments", () => {
  const spec = families[0]?.metadata;

  it('is read alike for the files and for the metadata, as the generator wrote it, in every form', () => {
    if (!spec) throw new Error('no family loaded');
    const rand = mulberry32(8);
    for (let k = 0; k < 120; k++) {
      const form = FORMS[k % FORMS.length] as (typeof FORMS)[number];
      const { lines, truth } = list(rand, form);
      expect(listedAnnexes(lines), `${form}: ${lines.join(' / ')}`).toEqual(truth);
      const meta = readAttachments(lines, spec).items.map((a) => ({ label: a.label, title: a.title }));
      expect(meta, form).toEqual(truth);
    }
  });

  it('reads a sole unnumbered attachment as 附件1, and a body without a list as none', () => {
    expect(listedAnnexes(['正文', '附件：资金安排表.xls'])).toEqual([{ label: '1', title: '资金安排表' }]);
    expect(listedAnnexes(['正文（详见附件1）。', '附件1', '资金安排表'])).toEqual([]);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readNoticeFolder, writeNoticeFolder, type NoticeFolderData } from '../scripts/noticeYears.js';
import { buildCorpus } from '../src/corpus/build.js';
import { fundReader } from '../src/corpus/fund.js';
import { compareNotices } from '../src/diff/compare.js';
import { snapshotFromFolder } from '../src/diff/snapshot.js';
import { loadFamilies } from '../src/family/load.js';
import { SEED_OUT } from './support/laterYears.js';

/**
 * The corpus's and diff's own findings, each from a notice folder changed in one respect from the seed's output,
 * run in this process (the CLI tests run them in a child process).
 */
const dir = mkdtempSync(join(tmpdir(), 'notice-extract-corpus-findings-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const families = loadFamilies();
const seed = readNoticeFolder(SEED_OUT);

/** A copy of the seed's output under `root/id`, with its notice fields changed. */
function variant(
  root: string,
  id: string,
  notice: Partial<NoticeFolderData['notice']>,
  change?: (d: NoticeFolderData) => void,
) {
  const data: NoticeFolderData = structuredClone(seed);
  data.notice = { ...data.notice, notice_id: id, ...notice };
  change?.(data);
  writeNoticeFolder(join(root, id), data);
  return join(root, id);
}

describe('the corpus reports', () => {
  it('one notice in two folders, an id two documents share, a title naming no fund and a notice without a year', async () => {
    const root = join(dir, 'notices');
    variant(root, 'a', {});
    variant(root, 'b', {});
    variant(join(dir, 'other'), 'a', { doc_number: '粤财工〔2099〕1号' });
    variant(root, 'c', { doc_number: '粤财工〔2099〕2号', title: '广东省财政厅关于下达某项资金的通知' });
    variant(root, 'd', { doc_number: '粤财工〔2099〕3号', budget_year: '' });
    const summary = await buildCorpus([root, join(dir, 'other')], { to: join(dir, 'corpus'), families });
    const codes = summary.findings.map((f) => f.code).sort();
    expect(codes).toEqual([
      'corpus/budget-year-missing',
      'corpus/fund-unknown',
      'corpus/notice-duplicate',
      'corpus/notice-id-taken',
    ]);
  });

  it('a figure with more decimals than its column holds, stored rounded', async () => {
    const root = join(dir, 'fine');
    variant(root, 'fine', {}, (d) => {
      const [first] = d.indicators;
      if (first) d.indicators[0] = { ...first, value_comparator: 'at_least', value_number: '0.123456789012' };
    });
    const produced: string[] = [];
    const { Collector } = await import('../src/findings/context.js');
    const report = Collector.prototype.report;
    Collector.prototype.report = function (this: InstanceType<typeof Collector>, input) {
      produced.push(input.code);
      report.call(this, input);
    };
    try {
      await buildCorpus([root], { to: join(dir, 'corpus-fine'), families });
    } finally {
      Collector.prototype.report = report;
    }
    expect(produced).toContain('corpus/decimal-rounded');
  });
});

describe('diff reports', () => {
  const funds = fundReader(families);

  it('a notice whose title names no fund, and one of another fund', () => {
    const old = snapshotFromFolder(variant(join(dir, 'diff'), 'old', {}), funds);
    const unnamed = snapshotFromFolder(
      variant(join(dir, 'diff'), 'unnamed', { title: '广东省财政厅关于下达某项资金的通知' }),
      funds,
    );
    expect(compareNotices(old, unnamed).findings.map((f) => f.code)).toEqual(['diff/fund-unknown']);
    const otherTitle = seed.notice.title.replace('市场监管管理（知识产权创造、运用和保护）', '农业产业发展');
    const other = snapshotFromFolder(variant(join(dir, 'diff'), 'other', { title: otherTitle }), funds);
    expect(compareNotices(old, other).findings.map((f) => f.code)).toEqual(['diff/fund-differs']);
  });

  it("an indicator written twice in one recipient's targets, paired in order", () => {
    const old = snapshotFromFolder(variant(join(dir, 'diff'), 'old-twice', {}), funds);
    const twice = variant(join(dir, 'diff'), 'new-twice', {}, (d) => {
      const first = d.indicators[0];
      if (first) d.indicators.push({ ...first, source_row: first.source_row + 1000 });
    });
    const diff = compareNotices(old, snapshotFromFolder(twice, funds));
    expect(diff.findings.map((f) => f.code)).toContain('diff/indicator-key-repeated');
  });
});

import { describe, expect, it } from 'vitest';
import {
  buildQueue,
  itemKey,
  queueCounts,
  sourceContext,
  versionOf,
  type ReviewCells,
} from '../../src/curation/queue.js';
import { parseDecisionRequest } from '../../src/curation/request.js';
import type { Decision } from '../../src/family/decisions.js';

const FAMILY = 'gd-special-transfer';

/** A review row as review.csv holds it. */
function row(cells: Partial<ReviewCells> & { raw: string; source_line: string }): ReviewCells {
  return {
    kind: 'policy',
    recipient_code: '440100000',
    seq: '1',
    normalized: '',
    doc_number: '',
    match: 'none',
    score: '0',
    matched_id: '',
    ...cells,
  };
}

const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
lines[9] =
  '政策依据\t<li>《广东省知识产权保护条例》</li> <li>《关于强化知识产权保护的意见》（中办发〔2019〕56号）</li>';

describe('the workbench queue', () => {
  const rows = [
    row({
      raw: '《关于强化知识产权保护的意见》（中办发〔2019〕56号）',
      source_line: '10',
      doc_number: '中办发〔2019〕56号',
      match: 'fuzzy',
      score: '0.9',
      candidate_1_id: 'P-a',
      candidate_1_title: '关于强化知识产权保护的意见',
      candidate_1_score: '0.9',
      candidate_1_veto: '',
    }),
    // The same title without its number, elsewhere: one item, two occurrences, candidates merged.
    row({
      raw: '《关于强化知识产权保护的意见》',
      source_line: '14',
      recipient_code: '440200000',
      candidate_1_id: 'P-a',
      candidate_1_title: '关于强化知识产权保护的意见',
      candidate_1_score: '0.8',
      candidate_1_veto: '',
      candidate_2_id: 'P-b',
      candidate_2_title: '关于加强知识产权保护的意见',
      candidate_2_score: '0.95',
      candidate_2_veto: 'doc-number',
    }),
    row({ raw: '《广东省知识产权保护条例》', source_line: '10' }),
    row({
      kind: 'indicator',
      raw: '专利授权量',
      source_line: '12',
      match: 'fuzzy',
      score: '0.88',
      candidate_1_id: 'I-专利授权',
      candidate_1_title: '专利授权数',
      candidate_1_score: '0.88',
      candidate_1_veto: '',
    }),
  ];
  const notices = [{ id: 'n1', family: FAMILY, rows, lines }];

  it('groups occurrences by the spelling a decision records, with the best score and the cited number', () => {
    const queue = buildQueue(notices, new Map());
    expect(queue.map((i) => [i.kind, i.spelling, i.occurrences.length])).toEqual([
      ['policy', '关于强化知识产权保护的意见', 2],
      ['policy', '广东省知识产权保护条例', 1],
      ['indicator', '专利授权量', 1],
    ]);
    const [first] = queue;
    expect(first).toMatchObject({
      match: 'fuzzy',
      score: 0.9,
      doc_number: '中办发〔2019〕56号',
      family: FAMILY,
      version: versionOf(undefined),
    });
    expect(first?.occurrences.map((o) => [o.source_line, o.recipient_code])).toEqual([
      [10, '440100000'],
      [14, '440200000'],
    ]);
  });

  it('merges candidates over occurrences: best score first, vetoes kept, a diff against the spelling', () => {
    const [first] = buildQueue(notices, new Map());
    expect(first?.candidates.map((c) => [c.id, c.score, c.veto])).toEqual([
      ['P-b', 0.95, 'doc-number'],
      ['P-a', 0.9, ''],
    ]);
    expect(first?.candidates[0]?.diff).toEqual([
      { op: 'same', text: '关于' },
      // 强 is common to 强化 and 加强: a longest common subsequence keeps it.
      { op: 'ins', text: '加' },
      { op: 'same', text: '强' },
      { op: 'del', text: '化' },
      { op: 'same', text: '知识产权保护的意见' },
    ]);
  });

  it('leaves out spellings decided in the same family, compared by match key', () => {
    const decided: Decision[] = [
      { kind: 'policy', spelling: '广东省知识产权保护条例', decision: 'reject', reason: '地方性法规' },
    ];
    expect(buildQueue(notices, new Map([[FAMILY, decided]])).map((i) => i.spelling)).toEqual([
      '关于强化知识产权保护的意见',
      '专利授权量',
    ]);
    expect(buildQueue(notices, new Map([['another-family', decided]]))).toHaveLength(3);
  });

  it('counts spellings and rows by kind and rows per notice', () => {
    const queue = buildQueue(notices, new Map());
    expect(queueCounts(queue, ['n1', 'n2'])).toEqual({
      spellings: { policy: 2, indicator: 1 },
      rows: { policy: 3, indicator: 1 },
      notices: [
        { id: 'n1', policy: 3, indicator: 1 },
        { id: 'n2', policy: 0, indicator: 0 },
      ],
    });
  });

  it('cuts the source line around the text, and shows the line start when the text is not on it', () => {
    const [first] = buildQueue(notices, new Map());
    expect(first?.occurrences[0]?.context).toEqual({
      before: '政策依据\t<li>《广东省知识产权保护条例》</li> <li>',
      text: '《关于强化知识产权保护的意见》（中办发〔2019〕56号）',
      after: '</li>',
    });
    expect(sourceContext('x'.repeat(500), 'y')).toEqual({ before: 'x'.repeat(120) + '…', text: '', after: '' });
    expect(sourceContext('a'.repeat(100) + 'T' + 'b'.repeat(100), 'T')).toEqual({
      before: '…' + 'a'.repeat(60),
      text: 'T',
      after: 'b'.repeat(60) + '…',
    });
  });

  it('versions a spelling by the decision in force, so a decision made meanwhile changes it', () => {
    const accept: Decision = { kind: 'policy', spelling: 's', decision: 'accept', id: 'P-a' };
    expect(versionOf(undefined)).not.toBe(versionOf(accept));
    expect(versionOf(accept)).toBe(versionOf({ ...accept }));
    expect(itemKey(FAMILY, 'policy', '关于〈X〉的通知')).toBe(itemKey(FAMILY, 'policy', '关于X的通知'));
  });
});

describe('a decision request', () => {
  it('reads a decision with its version and family', () => {
    expect(
      parseDecisionRequest(
        JSON.stringify({ kind: 'policy', spelling: 's', decision: 'accept', id: 'P-a', version: 'v1', family: FAMILY }),
      ),
    ).toEqual({
      ok: true,
      request: {
        decision: { kind: 'policy', spelling: 's', decision: 'accept', id: 'P-a' },
        version: 'v1',
        family: FAMILY,
      },
    });
  });

  it('refuses a body that is not JSON, or not an object', () => {
    expect(parseDecisionRequest('{kind')).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^body is not JSON: /),
    });
    expect(parseDecisionRequest('[1]')).toMatchObject({ ok: false, message: expect.stringMatching(/expected object/) });
  });

  it('names the missing version, a reject without a reason, an unknown decision and a stray field', () => {
    const base = { kind: 'policy', spelling: 's', version: 'v1' };
    const message = (body: object) => {
      const r = parseDecisionRequest(JSON.stringify(body));
      if (r.ok) throw new Error('accepted');
      return r.message;
    };
    expect(message({ kind: 'policy', spelling: 's', decision: 'accept', id: 'P-a' })).toMatch(/version/);
    expect(message({ ...base, decision: 'reject' })).toMatch(/→ at reason/);
    expect(message({ ...base, decision: 'maybe' })).toMatch(/→ at decision/);
    expect(message({ ...base, decision: 'accept', id: 'P-a', extra: 1 })).toMatch(/extra/);
    expect(
      message({
        ...base,
        decision: 'new-indicator',
        kind: 'indicator',
        entry: { id: 'I-x', name: 'x', level2: '不存在', aliases: [] },
      }),
    ).toMatch(/level2/);
  });
});

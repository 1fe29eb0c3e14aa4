import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acceptIndicatorAliases } from '../../src/curation/indicatorAliases.js';
import { matchIndicator } from '../../src/indicators/match.js';
import { clusterNames } from '../../src/indicators/propose.js';
import type { Indicator } from '../../src/family/registries.js';
import { indicatorRegistryProblems } from '../../src/matching/indicatorKeys.js';
import { loadFamilies } from '../../src/family/load.js';
import { readDecisions } from '../../src/curation/accept.js';
import { readCsv } from '../../src/curation/readCsv.js';
import { summaryLine, type MatchSummary } from '../../src/review/summary.js';
import { toCsv } from '../../src/emit/csv.js';

/** A small registry whose names differ the way the seed's do. */
const TOY: Indicator[] = [
  {
    id: 'I-保护',
    name: '知识产权保护中心提供快速预审、快速确权和快速维权服务',
    level2: '数量指标',
    aliases: [],
    veto_terms: ['快维中心'],
  },
  {
    id: 'I-快维',
    name: '知识产权快维中心提供快速预审、快速确权和快速维权服务',
    level2: '数量指标',
    aliases: [],
    veto_terms: ['保护中心'],
  },
  { id: 'I-调解', name: '提供知识产权纠纷调解', level2: '数量指标', aliases: ['开展知识产权纠纷调解'] },
  {
    id: 'I-培训次数',
    name: '开展海外知识产权保护（侵权责任险）培训次数',
    level2: '数量指标',
    aliases: [],
    veto_terms: ['企业'],
  },
  {
    id: 'I-培训企业',
    name: '参加海外知识产权保护（侵权责任险）培训企业',
    level2: '数量指标',
    aliases: [],
    veto_terms: ['次数'],
  },
  { id: 'I-市场', name: '培育3家知识产权保护规范化市场', level2: '数量指标', aliases: [] },
];

describe('matchIndicator', () => {
  it('matches a canonical name exactly after the shared text rules (an English and between Chinese)', () => {
    expect(matchIndicator('知识产权保护中心提供快速预审、快速确权 and 快速维权服务', TOY)).toMatchObject({
      indicator_id: 'I-保护',
      match: 'exact',
      score: 1,
    });
  });

  it('matches an accepted spelling as an alias, whatever its punctuation', () => {
    expect(matchIndicator('开展知识产权纠纷调解', TOY)).toMatchObject({ indicator_id: 'I-调解', match: 'alias' });
    expect(matchIndicator('开展海外知识产权保护(侵权责任险)培训次数', TOY)).toMatchObject({
      indicator_id: 'I-培训次数',
      match: 'exact',
    });
  });

  it('accepts a long name with a dropped word as fuzzy, with its score', () => {
    const m = matchIndicator('开展海外知识产权保护(侵权责任险)次数', TOY);
    expect(m).toMatchObject({ indicator_id: 'I-培训次数', match: 'fuzzy' });
    expect(m.score).toBeGreaterThanOrEqual(0.85);
    expect(m.score).toBeLessThan(1);
  });

  it('never merges the 保护中心 and 快维中心 indicators, however alike they read', () => {
    const m = matchIndicator(
      '知识产权快维中心提供快速预审、快速确权和快速维权服务',
      TOY.filter((i) => i.id !== 'I-快维'),
    );
    expect(m.match).toBe('none');
    expect(m.candidates[0]).toMatchObject({ id: 'I-保护', veto: 'term' });
    expect(m.candidates[0]?.score).toBeGreaterThan(0.85);
  });

  it('vetoes a name that asks for another figure', () => {
    const m = matchIndicator('培育5家知识产权保护规范化市场', TOY);
    expect(m.match).toBe('none');
    expect(m.candidates[0]).toMatchObject({ id: 'I-市场', veto: 'number' });
  });

  it('leaves a name unmatched when two indicators are about equally close', () => {
    const twins: Indicator[] = [
      { id: 'I-甲', name: '组织开展知识产权宣传培训活动甲', level2: '数量指标', aliases: [] },
      { id: 'I-乙', name: '组织开展知识产权宣传培训活动乙', level2: '数量指标', aliases: [] },
    ];
    expect(matchIndicator('组织开展知识产权宣传培训活动', twins).match).toBe('none');
  });

  it('leaves a local indicator unmatched', () => {
    expect(matchIndicator('组织中小学开展知识产权进校园活动', TOY)).toMatchObject({
      indicator_id: '',
      match: 'none',
      score: 0,
    });
  });

  it('never throws, and scores stay between 0 and 1', () => {
    const pieces = fc.array(
      fc.constantFrom(
        '知识产权',
        '保护中心',
        '快维中心',
        '培训',
        '次数',
        '企业',
        ' and ',
        '（',
        '）',
        '3',
        '家',
        '第一批',
        '2021年',
        '&amp;',
        ' ',
      ),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(
        fc.oneof(
          pieces.map((p) => p.join('')),
          fc.string(),
        ),
        (name) => {
          const m = matchIndicator(name, TOY);
          expect(m.score >= 0 && m.score <= 1).toBe(true);
          expect(m.match === 'none').toBe(m.indicator_id === '');
        },
      ),
    );
  });
});

describe('the indicator registry', () => {
  it('refuses duplicate ids, a spelling claimed twice and a spelling that holds its own veto term', () => {
    const base = TOY[2] as Indicator;
    expect(indicatorRegistryProblems([base, { ...base }])).toContain('duplicate id I-调解');
    expect(indicatorRegistryProblems([base, { ...base, id: 'I-别的', aliases: [] }]).join()).toMatch(
      /spelling of both I-调解 and I-别的/,
    );
    expect(indicatorRegistryProblems([{ ...base, veto_terms: ['调解'] }]).join()).toMatch(/own veto term/);
  });

  it('is usable as committed: every family registry loads without problems', () => {
    for (const family of loadFamilies()) expect(indicatorRegistryProblems(family.indicators), family.id).toEqual([]);
  });

  it('takes accepted names as aliases, skips known ones and refuses one another indicator owns', () => {
    const update = acceptIndicatorAliases(TOY, [
      { spelling: '开展海外知识产权保护(侵权责任险)次数', id: 'I-培训次数', origin: 'row 1' },
      { spelling: '提供知识产权纠纷调解', id: 'I-调解', origin: 'row 2' },
      { spelling: '开展知识产权纠纷调解', id: 'I-保护', origin: 'row 3' },
      { spelling: '某指标', id: 'I-没有', origin: 'row 4' },
    ]);
    expect(update.added).toEqual(['I-培训次数: 开展海外知识产权保护(侵权责任险)次数']);
    expect(update.skipped).toHaveLength(1);
    expect(update.conflicts.map((c) => c.slice(0, 5))).toEqual(['row 3', 'row 4']);
    expect(TOY[3]?.aliases).toEqual([]);
  });
});

describe('reading a review sheet back', () => {
  it('reads quoted cells, doubled quotes, CRLF and a BOM, and takes off the formula guard', () => {
    const fields = ['raw', 'decision'].map((name) => ({
      name,
      kind: 'text' as const,
      title: name,
      freeText: true,
      unit: '',
      description: '',
      type: 'text',
    }));
    const text = toCsv([{ raw: '-《甲, "乙"》\n丙', decision: 'accept' }], fields, { bom: true });
    expect(readCsv(text)).toEqual({
      header: ['raw', 'decision'],
      records: [{ row: 1, cells: { raw: '-《甲, "乙"》\n丙', decision: 'accept' } }],
    });
  });

  it('takes the fuzzy match when an accepted row names no id, and reports rows it cannot read', () => {
    const sheet = [
      'kind,raw,matched_id,decision,policy_or_indicator_id,reason',
      'indicator,甲,I-甲,accept,,',
      'policy,乙,,ACCEPT,P-乙,',
      'policy,丙,,reject,,not a policy document',
      'policy,丁,,maybe,,',
      'policy,戊,,accept,,',
      'other,己,,accept,P-己,',
      'policy,庚,,reject,,',
      'policy,辛,,skip,,',
    ].join('\r\n');
    const d = readDecisions(sheet);
    expect(d.indicators).toEqual([{ spelling: '甲', id: 'I-甲', origin: 'row 1 "甲"' }]);
    expect(d.policies).toEqual([{ spelling: '乙', id: 'P-乙', origin: 'row 2 "乙"' }]);
    expect(d.others.map((o) => o.decision)).toEqual([
      { kind: 'policy', spelling: '丙', decision: 'reject', reason: 'not a policy document' },
    ]);
    expect(d.problems.map((p) => p.slice(0, 5))).toEqual(['row 4', 'row 5', 'row 6', 'row 7']);
    expect(readDecisions('a,b\r\n1,2').problems[0]).toMatch(/not a review sheet/);
  });
});

describe('proposals for the indicator registry', () => {
  it('clusters near spellings, counts the tables that ask for them, and keeps batches apart', () => {
    const rows = [
      { name: '支持建设维权援助服务站点', level2: '数量指标', table: 'a' },
      { name: '支持建设维权援助服务站', level2: '数量指标', table: 'b' },
      { name: '支持建设维权援助服务站点', level2: '数量指标', table: 'c' },
      { name: '第一批试点工作完成数量', level2: '', table: 'a' },
      { name: '第二批试点工作完成数量', level2: '', table: 'b' },
    ];
    const clusters = clusterNames(rows);
    expect(clusters[0]).toEqual({
      tables: 3,
      spellings: [
        { name: '支持建设维权援助服务站点', rows: 2, tables: 2, level2: '数量指标' },
        { name: '支持建设维权援助服务站', rows: 1, tables: 1, level2: '数量指标' },
      ],
    });
    expect(clusters).toHaveLength(3);
  });
});

describe('summaryLine', () => {
  it('says how many spellings resolved to how many policies and what awaits review', () => {
    const s: MatchSummary = {
      citations: 10,
      citation_spellings: 6,
      resolved_spellings: 5,
      policies: 3,
      citation_matches: { exact: 6, alias: 1, fuzzy: 2, none: 1 },
      indicators: 8,
      standard_indicator_rows: 5,
      standard_indicators: 4,
      indicator_matches: { exact: 4, alias: 0, fuzzy: 1, none: 3 },
      review_rows: 4,
    };
    expect(summaryLine(s)).toBe(
      'citations 10: 5 of 6 spellings → 3 policies, 3 await review (2 fuzzy, 1 unmatched); indicators 8: 5 rows → 4 standard indicators, 1 await review, 3 local',
    );
  });
});

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDocNumbers, normalizeDocNumber } from '../../src/normalize/docNumber.js';
import { matchPolicy, type PolicyMatch } from '../../src/citations/match.js';
import { parseCitation, type ParsedCitation } from '../../src/citations/parse.js';
import { readPolicyRegistry as loadPolicyRegistry } from '../../src/family/files.js';
import type { Policy } from '../../src/family/registries.js';
import { registryProblems } from '../../src/matching/policyKeys.js';
import { dice, matchKey } from '../../src/matching/similarity.js';
import { splitCitations } from '../../src/citations/split.js';
import { gridRows } from '../../src/grid/build.js';
import type { RuleCounts } from '../../src/normalize/rules.js';
import { parseMarkdown } from '../../src/parse/markdown.js';

/** The registry as frozen beside the fixtures: the counts below were measured against it. */
const REGISTRY_FILE = new URL('../fixtures/gd-special-transfer/curated/policies.json', import.meta.url);
const SEED_TEXT = readFileSync(new URL('../../raw/yue-cai-gong-2023-126.md', import.meta.url), 'utf8');
const registry = loadPolicyRegistry(REGISTRY_FILE.pathname);

/** Raws of a cell, for short assertions. */
const raws = (cell: string): string[] => splitCitations(cell).map((c) => c.raw);

describe('splitCitations', () => {
  it('splits an HTML list into one citation per item and strips the numbering', () => {
    const cell =
      '<ol style="list-style-type: none"> <li>1. 《甲规划》</li> <li>2.《乙办法》（国发〔2021〕20号）</li> </ol>';
    expect(splitCitations(cell)).toEqual([
      { raw: '《甲规划》', index: 1 },
      { raw: '《乙办法》（国发〔2021〕20号）', index: 2 },
    ]);
  });

  it('splits numbered items fused in one paragraph, with or without separators', () => {
    expect(raws('<p>1.《甲》；2.《乙》（国知办发服字〔2020〕43号）。</p> <p>3.《丙》</p>')).toEqual([
      '《甲》',
      '《乙》（国知办发服字〔2020〕43号）',
      '《丙》',
    ]);
    expect(raws('1.《甲》(国发〔2021〕20号)8.国家和广东省《乙》9.中共中央办公厅《丙》')).toEqual([
      '《甲》(国发〔2021〕20号)',
      '国家和广东省《乙》',
      '中共中央办公厅《丙》',
    ]);
  });

  it('reads 2、 （3） and ④ as list markers', () => {
    expect(raws('1、《甲》 2、《乙》 （3）《丙》 ④《丁》')).toEqual(['《甲》', '《乙》', '《丙》', '《丁》']);
  });

  it('splits consecutive titles with nothing or only a separator between them', () => {
    expect(raws('《甲通知》《乙条例》《丙决定》')).toEqual(['《甲通知》', '《乙条例》', '《丙决定》']);
    expect(raws('<li>9.《甲方案》、《乙纲要》</li>')).toEqual(['《甲方案》', '《乙纲要》']);
  });

  it('keeps a nested title, however it is marked, inside its citation', () => {
    const nested = [
      '《局关于印发《甲》的通知》（国知办发保字〔2021〕17号）',
      '《局关于印发&lt;甲&gt;的通知》',
      '《局关于印发〈甲〉的通知》',
    ];
    for (const cell of nested) expect(raws(cell)).toEqual([cell]);
  });

  it('does not split at digits of document numbers, years or decimals', () => {
    expect(raws('《纲要（2021-2035年）》（粤府办〔2021〕 12 号） 《版本2.0指引》')).toEqual([
      '《纲要（2021-2035年）》（粤府办〔2021〕 12 号）',
      '《版本2.0指引》',
    ]);
  });

  it('returns no citation for a cell without text', () => {
    expect(splitCitations('')).toEqual([]);
    expect(splitCitations('<ol> <li> </li> </ol>')).toEqual([]);
  });
});

describe('parseCitation', () => {
  it('separates an issuer written before the title and the document number after it', () => {
    const p = parseCitation('中共中央办公厅、国务院办公厅《关于强化知识产权保护的意見》（中办发〔2019〕56号）');
    expect([p.issuer, p.title, p.doc_number]).toEqual([
      '中共中央办公厅、国务院办公厅',
      '关于强化知识产权保护的意见',
      '中办发〔2019〕56号',
    ]);
  });

  it('reads the issuing body at the start of a title as the issuer and keeps the title whole', () => {
    const p = parseCitation('《国家知识产权局办公室关于加强专利导航工作的通知》');
    expect([p.issuer, p.title, p.doc_number]).toEqual([
      '国家知识产权局办公室',
      '国家知识产权局办公室关于加强专利导航工作的通知',
      '',
    ]);
  });

  it('drops the verb 印发 that joins an issuer to the work it issues', () => {
    const p = parseCitation(
      '中共广东省委办公厅、广东省人民政府办公厅印发《关于强化知识产权保护的若干措施》的通知(粤办发〔2020〕13号)',
    );
    expect([p.issuer, p.title, p.doc_number]).toEqual([
      '中共广东省委办公厅、广东省人民政府办公厅',
      '关于强化知识产权保护的若干措施',
      '粤办发〔2020〕13号',
    ]);
  });

  it('writes a nested title in 〈〉 whether the source marks it with &lt;&gt;, 《》 or 〈〉', () => {
    const titles = [
      '《局关于印发&lt;甲方案&gt;的通知》',
      '《局关于印发《甲方案》的通知》',
      '《局关于印发〈甲方案〉的通知》',
    ].map((r) => parseCitation(r).title);
    expect(new Set(titles)).toEqual(new Set(['局关于印发〈甲方案〉的通知']));
  });

  it('reads a stray 《 before an issuer as the start of the issuer, not of the title', () => {
    const p = parseCitation('《中共中央办公厅、国务院办公厅《关于强化知识产权保护的若干意见》（中办发〔2019〕56号）');
    expect([p.issuer, p.title]).toEqual(['中共中央办公厅、国务院办公厅', '关于强化知识产权保护的若干意见']);
    expect(p.repairs).toContain('stray-leading-title-mark');
  });

  it('runs a title whose final 》 was lost up to its document number', () => {
    const p = parseCitation('《省委办公厅印发《关于强化知识产权保护的若干措施》的通知(粤办发〔2020〕13号)');
    expect([p.title, p.doc_number]).toEqual([
      '省委办公厅印发〈关于强化知识产权保护的若干措施〉的通知',
      '粤办发〔2020〕13号',
    ]);
  });

  it('writes document numbers with 〔〕 and without spaces, whatever brackets OCR gave them', () => {
    const written = [
      '粤府办〔2021〕 12 号',
      '粤府办[2021]12号',
      '粤府办(2021)12号',
      '粤府办【2021】12号',
      '粤府办（2021）12号',
      '粤府办［２０２１］１２号',
    ];
    for (const w of written) expect(parseCitation(`《甲办法》（${w}）`).doc_number).toBe('粤府办〔2021〕12号');
    expect(parseCitation('《甲》（国知办发保字〔2019〕40号）').repairs).not.toContain('doc-number-form');
    expect(parseCitation('《甲》（粤府办[2021]12号）').repairs).toContain('doc-number-form');
  });

  it('leaves the document number empty, and says so, when the source gives no serial', () => {
    const p = parseCitation('《知识产权信息公共服务工作指引》（国知办发服字〔2020〕）');
    expect([p.title, p.doc_number]).toEqual(['知识产权信息公共服务工作指引', '']);
    expect(p.repairs).toContain('doc-number-incomplete');
  });

  it('normalizes with the shared text rules and counts each rule that fired', () => {
    const counts: RuleCounts = {};
    const p = parseCitation('《关于强化知识产权保护的意見》（中办发〔２０１９〕56号）', counts);
    expect(p.title).toBe('关于强化知识产权保护的意见');
    expect(p.title_raw).toBe('《关于强化知识产权保护的意見》（中办发〔２０１９〕56号）');
    expect(counts).toMatchObject({ 'traditional-to-simplified': 1, 'width-fold': 1 });
  });

  it('reads a citation without title marks as a title up to its number, parenthesized or not', () => {
    for (const raw of [
      '国家知识产权局关于甲的通知（国知发保字〔2020〕22号）',
      '国家知识产权局关于甲的通知国知发保字〔2020〕22号',
    ]) {
      const p = parseCitation(raw);
      expect([p.issuer, p.title, p.doc_number]).toEqual([
        '国家知识产权局',
        '国家知识产权局关于甲的通知',
        '国知发保字〔2020〕22号',
      ]);
    }
  });
});

/** A small registry whose titles differ the way the seed's do. */
const TOY: Policy[] = [
  {
    id: 'P-一批',
    title: '国家知识产权局办公室关于同意设立第一批国家海外知识产权纠纷应对指导中心地方分中心的通知',
    issuer: '国家知识产权局办公室',
    doc_number: '国知办函保字〔2020〕249号',
    aliases: [],
  },
  {
    id: 'P-二批',
    title: '国家知识产权局办公室关于同意设立第二批国家海外知识产权纠纷应对指导中心地方分中心的通知',
    issuer: '国家知识产权局办公室',
    doc_number: '国知办函保字〔2021〕358号',
    aliases: [],
  },
  {
    id: 'P-意见',
    title: '关于强化知识产权保护的意见',
    issuer: '中共中央办公厅、国务院办公厅',
    doc_number: '中办发〔2019〕56号',
    aliases: ['关于强化知识产权保护的若干意见'],
  },
  {
    id: 'P-措施',
    title: '关于强化知识产权保护的若干措施',
    issuer: '中共广东省委办公厅、广东省人民政府办公厅',
    doc_number: '粤办发〔2020〕13号',
    aliases: [],
  },
  {
    id: 'P-2021',
    title: '国家知识产权局办公室关于组织开展2021年国家地理标志产品保护示范区申报推荐工作的通知',
    issuer: '',
    doc_number: '',
    aliases: [],
  },
];

/** Parse and match one citation against a registry. */
const matchRaw = (raw: string, policies: readonly Policy[] = TOY): PolicyMatch =>
  matchPolicy(parseCitation(raw), policies);

describe('matchPolicy', () => {
  it('matches a canonical title exactly, also when the issuer stands inside the title marks', () => {
    expect(matchRaw('中共中央办公厅、国务院办公厅《关于强化知识产权保护的意见》')).toMatchObject({
      policy_id: 'P-意见',
      match: 'exact',
      score: 1,
    });
    expect(matchRaw('《中共中央办公厅、国务院办公厅关于强化知识产权保护的意见》')).toMatchObject({
      policy_id: 'P-意见',
      match: 'exact',
    });
  });

  it('matches an accepted spelling as an alias', () => {
    expect(matchRaw('《关于强化知识产权保护的若干意见》（中办发〔2019〕56号）')).toMatchObject({
      policy_id: 'P-意见',
      match: 'alias',
      conflict: '',
    });
  });

  it('keeps the national 意见 and the Guangdong 若干措施 apart', () => {
    expect(matchRaw('《关于强化知识产权保护的若干措施》').policy_id).toBe('P-措施');
    expect(dice(matchKey('关于强化知识产权保护的意见'), matchKey('关于强化知识产权保护的若干措施'))).toBeGreaterThan(
      0.7,
    );
    expect(matchRaw('《关于强化知识产权保护的措施》').policy_id).not.toBe('P-意见');
  });

  it('never merges 第一批 with 第二批, however alike the titles read', () => {
    const second = '《国家知识产权局关于同意设立第二批国家海外知识产权纠纷应对指导中心地方分中心的通报》';
    const m = matchRaw(second);
    expect(m.candidates.find((c) => c.id === 'P-一批')).toMatchObject({ veto: 'ordinal' });
    expect(m.candidates.find((c) => c.id === 'P-一批')?.score).toBeGreaterThan(0.85);
    expect(m).toMatchObject({ policy_id: 'P-二批', match: 'fuzzy' });
    expect(matchRaw('《国家知识产权局关于同意设立国家海外知识产权纠纷应对指导中心地方分中心的通知》').match).toBe(
      'none',
    );
  });

  it('vetoes a fuzzy match when the years or the document numbers disagree', () => {
    expect(
      matchRaw('《国家知识产权局关于组织开展2022年国家地理标志产品保护示范区申报推荐工作的通知》').candidates[0],
    ).toMatchObject({ id: 'P-2021', veto: 'year' });
    const wrongNumber = matchRaw(
      '《国家知识产权局关于同意设立第一批国家海外知识产权纠纷应对指导中心地方分中心的通报》（国知办函保字〔2021〕358号）',
    );
    expect(wrongNumber.match).toBe('none');
    expect(wrongNumber.candidates.find((c) => c.id === 'P-一批')?.veto).toBe('doc-number');
  });

  it('accepts a loosely spelled title when its document number agrees', () => {
    const m = matchRaw('《国家知识产权局、国务院办公室关于强化知识产权保护的意见》（中办发〔2019〕56号）');
    expect(m).toMatchObject({ policy_id: 'P-意见', match: 'fuzzy' });
    expect(m.score).toBeLessThan(0.85);
    expect(matchRaw('《国家知识产权局、国务院办公室关于强化知识产权保护的意见》').match).toBe('none');
  });

  it('keeps an exact title but flags a document number that disagrees or belongs to another policy', () => {
    expect(matchRaw('《关于强化知识产权保护的意见》（中办发〔2019〕36号）')).toMatchObject({
      policy_id: 'P-意见',
      match: 'exact',
      conflict: 'doc-number-differs',
    });
    expect(
      matchRaw(
        '《国家知识产权局办公室关于组织开展2021年国家地理标志产品保护示范区申报推荐工作的通知》（粤办发〔2020〕13号）',
      ).conflict,
    ).toBe('doc-number-of-other-policy');
  });

  it('leaves a citation unmatched when nothing is similar enough', () => {
    expect(matchRaw('《广东省地理标志条例》')).toMatchObject({ policy_id: '', match: 'none', score: 0 });
  });
});

describe('document numbers', () => {
  it('agree on code, year and serial; differ only in code; or conflict in year or serial', () => {
    expect(compareDocNumbers('国知办函保字〔2020〕141号', '国知办函保字〔2020〕141号')).toBe('same');
    expect(compareDocNumbers('国知办发保字〔2020〕141号', '国知办函保字〔2020〕141号')).toBe('code-differs');
    expect(compareDocNumbers('国知办函保字〔2021〕141号', '国知办函保字〔2020〕141号')).toBe('conflict');
    expect(compareDocNumbers('', '国发〔2021〕20号')).toBe('unknown');
    expect(normalizeDocNumber('国发 [2021] 020 号')).toBe('国发〔2021〕20号');
  });
});

describe('the policy registry', () => {
  it('has readable unique ids, canonical document numbers and no spelling claimed twice', () => {
    expect(registryProblems(registry)).toEqual([]);
    for (const p of registry) {
      expect(p.id).toMatch(/^P-\p{Script=Han}[\p{Script=Han}\d-]*$/u);
      if (p.doc_number !== '') expect(p.id).toBe(`P-${p.doc_number.replace(/〔(\d{4})〕(\d+)号$/u, '-$1-$2')}`);
    }
  });

  it('chooses the real title of the cluster opinion over the spelling most citations use', () => {
    const cluster = registry.find((p) => p.doc_number === '粤府〔2020〕82号');
    expect(cluster?.title).toBe('关于培育发展战略性支柱产业集群和战略性新兴产业集群的意见');
    expect(cluster?.aliases).toContain('关于培育发展战略性新兴产业集群和战略性新兴产业集群的意见');
  });
});

/** One citation of the seed, read and matched. */
interface SeedCitation extends ParsedCitation {
  line: number;
  match: PolicyMatch;
}

/** The seed's 政策依据 cells as the table reader sees them. */
const parsedSeed = parseMarkdown(SEED_TEXT);
const policyCells = gridRows(parsedSeed, { start: 1, end: parsedSeed.lines.length })
  .filter((row) => row.cells[0]?.text === '政策依据')
  .map((row) => ({ line: row.line, raw: row.cells[1]?.raw ?? '' }));
const seedCitations: SeedCitation[] = policyCells.flatMap((cell) =>
  splitCitations(cell.raw).map((c) => {
    const parsed = parseCitation(c.raw);
    return { ...parsed, line: cell.line, match: matchPolicy(parsed, registry) };
  }),
);

/** Independent count: list items (or written numbers, or adjacent titles), plus items holding two titles joined by 、. */
function independentCount(cell: string): number {
  const items = (cell.match(/<li>/g) ?? []).length;
  const numbers = (cell.match(/(?:^|[>》）)；\s])\d{1,2}[.、]/g) ?? []).length;
  const base = items || numbers || (cell.match(/》《/g) ?? []).length + 1;
  return base + (cell.match(/》、《/g) ?? []).length;
}

/** Policy ids given to the citations whose source text contains a fragment ('' for unmatched). */
const idsWhere = (fragment: string): Set<string> =>
  new Set(seedCitations.filter((c) => c.title_raw.includes(fragment)).map((c) => c.match.policy_id));

describe('the seed notice 粤财工〔2023〕126号', () => {
  it('has 42 policy cells, as a plain scan of its lines also finds', () => {
    expect(policyCells).toHaveLength(42);
    expect(SEED_TEXT.split('\n').filter((l) => l.startsWith('政策依据\t'))).toHaveLength(42);
  });

  it('makes every cited document its own record, as many per cell as an independent count finds', () => {
    for (const cell of policyCells)
      expect(splitCitations(cell.raw).length, `cell at line ${cell.line}`).toBe(independentCount(cell.raw));
    const counted = new Map(policyCells.map((c) => [c.line, splitCitations(c.raw).length]));
    // Counted by hand: 31 items + one fused 《…》、《…》; 28 numbered items in two <p> forms; three bare titles.
    expect([counted.get(196), counted.get(282), counted.get(589), counted.get(1017)]).toEqual([32, 28, 28, 3]);
  });

  it('extracts the document number of every citation that gives a complete one', () => {
    const withNumber = seedCitations.filter((c) => /〔\d{4}〕\s*\d+\s*号/u.test(c.title_raw));
    expect(withNumber.length).toBeGreaterThan(500);
    for (const c of withNumber) {
      const written = [...c.title_raw.matchAll(/〔(\d{4})〕\s*(\d+)\s*号/gu)].map(
        (m) => `〔${m[1]}〕${Number(m[2])}号`,
      );
      expect(
        written.some((w) => c.doc_number.endsWith(w)),
        c.title_raw,
      ).toBe(true);
    }
  });

  it('gives every spelling of one document the same policy', () => {
    const sameDocument = [
      ['关于强化知识产权保护的意見', '关于强化知识产权保护的意见》'],
      [
        '&lt;关于技术调查官参与专利、集成电路布图设计侵权纠纷行政裁决办案',
        '〈关于技术调查官参与专利、集成电路布图设计侵权纠纷行政裁决办案',
        '《关于技术调查官参与专利、集成电路布图设计侵权纠纷行政裁决办案',
      ],
      ['&lt;广东省强化海外知识产权保护工作方案', '〈广东省强化海外知识产权保护工作方案'],
      [
        '《国家知识产权局办公室关于开展专利侵权纠纷行政裁决示范建设工作的通知',
        '《国家知识产权局关于开展专利侵权纠纷行政裁决示范建设工作的通知',
      ],
      [
        '国家版权局关于进一步加严知识产权质押融资',
        '国家版权局关于进一步加强知识产权质押融资',
        '加知识知识产权质押融资',
      ],
      ['加严专利导航', '办公室关于加强专利导航'],
      ['管理体系统认证质量', '管理体系贯标认证质量'],
      ['战略性新兴产业集群和战略性新兴产业集群', '战略性支柱产业集群'],
    ];
    for (const fragments of sameDocument) {
      const ids = new Set(fragments.flatMap((f) => [...idsWhere(f)]));
      expect([...ids], fragments.join(' / ')).toHaveLength(1);
      expect([...ids][0]).not.toBe('');
    }
  });

  it('never gives two different documents the same policy', () => {
    const differentDocuments = [
      ['《关于强化知识产权保护的意见》', '《关于强化知识产权保护的若干措施》'],
      ['同意设立第一批国家海外', '同意设立第二批国家海外'],
      ['确定第一批专利侵权纠纷行政裁决示范建设工作试点地方', '开展第二批专利侵权纠纷行政裁决试点示范建设申报工作'],
      ['提升企业知识产权管理体系贯标认证质量', '规范知识产权管理体系贯标认证工作'],
      ['《广东省建设引领型知识产权强省试点省实施方案》', '《粤港澳大湾区发展规划纲要》'],
    ];
    for (const [a = '', b = ''] of differentDocuments) {
      const shared = [...idsWhere(a)].filter((id) => id !== '' && idsWhere(b).has(id));
      expect(shared, `${a} / ${b}`).toEqual([]);
      expect(idsWhere(a).size).toBeGreaterThan(0);
    }
  });

  it('never lets fuzzy matching pick another policy when one accepted spelling is withdrawn', () => {
    const outcomes = { same: 0, none: 0 };
    for (const policy of registry) {
      for (const alias of policy.aliases) {
        const without = registry.map((p) =>
          p.id === policy.id ? { ...p, aliases: p.aliases.filter((a) => a !== alias) } : p,
        );
        for (const c of seedCitations.filter(
          (s) => s.match.match === 'alias' && matchKey(s.title) === matchKey(alias),
        )) {
          const id = matchPolicy(c, without).policy_id;
          expect([policy.id, ''], `${alias} without its alias`).toContain(id);
          outcomes[id === '' ? 'none' : 'same']++;
        }
      }
    }
    console.info(`aliases withdrawn one at a time: ${JSON.stringify(outcomes)}`);
    expect(outcomes.same).toBeGreaterThan(0);
  });

  it('reports how many spellings resolve to how many policies and how each matched', () => {
    const byKind = { exact: 0, alias: 0, fuzzy: 0, none: 0, rejected: 0 };
    for (const c of seedCitations) byKind[c.match.match]++;
    const resolved = seedCitations.filter((c) => c.match.policy_id !== '');
    const totals = {
      citations: seedCitations.length,
      rawSpellings: new Set(seedCitations.map((c) => c.title_raw)).size,
      resolvedRawSpellings: new Set(resolved.map((c) => c.title_raw)).size,
      policies: new Set(resolved.map((c) => c.match.policy_id)).size,
      ...byKind,
    };
    console.info(`seed citations: ${JSON.stringify(totals)}`);
    expect(totals.citations).toBe(policyCells.reduce((n, c) => n + independentCount(c.raw), 0));
    expect(byKind.exact + byKind.alias + byKind.fuzzy + byKind.none + byKind.rejected).toBe(totals.citations);
    expect(totals.policies).toBe(registry.length);
    expect(byKind.none / totals.citations).toBeLessThan(0.1);
    for (const c of seedCitations.filter((s) => s.match.match === 'fuzzy'))
      expect(c.match.candidates[0]?.score ?? 0).toBeGreaterThanOrEqual(c.match.score);
  });
});

describe('robustness', () => {
  /** Pieces that exercise the splitter and the parser when strung together at random. */
  const PIECES = [
    '《',
    '》',
    '〈',
    '〉',
    '<li>',
    '</li>',
    '<p>',
    '&lt;',
    '&gt;',
    '1.',
    '12、',
    '（3）',
    '①',
    '〔2020〕',
    '[2021]',
    '43号',
    ' 号',
    '（',
    '）',
    '(',
    ')',
    '、',
    '；',
    '关于',
    '印发',
    '局',
    '办公室',
    '的通知',
    '第一批',
    '2021年',
    '意見',
    ' ',
    '\n',
    '\t',
  ];
  const pieces = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join(''));
  const anything = fc.oneof(
    pieces,
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }),
  );

  it('splitCitations never throws and numbers its non-empty citations from 1', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const cs = splitCitations(s);
        cs.forEach((c, i) => expect([c.index, c.raw.trim() === c.raw && c.raw !== '']).toEqual([i + 1, true]));
      }),
    );
  });

  it('parseCitation and matchPolicy never throw, and document numbers are canonical or empty', () => {
    fc.assert(
      fc.property(anything, (s) => {
        const p = parseCitation(s);
        expect(p.doc_number === '' || normalizeDocNumber(p.doc_number) === p.doc_number).toBe(true);
        const m = matchPolicy(p, registry);
        expect(m.score).toBeGreaterThanOrEqual(0);
        expect(m.score).toBeLessThanOrEqual(1);
      }),
    );
  });
});

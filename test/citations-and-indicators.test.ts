import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CitationRow } from '../schemas/citations.js';
import type { IndicatorRow } from '../schemas/indicators.js';
import { runReviewAccept } from '../src/cli/review.js';
import { pipelinesDir } from '../src/family/load.js';
import {
  extractWith,
  independentCount,
  linesWhere,
  pipelinesCopy,
  policyCells,
  readSheet,
  runCli as run,
  SEED,
  STANDARD,
  writeSheet,
} from './support/seedScan.js';
import { extractText, recordsOf } from './support/run.js';

const seed = extractText(SEED, 'yue-cai-gong-2023-126');
const citations = recordsOf(seed, 'citations') as unknown as CitationRow[];
const indicators = recordsOf(seed, 'indicators') as unknown as IndicatorRow[];
const report = JSON.parse(seed.files.get('report.json') ?? '{}') as {
  findings: { code: string; severity: string; message: string; source_line: number | null; actual: string | null }[];
  matching: Record<string, unknown>;
};

/** Policy ids of the citations whose source text holds a fragment ('' for unmatched). */
const idsWhere = (fragment: string): Set<string> =>
  new Set(citations.filter((c) => c.title_raw.includes(fragment)).map((c) => c.policy_id));

describe('citations of the seed', () => {
  it('makes every cited document its own record, as many per cell as an independent count finds', () => {
    expect(policyCells).toHaveLength(42);
    for (const cell of policyCells) {
      const records = citations.filter((c) => c.source_line === cell.line);
      expect(
        records.map((c) => c.seq),
        `cell at line ${cell.line}`,
      ).toEqual(Array.from({ length: independentCount(cell.raw) }, (_, i) => i + 1));
    }
    expect(citations).toHaveLength(policyCells.reduce((n, c) => n + independentCount(c.raw), 0));
  });

  it('keeps the document number of every citation that writes a complete one, and none for the others', () => {
    const written = /[〔\[［(（【]\s*((?:19|20)\d{2})\s*[〕\]］)）】]\s*第?\s*(\d{1,4})\s*号/u;
    const withNumber = citations.filter((c) => written.test(c.title_raw));
    expect(withNumber.length).toBeGreaterThan(500);
    for (const c of withNumber) {
      const m = written.exec(c.title_raw) ?? [];
      expect(c.doc_number, c.title_raw).toMatch(new RegExp(`〔${m[1]}〕${Number(m[2])}号$`, 'u'));
    }
    for (const c of citations.filter((x) => !written.test(x.title_raw))) expect(c.doc_number, c.title_raw).toBe('');
  });

  it('gives every spelling of one document the same policy_id', () => {
    const sameDocument = [
      ['关于强化知识产权保护的意見', '关于强化知识产权保护的意见》'],
      [
        '&lt;关于技术调查官参与专利、集成电路布图设计侵权纠纷行政裁决办案',
        '〈关于技术调查官参与专利、集成电路布图设计侵权纠纷行政裁决办案',
      ],
      [
        '《国家知识产权局办公室关于开展专利侵权纠纷行政裁决示范建设工作的通知',
        '《国家知识产权局关于开展专利侵权纠纷行政裁决示范建设工作的通知',
      ],
      ['国家版权局关于进一步加严知识产权质押融资', '国家版权局关于进一步加强知识产权质押融资'],
      ['加严专利导航', '办公室关于加强专利导航'],
    ];
    for (const fragments of sameDocument) {
      const ids = new Set(fragments.flatMap((f) => [...idsWhere(f)]));
      expect([...ids], fragments.join(' / ')).toHaveLength(1);
      expect([...ids][0], fragments.join(' / ')).not.toBe('');
    }
  });

  it('never gives two different documents the same policy_id', () => {
    const differentDocuments = [
      ['同意设立第一批国家海外', '同意设立第二批国家海外'],
      ['确定第一批专利侵权纠纷行政裁决示范建设工作试点地方', '开展第二批专利侵权纠纷行政裁决试点示范建设申报工作'],
      ['国务院办公厅《关于强化知识产权保护的意', '《关于强化知识产权保护的若干措施》'],
    ];
    for (const [a = '', b = ''] of differentDocuments) {
      expect(idsWhere(a).size, a).toBeGreaterThan(0);
      expect(
        [...idsWhere(a)].filter((id) => id !== '' && idsWhere(b).has(id)),
        `${a} / ${b}`,
      ).toEqual([]);
    }
  });

  it('scores exact and alias matches 1, unmatched 0, and fuzzy matches in between with at most 3 decimals', () => {
    for (const c of citations) {
      if (c.match === 'exact' || c.match === 'alias') expect(c.score).toBe(1);
      if (c.match === 'none') expect([c.score, c.policy_id, c.policy_title]).toEqual([0, '', '']);
      if (c.match === 'fuzzy')
        expect(c.score > 0 && c.score < 1 && Math.round(c.score * 1000) === c.score * 1000).toBe(true);
    }
    expect(new Set(citations.map((c) => c.match))).toEqual(new Set(['exact', 'alias', 'fuzzy', 'none']));
  });

  it('reports each citation spelling awaiting review once, with the count and lines of its citations', () => {
    const cases: [string, (c: (typeof citations)[number]) => boolean, string][] = [
      ['citations/unmatched', (c) => c.match === 'none', 'warning'],
      ['citations/fuzzy', (c) => c.match === 'fuzzy', 'info'],
      ['citations/doc-number-incomplete', (c) => c.repairs.includes('doc-number-incomplete'), 'warning'],
    ];
    for (const [code, which, severity] of cases) {
      const found = report.findings.filter((f) => f.code === code);
      const cited = citations.filter(which);
      expect(cited.length, code).toBeGreaterThan(0);
      // One finding per spelling, and a finding for every spelling.
      expect(found.map((f) => f.actual).sort(), code).toEqual([...new Set(cited.map((c) => c.title_raw))].sort());
      for (const f of found) {
        const places = cited.filter((c) => c.title_raw === f.actual);
        const [, count, lines] = /(\d+) citations? at lines? (\d+(?:, \d+)*)/.exec(f.message) ?? [];
        expect(Number(count), f.message).toBe(places.length);
        expect(lines?.split(', ').map(Number), f.message).toEqual(
          [...new Set(places.map((c) => c.source_line))].sort((a, b) => a - b),
        );
        expect(f.source_line).toBe(Math.min(...places.map((c) => c.source_line)));
        expect(f.severity).toBe(severity);
      }
    }
  });
});

describe('standard indicators of the seed', () => {
  it('carry one indicator_id each, on exactly the rows a plain scan of the text finds', () => {
    for (const [id, pattern] of STANDARD) {
      const rows = indicators.filter((r) => r.indicator_id === id);
      expect(
        rows.map((r) => r.source_line),
        id,
      ).toEqual(linesWhere(pattern));
      expect(rows.length, id).toBeGreaterThan(4);
      // One row per table: a standard indicator is asked once of each recipient.
      expect(new Set(rows.map((r) => r.recipient_code)).size, id).toBe(rows.length);
    }
    const counted = Object.fromEntries(
      STANDARD.map(([id]) => [id, indicators.filter((r) => r.indicator_id === id).length]),
    );
    console.info(`rows per standard indicator: ${JSON.stringify(counted)}`);
  });

  it('never merges the 保护中心 and the 快维中心 indicators', () => {
    const protection = indicators.filter((r) => r.indicator_id === 'I-保护中心快速服务');
    const rapid = indicators.filter((r) => r.indicator_id === 'I-快维中心快速服务');
    expect(protection.every((r) => r.name.includes('保护中心'))).toBe(true);
    expect(rapid.some((r) => r.name.includes('保护中心'))).toBe(false);
    expect(protection.length + rapid.length).toBe(linesWhere(/提供快速预审/u).length);
  });

  it('leaves local indicators without an id and counts them instead of reporting each', () => {
    const local = indicators.filter((r) => r.indicator_id === '');
    expect(local.length).toBeGreaterThan(200);
    expect(local.every((r) => r.indicator_match === 'none' && r.indicator_score === 0)).toBe(true);
    expect(report.matching['indicator_matches']).toMatchObject({ none: local.length });
    const localNames = new Set(local.map((r) => r.name));
    const aboutLocal = report.findings.filter((f) => localNames.has(f.actual ?? ''));
    expect(aboutLocal.length).toBeGreaterThan(0); // extraction findings (a missing value…) still name them
    expect(aboutLocal.filter((f) => /match|fuzzy|standard/.test(f.code))).toEqual([]);
    expect(report.findings.filter((f) => f.code === 'indicators/fuzzy')).toHaveLength(
      indicators.filter((r) => r.indicator_match === 'fuzzy').length,
    );
  });
});

describe('review.csv', () => {
  const text = seed.files.get('review.csv') ?? '';
  const sheet = readSheet(text);

  it('lists exactly the fuzzy and unmatched citations and the fuzzy indicators, policies first, in source order', () => {
    const key = (kind: string, line: number, seq: number): string => `${kind}:${line}:${seq}`;
    const expected = [
      ...citations
        .filter((c) => c.match === 'fuzzy' || c.match === 'none')
        .map((c) => key('policy', c.source_line, c.seq)),
      ...indicators.filter((r) => r.indicator_match === 'fuzzy').map((r) => key('indicator', r.source_line, r.seq)),
    ];
    expect(sheet.map((r) => key(r['kind'] ?? '', Number(r['source_line']), Number(r['seq'])))).toEqual(expected);
    expect(sheet.filter((r) => r['kind'] === 'indicator').length).toBeGreaterThan(0);
    for (const r of sheet) expect([r['decision'], r['policy_or_indicator_id']]).toEqual(['', '']);
  });

  it('shows the raw text, the normalized text and the best candidates with their scores', () => {
    const first = sheet.find((r) => r['match'] === 'fuzzy' && r['kind'] === 'policy');
    const citation = citations.find(
      (c) => c.source_line === Number(first?.['source_line']) && c.seq === Number(first?.['seq']),
    );
    expect(first).toMatchObject({
      raw: citation?.title_raw,
      normalized: citation?.title,
      matched_id: citation?.policy_id,
      doc_number: citation?.doc_number,
    });
    expect(Number(first?.['candidate_1_score'])).toBeGreaterThanOrEqual(Number(first?.['candidate_2_score']));
    expect(first?.['candidate_1_title']).not.toBe('');
  });

  it('is written without a BOM (the default) and with CRLF, and described in datapackage.json as a worksheet', () => {
    expect(text.startsWith('kind,recipient_code,source_line,seq,raw,normalized,')).toBe(true);
    expect(text.split('\r\n').length).toBe(sheet.length + 2);
    const pkg = JSON.parse(seed.files.get('datapackage.json') ?? '{}') as {
      resources: { name: string; path: string; description?: string }[];
    };
    expect(pkg.resources.find((r) => r.path === 'review.csv')).toMatchObject({ name: 'review' });
    expect(pkg.resources.find((r) => r.path === 'review.csv')?.description).toMatch(/not a dataset/);
  });
});

describe('review accept', () => {
  const real = ['policies.json', 'indicators.json'].map((f) =>
    readFileSync(join(pipelinesDir(), 'gd-special-transfer', f), 'utf8'),
  );

  it('adds accepted rows to the registries as aliases, so the next run matches those spellings by alias', () => {
    const dir = pipelinesCopy();
    const before = readSheet(extractWith(dir).files.get('review.csv'));
    const accepted = (r: Record<string, string>): string | null => {
      if (r['kind'] === 'indicator') return ''; // accept the fuzzy match as it stands
      // A fuzzy citation whose spelling is cited with no other number (accepting one cited with two is refused:
      // review-accept-doc-numbers.test.ts).
      if (
        r['match'] === 'fuzzy' &&
        r['kind'] === 'policy' &&
        !before.some((o) => o['normalized'] === r['normalized'] && o['doc_number'] !== r['doc_number'])
      )
        return '';
      if (r['normalized'] === '关于发挥战略性新兴产业集群和战略性新兴产业的意见') return 'P-粤府-2020-82';
      return null;
    };
    const decided = before.map((r) =>
      accepted(r) === null ? r : { ...r, decision: 'accept', policy_or_indicator_id: accepted(r) ?? '' },
    );
    const chosen = decided.filter((r) => r['decision'] === 'accept');
    expect(chosen.length).toBeGreaterThanOrEqual(4);
    const sheetFile = writeSheet(mkdtempSync(join(tmpdir(), 'notice-extract-review-')), decided);
    expect(runReviewAccept(sheetFile, { pipelines: dir, family: 'gd-special-transfer' })).toBe(0);

    const after = extractWith(dir);
    const citationsAfter = recordsOf(after, 'citations') as unknown as CitationRow[];
    const indicatorsAfter = recordsOf(after, 'indicators') as unknown as IndicatorRow[];
    for (const r of chosen) {
      const at = (x: { source_line: number; seq: number }): boolean =>
        x.source_line === Number(r['source_line']) && x.seq === Number(r['seq']);
      const id = r['policy_or_indicator_id'] || r['matched_id'];
      if (r['kind'] === 'policy')
        expect(citationsAfter.find(at), r['raw']).toMatchObject({ policy_id: id, match: 'alias', score: 1 });
      else
        expect(indicatorsAfter.find(at), r['raw']).toMatchObject({
          indicator_id: id,
          indicator_match: 'alias',
          indicator_score: 1,
        });
    }
    const remaining = readSheet(after.files.get('review.csv'));
    expect(remaining.length).toBeLessThanOrEqual(before.length - chosen.length);
    expect(remaining.filter((r) => r['kind'] === 'indicator')).toEqual([]);
    // Accepting the same sheet again adds nothing and still succeeds.
    expect(runReviewAccept(sheetFile, { pipelines: dir, family: 'gd-special-transfer' })).toBe(0);
    expect(
      ['policies.json', 'indicators.json'].map((f) =>
        readFileSync(join(pipelinesDir(), 'gd-special-transfer', f), 'utf8'),
      ),
    ).toEqual(real);
  });

  it('refuses a spelling another policy owns, writes nothing and exits 2', () => {
    const dir = pipelinesCopy();
    const file = join(dir, 'gd-special-transfer', 'policies.json');
    const before = readFileSync(file, 'utf8');
    const row = {
      kind: 'policy',
      recipient_code: '',
      source_line: '1',
      seq: '1',
      raw: '《关于强化知识产权保护的若干措施》',
      normalized: '',
      decision: 'accept',
      policy_or_indicator_id: 'P-中办发-2019-56',
    };
    const sheet = writeSheet(mkdtempSync(join(tmpdir(), 'notice-extract-review-')), [row]);
    const result = run(['review', 'accept', sheet, '--pipelines', dir, '--family', 'gd-special-transfer']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/P-粤办发-2020-13/);
    expect(result.stderr).toMatch(/nothing written/);
    expect(readFileSync(file, 'utf8')).toBe(before);
  });

  it('exits 64 on wrong usage: no sheet, a sheet that does not exist, an unknown family', () => {
    const dir = pipelinesCopy();
    expect(run(['review', 'accept']).code).toBe(64);
    expect(run(['review', 'accept', join(dir, 'missing.csv'), '--pipelines', dir]).code).toBe(64);
    const sheet = writeSheet(mkdtempSync(join(tmpdir(), 'notice-extract-review-')), [
      { kind: 'policy', raw: 'x', decision: '', policy_or_indicator_id: '' },
    ]);
    expect(run(['review', 'accept', sheet, '--pipelines', dir, '--family', 'no-such-family']).code).toBe(64);
  });
});

describe('the extract summary', () => {
  it('prints how many citation spellings resolved to how many policies and how many await review', () => {
    const out = mkdtempSync(join(tmpdir(), 'notice-extract-'));
    const result = run(['extract', '--out', out, 'raw']);
    expect(result.code).toBe(0);
    // The CLI runs with the live registries and decisions: compare with what it wrote, not with the frozen run.
    const written = (dataset: string): Record<string, unknown>[] =>
      (
        JSON.parse(readFileSync(join(out, 'yue-cai-gong-2023-126', `${dataset}.json`), 'utf8')) as {
          records: Record<string, unknown>[];
        }
      ).records;
    const cited = written('citations') as unknown as CitationRow[];
    const indicatorsWritten = written('indicators') as unknown as typeof indicators;
    const resolved = cited.filter((c) => c.policy_id !== '');
    const review = cited.filter((c) => c.match === 'fuzzy' || c.match === 'none').length;
    const line = `citations ${cited.length}: ${new Set(resolved.map((c) => c.title_raw)).size} of ${new Set(cited.map((c) => c.title_raw)).size} spellings → ${new Set(resolved.map((c) => c.policy_id)).size} policies, ${review} await review`;
    expect(result.stderr).toContain(line);
    console.info(result.stderr.trim());
    expect(readSheet(readFileSync(join(out, 'yue-cai-gong-2023-126', 'review.csv'), 'utf8'))).toHaveLength(
      review + indicatorsWritten.filter((r) => r.indicator_match === 'fuzzy').length,
    );
  });
});

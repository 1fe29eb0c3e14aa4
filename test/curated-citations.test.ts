import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decisionKey, readDecisionsFile } from '../src/family/decisions.js';
import { loadFamilies } from '../src/family/load.js';
import { compareDocNumbers } from '../src/normalize/docNumber.js';

/**
 * The curated result as published in out/: review decisions (pipelines/<family>/decisions.json)
 * must never file two documents under one id, and the seed's review queue stays worked down. Reads
 * out/ and the live registries; published.test.ts makes sure out/ is what they produce.
 */
const root = new URL('..', import.meta.url).pathname;
const families = loadFamilies();

/** One published citation, the fields read here. */
interface Citation {
  source_line: number;
  seq: number;
  title: string;
  doc_number: string;
  policy_id: string;
  match: string;
}

/** One published finding, the fields read here. */
interface Finding {
  code: string;
  source_line: number | null;
  message: string;
  actual: string | null;
}

const notices = readdirSync(join(root, 'out')).filter((n) => existsSync(join(root, 'out', n, 'citations.json')));

/** The citations and findings of a published notice, with its family. */
function published(id: string): { citations: Citation[]; findings: Finding[]; family: string } {
  const read = (file: string): unknown => JSON.parse(readFileSync(join(root, 'out', id, file), 'utf8'));
  const notice = read('notice.json') as { pipeline: { family: string } };
  return {
    citations: (read('citations.json') as { records: Citation[] }).records,
    findings: (read('report.json') as { findings: Finding[] }).findings,
    family: notice.pipeline.family,
  };
}

describe('the curated citations in out/', () => {
  it('exist', () => expect(notices.length).toBeGreaterThan(0));

  for (const id of notices) {
    const { citations, findings, family: familyId } = published(id);
    const family = families.find((f) => f.id === familyId);

    it(`${id}: a reviewer's accepted spelling or a fuzzy match never carries a number another document owns`, () => {
      expect(family, familyId).toBeDefined();
      if (!family) return;
      const accepted = new Set(
        readDecisionsFile(family.folder)
          .filter((d) => d.kind === 'policy' && d.decision === 'accept')
          .map((d) => decisionKey('policy', d.spelling)),
      );
      const byId = new Map(family.policies.map((p) => [p.id, p]));
      const decided = citations.filter(
        (c) => c.match === 'fuzzy' || (c.match === 'alias' && accepted.has(decisionKey('policy', c.title))),
      );
      for (const c of decided) {
        const policy = byId.get(c.policy_id);
        expect(policy, `${c.source_line}:${c.seq} ${c.policy_id}`).toBeDefined();
        expect(
          compareDocNumbers(c.doc_number, policy?.doc_number ?? ''),
          `line ${c.source_line} seq ${c.seq} "${c.title}" ${c.doc_number} filed under ${c.policy_id}`,
        ).not.toBe('conflict');
      }
    });

    it(`${id}: every matched citation whose number disagrees with its policy's is reported`, () => {
      if (!family) return;
      const byId = new Map(family.policies.map((p) => [p.id, p]));
      const conflicts = findings.filter((f) => f.code === 'citations/doc-number-conflict');
      // One finding per spelling: its message ends with the lines of every place it stands.
      const lines = (message: string): number[] =>
        (/at lines? ([\d, ]+)$/.exec(message)?.[1] ?? '').split(',').map((n) => Number(n.trim()));
      const reported = (c: Citation): boolean =>
        conflicts.some(
          (f) =>
            f.actual === c.doc_number &&
            f.message.startsWith(`citation of ${c.policy_id} `) &&
            lines(f.message).includes(c.source_line),
        );
      const disagreeing = citations.filter(
        (c) =>
          c.policy_id !== '' && compareDocNumbers(c.doc_number, byId.get(c.policy_id)?.doc_number ?? '') === 'conflict',
      );
      for (const c of disagreeing)
        expect(reported(c), `line ${c.source_line} seq ${c.seq} ${c.doc_number} under ${c.policy_id}`).toBe(true);
    });
  }

  it('the seed: at least 97% of citations carry a policy id or a recorded rejection', () => {
    const { citations } = published('yue-cai-gong-2023-126');
    expect(citations).toHaveLength(1014);
    const covered = citations.filter((c) => c.policy_id !== '' || c.match === 'rejected').length;
    expect(covered / citations.length).toBeGreaterThanOrEqual(0.97);
    expect(citations.filter((c) => c.match === 'rejected').every((c) => c.policy_id === '')).toBe(true);
  });
});

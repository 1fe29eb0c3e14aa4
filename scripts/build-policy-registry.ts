/**
 * Build and maintain a family's policy registry (`pipelines/<family>/policies.json`) from notices.
 * Run after `npm run build`:
 *
 *   node dist/scripts/build-policy-registry.js NOTICE.md...              report: matches and clusters of spellings
 *   node dist/scripts/build-policy-registry.js NOTICE.md --draft FILE    also write unmatched clusters as draft entries
 *   node dist/scripts/build-policy-registry.js --accept REVIEW.csv       add accepted review rows as aliases
 *
 * Options: `--family ID` (default: the family recognised from the first notice), `--registry FILE`
 * (default: the family's policies.json), `--json` (report as JSON). Drafts are proposals: a curator
 * chooses each canonical title, issuer and document number by hand (see the family's README).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { clusterSpellings, mostFrequent, spellingsOf, type SpellingCluster } from '../src/citations/cluster.js';
import { matchPolicy } from '../src/citations/match.js';
import type { MatchKind } from '../src/matching/kinds.js';
import { parseCitation, type ParsedCitation } from '../src/citations/parse.js';
import { readPolicyRegistry } from '../src/family/files.js';
import type { Policy } from '../src/family/registries.js';
import { splitCitations } from '../src/citations/split.js';
import { runReviewAccept } from '../src/cli/review.js';
import { loadFamilies, pipelinesDir } from '../src/family/load.js';
import { chooseFamily } from '../src/read/chooseFamily.js';
import type { Family } from '../src/family/spec.js';
import { gridRows } from '../src/grid/build.js';
import { parseMarkdown } from '../src/parse/markdown.js';
import { registryJson } from '../src/curation/accept.js';
import { runScript } from './runScript.js';

/** Raw text of every cell that follows a policy-basis label, in any table encoding. */
function policyBasisCells(text: string, labels: readonly string[]): string[] {
  const parsed = parseMarkdown(text);
  const wanted = new Set(labels.map((l) => l.replace(/\s+/g, '')));
  return gridRows(parsed, { start: 1, end: parsed.lines.length }).flatMap((row) => {
    const at = row.cells.findIndex((c) => wanted.has(c.text.replace(/\s+/g, '')));
    const value = at < 0 ? undefined : row.cells[at + 1];
    return value ? [value.raw] : [];
  });
}

/** The family named by --family, or the one recognised from the first notice. */
function familyFor(id: string | undefined, firstNotice: string | undefined): Family {
  const families = loadFamilies();
  if (id) {
    const named = families.find((f) => f.id === id);
    if (!named) throw new Error(`no family "${id}" under ${pipelinesDir()}`);
    return named;
  }
  if (!firstNotice) throw new Error('name a notice or --family');
  return chooseFamily(firstNotice, readFileSync(firstNotice, 'utf8'), families);
}

/** Write a registry the way it is committed: two-space JSON, one trailing newline. */
function writeRegistry(file: string, policies: readonly Policy[]): void {
  writeFileSync(file, registryJson(policies));
}

/** Draft entries for clusters of which no spelling matched the registry. */
function drafts(clusters: readonly SpellingCluster[], matched: ReadonlySet<string>): Policy[] {
  return clusters
    .filter((c) => c.spellings.every((s) => !matched.has(s.title)))
    .map((c, i) => {
      const [first, ...rest] = c.spellings;
      const docs: Record<string, number> = {};
      const issuers: Record<string, number> = {};
      for (const s of c.spellings) {
        for (const [k, n] of Object.entries(s.doc_numbers)) docs[k] = (docs[k] ?? 0) + n;
        for (const [k, n] of Object.entries(s.issuers)) issuers[k] = (issuers[k] ?? 0) + n;
      }
      return {
        id: `P-TODO-${i + 1}`,
        title: first?.title ?? '',
        issuer: mostFrequent(issuers),
        doc_number: mostFrequent(docs),
        aliases: rest.map((s) => s.title),
        note: `DRAFT from ${c.count} citations: title, issuer and number are the most frequent readings, not verified`,
      };
    });
}

/** Match every citation, tally the outcome and print the report. */
function report(
  notices: readonly string[],
  family: Family,
  registry: readonly Policy[],
  options: { json: boolean; draft?: string },
): void {
  const citations: ParsedCitation[] = [];
  let cells = 0;
  for (const file of notices) {
    for (const cell of policyBasisCells(
      readFileSync(file, 'utf8'),
      family.annexes.targets.metadataLabels.policy_basis,
    )) {
      cells++;
      citations.push(...splitCitations(cell).map((c) => parseCitation(c.raw)));
    }
  }
  const counts: Record<MatchKind, number> = { exact: 0, alias: 0, fuzzy: 0, none: 0, rejected: 0 };
  const byTitle = new Map<string, { policy: string; match: MatchKind }>();
  for (const c of citations) {
    const m = matchPolicy(c, registry);
    counts[m.match]++;
    // A spelling counts as matched when any of its citations matched (their numbers may differ).
    if (!byTitle.get(c.title)?.policy) byTitle.set(c.title, { policy: m.policy_id, match: m.match });
  }
  const spellings = spellingsOf(citations);
  const clusters = clusterSpellings(spellings);
  const matched = new Set([...byTitle].filter(([, m]) => m.policy !== '').map(([t]) => t));
  const policies = new Set([...byTitle.values()].map((m) => m.policy).filter((p) => p !== ''));
  const totals = {
    cells,
    citations: citations.length,
    raw_spellings: new Set(citations.map((c) => c.title_raw)).size,
    normalized_spellings: spellings.length,
    policies_matched: policies.size,
    registry_policies: registry.length,
    ...counts,
  };
  if (options.draft) writeRegistry(options.draft, drafts(clusters, matched));
  if (options.json) {
    process.stdout.write(
      JSON.stringify(
        { totals, clusters: clusters.map((c) => ({ ...c, matches: c.spellings.map((s) => byTitle.get(s.title)) })) },
        null,
        2,
      ) + '\n',
    );
    return;
  }
  process.stdout.write(
    `${Object.entries(totals)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}\n`,
  );
  clusters.forEach((c, i) => {
    process.stdout.write(`\n[${i + 1}] ${c.count} citations, ${c.spellings.length} spellings\n`);
    for (const s of c.spellings) {
      const m = byTitle.get(s.title);
      const docs =
        Object.entries(s.doc_numbers)
          .map(([d, n]) => `${d}×${n}`)
          .join(' ') || '—';
      process.stdout.write(
        `  ${String(s.count).padStart(3)}× ${s.title}  [${docs}]  → ${m?.policy || '(none)'} ${m?.match ?? ''}\n`,
      );
    }
  });
}

/** Entry point: parse options, then report or accept. */
function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      family: { type: 'string' },
      registry: { type: 'string' },
      draft: { type: 'string' },
      accept: { type: 'string' },
      json: { type: 'boolean', default: false },
    },
  });
  if (values.accept) {
    process.exitCode = runReviewAccept(values.accept, values.family ? { family: values.family } : {});
    return;
  }
  const family = familyFor(values.family, positionals[0]);
  const registryFile =
    values.registry ?? join(pipelinesDir(), family.id, family.registries.policies ?? 'policies.json');
  const registry = existsSync(registryFile) ? readPolicyRegistry(registryFile) : [];
  if (positionals.length === 0)
    throw new Error('usage: build-policy-registry NOTICE.md... [--draft FILE] | --accept REVIEW.csv');
  report(positionals, family, registry, { json: values.json, ...(values.draft ? { draft: values.draft } : {}) });
}

runScript('build-policy-registry', main);

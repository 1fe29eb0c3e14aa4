/**
 * Build and maintain a family's indicator registry (`pipelines/<family>/indicators.json`) from
 * notices. Run after `npm run build`:
 *
 *   node dist/scripts/build-indicator-registry.js NOTICE.md...              report: clusters of names, tables, matches
 * node dist/scripts/build-indicator-registry.js NOTICE.md --draft FILE    also write unmatched widespread clusters as
 * drafts
 *   node dist/scripts/build-indicator-registry.js --accept REVIEW.csv       add accepted review rows as aliases
 *
 * Options: `--family ID` (default: the family recognised from the first notice), `--min-tables N`
 * (a cluster is proposed when at least N tables ask for it; default 5), `--json`. Names are read by
 * the pipeline itself (indicators `name`), so a draft spells names the way matching reads them.
 * Drafts are proposals: a curator gives ids, picks the canonical name and prunes aliases by hand.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import type { IndicatorRow } from '../schemas/indicators.js';
import { runReviewAccept } from '../src/cli/review.js';
import { loadFamilies } from '../src/family/load.js';
import { chooseFamily } from '../src/read/chooseFamily.js';
import type { Family } from '../src/family/spec.js';
import { clusterNames, type NameCluster } from '../src/indicators/propose.js';
import type { Indicator } from '../src/family/registries.js';
import { extractNotice } from '../src/pipeline.js';
import { registryJson } from '../src/curation/accept.js';
import { runScript } from './runScript.js';

/** Every indicator row of the notices, as the pipeline extracts and matches them. */
function indicatorRows(notices: readonly string[], families: readonly Family[]): (IndicatorRow & { table: string })[] {
  return notices.flatMap((file) => {
    const id = basename(file, extname(file));
    const result = extractNotice(file, id, readFileSync(file), families, { bom: false, allowPartial: true });
    const records = (JSON.parse(result.files.get('indicators.json') ?? '{"records":[]}') as { records: IndicatorRow[] })
      .records;
    return records.map((r) => ({ ...r, table: `${id}:${r.recipient_code}` }));
  });
}

/** Draft entries for widespread clusters of which no spelling matched the registry exactly or by alias. */
function drafts(
  clusters: readonly NameCluster[],
  matched: ReadonlyMap<string, string>,
  minTables: number,
): Indicator[] {
  return clusters
    .filter((c) => c.tables >= minTables && c.spellings.every((s) => !matched.has(s.name)))
    .map((c, i) => {
      const [first, ...rest] = c.spellings;
      return {
        id: `I-TODO-${i + 1}`,
        name: first?.name ?? '',
        level2: (first?.level2 ?? '') as Indicator['level2'],
        aliases: rest.map((s) => s.name),
        note: `DRAFT from ${c.tables} tables: the most widespread spelling first, aliases by similarity only, not verified`,
      };
    });
}

/** Print or write what the notices hold. */
function report(
  notices: readonly string[],
  family: Family,
  options: { json: boolean; draft?: string; minTables: number },
): void {
  const rows = indicatorRows(notices, [family]);
  const clusters = clusterNames(rows);
  const matchOf = new Map<string, string>();
  for (const r of rows)
    if (r.indicator_id !== '' && !matchOf.has(r.name)) matchOf.set(r.name, `${r.indicator_id} ${r.indicator_match}`);
  const exactOrAlias = new Map([...matchOf].filter(([, m]) => !m.endsWith('fuzzy')));
  const counts = { exact: 0, alias: 0, fuzzy: 0, none: 0, rejected: 0 };
  for (const r of rows) counts[r.indicator_match]++;
  const totals = {
    rows: rows.length,
    tables: new Set(rows.map((r) => r.table)).size,
    spellings: new Set(rows.map((r) => r.name)).size,
    clusters: clusters.length,
    registry: family.indicators.length,
    ...counts,
  };
  if (options.draft) writeFileSync(options.draft, registryJson(drafts(clusters, exactOrAlias, options.minTables)));
  const shown = clusters.filter((c) => c.tables >= options.minTables);
  if (options.json) {
    process.stdout.write(JSON.stringify({ totals, clusters: shown }, null, 2) + '\n');
    return;
  }
  process.stdout.write(
    `${Object.entries(totals)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}\n`,
  );
  shown.forEach((c, i) => {
    process.stdout.write(`\n[${i + 1}] ${c.tables} tables, ${c.spellings.length} spellings\n`);
    for (const s of c.spellings)
      process.stdout.write(
        `  ${String(s.rows).padStart(3)}× ${s.name}  [${s.level2 || '—'}, ${s.tables} tables]  → ${matchOf.get(s.name) ?? '(none)'}\n`,
      );
  });
}

/** Entry point: parse options, then report or accept. */
function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      family: { type: 'string' },
      draft: { type: 'string' },
      accept: { type: 'string' },
      json: { type: 'boolean', default: false },
      'min-tables': { type: 'string', default: '5' },
    },
  });
  if (values.accept) {
    process.exitCode = runReviewAccept(values.accept, values.family ? { family: values.family } : {});
    return;
  }
  const first = positionals[0];
  if (!first)
    throw new Error(
      'usage: build-indicator-registry NOTICE.md... [--draft FILE] [--min-tables N] | --accept REVIEW.csv',
    );
  const families = loadFamilies();
  const family = values.family
    ? families.find((f) => f.id === values.family)
    : chooseFamily(first, readFileSync(first, 'utf8'), families);
  if (!family) throw new Error(`no family "${values.family ?? ''}"`);
  const minTables = Number(values['min-tables']);
  if (!Number.isInteger(minTables) || minTables < 1)
    throw new Error('--min-tables must be a whole number of 1 or more');
  report(positionals, family, { json: values.json, minTables, ...(values.draft ? { draft: values.draft } : {}) });
}

runScript('build-indicator-registry', main);

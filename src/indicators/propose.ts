/**
 * Proposals for the indicator registry: indicator names grouped by spelling, similar spellings
 * clustered, and the clusters asked of many tables put forward as candidate standard indicators.
 * A proposal is input for a curator, never a registry entry.
 */
import { dice, titleVeto } from '../matching/similarity.js';
import { byCodeUnits } from '../normalize/order.js';
import { indicatorKey } from '../matching/indicatorKeys.js';

/** An indicator row as proposals read it. */
export interface NamedRow {
  /** Normalized name. */
  name: string;
  /** Level-2 label, or ''. */
  level2: string;
  /** Identifies the table the row belongs to (notice and table line). */
  table: string;
}

/** One spelling (by match key) and where it occurs. */
export interface NameSpelling {
  /** The most frequent written form of the key. */
  name: string;
  /** Rows that read so. */
  rows: number;
  /** Tables that hold it. */
  tables: number;
  /** Most frequent level-2 label. */
  level2: string;
}

/** Spellings that probably name one indicator, the most widespread first. */
export interface NameCluster {
  /** Its spellings, most tables first. */
  spellings: NameSpelling[];
  /** Distinct tables holding any of its spellings. */
  tables: number;
}

/** Similarity at which two spellings are proposed together; lower than matching, since a curator decides. */
export const PROPOSAL_LINK = 0.75;

/** The most frequent key of a tally, ties in code-unit order. */
function top(tally: Map<string, number>): string {
  return [...tally].sort((a, b) => b[1] - a[1] || byCodeUnits(a[0], b[0]))[0]?.[0] ?? '';
}

/** Group rows by the match key of their name. */
function spellingsOf(rows: readonly NamedRow[]): { spelling: NameSpelling; tables: Set<string> }[] {
  const groups = new Map<
    string,
    { names: Map<string, number>; levels: Map<string, number>; tables: Set<string>; rows: number }
  >();
  for (const row of rows) {
    const key = indicatorKey(row.name).key;
    if (key === '') continue;
    const g = groups.get(key) ?? { names: new Map(), levels: new Map(), tables: new Set(), rows: 0 };
    g.names.set(row.name, (g.names.get(row.name) ?? 0) + 1);
    if (row.level2 !== '') g.levels.set(row.level2, (g.levels.get(row.level2) ?? 0) + 1);
    g.tables.add(row.table);
    g.rows++;
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => ({
    spelling: { name: top(g.names), rows: g.rows, tables: g.tables.size, level2: top(g.levels) },
    tables: g.tables,
  }));
}

/** Cluster spellings by single linkage over similar, unvetoed pairs; clusters held by most tables first. */
export function clusterNames(rows: readonly NamedRow[]): NameCluster[] {
  const groups = spellingsOf(rows).sort(
    (a, b) => b.spelling.tables - a.spelling.tables || byCodeUnits(a.spelling.name, b.spelling.name),
  );
  const keys = groups.map((g) => indicatorKey(g.spelling.name));
  const parent = groups.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : find(parent[i] ?? i));
  for (let i = 0; i < groups.length; i++) {
    for (let j = i + 1; j < groups.length; j++) {
      const a = keys[i];
      const b = keys[j];
      if (!a || !b || find(i) === find(j) || titleVeto(a, b) !== '') continue;
      if (dice(a.key, b.key) >= PROPOSAL_LINK) parent[find(j)] = find(i);
    }
  }
  const clusters = new Map<number, { spellings: NameSpelling[]; tables: Set<string> }>();
  groups.forEach((g, i) => {
    const c = clusters.get(find(i)) ?? { spellings: [], tables: new Set<string>() };
    c.spellings.push(g.spelling);
    for (const t of g.tables) c.tables.add(t);
    clusters.set(find(i), c);
  });
  return [...clusters.values()]
    .map((c) => ({ spellings: c.spellings, tables: c.tables.size }))
    .sort((a, b) => b.tables - a.tables || byCodeUnits(a.spellings[0]?.name ?? '', b.spellings[0]?.name ?? ''));
}

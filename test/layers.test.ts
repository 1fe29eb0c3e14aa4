import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Dependencies point down: a stage folder under src/ imports only folders of a lower layer (or its
 * own). Layers, lowest first; folders on one layer do not import each other.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['findings', 'tool'],
  ['normalize'],
  ['matching'],
  ['family'],
  ['read'],
  ['files'],
  ['parse'],
  ['grid'],
  ['locate'],
  ['money', 'join'],
  ['allocations', 'details', 'targets'],
  ['citations', 'indicators'],
  ['review', 'reconcile', 'validate'],
  ['emit'],
  ['corpus'],
  ['diff'],
  ['curation'],
  ['cli'],
];

/** Upward edges tolerated for now; each must still exist, so the list can only shrink. */
const PENDING = new Set<string>();

const src = new URL('../src/', import.meta.url).pathname;
const rank = new Map(LAYERS.flatMap((folders, i) => folders.map((f) => [f, i] as const)));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? tsFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** Stage folder of a file under src/ ('' for src/*.ts, the composition root). */
const folderOf = (file: string): string => relative(src, file).split('/').slice(0, -1)[0] ?? '';

const edges = new Set<string>();
for (const file of tsFiles(src)) {
  const from = folderOf(file);
  for (const m of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
    const target = join(dirname(file), m[1] ?? '');
    if (!target.startsWith(src)) continue;
    const to = folderOf(target);
    if (from !== '' && to !== '' && from !== to) edges.add(`${from} -> ${to}`);
  }
}

describe('the import graph of src/', () => {
  it('places every stage folder on a layer', () => {
    const folders = readdirSync(src, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name);
    expect(folders.filter((f) => !rank.has(f))).toEqual([]);
  });

  it('has no import from a folder to one on its own layer or above', () => {
    const upward = [...edges].filter((e) => {
      const [from = '', to = ''] = e.split(' -> ');
      return (rank.get(to) ?? -1) >= (rank.get(from) ?? -1) && !PENDING.has(e);
    });
    expect(upward.sort()).toEqual([]);
    expect(edges.size).toBeGreaterThan(20);
  });

  it('lists as pending only upward imports that still exist', () => {
    for (const e of PENDING) expect(edges, e).toContain(e);
  });

  it('keeps one normalizeDocNumber', () => {
    const defining = tsFiles(src).filter((f) => /export function normalizeDocNumber\b/.test(readFileSync(f, 'utf8')));
    expect(defining.map((f) => relative(src, f)).sort()).toEqual(['normalize/docNumber.ts']);
  });
});

describe('finding codes', () => {
  const codes = new Map<string, Set<string>>();
  for (const file of tsFiles(src)) {
    if (['findings/codes.ts', 'findings/descriptions.ts'].includes(relative(src, file))) continue;
    for (const m of readFileSync(file, 'utf8').matchAll(/'([a-z]+)\/([a-z0-9]+(?:-[a-z0-9]+)*)'/g)) {
      const code = `${m[1]}/${m[2]}`;
      if (!rank.has(m[1] ?? '')) continue;
      codes.set(code, (codes.get(code) ?? new Set()).add(folderOf(file)));
    }
  }

  it('are named by the stage that reports them: the prefix is the folder of every file that names the code', () => {
    const elsewhere = [...codes].flatMap(([code, folders]) =>
      [...folders].filter((f) => f !== code.split('/')[0]).map((f) => `${code} in ${f}/`),
    );
    expect(elsewhere.sort()).toEqual([]);
    expect(codes.size).toBeGreaterThan(60);
  });
});

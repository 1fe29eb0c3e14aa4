import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadPolicyRegistry } from '../citations/registry.js';
import { loadIndicatorRegistry } from '../indicators/registry.js';
import { InputError } from '../read/inputError.js';
import { FamilySpec, type Family } from './spec.js';

/** The project folder (where package.json is), found from this module whether run from src/ or dist/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('package.json not found above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
  return dir;
}

/** Folder holding one folder per family. */
export function pipelinesDir(): string {
  return join(projectRoot(), 'pipelines');
}

/**
 * Load and validate every family declared under `dir` (default `pipelines/`), with its registries.
 * A broken declaration or registry is a bug in the family's data, so it throws.
 */
export function loadFamilies(dir = pipelinesDir()): Family[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'family.json')))
    .map((d) => {
      const folder = join(dir, d.name);
      const file = join(folder, 'family.json');
      const parsed = FamilySpec.safeParse(JSON.parse(readFileSync(file, 'utf8')));
      if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
      const { policies, indicators } = parsed.data.registries;
      return {
        ...parsed.data,
        folder,
        fingerprint: folderFingerprint(folder),
        policies: policies ? loadPolicyRegistry(join(folder, policies)) : [],
        indicators: indicators ? loadIndicatorRegistry(join(folder, indicators)) : [],
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** Pick the family whose recognise patterns all match the start of the notice; else an input error naming the closest. */
export function chooseFamily(file: string, text: string, families: readonly Family[]): Family {
  let closest: { family: Family; missing: string[] } | undefined;
  for (const family of families) {
    const head = text.split('\n', family.recogniseLines).join('\n');
    const missing = family.recognise.filter((p) => !new RegExp(p, 'u').test(head));
    if (missing.length === 0) return family;
    if (!closest || missing.length < closest.missing.length) closest = { family, missing };
  }
  const hint = closest
    ? `; closest is "${closest.family.id}", which needs ${closest.missing.map((p) => `/${p}/`).join(', ')} in the first ${closest.family.recogniseLines} lines`
    : '';
  throw new InputError(file, `no pipeline matches this notice${hint}`);
}

/** sha256 over every file of a family's folder (declaration and registries), so a registry edit changes it. */
export function folderFingerprint(folder: string): string {
  const hash = createHash('sha256');
  for (const name of readdirSync(folder).sort()) {
    const path = join(folder, name);
    if (!statSync(path).isFile()) continue;
    hash.update(name).update('\0').update(readFileSync(path)).update('\0');
  }
  return hash.digest('hex');
}

/** The tool's own name and version, from package.json. */
export function toolVersion(): string {
  const pkg = JSON.parse(readFileSync(join(projectRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
  return `${pkg.name}@${pkg.version}`;
}

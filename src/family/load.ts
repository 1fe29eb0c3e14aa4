import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { ConfigError, type ConfigProblem } from './configError.js';
import { DECISIONS_FILE, decideRegistries, readDecisionsFile } from './decisions.js';
import { DECLARATION_FILE, readDeclaration, readRegistries } from './files.js';
import { packageInfo, projectRoot } from '../tool/projectRoot.js';
import type { Family } from './spec.js';
import { byCodeUnits } from '../normalize/order.js';

/** Folder holding one folder per family. */
export function pipelinesDir(): string {
  return join(projectRoot(), 'pipelines');
}

/** How families are loaded. */
export interface LoadOptions {
  /**
   * Folder to read a family's curated data (registries and decisions.json) from instead of its own folder: frozen
   * copies for tests.
   */
  curatedFrom?: (familyId: string) => string | undefined;
}

/**
 * Load one family folder: declaration, registries, and the decisions applied to them. Invalid files are ConfigErrors.
 */
export function loadFamily(folder: string, options: LoadOptions = {}): Family {
  const declaration = readDeclaration(folder);
  // The id names the family in every output and in --family: it must be the folder's own name.
  if (declaration.id !== basename(folder)) {
    throw new ConfigError([
      {
        file: join(folder, DECLARATION_FILE),
        path: '$.id',
        message: `"${declaration.id}" is not the name of its folder "${basename(folder)}"`,
      },
    ]);
  }
  const curated = options.curatedFrom?.(declaration.id) ?? folder;
  const registries = readRegistries(folder, declaration, curated);
  const decided = decideRegistries(registries, readDecisionsFile(curated), join(curated, DECISIONS_FILE));
  if (decided.problems.length > 0) throw new ConfigError(decided.problems);
  return { ...declaration, folder, fingerprint: folderFingerprint(folder), ...decided.registries };
}

/**
 * Load and validate every family declared under `dir` (default `pipelines/`), with its registries
 * and decisions. Every problem of every family is collected into one ConfigError.
 */
export function loadFamilies(dir = pipelinesDir(), options: LoadOptions = {}): Family[] {
  const families: Family[] = [];
  const problems: ConfigProblem[] = [];
  for (const d of readdirSync(dir, { withFileTypes: true })) {
    if (!d.isDirectory() || !existsSync(join(dir, d.name, DECLARATION_FILE))) continue;
    try {
      families.push(loadFamily(join(dir, d.name), options));
    } catch (error) {
      // A configuration problem is collected so every family's problems are reported at once.
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return families.sort((a, b) => byCodeUnits(a.id, b.id));
}

/** sha256 over every file of a family's folder (declaration, registries, decisions), so an edit changes it. */
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
  const pkg = packageInfo();
  return `${pkg.name}@${pkg.version}`;
}

/**
 * Reading a family folder's files: the declaration (`family.json`) and its registries, each
 * validated by its schema. An invalid file is a ConfigError naming the file and the JSON path.
 */
import { join } from 'node:path';
import { registryProblems } from '../matching/policyKeys.js';
import { indicatorRegistryProblems } from '../matching/indicatorKeys.js';
import { ConfigError, parseConfig } from './configError.js';
import { IndicatorRegistry, PolicyRegistry, type Indicator, type Policy } from './registries.js';
import { FamilySpec, type FamilyDeclaration } from './spec.js';

/** Name of the declaration file in a family folder. */
export const DECLARATION_FILE = 'family.json';

/** Read and validate a family's declaration. */
export function readDeclaration(folder: string): FamilyDeclaration {
  return parseConfig(join(folder, DECLARATION_FILE), FamilySpec);
}

/** The registries of a family as committed, before decisions. */
export interface RegistryEntries {
  /** Policies of `policies.json` (empty when none is declared). */
  policies: Policy[];
  /** Indicators of `indicators.json` (empty when none is declared). */
  indicators: Indicator[];
}

/**
 * Read and check the registries a declaration names, from `from` (default: the family folder; tests
 * read frozen copies kept beside their fixtures). Zod issues and broken invariants are ConfigErrors.
 */
export function readRegistries(folder: string, declaration: FamilyDeclaration, from = folder): RegistryEntries {
  const { policies, indicators } = declaration.registries;
  return {
    policies: policies ? readPolicyRegistry(join(from, policies)) : [],
    indicators: indicators ? readIndicatorRegistry(join(from, indicators)) : [],
  };
}

/** Read a policy registry file, validated, with its invariants checked. */
export function readPolicyRegistry(file: string): Policy[] {
  return withoutProblems(file, parseConfig(file, PolicyRegistry), registryProblems);
}

/** Read an indicator registry file, validated, with its invariants checked. */
export function readIndicatorRegistry(file: string): Indicator[] {
  return withoutProblems(file, parseConfig(file, IndicatorRegistry), indicatorRegistryProblems);
}

/** The entries, or a ConfigError listing the invariants they break. */
function withoutProblems<T>(file: string, entries: T[], problemsOf: (entries: T[]) => string[]): T[] {
  const problems = problemsOf(entries);
  if (problems.length > 0) throw new ConfigError(problems.map((message) => ({ file, path: '$', message })));
  return entries;
}

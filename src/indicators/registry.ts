/**
 * The indicator registry of a family (`pipelines/<family>/indicators.json`): the standard
 * performance indicators the province asks of its recipients, with the spellings accepted for
 * them, and the comparison keys derived from both.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { LEVEL2 } from '../../schemas/indicators.js';
import { matchKey, titleKey, type TitleKey } from '../citations/similarity.js';
import { normalizeText } from '../normalize/rules.js';

/** One standard indicator. */
export const Indicator = z
  .object({
    /** Stable id, assigned once and never re-derived: `I-<short name>`. */
    id: z.string().regex(/^I-[^\s]+$/u),
    /** Canonical name, as the notices' normalized `name` spells it most cleanly. */
    name: z.string().min(1),
    /** Level-2 indicator it is asked under (数量指标…); informative, not used in matching. */
    level2: z.enum(LEVEL2),
    /** Other spellings accepted as this indicator (normalized names). */
    aliases: z.array(z.string().min(1)),
    /** Words that rule a name out of a fuzzy match with this indicator (快维中心 for 保护中心). */
    veto_terms: z.array(z.string().min(1)).optional(),
    /** Curator's remark. */
    note: z.string().optional(),
  })
  .strict();

/** One standard indicator. */
export type Indicator = z.infer<typeof Indicator>;

/** The registry file: an array of indicators. */
export const IndicatorRegistry = z.array(Indicator);

/** A comparison key of an indicator and where it comes from. */
export interface IndicatorKey extends TitleKey {
  /** The indicator it belongs to. */
  id: string;
  /** `name` for the canonical name, `alias` for an accepted spelling. */
  kind: 'name' | 'alias';
}

/** The comparison key of an indicator name: the shared text rules, then letters and digits only. */
export function indicatorKey(name: string): TitleKey {
  return titleKey(normalizeText(name));
}

/** Every comparison key of an indicator: its name first, then its aliases. */
export function indicatorKeys(indicator: Indicator): IndicatorKey[] {
  return [
    { id: indicator.id, kind: 'name' as const, ...indicatorKey(indicator.name) },
    ...indicator.aliases.map((alias) => ({ id: indicator.id, kind: 'alias' as const, ...indicatorKey(alias) })),
  ];
}

/** The veto terms of an indicator found in a name, compared as match keys. */
export function vetoTermsIn(indicator: Indicator, name: string): string[] {
  return vetoTermsInKey(indicator, matchKey(normalizeText(name)));
}

/** Veto terms as match keys, per indicator, computed once (normalizing is the costly part). */
const termKeys = new WeakMap<Indicator, { term: string; key: string }[]>();

/** The veto terms of an indicator found in a name already reduced to its match key. */
export function vetoTermsInKey(indicator: Indicator, nameKey: string): string[] {
  let terms = termKeys.get(indicator);
  if (!terms) termKeys.set(indicator, (terms = (indicator.veto_terms ?? []).map((term) => ({ term, key: matchKey(normalizeText(term)) }))));
  return terms.filter((t) => nameKey.includes(t.key)).map((t) => t.term);
}

/** Problems that make a registry unusable: duplicate ids, a key claimed twice, a spelling holding its own veto term. */
export function indicatorRegistryProblems(indicators: readonly Indicator[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  for (const indicator of indicators) {
    if (ids.has(indicator.id)) problems.push(`duplicate id ${indicator.id}`);
    ids.add(indicator.id);
    for (const k of indicatorKeys(indicator)) {
      const owner = owners.get(k.key);
      if (owner !== undefined && owner !== indicator.id) problems.push(`"${k.key}" is a spelling of both ${owner} and ${indicator.id}`);
      else owners.set(k.key, indicator.id);
    }
    for (const spelling of [indicator.name, ...indicator.aliases]) {
      const terms = vetoTermsIn(indicator, spelling);
      if (terms.length > 0) problems.push(`"${spelling}" of ${indicator.id} holds its own veto term ${terms.join('、')}`);
    }
  }
  return problems;
}

/** Read and check a registry file. A broken registry is a bug in the family's data, so this throws. */
export function loadIndicatorRegistry(file: string): Indicator[] {
  const parsed = IndicatorRegistry.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
  const problems = indicatorRegistryProblems(parsed.data);
  if (problems.length > 0) throw new Error(`${file}: ${problems.join('; ')}`);
  return parsed.data;
}

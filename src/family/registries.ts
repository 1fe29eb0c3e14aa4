/**
 * The registries of a family as data: the Zod schemas of `policies.json` and `indicators.json`.
 * What the entries mean for matching (their comparison keys, and the invariants over them) lives
 * in `src/matching/`; this module only says what a valid file looks like.
 */
import { z } from 'zod';
import { LEVEL2 } from '../../schemas/indicators.js';
import { docNumberParts } from '../normalize/docNumber.js';

/** One canonical policy document. */
export const Policy = z
  .object({
    /** Stable id, assigned once and never re-derived: `P-<文号代字>-<year>-<serial>` or `P-<short title>`. */
    id: z.string().regex(/^P-[^\s]+$/u),
    /** Official title, without title marks; a nested title in 〈〉. */
    title: z.string().min(1),
    /** Issuing body or bodies, joined with 、; '' when not known for sure. */
    issuer: z.string(),
    /** Document number in canonical form (`中办发〔2019〕56号`); '' when not known for sure. */
    doc_number: z
      .string()
      .refine((d) => d === '' || docNumberParts(d) !== undefined, 'not a canonical document number'),
    /** Other spellings of the title accepted as this document (as `parseCitation` returns `title`). */
    aliases: z.array(z.string().min(1)),
    /** Curator's remark: where the canonical form comes from, what was deliberately left out. */
    note: z.string().optional(),
  })
  .strict();

/** One canonical policy document. */
export type Policy = z.infer<typeof Policy>;

/** The policy registry file: an array of policies. */
export const PolicyRegistry = z.array(Policy);

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

/** The indicator registry file: an array of indicators. */
export const IndicatorRegistry = z.array(Indicator);

import { MATCH_KINDS } from '../../schemas/citations.js';

/** How a spelling found its registry entry (citations and indicators alike), from the dataset schema. */
export type MatchKind = (typeof MATCH_KINDS)[number];

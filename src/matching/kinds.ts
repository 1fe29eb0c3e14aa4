/** How a spelling found its registry entry (citations and indicators alike), from the dataset schema. */
export type { MatchKind } from '../../schemas/citations.js';

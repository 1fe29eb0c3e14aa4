import type { AllocationRow } from '../../schemas/allocations.js';
import type { Family } from '../family/spec.js';

/** How a name was joined to an Annex 1 recipient. */
export type JoinMatch = 'exact' | 'alias' | 'fuzzy' | 'none' | 'ambiguous';

/** The outcome of joining one name to the Annex 1 recipients. */
export interface RecipientJoin {
  /** The recipient's 9-digit code, '' unless exactly one recipient was found. */
  code: string;
  /** The Annex 1 recipient name joined to, or ''. */
  name: string;
  /** How it was found. */
  match: JoinMatch;
  /** All candidate names when ambiguous. */
  candidates: string[];
}

/** One Annex 1 recipient and the keys a department name can reach it by. */
interface IndexEntry {
  code: string;
  name: string;
  /** The place, its own-level suffix removed: `广州市本级` → `广州市`. */
  place: string;
  /** Short forms produced by the family's rewrites: `连南瑶族自治县` → `连南县`. */
  shortNames: string[];
}

/** A lookup from department names to Annex 1 recipients. */
export interface RecipientIndex {
  entries: IndexEntry[];
  suffixes: string[];
}

/** Fold widths and drop white space, so OCR spacing never decides a join. */
export function placeKey(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

/** Index Annex 1 item rows by place and short names. */
export function buildRecipientIndex(allocations: readonly AllocationRow[], family: Family): RecipientIndex {
  const entries: IndexEntry[] = [];
  for (const row of allocations) {
    if (row.row_type !== 'item' || !row.recipient_code) continue;
    const name = placeKey(row.recipient_name);
    const own = family.ownLevelSuffixes.find((suffix) => name.endsWith(suffix));
    const place = own ? name.slice(0, -own.length) : name;
    const shortNames = family.shortNameRewrites
      .filter(([from]) => place.endsWith(from))
      .map(([from, to]) => place.slice(0, -from.length) + to)
      .filter((s) => s !== place);
    entries.push({ code: row.recipient_code, name: row.recipient_name, place, shortNames });
  }
  // Longest suffix first, so 市场监督管理局 is stripped before 市场监督管理.
  const suffixes = [...family.departmentSuffixes].sort((a, b) => b.length - a.length);
  return { entries, suffixes };
}

/** Join a department or place name to one Annex 1 recipient; never guesses between several. */
export function joinRecipient(rawName: string, index: RecipientIndex): RecipientJoin {
  const key = placeKey(rawName);
  const suffix = index.suffixes.find((s) => key.endsWith(s));
  const place = suffix ? key.slice(0, -suffix.length) : key;
  const exact = index.entries.filter((e) => e.place === place || placeKey(e.name) === place);
  if (exact.length > 0) return result(exact, 'exact');
  const alias = index.entries.filter((e) => e.shortNames.includes(place));
  if (alias.length > 0) return result(alias, 'alias');
  return result(fuzzyCandidates(key, index), 'fuzzy');
}

/**
 * OCR garbles the department suffix (`开平市市市场监`): a recipient whose place starts the name and
 * whose remainder, less at most one stray character, starts a known suffix is a candidate.
 */
function fuzzyCandidates(key: string, index: RecipientIndex): IndexEntry[] {
  const found = index.entries.filter((e) => {
    if (e.place.length < 2 || !key.startsWith(e.place)) return false;
    const rest = key.slice(e.place.length);
    return rest.length >= 2 && index.suffixes.some((s) => s.startsWith(rest) || s.startsWith(rest.slice(1)));
  });
  // Prefer the longest place (`鹤山市` over a shorter place that also prefixes the name).
  const longest = Math.max(0, ...found.map((e) => e.place.length));
  return found.filter((e) => e.place.length === longest);
}

function result(found: IndexEntry[], match: JoinMatch): RecipientJoin {
  const codes = [...new Set(found.map((e) => e.code))];
  if (codes.length === 0) return { code: '', name: '', match: 'none', candidates: [] };
  if (codes.length > 1) return { code: '', name: '', match: 'ambiguous', candidates: found.map((e) => e.name) };
  const first = found[0] as IndexEntry;
  return { code: first.code, name: first.name, match, candidates: [] };
}

/** Report a join that was not exact: an alias is info, a similarity match or a failure a warning. */
export function reportJoin(
  join: RecipientJoin,
  rawName: string,
  where: { annex: string; line: number },
  report: (input: import('../findings/finding.js').FindingInput) => void,
): void {
  const base = { annex: where.annex, source_line: where.line, actual: rawName, recipient_code: join.code };
  if (join.match === 'alias') report({ ...base, code: 'join/recipient-alias', expected: `${join.name} (${join.code})` });
  else if (join.match === 'fuzzy') report({ ...base, code: 'join/recipient-fuzzy', expected: `${join.name} (${join.code})` });
  else if (join.match === 'none') report({ ...base, code: 'join/recipient-unmatched' });
  else if (join.match === 'ambiguous') report({ ...base, code: 'join/recipient-ambiguous', expected: join.candidates.join('、') });
}

import type { AllocationRow } from '../../schemas/allocations.js';
import type { Family } from '../family/spec.js';
import type { RecipientMatch } from '../../schemas/common.js';
import { compactKey } from '../normalize/compact.js';

/** How a name was joined to an allocation recipient (the records' `recipient_match`). */
export type JoinMatch = RecipientMatch;

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
  /** What followed the place when it is no listed bureau but fits a declared pattern (`退役军人服务中心`), else ''. */
  unlistedBureau: string;
  /** The recipient's place, its own-level suffix removed (`广州市本级` → `广州市`), or ''. */
  place: string;
  /** A 9-digit code the name stated that no recipient has, else ''. */
  unknownCode?: string;
}

/** One allocation recipient and the keys a department name can reach it by. */
interface IndexEntry {
  /** Its 9-digit code, '' for a recipient the allocation tables name without one (a university, a hospital). */
  code: string;
  /** What tells it from every other recipient: its code, else its name (`recipientKey`). */
  key: string;
  name: string;
  /** The place, its own-level suffix removed: `广州市本级` → `广州市`. */
  place: string;
  /** Short forms produced by the family's rewrites: `连南瑶族自治县` → `连南县`. */
  shortNames: string[];
}

/** A lookup from department names to allocation recipients. */
export interface RecipientIndex {
  entries: IndexEntry[];
  /** The province's bureau names, longest first. */
  bureaus: string[];
  /** What may follow a place when no listed bureau does. */
  patterns: RegExp[];
}

/** Fold widths and drop white space, so OCR spacing never decides a join. */
export const placeKey = compactKey;

/**
 * What tells a recipient from every other: its 9-digit code, or for one the allocation tables name without a code
 * (省直单位: a university, a hospital, a department) its name as the join compares names (`name:中山大学`).
 */
export function recipientKey(code: string, name: string): string {
  return code || `name:${placeKey(name)}`;
}

/**
 * Index the allocation tables' item rows by place and short names. A recipient is reached by the place
 * its name states, a bureau of the province's list or an own-level suffix removed (`珠海市农业农村局`,
 * `珠海市本级` → 珠海市), and by its region's place when the row names one.
 */
export function buildRecipientIndex(allocations: readonly AllocationRow[], family: Family): RecipientIndex {
  // Longest first, so 市场监督管理局 is stripped before 市场监督管理.
  const bureaus = family.localDepartments.bureaus.map(placeKey).sort((a, b) => b.length - a.length);
  const patterns = family.localDepartments.patterns;
  const entries: IndexEntry[] = [];
  const placeOf = (written: string): string => {
    const name = placeKey(written);
    const bureau = bureaus.find((s) => name.endsWith(s) && name.length > s.length);
    const unbureaued = bureau ? name.slice(0, -bureau.length) : name;
    const own = family.ownLevelSuffixes.find((s) => unbureaued.endsWith(s) && unbureaued.length > s.length);
    return own ? unbureaued.slice(0, -own.length) : unbureaued;
  };
  for (const row of allocations) {
    if (row.row_type !== 'item') continue;
    if (!row.recipient_code) {
      // Without a code nothing says where it is: it is reached by its whole name, no bureau or suffix taken off
      // (广东省教育厅 is no place 广东省 shared with every other provincial department).
      const name = placeKey(row.recipient_name);
      if (name)
        entries.push({ code: '', key: recipientKey('', name), name: row.recipient_name, place: name, shortNames: [] });
      continue;
    }
    const places = new Set([placeOf(row.recipient_name), ...(row.region_name ? [placeOf(row.region_name)] : [])]);
    for (const place of places) {
      if (!place) continue;
      const shortNames = family.shortNameRewrites
        .filter(([from]) => place.endsWith(from))
        .map(([from, to]) => place.slice(0, -from.length) + to)
        .filter((s) => s !== place);
      entries.push({ code: row.recipient_code, key: row.recipient_code, name: row.recipient_name, place, shortNames });
    }
  }
  return { entries, bureaus, patterns };
}

/**
 * Join a department or place name to one allocation recipient, whatever its bureau: a 9-digit code
 * it states that a recipient has first (`code`); then by name: a listed bureau
 * is stripped to leave the place; failing that, a recipient's short name, or its place named under
 * its city (广州市黄埔区 → 黄埔区, an alias); failing that, a recipient's place (or short name) followed by
 * something a declared pattern accepts (`…局`, `…委员会`, `本级`); failing that, by similarity.
 * A recipient the allocation tables name without a code is reached by its whole name (code '', match as above).
 * Never guesses between several.
 */
export function joinRecipient(rawName: string, index: RecipientIndex): RecipientJoin {
  const written = placeKey(rawName);
  // A 9-digit code the name states (`440400000 珠海市农业农村局`) decides before any name does.
  const stated = STATED_CODE.exec(written);
  const byCode = stated ? index.entries.filter((e) => e.code === stated[2]) : [];
  if (byCode.length > 0) return result(byCode, 'code');
  // Else the name without the code (and the brackets around it) is read; the unknown code is said.
  const key = stated ? written.replace(stated[0], '') : written;
  const join = joinByName(key, index);
  return stated ? { ...join, unknownCode: stated[2] ?? '' } : join;
}

/** A 9-digit code in a department name, maybe in brackets: group 2 is the code. */
const STATED_CODE = /([（(［[]?)(?<!\d)(\d{9})(?!\d)[）)］\]]?/u;

/** Join by the place a name states (no code in it). */
function joinByName(key: string, index: RecipientIndex): RecipientJoin {
  const bureau = index.bureaus.find((s) => key.endsWith(s) && key.length > s.length);
  const place = bureau ? key.slice(0, -bureau.length) : key;
  // A recipient without a code is named whole: its name may end like a bureau (广东省卫生健康委员会).
  const exact = index.entries.filter(
    (e) => e.place === place || placeKey(e.name) === place || (!e.code && e.place === key),
  );
  if (exact.length > 0) return result(exact, 'exact');
  const alias = index.entries.filter((e) => e.shortNames.includes(place));
  if (alias.length > 0) return result(alias, 'alias');
  // A district or county named under its city or province (广州市黄埔区, 广东省东莞市): the recipient
  // is the place it ends with, not the city that starts it; the longest such place wins.
  const qualified = index.entries.filter(
    (e) =>
      e.place.length >= 2 &&
      place.length > e.place.length &&
      place.endsWith(e.place) &&
      /[市省]$/u.test(place.slice(0, -e.place.length)),
  );
  const longest = Math.max(0, ...qualified.map((e) => e.place.length));
  if (qualified.length > 0)
    return result(
      qualified.filter((e) => e.place.length === longest),
      'alias',
    );
  const byPattern = patternCandidates(key, index);
  if (byPattern) return byPattern;
  return result(fuzzyCandidates(key, index), 'fuzzy');
}

/**
 * A recipient whose place (exact) or short name (alias) starts the name, the rest fitting a declared pattern; the
 * longest place wins.
 */
function patternCandidates(key: string, index: RecipientIndex): RecipientJoin | null {
  let best: { entry: IndexEntry; prefix: string; match: JoinMatch }[] = [];
  for (const entry of index.entries) {
    for (const [prefix, match] of [[entry.place, 'exact'], ...entry.shortNames.map((s) => [s, 'alias'])] as [
      string,
      JoinMatch,
    ][]) {
      if (prefix.length < 2 || !key.startsWith(prefix) || !index.patterns.some((p) => p.test(key.slice(prefix.length))))
        continue;
      if (best.length === 0 || prefix.length > (best[0]?.prefix.length ?? 0)) best = [{ entry, prefix, match }];
      else if (prefix.length === best[0]?.prefix.length) best.push({ entry, prefix, match });
    }
  }
  const first = best[0];
  if (!first) return null;
  const join = result(
    best.map((b) => b.entry),
    first.match,
  );
  return joined(join) ? { ...join, unlistedBureau: key.slice(first.prefix.length) } : join;
}

/**
 * OCR garbles the bureau (`开平市市市场监`): a recipient whose place starts the name and whose
 * remainder, less at most one stray character, starts a listed bureau is a candidate.
 */
function fuzzyCandidates(key: string, index: RecipientIndex): IndexEntry[] {
  const found = index.entries.filter((e) => {
    if (e.place.length < 2 || !key.startsWith(e.place)) return false;
    const rest = key.slice(e.place.length);
    return rest.length >= 2 && index.bureaus.some((s) => s.startsWith(rest) || s.startsWith(rest.slice(1)));
  });
  // Prefer the longest place (`鹤山市` over a shorter place that also prefixes the name).
  const longest = Math.max(0, ...found.map((e) => e.place.length));
  return found.filter((e) => e.place.length === longest);
}

/** True when the join found one recipient (with a code or, for one without, by its name). */
export function joined(join: Pick<RecipientJoin, 'match'>): boolean {
  return join.match !== 'none' && join.match !== 'ambiguous';
}

function result(found: IndexEntry[], match: JoinMatch): RecipientJoin {
  const keys = [...new Set(found.map((e) => e.key))];
  if (keys.length === 0) return { code: '', name: '', match: 'none', candidates: [], unlistedBureau: '', place: '' };
  if (keys.length > 1)
    return {
      code: '',
      name: '',
      match: 'ambiguous',
      candidates: found.map((e) => e.name),
      unlistedBureau: '',
      place: '',
    };
  const first = found[0] as IndexEntry;
  // A recipient without a code has no place: its name is no city its items are in.
  const place = first.code ? first.place : '';
  return { code: first.code, name: first.name, match, candidates: [], unlistedBureau: '', place };
}

/**
 * Report a join that was not exact: an alias or an unlisted bureau is info, a similarity match or a failure a warning.
 */
export function reportJoin(
  join: RecipientJoin,
  rawName: string,
  where: { annex: string; line: number },
  report: (input: import('../findings/finding.js').FindingInput) => void,
): void {
  const base = { annex: where.annex, source_line: where.line, actual: rawName, recipient_code: join.code };
  // A recipient without a code is named by its name alone.
  const recipient = join.code ? `${join.name} (${join.code})` : join.name;
  if (join.unknownCode) report({ ...base, code: 'join/code-unknown', params: { code: join.unknownCode } });
  if (join.unlistedBureau)
    report({
      ...base,
      code: 'join/bureau-unlisted',
      expected: recipient,
      params: { bureau: join.unlistedBureau },
    });
  if (join.match === 'alias') report({ ...base, code: 'join/recipient-alias', expected: recipient });
  else if (join.match === 'fuzzy') report({ ...base, code: 'join/recipient-fuzzy', expected: recipient });
  else if (join.match === 'none') report({ ...base, code: 'join/recipient-unmatched' });
  else if (join.match === 'ambiguous')
    report({ ...base, code: 'join/recipient-ambiguous', expected: join.candidates.join('、') });
}

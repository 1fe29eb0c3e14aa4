import type { StageContext } from '../findings/context.js';
import {
  joined,
  joinRecipient,
  placeKey,
  reportJoin,
  type RecipientIndex,
  type RecipientJoin,
} from '../join/recipients.js';

/** The group an item is read in: its city and the city's recipient code ('' when unknown). */
export interface ItemGroup {
  city: string;
  code: string;
}

/**
 * An item's recipient: its name joined as written; failing that, inside a group of a known city, its name read under
 * the city (`市本级` under 江门市 → 江门市本级, `蓬江区` → 江门市蓬江区): said (details/name-in-group) and recorded as an
 * alias. What the join found is reported as any join's is.
 */
export function joinItem(
  unitName: string,
  group: ItemGroup | null,
  where: { annex: string; line: number },
  recipients: RecipientIndex,
  ctx: StageContext,
): RecipientJoin {
  const report = (f: Parameters<StageContext['report']>[0]): void => ctx.report(f);
  const join = joinRecipient(unitName, recipients);
  // A name that opens with another city is read as written, never under the group's.
  const foreign = group?.city ? namesOtherCity(unitName, group.city) : false;
  const qualified = join.match === 'none' && group?.city && !foreign ? underCity(unitName, group.city) : '';
  const resolved = qualified ? joinRecipient(qualified, recipients) : null;
  if (!resolved || !joined(resolved)) {
    if (join.match === 'none' && group?.code && !foreign) return joinedToGroup(unitName, group, where, ctx);
    reportJoin(join, unitName, where, report);
    return join;
  }
  ctx.report({
    code: 'details/name-in-group',
    annex: where.annex,
    recipient_code: resolved.code,
    source_line: where.line,
    actual: unitName,
    expected: `${qualified}: ${resolved.name} (${resolved.code})`,
    params: { city: group?.city ?? '' },
  });
  // The alias is said above; what else the join found (an unlisted bureau, a similarity) is said as usual.
  reportJoin(resolved.match === 'alias' ? { ...resolved, match: 'exact' } : resolved, qualified, where, report);
  return { ...resolved, match: resolved.match === 'exact' ? 'alias' : resolved.match };
}

/**
 * An item that joins no recipient, as written or under its city, inside a group whose city is a recipient (蓬江区 under
 * 江门市 when the allocation tables list only 江门市本级): its money is the group's, counted under the group's recipient
 * and said (details/item-joined-to-group, a warning: the item itself is no recipient of the allocation tables).
 */
function joinedToGroup(
  unitName: string,
  group: ItemGroup,
  where: { annex: string; line: number },
  ctx: StageContext,
): RecipientJoin {
  ctx.report({
    code: 'details/item-joined-to-group',
    annex: where.annex,
    recipient_code: group.code,
    source_line: where.line,
    actual: unitName,
    expected: `${group.city} (${group.code})`,
  });
  return { code: group.code, name: group.city, match: 'alias', candidates: [], unlistedBureau: '', place: group.city };
}

/**
 * True when a name opens with a city of its own that is not the group's (阳江市市场监督管理局 under 湛江市): such an item
 * is no part of the group's city, so it is not counted under it. A name without a city of its own (蓬江区) is not.
 */
function namesOtherCity(name: string, city: string): boolean {
  const written = placeKey(name);
  const at = written.indexOf('市');
  return at > 0 && written.slice(0, at + 1) !== placeKey(city);
}

/**
 * A name written relative to its group's city, read under it: `市农业农村局` under 江门市 → 江门市农业农村局 (the
 * level the city's name ends with is not written twice), `蓬江区` → 江门市蓬江区; '' when the name already starts with
 * the city.
 */
function underCity(name: string, city: string): string {
  const [written, place] = [placeKey(name), placeKey(city)];
  if (!written || !place || written.startsWith(place)) return '';
  const level = place.at(-1) ?? '';
  return written.startsWith(level) ? place + written.slice(1) : place + written;
}

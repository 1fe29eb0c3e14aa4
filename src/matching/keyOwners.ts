/**
 * The invariant every registry shares: ids are unique and no match key is claimed by two entries,
 * since a key owned twice would make matching depend on registry order.
 */

/** Problems of duplicate ids and of keys claimed by two entries, in registry order. */
export function keyOwnerProblems<T extends { id: string }>(
  entries: readonly T[],
  keysOf: (entry: T) => readonly { key: string }[],
): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const owners = new Map<string, string>();
  for (const entry of entries) {
    if (ids.has(entry.id)) problems.push(`duplicate id ${entry.id}`);
    ids.add(entry.id);
    for (const k of keysOf(entry)) {
      const owner = owners.get(k.key);
      if (owner !== undefined && owner !== entry.id)
        problems.push(`"${k.key}" is a spelling of both ${owner} and ${entry.id}`);
      else owners.set(k.key, entry.id);
    }
  }
  return problems;
}

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

/**
 * Which entries claim each key, kept up to date as entries and spellings are added: a change that claims no key of
 * another entry and no id already taken leaves `keyOwnerProblems` as it was, without re-reading the registry.
 */
export class KeyClaims<T extends { id: string }> {
  private readonly claims = new Map<string, Set<string>>();
  private readonly ids = new Set<string>();

  constructor(entries: readonly T[], keysOf: (entry: T) => readonly { key: string }[]) {
    for (const entry of entries) this.add(entry.id, keysOf(entry), true);
  }

  /** Whether adding `keys` (of a new entry when `fresh`) under `id` could change the registry's problems. */
  clashes(id: string, keys: readonly { key: string }[], fresh: boolean): boolean {
    if (fresh && this.ids.has(id)) return true;
    return keys.some((k) => [...(this.claims.get(k.key) ?? [])].some((owner) => owner !== id));
  }

  /** Record keys claimed by `id` (an entry added when `fresh`). */
  add(id: string, keys: readonly { key: string }[], fresh: boolean): void {
    if (fresh) this.ids.add(id);
    for (const k of keys) {
      const owners = this.claims.get(k.key);
      if (owners) owners.add(id);
      else this.claims.set(k.key, new Set([id]));
    }
  }
}

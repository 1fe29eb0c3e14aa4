/**
 * Accepted spellings become aliases of a registry entry, one request at a time, refusing any that
 * would make one spelling name two entries. Shared by the policy and the indicator registry.
 */

/** What every registry entry has. */
export interface RegistryEntry {
  /** Stable id. */
  id: string;
  /** Accepted spellings. */
  aliases: string[];
}

/** One spelling a reviewer accepted for an entry. */
export interface AliasRequest {
  /** The spelling to add, as the matcher reads it (normalized). */
  spelling: string;
  /** The entry it names. */
  id: string;
  /** Where the request comes from, for messages (`row 3 "…"`). */
  origin: string;
}

/** What accepting requests did. */
export interface AliasUpdate<T> {
  /** The registry with the new aliases, same order, aliases appended; the input is not modified. */
  entries: T[];
  /** Aliases added, as `id: alias`. */
  added: string[];
  /** The requests added, spelling as it was added. */
  accepted: { id: string; spelling: string }[];
  /** Requests already satisfied (the spelling is already one of the entry's). */
  skipped: string[];
  /** Requests refused: no such entry, an empty spelling, or a spelling another entry claims. */
  conflicts: string[];
}

/** How a registry compares spellings and checks itself. */
export interface RegistryRules<T> {
  /** Word for an entry in messages (`policy`, `indicator`). */
  noun: string;
  /** The spellings an entry already has (canonical first). */
  spellingsOf(entry: T): string[];
  /** The comparison key of a spelling. */
  keyOf(spelling: string): string;
  /** Problems of a whole registry; none means it is usable. */
  problemsOf(entries: readonly T[]): string[];
}

/** Add accepted spellings as aliases; a request that would break the registry is a conflict and changes nothing. */
export function addAliases<T extends RegistryEntry>(
  registry: readonly T[],
  requests: readonly AliasRequest[],
  rules: RegistryRules<T>,
): AliasUpdate<T> {
  const entries = registry.map((e) => ({ ...e, aliases: [...e.aliases] }));
  const update: AliasUpdate<T> = { entries, added: [], accepted: [], skipped: [], conflicts: [] };
  for (const request of requests) {
    const entry = entries.find((e) => e.id === request.id);
    if (!entry) {
      update.conflicts.push(`${request.origin}: no ${rules.noun} ${request.id}`);
      continue;
    }
    const key = rules.keyOf(request.spelling);
    if (key === '') {
      update.conflicts.push(`${request.origin}: nothing to add as a spelling of ${request.id}`);
      continue;
    }
    if (rules.spellingsOf(entry).some((s) => rules.keyOf(s) === key)) {
      update.skipped.push(`${request.id}: "${request.spelling}" is already one of its spellings`);
      continue;
    }
    entry.aliases.push(request.spelling);
    const problems = rules.problemsOf(entries);
    if (problems.length > 0) {
      entry.aliases.pop();
      update.conflicts.push(
        `${request.origin}: "${request.spelling}" cannot be a spelling of ${request.id}: ${problems.join('; ')}`,
      );
      continue;
    }
    update.added.push(`${request.id}: ${request.spelling}`);
    update.accepted.push({ id: request.id, spelling: request.spelling });
  }
  return update;
}

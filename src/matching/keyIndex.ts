/** A registry prepared for matching: each entry's comparison keys, and the first entry owning each key text. */
export interface KeyIndex<K extends { key: string }> {
  /** Keys of each entry, by entry id. */
  keysById: Map<string, K[]>;
  /** The key (and so the entry) that first claims a key text. */
  byKey: Map<string, K>;
}

const indexes = new WeakMap<object, KeyIndex<{ key: string }>>();

/** The key index of a registry array, built once per array (policies and indicators alike). */
export function keyIndexOf<E extends { id: string }, K extends { key: string }>(
  registry: readonly E[],
  keysOf: (entry: E) => K[],
): KeyIndex<K> {
  let index = indexes.get(registry) as KeyIndex<K> | undefined;
  if (!index) {
    const keysById = new Map(registry.map((e) => [e.id, keysOf(e)] as const));
    const byKey = new Map<string, K>();
    for (const k of [...keysById.values()].flat()) if (!byKey.has(k.key)) byKey.set(k.key, k);
    index = { keysById, byKey };
    indexes.set(registry, index as KeyIndex<{ key: string }>);
  }
  return index;
}

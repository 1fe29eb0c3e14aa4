/**
 * Pure functions remembered, in one place. Notices repeat their texts (codes, units, level names,
 * policy titles) hundreds of times, and a batch repeats them across notices; registries, schemas and
 * declarations are asked about again and again. Text memos are emptied when they pass their bound,
 * which keeps memory flat on any input; memos by object hold what they know only as long as the
 * object lives (a WeakMap), so they need no bound.
 */

/** How many distinct texts a memo keeps before it starts over. */
export const MEMO_LIMIT = 50_000;

/** `fn` remembered per distinct argument; `fn` must be pure. */
export function memoByText<T>(fn: (text: string) => T, limit = MEMO_LIMIT): (text: string) => T {
  const memo = new Map<string, T>();
  return (text: string): T => {
    let value = memo.get(text);
    if (value === undefined) {
      if (memo.size >= limit) memo.clear();
      value = fn(text);
      memo.set(text, value);
    }
    return value;
  };
}

/** `fn` remembered per object (a registry, a schema, a declaration) while the object lives; `fn` must be pure. */
export function memoByObject<K extends object, T>(fn: (key: K) => T): (key: K) => T {
  // Boxed, so an answer of undefined or null is remembered too.
  const memo = new WeakMap<K, { value: T }>();
  return (key: K): T => {
    let found = memo.get(key);
    if (found === undefined) {
      found = { value: fn(key) };
      memo.set(key, found);
    }
    return found.value;
  };
}

/**
 * `fn` remembered per owner object (a registry, a vocabulary, a rule list) and per distinct text, each owner's texts
 * bounded by `limit`; `fn` must be pure.
 */
export function memoByOwnerAndText<K extends object, T>(
  fn: (owner: K, text: string) => T,
  limit = MEMO_LIMIT,
): (owner: K, text: string) => T {
  const memos = memoByObject((owner: K) => memoByText((text) => fn(owner, text), limit));
  return (owner: K, text: string): T => memos(owner)(text);
}

/**
 * Records' equal texts made one string: a table of 100k rows repeats its regions, subjects, units and project names in
 * every row, and each row's copy (a slice of its line, or a joined text) costs its own bytes. One pool per run, for
 * the records it keeps; values other than strings are left as they are.
 */
export function shareStrings<T extends object>(records: readonly T[], pool: Map<string, string> = new Map()): void {
  for (const record of records) {
    const fields = record as Record<string, unknown>;
    for (const key in fields) {
      const value = fields[key];
      if (typeof value !== 'string' || value.length === 0) continue;
      const shared = pool.get(value);
      // Equal texts compare equal whatever their storage: the pool's copy is put in place every time.
      if (shared === undefined) pool.set(value, value);
      else fields[key] = shared;
    }
  }
}

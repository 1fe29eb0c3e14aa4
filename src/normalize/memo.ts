/**
 * Pure functions of a text, remembered per distinct text. Notices repeat their texts (codes, units,
 * level names, policy titles) hundreds of times, and a batch repeats them across notices; each memo
 * is emptied when it passes its bound, which keeps memory flat on any input.
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

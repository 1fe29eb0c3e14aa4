/**
 * A character diff between a spelling as written and a registry entry's canonical form, for the
 * review workbench: the longest common subsequence of code points, the rest marked as only in one.
 */

/** One run of a diff: text both share, text only in the spelling (`del`), or only in the entry (`ins`). */
export interface DiffPart {
  /** Which side the text is on. */
  op: 'same' | 'del' | 'ins';
  /** The characters of the run. */
  text: string;
}

/** Longest input compared character by character; beyond it the two texts are shown as replaced whole. */
export const MAX_DIFF_CHARS = 2000;

/** Runs turning `from` into `to`: `same` where they agree, `del` for `from` only, `ins` for `to` only. */
export function charDiff(from: string, to: string): DiffPart[] {
  const a = [...from];
  const b = [...to];
  if (a.length > MAX_DIFF_CHARS || b.length > MAX_DIFF_CHARS)
    return merge([
      { op: 'del', text: from },
      { op: 'ins', text: to },
    ]);
  // lcs[i][j]: length of the longest common subsequence of a[i..] and b[j..].
  const lcs = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    const row = lcs[i] as Uint16Array;
    const next = lcs[i + 1] as Uint16Array;
    for (let j = b.length - 1; j >= 0; j--)
      row[j] = a[i] === b[j] ? (next[j + 1] ?? 0) + 1 : Math.max(next[j] ?? 0, row[j + 1] ?? 0);
  }
  const parts: DiffPart[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      parts.push({ op: 'same', text: a[i++] ?? '' });
      j++;
    } else if (i < a.length && (j === b.length || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0)))
      parts.push({ op: 'del', text: a[i++] ?? '' });
    else parts.push({ op: 'ins', text: b[j++] ?? '' });
  }
  return merge(parts);
}

/** Adjacent runs of one kind joined, empty runs dropped. */
function merge(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const p of parts) {
    if (p.text === '') continue;
    const last = out.at(-1);
    if (last && last.op === p.op) last.text += p.text;
    else out.push({ ...p });
  }
  return out;
}

/** The `from` side of a diff (its `same` and `del` runs) and the `to` side (`same` and `ins`). */
export function sides(parts: readonly DiffPart[]): { from: string; to: string } {
  return {
    from: parts
      .filter((p) => p.op !== 'ins')
      .map((p) => p.text)
      .join(''),
    to: parts
      .filter((p) => p.op !== 'del')
      .map((p) => p.text)
      .join(''),
  };
}

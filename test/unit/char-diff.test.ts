import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { charDiff, MAX_DIFF_CHARS, sides } from '../../src/curation/charDiff.js';

describe('charDiff', () => {
  it('marks what only the spelling has and what only the entry has', () => {
    expect(charDiff('国家知识产权局关于印发', '广东省知识产权局印发')).toEqual([
      { op: 'del', text: '国家' },
      { op: 'ins', text: '广东省' },
      { op: 'same', text: '知识产权局' },
      { op: 'del', text: '关于' },
      { op: 'same', text: '印发' },
    ]);
  });

  it('gives one same run for equal texts and one side only against an empty text', () => {
    expect(charDiff('若干措施', '若干措施')).toEqual([{ op: 'same', text: '若干措施' }]);
    expect(charDiff('', '指导意见')).toEqual([{ op: 'ins', text: '指导意见' }]);
    expect(charDiff('指导意见', '')).toEqual([{ op: 'del', text: '指导意见' }]);
  });

  it('keeps characters outside the basic plane whole', () => {
    expect(charDiff('𠀀a', '𠀀b')).toEqual([
      { op: 'same', text: '𠀀' },
      { op: 'del', text: 'a' },
      { op: 'ins', text: 'b' },
    ]);
  });

  it('shows texts longer than it compares as replaced whole', () => {
    const long = 'x'.repeat(MAX_DIFF_CHARS + 1);
    expect(charDiff(long, 'xy')).toEqual([
      { op: 'del', text: long },
      { op: 'ins', text: 'xy' },
    ]);
  });

  it('always rebuilds both texts, and keeps as many characters as a longest common subsequence', () => {
    const lcsLength = (a: string[], b: string[]): number => {
      let prev = new Array<number>(b.length + 1).fill(0);
      for (const x of a) {
        const row = [0];
        b.forEach((y, j) => row.push(x === y ? (prev[j] ?? 0) + 1 : Math.max(prev[j + 1] ?? 0, row[j] ?? 0)));
        prev = row;
      }
      return prev[b.length] ?? 0;
    };
    const text = fc.string({ unit: fc.constantFrom('知', '识', '产', '权', '局', 'a', '〈', '〉'), maxLength: 30 });
    fc.assert(
      fc.property(text, text, (a, b) => {
        const parts = charDiff(a, b);
        expect(sides(parts)).toEqual({ from: a, to: b });
        const same = parts.filter((p) => p.op === 'same').reduce((n, p) => n + [...p.text].length, 0);
        expect(same).toBe(lcsLength([...a], [...b]));
        // Adjacent runs differ in kind: merged.
        parts.forEach((p, i) => i > 0 && expect(p.op).not.toBe(parts[i - 1]?.op));
      }),
    );
  });
});

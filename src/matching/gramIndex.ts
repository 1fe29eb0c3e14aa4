/**
 * An inverted index of many keys by character bigram, so Dice similarity of one key against all of
 * them costs the postings of its own bigrams instead of a walk over every key: a 10 MB registry is
 * read once into it, and each citation touches only the keys that share a bigram with it.
 */
import { bigramsOf } from './similarity.js';

/** Keys indexed by bigram: per bigram the keys holding it and how often. */
export class GramIndex {
  /** Bigram → indexes of the keys holding it, and parallel counts. */
  private readonly postings = new Map<string, { keys: number[]; counts: number[] }>();
  /** Size of each key's bigram multiset. */
  private readonly sizes: number[] = [];

  constructor(keys: readonly string[]) {
    keys.forEach((key, k) => {
      const { grams, size } = bigramsOf(key);
      this.sizes.push(size);
      for (const [gram, n] of grams) {
        let posting = this.postings.get(gram);
        if (!posting) this.postings.set(gram, (posting = { keys: [], counts: [] }));
        posting.keys.push(k);
        posting.counts.push(n);
      }
    });
  }

  /**
   * Dice similarity of `key` to every indexed key sharing a bigram with it: the indexes of those keys, and a score
   * per indexed key (0 for the others). The same figure `dice` gives: 2·common / (size + size), 1 for an equal key.
   */
  similar(key: string, keyOf: (k: number) => string): { touched: number[]; scores: Float64Array } {
    const { grams, size } = bigramsOf(key);
    const scores = new Float64Array(this.sizes.length);
    const touched: number[] = [];
    for (const [gram, n] of grams) {
      const posting = this.postings.get(gram);
      if (!posting) continue;
      for (let i = 0; i < posting.keys.length; i++) {
        const k = posting.keys[i] ?? 0;
        if (scores[k] === 0) touched.push(k);
        scores[k] = (scores[k] ?? 0) + Math.min(n, posting.counts[i] ?? 0);
      }
    }
    // Common counts become scores in place.
    for (const k of touched) {
      const total = size + (this.sizes[k] ?? 0);
      scores[k] = keyOf(k) === key ? 1 : total === 0 ? 0 : (2 * (scores[k] ?? 0)) / total;
    }
    return { touched, scores };
  }
}

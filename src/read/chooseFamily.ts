import type { Family } from '../family/spec.js';
import { InputError } from './inputError.js';

/**
 * Pick the first family one of whose recognise sets matches the start of the notice in full (every
 * pattern of the set); else an input error naming the closest family and what its closest set lacks.
 */
export function chooseFamily(file: string, text: string, families: readonly Family[]): Family {
  let closest: { family: Family; missing: RegExp[]; matched: number } | undefined;
  for (const family of families) {
    const head = text.split('\n', family.recogniseLines).join('\n');
    for (const set of family.recognise) {
      const missing = set.filter((p) => !p.test(head));
      if (missing.length === 0) return family;
      const matched = set.length - missing.length;
      // Fewest patterns lacking, and of those the set that matched most.
      const fewer = !closest || missing.length < closest.missing.length;
      if (fewer || (closest && missing.length === closest.missing.length && matched > closest.matched)) {
        closest = { family, missing, matched };
      }
    }
  }
  const hint = closest
    ? `; closest is "${closest.family.id}", which needs ${closest.missing.map((p) => `/${p.source}/`).join(', ')}` +
      ` in the first ${closest.family.recogniseLines} lines`
    : '';
  throw new InputError(file, `no pipeline matches this notice${hint}`);
}

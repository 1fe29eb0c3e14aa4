import type { Family } from '../family/spec.js';
import { InputError } from './inputError.js';

/** Pick the family whose recognise patterns all match the start of the notice; else an input error naming the closest. */
export function chooseFamily(file: string, text: string, families: readonly Family[]): Family {
  let closest: { family: Family; missing: RegExp[] } | undefined;
  for (const family of families) {
    const head = text.split('\n', family.recogniseLines).join('\n');
    const missing = family.recognise.filter((p) => !p.test(head));
    if (missing.length === 0) return family;
    if (!closest || missing.length < closest.missing.length) closest = { family, missing };
  }
  const hint = closest
    ? `; closest is "${closest.family.id}", which needs ${closest.missing.map((p) => `/${p.source}/`).join(', ')} in the first ${closest.family.recogniseLines} lines`
    : '';
  throw new InputError(file, `no pipeline matches this notice${hint}`);
}

/**
 * A decision settles a spelling, every citation of it at once; a spelling may be cited with two
 * document numbers (the same title over 〔2020〕249号 and 〔2021〕358号). Accepting it as one policy
 * would file the citations of the other number under it, so such an accept is refused, one line per
 * citation it would misfile, naming both numbers.
 */
import { docNumberConflict } from '../citations/match.js';
import { compareDocNumbers } from '../normalize/docNumber.js';
import type { Policy } from '../family/registries.js';

/** A citation a decision would cover: the document number cited with it, and where it is. */
export interface CitedNumber {
  /** The document number as the citation gives it (canonical form), or ''. */
  doc_number: string;
  /** Where it is, for messages (`row 5 "…"`, `yue-cai-gong-2023-126 line 1293`). */
  origin: string;
}

/**
 * One line per citation that accepting a spelling as policy `id` would file under a document whose
 * number it does not carry (a number that differs in year or serial, or that another policy owns);
 * none when `id` is no policy (that is refused elsewhere) or every number agrees.
 */
export function misfiledCitations(id: string, registry: readonly Policy[], cited: readonly CitedNumber[]): string[] {
  const policy = registry.find((p) => p.id === id);
  if (!policy) return [];
  const lines: string[] = [];
  const seen = new Set<string>();
  for (const c of cited) {
    if (c.doc_number === '' || docNumberConflict(c.doc_number, policy, registry) === '') continue;
    const number = policy.doc_number || 'a policy without a number';
    const owner = ownerNote(c.doc_number, policy, registry);
    const line = `${c.origin}: cited with ${c.doc_number}, but ${id} is ${number}${owner}`;
    if (!seen.has(line)) lines.push(line);
    seen.add(line);
  }
  return lines;
}

/** `, and 〔2021〕358号 is P-…` when another policy holds the cited number. */
function ownerNote(docNumber: string, policy: Policy, registry: readonly Policy[]): string {
  const owner = registry.find((p) => p.id !== policy.id && compareDocNumbers(docNumber, p.doc_number) === 'same');
  return owner ? ` (${docNumber} is ${owner.id})` : '';
}

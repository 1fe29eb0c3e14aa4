/**
 * Citation findings by spelling: a notice cites the same document, spelled the same way, in many
 * tables, and each place would repeat one finding. A spelling's finding is reported once, with how
 * many citations it stands for and their lines; review.csv still lists every citation.
 */
import type { StageContext } from '../findings/context.js';
import type { FindingInput } from '../findings/finding.js';

/** One finding about a citation spelling, as it stands at one place. */
export interface CitationFindingInput extends FindingInput {
  /** The citation as written; places with the same code, spelling and expectation are one finding. */
  actual: string;
  /** The place's line. */
  source_line: number;
}

/** Gathers citation findings while citations are read, then reports one per spelling. */
export class CitationFindingGroups {
  private readonly groups = new Map<string, { input: CitationFindingInput; lines: number[]; recipients: Set<string> }>();

  /** Note one citation's finding. */
  add(input: CitationFindingInput): void {
    const key = [input.code, input.annex ?? '', input.actual, String(input.expected ?? '')].join('\u0000');
    const group = this.groups.get(key);
    if (group) {
      group.lines.push(input.source_line);
      group.recipients.add(input.recipient_code ?? '');
    } else this.groups.set(key, { input, lines: [input.source_line], recipients: new Set([input.recipient_code ?? '']) });
  }

  /** Report each spelling once, at its first line, in the order spellings were first seen; the recipient only when all places share it. */
  reportTo(ctx: StageContext): void {
    for (const { input, lines, recipients } of this.groups.values()) {
      const distinct = [...new Set(lines)].sort((a, b) => a - b);
      const [only] = recipients;
      ctx.report({
        ...input,
        source_line: distinct[0] ?? input.source_line,
        recipient_code: recipients.size === 1 ? (only ?? '') : '',
        params: { ...input.params, places: `${lines.length} ${lines.length === 1 ? 'citation' : 'citations'} at ${distinct.length === 1 ? 'line' : 'lines'} ${distinct.join(', ')}` },
      });
    }
    this.groups.clear();
  }
}

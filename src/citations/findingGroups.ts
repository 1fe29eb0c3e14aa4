/**
 * Citation findings by spelling: a notice cites the same document, spelled the same way, in many
 * tables, and each place would repeat one finding. A spelling's finding is reported once, with how
 * many citations it stands for and their lines; review.csv still lists every citation.
 */
import type { StageContext } from '../findings/context.js';
import type { FindingCode } from '../findings/codes.js';
import type { FindingInput, FindingParams, ParamName } from '../findings/finding.js';

/** A code of a citation finding: each names its places (`{places}`), which reportTo fills. */
type CitationCode = Extract<FindingCode, `citations/${string}`>;

/**
 * One finding about a citation spelling, as it stands at one place: the citation as written (places with the
 * same code, spelling and expectation are one finding), the place's line, and the params but `places`.
 */
export type CitationFindingInput = {
  [C in CitationCode]: Omit<FindingInput<C>, 'params'> & { actual: string; source_line: number } & ParamsButPlaces<C>;
}[CitationCode];

/** A citation code's params but `places`: required when its template names others, absent otherwise. */
type ParamsButPlaces<C extends CitationCode> = [Exclude<ParamName<C>, 'places'>] extends [never]
  ? { params?: undefined }
  : { params: Omit<FindingParams<C>, 'places'> };

/** Gathers citation findings while citations are read, then reports one per spelling. */
export class CitationFindingGroups {
  private readonly groups = new Map<
    string,
    { input: CitationFindingInput; lines: number[]; recipients: Set<string> }
  >();

  /** Note one citation's finding. */
  add(input: CitationFindingInput): void {
    const key = [input.code, input.annex ?? '', input.actual, String(input.expected ?? '')].join('\u0000');
    const group = this.groups.get(key);
    if (group) {
      group.lines.push(input.source_line);
      group.recipients.add(input.recipient_code ?? '');
    } else
      this.groups.set(key, { input, lines: [input.source_line], recipients: new Set([input.recipient_code ?? '']) });
  }

  /**
   * Report each spelling once, at its first line, in the order spellings were first seen; the recipient only when all
   * places share it.
   */
  reportTo(ctx: StageContext): void {
    for (const { input, lines, recipients } of this.groups.values()) {
      const distinct = [...new Set(lines)].sort((a, b) => a - b);
      const [only] = recipients;
      // TypeScript cannot follow a code through the spread of a union: the params are the input's plus `places`.
      ctx.report(<FindingInput>{
        ...input,
        source_line: distinct[0] ?? input.source_line,
        recipient_code: recipients.size === 1 ? (only ?? '') : '',
        params: {
          ...input.params,
          places:
            `${lines.length} ${lines.length === 1 ? 'citation' : 'citations'} ` +
            `at ${distinct.length === 1 ? 'line' : 'lines'} ${distinct.join(', ')}`,
        },
      });
    }
    this.groups.clear();
  }
}

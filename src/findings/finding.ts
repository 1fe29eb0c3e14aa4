import type { FindingRow } from '../../schemas/report.js';
import { FINDING_CODES, type FindingCode, type Severity, templateOf } from './codes.js';

/**
 * A deviation found in one input, as the user sees it in report.json: its schema's row, the code one of the table's.
 */
export type Finding = Omit<FindingRow, 'code'> & {
  /** `<stage>/<kebab-name>` from the code table. */
  code: FindingCode;
};

/** Placeholders of a message template: `'{count} lines at {line}'` → `'count' | 'line'`. */
export type Placeholders<T extends string> = T extends `${string}{${infer P}}${infer Rest}`
  ? P | Placeholders<Rest>
  : never;

/** A template's text, or the union of its pieces when it is written as a list. */
type TemplatePiece<T> = T extends readonly string[] ? T[number] : T;

/** Placeholders a finding's own fields fill (annex, recipient_code, source_line, actual, expected). */
type FieldPlaceholder = 'annex' | 'recipient' | 'line' | 'actual' | 'expected';

/** The placeholders of a code's template that its reporter passes as params. */
export type ParamName<C extends FindingCode> = Exclude<
  Placeholders<TemplatePiece<(typeof FINDING_CODES)[C]['template']>>,
  FieldPlaceholder
>;

/** The params of a code: one value per placeholder of its template, none besides. */
export type FindingParams<C extends FindingCode> = Record<ParamName<C>, string | number>;

/** What every report may say besides its code and params. */
interface FindingPlace {
  annex?: string;
  recipient_code?: string;
  source_line?: number | null;
  actual?: string | number | null;
  expected?: string | number | null;
  /** Override of the code's default severity (e.g. a missing annex under --allow-partial). */
  severity?: Severity;
}

/**
 * What a stage passes when it reports: the code, whatever place it knows, and the params its
 * template names (required when it names any, refused when it names none), so a placeholder left
 * unfilled or a param no template uses is a compile error.
 */
export type FindingInput<C extends FindingCode = FindingCode> = C extends FindingCode
  ? FindingPlace & { code: C } & ([ParamName<C>] extends [never]
        ? { params?: undefined }
        : { params: FindingParams<C> })
  : never;

/** Build a finding from its code and context, filling the message template. */
export function makeFinding(input: FindingInput): Finding {
  const spec = FINDING_CODES[input.code];
  const text = (v: string | number | null | undefined): string | null =>
    v === undefined || v === null ? null : String(v);
  const values: Record<string, string> = {
    annex: input.annex ?? '',
    recipient: input.recipient_code ?? '',
    line: input.source_line === undefined || input.source_line === null ? '?' : String(input.source_line),
    actual: text(input.actual) ?? '',
    expected: text(input.expected) ?? '',
  };
  for (const [k, v] of Object.entries<string | number>(input.params ?? {})) values[k] = String(v);
  const body = templateOf(input.code).replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);
  const where = input.source_line ? ` at line ${input.source_line}` : '';
  return {
    code: input.code,
    severity: input.severity ?? spec.severity,
    message: body.includes('at line') ? body : body + where,
    annex: input.annex ?? '',
    recipient_code: input.recipient_code ?? '',
    source_line: input.source_line ?? null,
    actual: text(input.actual),
    expected: text(input.expected),
  };
}

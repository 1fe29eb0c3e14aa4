import { FINDING_CODES, type FindingCode, type Severity } from './codes.js';

/** A deviation found in one input, as the user sees it in report.json. */
export interface Finding {
  /** `<stage>/<kebab-name>` from the code table. */
  code: FindingCode;
  /** error | warning | info. */
  severity: Severity;
  /** Human message quoting what was found and where. */
  message: string;
  /** Which part of the notice: the annex label (`1`, `3-2`), body, or '' for the whole input. */
  annex: string;
  /** The recipient the finding concerns, or ''. */
  recipient_code: string;
  /** 1-based input line, or null when the finding concerns no one line. */
  source_line: number | null;
  /** What was found, as text, or null. */
  actual: string | null;
  /** What was expected, as text, or null. */
  expected: string | null;
}

/** What a stage passes when it reports: the code plus whatever context it knows. */
export interface FindingInput {
  code: FindingCode;
  annex?: string;
  recipient_code?: string;
  source_line?: number | null;
  actual?: string | number | null;
  expected?: string | number | null;
  /** Extra placeholders for the message template. */
  params?: Record<string, string | number>;
  /** Override of the code's default severity (e.g. a missing annex under --allow-partial). */
  severity?: Severity;
}

/** Build a finding from its code and context, filling the message template. */
export function makeFinding(input: FindingInput): Finding {
  const spec = FINDING_CODES[input.code];
  const text = (v: string | number | null | undefined): string | null => (v === undefined || v === null ? null : String(v));
  const values: Record<string, string> = {
    annex: input.annex ?? '',
    recipient: input.recipient_code ?? '',
    line: input.source_line === undefined || input.source_line === null ? '?' : String(input.source_line),
    actual: text(input.actual) ?? '',
    expected: text(input.expected) ?? '',
  };
  for (const [k, v] of Object.entries(input.params ?? {})) values[k] = String(v);
  const body = spec.template.replace(/\{(\w+)\}/g, (_, key: string) => values[key] ?? `{${key}}`);
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

import type { FindingCode } from '../findings/codes.js';
import type { FindingInput } from '../findings/finding.js';

/** A finding of a file reader, before the notice's line numbers exist: it names its file instead. */
export interface FileFinding {
  code: FindingCode;
  /** The file, relative to the notice folder. */
  file: string;
  actual?: string;
  expected?: string;
  params?: Record<string, string | number>;
}

/** The finding as the notice reports it: the file goes into the message's parameters. */
export function fileFindingInput(finding: FileFinding): FindingInput {
  // The code is one of the files/ codes, whose templates all take {file}; TypeScript cannot follow a code union
  // through to its parameters, so the input is asserted as a whole.
  return <FindingInput>{
    code: finding.code,
    annex: '',
    source_line: null,
    ...(finding.actual !== undefined ? { actual: finding.actual } : {}),
    ...(finding.expected !== undefined ? { expected: finding.expected } : {}),
    params: { file: finding.file, ...finding.params },
  };
}

/**
 * Configuration is input too: a family declaration, a registry, a decisions file or a review sheet
 * that is invalid is reported as one line per problem naming the file and the JSON path, never as a
 * stack trace. The CLI catches this error once and exits 78 (sysexits EX_CONFIG).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** One problem of a configuration file. */
export interface ConfigProblem {
  /** The file the problem is in, as it was named. */
  file: string;
  /** Where in the file: a JSON path (`$.annexes.allocation.unit`), a row (`row 3`), or `$` for the whole file. */
  path: string;
  /** What is wrong, and what was expected. */
  message: string;
}

/** A configuration file (or several) that cannot be used; carries every problem found. */
export class ConfigError extends Error {
  /** The problems, in file order. */
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(problems.map(configLine).join('\n'));
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** A problem as printed: `FILE: PATH: problem`. */
export function configLine(p: ConfigProblem): string {
  return `${p.file}: ${p.path}: ${p.message}`;
}

/** The JSON path of a Zod issue path, `$` first (`$.annexes.allocation.columns[2].role`). */
export function jsonPath(path: readonly PropertyKey[]): string {
  const dotted = z.core.toDotPath(path as (string | number)[]);
  if (dotted === '') return '$';
  return dotted.startsWith('[') ? `$${dotted}` : `$.${dotted}`;
}

/** The problems of a failed Zod parse of one file, one per issue, in the order `z.prettifyError` lists them. */
export function zodProblems(file: string, error: z.ZodError): ConfigProblem[] {
  return [...error.issues]
    .sort((a, b) => a.path.length - b.path.length)
    .map((issue) => ({
      file,
      path: jsonPath(issue.path),
      message:
        z
          .prettifyError(new z.ZodError([issue]))
          .split('\n')[0]
          ?.replace(/^✖ /, '') ?? issue.message,
    }));
}

/** Read a JSON configuration file; a missing file or invalid JSON is a configuration error. */
export function readJsonConfig(file: string): unknown {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // Only "the file is not there or not readable" is configuration; anything else is a bug.
    if (code !== 'ENOENT' && code !== 'EACCES' && code !== 'EISDIR') throw error;
    throw new ConfigError([{ file, path: '$', message: `cannot be read (${code})` }]);
  }
  let text: string;
  try {
    // Fatal: a byte that is not UTF-8 would otherwise become U+FFFD in a spelling or a pattern, in silence.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ConfigError([
      { file, path: '$', message: `not valid UTF-8 (at byte ${firstInvalidUtf8(bytes)}); save it as UTF-8` },
    ]);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    throw new ConfigError([{ file, path: '$', message: `not valid JSON: ${error.message}` }]);
  }
}

/** Parse a configuration file with its schema; every issue becomes a problem of one ConfigError. */
export function parseConfig<T extends z.ZodType>(
  file: string,
  schema: T,
  value: unknown = readJsonConfig(file),
): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new ConfigError(zodProblems(file, parsed.error));
  return parsed.data;
}

/**
 * The offset of the first byte sequence that is not UTF-8 (found by decoding ever longer prefixes' last characters).
 */
function firstInvalidUtf8(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const width = b < 0x80 ? 1 : b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
    try {
      decoder.decode(bytes.subarray(i, i + width));
    } catch {
      return i;
    }
    i += width;
  }
  return bytes.length;
}

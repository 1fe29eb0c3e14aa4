/**
 * The exit codes of the contract (sysexits where one fits), declared once: the CLI returns them, and
 * the `--help` footer and docs/output.md are generated from this table.
 */
export const EXIT_CODES = {
  ok: {
    code: 0,
    meaning:
      'every input extracted (or the command did what it was asked); findings of any severity are in each report',
  },
  strictErrors: { code: 1, meaning: 'only with `--strict`: some notice has a finding of severity `error`' },
  inputFailed: {
    code: 2,
    meaning:
      'some input could not be extracted (unreadable, not a notice, required annex missing or yielding no records), ' +
      'or a review row was refused; one line on stderr names the file and the reason; the other inputs are ' +
      'still extracted',
  },
  usage: { code: 64, meaning: 'wrong usage (EX_USAGE: unknown option, missing path)' },
  internal: {
    code: 70,
    meaning: 'a bug in notice-extract (EX_SOFTWARE): one line `internal error: …`; please report it',
  },
  cantCreate: {
    code: 73,
    meaning:
      'the output folder (`--out`) is not a folder, cannot be created or cannot be written (EX_CANTCREAT): ' +
      'one line names it',
  },
  config: {
    code: 78,
    meaning:
      'a configuration file (family.json, a registry, decisions.json, a review sheet) is invalid ' +
      '(EX_CONFIG): one line per problem',
  },
} as const;

/** The exit code numbers by name. */
export const EXIT = Object.fromEntries(Object.entries(EXIT_CODES).map(([name, e]) => [name, e.code])) as {
  readonly [K in keyof typeof EXIT_CODES]: (typeof EXIT_CODES)[K]['code'];
};

/** The exit codes as rows, in numeric order. */
export function exitCodeRows(): { code: number; meaning: string }[] {
  return Object.values(EXIT_CODES).map((e) => ({ code: e.code, meaning: e.meaning }));
}

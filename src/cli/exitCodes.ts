/** Exit codes of the contract, sysexits where one fits. */
export const EXIT = {
  /** Every input extracted (or the command did what it was asked). */
  ok: 0,
  /** `--strict`: some notice has a finding of severity error. */
  strictErrors: 1,
  /** Some input could not be extracted, or some review row was refused. */
  inputFailed: 2,
  /** Wrong usage (EX_USAGE). */
  usage: 64,
  /** A bug (EX_SOFTWARE). */
  internal: 70,
  /** A configuration file is invalid (EX_CONFIG). */
  config: 78,
} as const;

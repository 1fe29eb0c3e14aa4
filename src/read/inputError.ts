/** Input that cannot be extracted at all: the CLI prints its message on one line and exits 2. */
export class InputError extends Error {
  /** The file the problem is in. */
  readonly file: string;

  constructor(file: string, message: string) {
    super(`${file}: ${message}`);
    this.name = 'InputError';
    this.file = file;
  }
}

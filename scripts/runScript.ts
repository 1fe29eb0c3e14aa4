/**
 * Run a registry script's main: a closed output pipe (`… | head`) ends it quietly; an error is one line and exit 64.
 */
export function runScript(name: string, main: () => void): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    throw error;
  });
  try {
    main();
  } catch (error) {
    process.stderr.write(`${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 64;
  }
}

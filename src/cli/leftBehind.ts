import { settleRemovals } from '../tool/writeAtomic.js';

/** How a previous output that could not be removed is reported. */
export function leftBehindLine(folder: string): string {
  return `notice-extract: could not remove the previous output ${folder}`;
}

/**
 * Wait until the previous outputs this thread set aside are removed (writeAtomic.ts), and print a line for each that
 * could not be.
 */
export async function reportLeftBehind(): Promise<void> {
  for (const folder of await settleRemovals()) process.stderr.write(leftBehindLine(folder) + '\n');
}

import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Write a notice's files into a temporary folder beside the target, then swap it in with renames,
 * so a failure leaves the previous output (or nothing) rather than half a folder.
 */
export function writeFolderAtomically(target: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const temp = `${target}.tmp-${process.pid}`;
  const old = `${target}.old-${process.pid}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  let moved = false;
  try {
    for (const [name, content] of files) writeFileSync(join(temp, name), content);
    rmSync(old, { recursive: true, force: true });
    try {
      renameSync(target, old);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { recursive: true, force: true });
    // Put the previous output back if it was already moved aside.
    if (moved) renameSync(old, target);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

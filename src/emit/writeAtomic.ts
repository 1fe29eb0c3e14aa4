import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';

/** Previous outputs set aside and being removed on the threadpool; `settleRemovals` waits for them. */
const removals = new Set<Promise<void>>();
/** Removals that failed, as `folder: why`, until `settleRemovals` hands them over. */
const leftBehind: string[] = [];
let setAside = 0;

/**
 * Write a notice's files into a temporary folder beside the target, then swap it in with renames,
 * so a failure leaves the previous output (or nothing) rather than half a folder. The previous
 * output, once out of the way, is removed in the background: its hundreds of unlinks need not hold
 * up the next notice. Whoever writes folders awaits `settleRemovals` before it finishes.
 */
export function writeFolderAtomically(target: string, files: ReadonlyMap<string, string | Uint8Array>): void {
  const temp = `${target}.tmp-${process.pid}`;
  const old = `${target}.old-${process.pid}-${setAside++}`;
  rmSync(temp, { recursive: true, force: true });
  mkdirSync(temp, { recursive: true });
  let moved = false;
  try {
    for (const [name, content] of files) writeFileSync(join(temp, name), content);
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
  if (!moved) return;
  const removal: Promise<void> = rm(old, { recursive: true, force: true })
    .catch((error: Error) => void leftBehind.push(`${old}: ${error.message}`))
    .finally(() => removals.delete(removal));
  removals.add(removal);
}

/** Wait until every previous output set aside has been removed; returns the folders that could not be (`folder: why`), for the caller to report. */
export async function settleRemovals(): Promise<string[]> {
  while (removals.size > 0) await Promise.all([...removals]);
  return leftBehind.splice(0);
}

/** Write one file through a temporary name beside it, so a reader sees the old content or the new, never half of it. */
export function writeFileAtomically(file: string, content: string | Uint8Array): void {
  const temp = `${file}.tmp-${process.pid}`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

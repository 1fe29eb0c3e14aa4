import { existsSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeFolderAtomically } from '../emit/writeAtomic.js';
import { toolVersion } from '../family/load.js';
import type { Family } from '../family/spec.js';
import type { Severity } from '../findings/codes.js';
import type { Finding } from '../findings/finding.js';
import { extractNotice } from '../pipeline.js';
import { InputError } from '../read/inputError.js';
import { MAX_INPUT_BYTES } from '../read/readInput.js';
import type { MatchSummary } from '../review/summary.js';

/** Options for one notice. */
export interface RunOptions {
  out: string;
  bom: boolean;
  force: boolean;
  allowPartial: boolean;
}

/** What happened to one input. */
export type RunOutcome =
  | { status: 'extracted'; id: string; records: Record<string, number>; counts: Record<Severity, number>; firstErrors: Finding[]; matching: MatchSummary }
  | { status: 'skipped'; id: string }
  | { status: 'failed'; id: string; message: string; stack?: string };

/** Read, extract and write one notice; an unchanged input whose output is current is skipped unless forced. */
export function runOne(file: string, id: string, families: readonly Family[], options: RunOptions): RunOutcome {
  try {
    const size = statSync(file).size;
    // Checked before reading, so a huge file never enters memory.
    if (size > MAX_INPUT_BYTES) throw new InputError(file, `file is ${size} bytes, more than the ${MAX_INPUT_BYTES} a notice can be`);
    const bytes = readFileSync(file);
    const target = join(options.out, id);
    if (!options.force && isCurrent(target, bytes, options.bom, families)) return { status: 'skipped', id };
    const result = extractNotice(file, id, bytes, families, { bom: options.bom, allowPartial: options.allowPartial });
    writeFolderAtomically(target, result.files);
    const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of result.findings) counts[f.severity]++;
    return { status: 'extracted', id, records: result.recordCounts, counts, firstErrors: result.findings.filter((f) => f.severity === 'error').slice(0, 5), matching: result.matching };
  } catch (error) {
    if (error instanceof InputError) return { status: 'failed', id, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
    const e = error as Error;
    return { status: 'failed', id, message: `${file}: internal error: ${e.message}`, ...(e.stack ? { stack: e.stack } : {}) };
  }
}

/**
 * An output folder is current when its notice.json records this input's sha256, the same family
 * version and folder hash, the same tool version, and its CSVs were written with the same BOM choice.
 */
function isCurrent(target: string, bytes: Buffer, bom: boolean, families: readonly Family[]): boolean {
  const noticeFile = join(target, 'notice.json');
  const packageFile = join(target, 'datapackage.json');
  if (!existsSync(noticeFile) || !existsSync(packageFile)) return false;
  try {
    const notice = JSON.parse(readFileSync(noticeFile, 'utf8')) as { input_sha256?: string; pipeline?: { family?: string; version?: string; family_sha256?: string; tool?: string } };
    const pkg = JSON.parse(readFileSync(packageFile, 'utf8')) as { resources?: { encoding?: string }[] };
    const p = notice.pipeline;
    return (
      notice.input_sha256 === createHash('sha256').update(bytes).digest('hex') &&
      p?.family !== undefined &&
      p.family_sha256 === families.find((f) => f.id === p.family)?.fingerprint &&
      p.tool === toolVersion() &&
      (pkg.resources ?? []).every((r) => r.encoding === (bom ? 'utf-8-sig' : 'utf-8'))
    );
  } catch {
    return false;
  }
}

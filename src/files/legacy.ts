import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, delimiter, extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { InputError } from '../read/inputError.js';

/** A legacy binary format and what it is converted to, with the Debian package whose LibreOffice filter reads it. */
const LEGACY = {
  '.xls': { to: 'xlsx', packageName: 'libreoffice-calc-nogui', modern: '.xlsx' },
  '.doc': { to: 'docx', packageName: 'libreoffice-writer-nogui', modern: '.docx' },
} as const;

/** A legacy extension this module converts. */
export type LegacyExtension = keyof typeof LEGACY;

/** True for `.xls` and `.doc`. */
export function isLegacy(ext: string): ext is LegacyExtension {
  return ext in LEGACY;
}

/** Where LibreOffice is: `soffice` on PATH (or $SOFFICE), else null. */
export function findSoffice(env: NodeJS.ProcessEnv = process.env): string | null {
  const given = env['SOFFICE'];
  if (given !== undefined) return given !== '' && existsSync(given) ? given : null;
  for (const dir of (env['PATH'] ?? '').split(delimiter)) {
    for (const name of ['soffice', 'libreoffice']) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

/**
 * Convert a legacy .xls/.doc file with LibreOffice headless into .xlsx/.docx bytes (no maintained
 * JavaScript reader of these formats is free of known advisories: npm's `xlsx` 0.18.5 has two
 * unpatched ones). Each conversion gets its own LibreOffice profile and temporary folder, removed
 * afterwards, so parallel notices do not share state. No LibreOffice is an input error naming the
 * file and what to install; a conversion that yields nothing one naming the file and what to do with it.
 */
export async function convertLegacy(path: string, shown: string): Promise<{ bytes: Buffer; tool: string }> {
  const ext = extname(path).toLowerCase() as LegacyExtension;
  const { to, packageName, modern } = LEGACY[ext];
  const advice = `install LibreOffice (apt-get install ${packageName}) or save the file as ${modern}`;
  const soffice = findSoffice();
  if (!soffice)
    throw new InputError(
      shown,
      `a ${ext} file can only be read through LibreOffice, which is not installed: ${advice}`,
    );
  const work = mkdtempSync(join(tmpdir(), 'notice-extract-convert-'));
  try {
    const profile = pathToFileURL(join(work, 'profile')).href;
    const args = [
      '--headless',
      '--norestore',
      `-env:UserInstallation=${profile}`,
      '--convert-to',
      to,
      '--outdir',
      join(work, 'out'),
      resolve(path),
    ];
    const stderr = await new Promise<string>((done) => {
      execFile(soffice, args, { timeout: 180_000, maxBuffer: 4 * 1024 * 1024 }, (error, _out, err) =>
        done(error ? `${error.message} ${err}` : err),
      );
    });
    const output = join(work, 'out', `${basename(path, extname(path))}.${to}`);
    if (!existsSync(output)) {
      const why = conversionFailure(stderr);
      throw new InputError(
        shown,
        `LibreOffice could not convert this ${ext} file (${why}); it may be password-protected or damaged: ` +
          `open it, and save it without a password as ${modern}`,
      );
    }
    return { bytes: readFileSync(output), tool: basename(soffice) };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** What LibreOffice said of a failed conversion: its first line that is not one of its own start-up warnings. */
export function conversionFailure(stderr: string): string {
  // Without a Java runtime every run warns `failed to launch javaldx`: it says nothing of the file.
  return (
    stderr
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '' && !/javaldx|java may not function/i.test(l)) ?? 'no output'
  );
}

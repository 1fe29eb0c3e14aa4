import { createHash } from 'node:crypto';
import { type Dirent, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import { InputError } from '../read/inputError.js';
import { MAX_INPUT_BYTES } from '../read/readInput.js';
import { byCodeUnits } from '../normalize/order.js';

/** Formats a notice's body may come in. */
export const BODY_EXTENSIONS = ['.html', '.htm', '.md', '.markdown', '.txt'] as const;
/** Formats an annex file may come in. */
export const ANNEX_EXTENSIONS = ['.xlsx', '.xls', '.docx', '.doc', '.csv', '.md', '.markdown'] as const;
/** Formats only a notice folder holds: a batch of Markdown notices never has them. */
const FOLDER_ONLY = new Set(['.html', '.htm', '.xlsx', '.xls', '.docx', '.doc', '.csv']);

/** A file name that reads as an annex: `附件1…`, `附件一：…`. */
export const ANNEX_NAME = /^\s*附\s*件/u;

/** One file of a notice folder. */
export interface FolderFile {
  /** File name (the folder holds no subfolders that count). */
  name: string;
  /** Lower-case extension with its dot. */
  ext: string;
  /** Path to read it from. */
  path: string;
}

/** The parts of a notice folder: its one body and its annex files, in name order. */
export interface NoticeFolder {
  body: FolderFile;
  annexes: FolderFile[];
  /** Files of no format the tool reads. */
  ignored: FolderFile[];
  /** Symbolic links not followed: to a folder, or dangling. */
  links: UnreadLink[];
}

/** A symbolic link of a notice folder that is not read: to a folder, or to nothing. */
export interface UnreadLink {
  name: string;
  /** What it points to: `a folder`, `nothing` (dangling), or the error that stopped it. */
  target: string;
}

/** What a link in the folder points to: a file (read like one), or why it is not read. */
function linkTarget(path: string): 'file' | string {
  try {
    const target = statSync(path);
    return target.isFile() ? 'file' : target.isDirectory() ? 'a folder' : 'no regular file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return 'nothing';
    if (code === 'ELOOP') return 'a loop of links';
    throw error;
  }
}

/** The folder's entries a notice reads: files, and links to files; hidden files and Office lock files left out. */
function entries(dir: string): { files: FolderFile[]; links: UnreadLink[] } {
  const files: FolderFile[] = [];
  const links: UnreadLink[] = [];
  const shown = (e: Dirent): boolean => !e.name.startsWith('.') && !e.name.startsWith('~$');
  for (const e of readdirSync(dir, { withFileTypes: true }).filter(shown)) {
    const path = join(dir, e.name);
    // A link is followed when it points to a regular file (a folder saved with links to a download cache).
    const target = e.isSymbolicLink() ? linkTarget(path) : e.isFile() ? 'file' : null;
    if (target === 'file') files.push({ name: e.name, ext: extname(e.name).toLowerCase(), path });
    else if (target !== null) links.push({ name: e.name, target });
  }
  files.sort((a, b) => byCodeUnits(a.name, b.name));
  links.sort((a, b) => byCodeUnits(a.name, b.name));
  return { files, links };
}

const files = (dir: string): FolderFile[] => entries(dir).files;

/**
 * The one rule that tells a notice folder from a batch folder: a folder is one notice when it holds
 * a saved web page, a spreadsheet, a Word file or a CSV file, or a Markdown or text file named as an
 * annex (`附件1….md`); a folder holding only Markdown notices is a batch, each file one notice.
 */
export function isNoticeFolder(dir: string): boolean {
  return files(dir).some(
    (f) =>
      FOLDER_ONLY.has(f.ext) || (ANNEX_NAME.test(f.name) && (BODY_EXTENSIONS as readonly string[]).includes(f.ext)),
  );
}

/**
 * A notice folder's body and annexes. The body is the one page, Markdown or text file not named as
 * an annex; none or several is an input error naming them (a guess could read an annex as the body).
 */
export function noticeFolderParts(dir: string): NoticeFolder {
  const { files: all, links } = entries(dir);
  const bodies = all.filter((f) => (BODY_EXTENSIONS as readonly string[]).includes(f.ext) && !ANNEX_NAME.test(f.name));
  if (bodies.length !== 1) {
    const which = bodies.length === 0 ? 'none' : bodies.map((f) => f.name).join(', ');
    throw new InputError(
      dir,
      'a notice folder holds one body (a saved .html/.htm page, .md or .txt not named 附件…) and its annex files; ' +
        `found ${bodies.length} (${which}): put each notice in a folder of its own`,
    );
  }
  const body = bodies[0] as FolderFile;
  const annexes = all.filter((f) => f !== body && (ANNEX_EXTENSIONS as readonly string[]).includes(f.ext));
  const ignored = all.filter((f) => f !== body && !annexes.includes(f));
  return { body, annexes, ignored, links };
}

/**
 * What identifies a notice folder's input: each file's name and sha256, one line each in name
 * order. Its hash is the notice's `input_sha256`; a changed, added or removed file changes it.
 */
export function folderManifest(dir: string): Buffer {
  let total = 0;
  const lines = files(dir).map((f) => {
    total += statSync(f.path).size;
    if (total > MAX_INPUT_BYTES)
      throw new InputError(dir, `the folder's files are more than the ${MAX_INPUT_BYTES} bytes a notice can be`);
    return `${f.name}\t${createHash('sha256').update(readFileSync(f.path)).digest('hex')}\n`;
  });
  return Buffer.from(lines.join(''), 'utf8');
}

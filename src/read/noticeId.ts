/**
 * A notice id comes from a file name, and it names a folder under --out (and that folder's temporary
 * and set-aside twins, `<id>.tmp-<pid>` and `<id>.old-<pid>-<n>`). A file name is input: an id that
 * could name anything but one plain folder of its own is refused, never mapped, so that no two files
 * and no crafted name can reach the same folder, the out folder itself or its parent.
 */
import { foldCompatibility } from '../normalize/width.js';

/** Longest id in UTF-8 bytes: a folder name holds 255, and the temporary twins add their suffix. */
export const MAX_NOTICE_ID_BYTES = 200;

/** Names Windows reserves for devices, with or without an extension (an output folder may be copied there). */
const RESERVED = /^(?:con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(?:\.|$)/i;
/** Characters no id may hold: path separators, and those Windows refuses in a name. */
const FORBIDDEN = /[/\\:*?"<>|]/;
/** Control and format characters (line breaks, NUL, bidi overrides, zero-width marks), and lone surrogates. */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/u;
/** The suffixes of the writer's own temporary and set-aside folders, which stale-folder cleanup removes. */
const WRITER_SUFFIX = /\.(?:tmp|old)-[0-9]/;

/**
 * Why `id` cannot name a notice folder, or null when it can. Checked on the id as written and on
 * its NFKC form (full-width dots and slashes, `‥`, `﹒` fold to `.` and `/` on some systems).
 */
export function noticeIdProblem(id: string): string | null {
  if (id.length === 0) return 'the file name gives an empty notice id';
  if (Buffer.byteLength(id, 'utf8') > MAX_NOTICE_ID_BYTES) {
    return `the notice id is longer than ${MAX_NOTICE_ID_BYTES} bytes`;
  }
  for (const form of new Set([id, foldCompatibility(id)])) {
    if (INVISIBLE.test(form)) return 'the notice id holds a control or invisible character';
    if (FORBIDDEN.test(form)) return 'the notice id holds a path separator or a character a folder name cannot hold';
    if (form.startsWith('.')) return 'the notice id starts with a dot (".", ".." and hidden folders)';
    if (/[. ]$/.test(form) || form.startsWith(' '))
      return 'the notice id starts or ends with a space, or ends with a dot';
    if (RESERVED.test(form)) return 'the notice id is a device name reserved on Windows';
    if (WRITER_SUFFIX.test(form))
      return 'the notice id holds ".tmp-" or ".old-" and a digit, the suffix of temporary folders';
  }
  return null;
}

/** The key two ids collide under on a case-insensitive or normalizing file system. */
export function noticeIdKey(id: string): string {
  return foldCompatibility(id).toLowerCase();
}

/** A file name as printed on one line: control and invisible characters shown as `\u{…}` escapes. */
export function shownName(name: string): string {
  return name.replace(/[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, (c) => `\\u{${(c.codePointAt(0) ?? 0).toString(16)}}`);
}

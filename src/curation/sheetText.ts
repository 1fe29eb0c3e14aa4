/**
 * The text of a review sheet as saved by whoever edited it: UTF-8 (with or without BOM), or
 * GB18030/GBK as Excel on Chinese Windows saves "CSV (逗号分隔)". Anything else is refused with one
 * line, as a configuration error.
 */
import iconv from 'iconv-lite';
import { ConfigError } from '../family/configError.js';

/** How a sheet was decoded. */
export type SheetEncoding = 'utf-8' | 'gb18030';

/** Decode a review sheet's bytes; a sheet neither UTF-8 nor GB18030 is a ConfigError naming the file. */
export function decodeSheet(file: string, bytes: Uint8Array): { text: string; encoding: SheetEncoding } {
  const utf8 = strictUtf8(bytes);
  if (utf8 !== undefined) return { text: utf8, encoding: 'utf-8' };
  const text = iconv.decode(Buffer.from(bytes), 'gb18030');
  if (text.includes('\uFFFD')) {
    throw new ConfigError([
      { file, path: '$', message: 'neither UTF-8 nor GB18030 text; save the sheet as "CSV UTF-8" and run again' },
    ]);
  }
  return { text, encoding: 'gb18030' };
}

/** The bytes as UTF-8, or undefined when they are not valid UTF-8. */
function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (error) {
    // TextDecoder throws a TypeError for invalid bytes and nothing else; rethrow anything else.
    if (!(error instanceof TypeError)) throw error;
    return undefined;
  }
}

import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import iconv from 'iconv-lite';
import type { StageContext } from '../findings/context.js';
import { InputError } from './inputError.js';

/** Bigger inputs are refused: a notice is well under a megabyte, so this is a wrong file. */
export const MAX_INPUT_BYTES = 32 * 1024 * 1024;

/** The decoded text of one input, with line endings normalized to LF. */
export interface SourceText {
  /** Path as given on the command line. */
  file: string;
  /** Text with BOM removed and CRLF/CR read as LF, so line numbers match the file's. */
  text: string;
  /** sha256 of the raw bytes, hex. */
  sha256: string;
}

/** Decode raw bytes as UTF-8 (BOM and CRLF tolerated), falling back to GB18030; refuse binary. */
export function decodeInput(file: string, bytes: Buffer, ctx: StageContext): SourceText {
  if (bytes.length === 0) throw new InputError(file, 'empty file');
  if (bytes.length > MAX_INPUT_BYTES) {
    throw new InputError(file, `file is ${bytes.length} bytes, more than the ${MAX_INPUT_BYTES} a notice can be`);
  }
  if (bytes.includes(0)) throw new InputError(file, 'binary file (contains NUL bytes), not a Markdown notice');
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) ctx.report({ code: 'read/bom-stripped' });
  let text = decodeText(file, bom ? bytes.subarray(3) : bytes, ctx);
  const crlf = countCrlf(text);
  if (crlf > 0) {
    text = text.replace(/\r\n?/g, '\n');
    ctx.report({ code: 'read/crlf-normalized', params: { count: crlf } });
  }
  if (text.trim() === '') throw new InputError(file, 'file holds only white space');
  return { file, text, sha256 };
}

function decodeText(file: string, bytes: Buffer, ctx: StageContext): string {
  // isUtf8 validates without decoding; toString then decodes without re-checking (both native, several times
  // TextDecoder's fatal mode).
  if (isUtf8(bytes)) return bytes.toString('utf8');
  // Chinese government files are often GB18030/GBK; decode those rather than emit mojibake.
  const text = iconv.decode(bytes, 'gb18030');
  if (text.includes('\uFFFD') || !/[\u4e00-\u9fff]/.test(text)) {
    throw new InputError(file, 'not UTF-8 text, and not readable as GB18030 either');
  }
  ctx.report({ code: 'read/decoded-gb18030' });
  return text;
}

function countCrlf(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\r'); i !== -1; i = text.indexOf('\r', i + 1)) n++;
  return n;
}

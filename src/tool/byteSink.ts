/**
 * Files written piece by piece: a file's content is text, bytes, or a writer that sends its bytes to a sink as it
 * makes them, so a dataset of 100k rows is never held whole as one string, its UTF-8 bytes and its zip. The same
 * writer fills a file on disk (`FileSink`) or memory (`renderContent`, for tests and the in-memory result).
 */
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';

/** Where a file's bytes go, in order; bytes written may be overwritten (a zip entry's header, once sized). */
export interface ByteSink {
  /** Append bytes; the sink may keep them until it is done, so they must not change after (patch instead). */
  write(bytes: Uint8Array): void;
  /** Bytes written so far: where the next write lands. */
  readonly offset: number;
  /** Overwrite bytes already written, from `at`. */
  patch(at: number, bytes: Uint8Array): void;
}

/** A file made piece by piece into a sink. */
export type FileWriter = (sink: ByteSink) => void;

/** A file's content: text (written as UTF-8), bytes, or a writer. */
export type FileContent = string | Uint8Array | FileWriter;

/** Characters of text gathered before they are encoded and sent on: small files are encoded once. */
const ENCODE_AT = 1 << 18;

/** Text pieces as a writer: pieces are gathered up to 256k characters, then encoded and sent on. */
export function textWriter(pieces: () => Iterable<string>): FileWriter {
  return (sink) => {
    let text = '';
    for (const piece of pieces()) {
      text += piece;
      if (text.length >= ENCODE_AT) {
        sink.write(Buffer.from(text, 'utf8'));
        text = '';
      }
    }
    if (text.length > 0) sink.write(Buffer.from(text, 'utf8'));
  };
}

/** Pending bytes a file sink gathers before one write call. */
const FLUSH_AT = 1 << 20;

/** A sink into a file on disk, opened for writing (created or truncated), buffering up to 1 MB per write. */
class FileSink implements ByteSink {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private flushed = 0;

  constructor(private readonly fd: number) {}

  get offset(): number {
    return this.flushed + this.pendingBytes;
  }

  write(bytes: Uint8Array): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_AT) this.flush();
  }

  patch(at: number, bytes: Uint8Array): void {
    this.flush();
    writeSync(this.fd, bytes, 0, bytes.length, at);
  }

  flush(): void {
    if (this.pendingBytes === 0) return;
    const bytes = this.pending.length === 1 ? (this.pending[0] as Uint8Array) : Buffer.concat(this.pending);
    for (let done = 0; done < bytes.length; )
      done += writeSync(this.fd, bytes, done, bytes.length - done, this.flushed + done);
    this.flushed += bytes.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** A sink into memory: the pieces kept as written, patched in place. */
class MemorySink implements ByteSink {
  readonly pieces: Uint8Array[] = [];
  offset = 0;

  write(bytes: Uint8Array): void {
    this.pieces.push(bytes);
    this.offset += bytes.length;
  }

  patch(at: number, bytes: Uint8Array): void {
    let start = 0;
    for (const piece of this.pieces) {
      const end = start + piece.length;
      // The overlap of [at, at + bytes.length) with this piece.
      const from = Math.max(at, start);
      const to = Math.min(at + bytes.length, end);
      if (from < to) piece.set(bytes.subarray(from - at, to - at), from - start);
      start = end;
    }
  }
}

/** Write a file's content to `path` (created or truncated). */
export function writeContent(path: string, content: FileContent): void {
  if (typeof content !== 'function') return writeFileSync(path, content);
  const fd = openSync(path, 'w');
  try {
    const sink = new FileSink(fd);
    content(sink);
    sink.flush();
  } finally {
    closeSync(fd);
  }
}

/** A file's content as bytes in memory. */
export function renderContent(content: FileContent): Buffer {
  if (typeof content === 'string') return Buffer.from(content, 'utf8');
  if (typeof content !== 'function') return Buffer.from(content);
  const sink = new MemorySink();
  content(sink);
  // Pieces may be views of larger buffers (a zip's header written then patched): copied into one.
  return Buffer.concat(sink.pieces);
}

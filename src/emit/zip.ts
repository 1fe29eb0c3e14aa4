/**
 * A zip archive written in one pass, deterministically: entries in the order given, each deflated
 * (node's zlib) as its pieces come, every entry stamped with one given date, no extra fields, no comment. The same
 * entries and date give the same bytes, which is what keeps the published workbook reproducible.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';
import { renderContent, type ByteSink } from '../tool/byteSink.js';
import { dosDateTime } from './zipTimes.js';

/** One file of the archive: its path inside it and its bytes. */
export interface ZipEntry {
  path: string;
  data: Buffer;
}

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const EOCD = 0x06054b50;
/** Version 2.0: deflate. */
const VERSION = 20;
/** General-purpose flag 11: names are UTF-8. */
const UTF8 = 0x0800;
const DEFLATE = 8;
/**
 * zlib level 1: two thirds of level 4's time (a third of the default 6's) for about 18% more bytes on a workbook's
 * sheets (157 → 185 KB for the seed).
 */
const LEVEL = 1;

/**
 * Version needed, flags, method, time, date, CRC, sizes and name length, written from `at` (extra length stays zero).
 */
function writeEntryFields(
  buf: Buffer,
  at: number,
  f: { stamp: { time: number; date: number }; crc: number; packed: number; size: number; name: number },
): void {
  buf.writeUInt16LE(VERSION, at);
  buf.writeUInt16LE(UTF8, at + 2);
  buf.writeUInt16LE(DEFLATE, at + 4);
  buf.writeUInt16LE(f.stamp.time, at + 6);
  buf.writeUInt16LE(f.stamp.date, at + 8);
  buf.writeUInt32LE(f.crc, at + 10);
  buf.writeUInt32LE(f.packed, at + 14);
  buf.writeUInt32LE(f.size, at + 18);
  buf.writeUInt16LE(f.name, at + 22);
}

/** A file of the archive made piece by piece: its path inside it and its pieces (text as UTF-8), made as written. */
export interface ZipSource {
  path: string;
  pieces: () => Iterable<string | Uint8Array>;
}

/**
 * Bytes of an entry deflated at a time: an entry that fits is deflated whole; a larger one in runs of this size, each
 * ended with a sync flush so the runs form one deflate stream (the last ended as its final block), so no entry is held
 * whole.
 */
const RUN_BYTES = 4 << 20;

/** The archive of the entries, every entry's modification time set to `when` (UTC). */
export function zip(entries: readonly ZipEntry[], when: Date): Buffer {
  return renderContent((sink) =>
    zipTo(
      sink,
      entries.map((e) => ({ path: e.path, pieces: () => [e.data] })),
      when,
    ),
  );
}

/**
 * Write the archive of the entries into a sink, each entry's pieces deflated as they come: its local header is written
 * first and filled in (CRC and sizes) once its data is written.
 */
export function zipTo(sink: ByteSink, entries: readonly ZipSource[], when: Date, runBytes = RUN_BYTES): void {
  const stamp = dosDateTime(when);
  const central: Buffer[] = [];
  for (const entry of entries) {
    const name = Buffer.from(entry.path, 'utf8');
    const offset = sink.offset;
    const local = Buffer.alloc(30);
    sink.write(local);
    sink.write(name);
    const { crc, size, packed } = deflatePieces(entry.pieces(), sink, runBytes);
    const fields = { stamp, crc, packed, size, name: name.length };
    // The local header and the central directory record share one run of fields (version needed … name length).
    const filled = Buffer.alloc(30);
    filled.writeUInt32LE(LOCAL, 0);
    writeEntryFields(filled, 4, fields);
    sink.patch(offset, filled);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL, 0);
    header.writeUInt16LE(VERSION, 4);
    writeEntryFields(header, 6, fields);
    // Extra and comment lengths, disk number, internal and external attributes: all zero.
    header.writeUInt32LE(offset, 42);
    central.push(header, name);
  }
  const start = sink.offset;
  const directory = Buffer.concat(central);
  sink.write(directory);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(start, 16);
  sink.write(end);
}

/** Deflate an entry's pieces into the sink in runs of `runBytes`; its CRC, size and packed size. */
function deflatePieces(
  pieces: Iterable<string | Uint8Array>,
  sink: ByteSink,
  runBytes: number,
): { crc: number; size: number; packed: number } {
  let crc = 0;
  let size = 0;
  let packed = 0;
  let run: Buffer[] = [];
  let runSize = 0;
  const deflateRun = (last: boolean): void => {
    const data = run.length === 1 ? (run[0] as Buffer) : Buffer.concat(run);
    const out = deflateRawSync(data, { level: LEVEL, ...(last ? {} : { finishFlush: constants.Z_SYNC_FLUSH }) });
    crc = crc32(data, crc);
    size += data.length;
    packed += out.length;
    sink.write(out);
    run = [];
    runSize = 0;
  };
  for (const piece of pieces) {
    const bytes =
      typeof piece === 'string'
        ? Buffer.from(piece, 'utf8')
        : Buffer.from(piece.buffer, piece.byteOffset, piece.length);
    run.push(bytes);
    runSize += bytes.length;
    if (runSize >= runBytes) deflateRun(false);
  }
  deflateRun(true);
  return { crc, size, packed };
}

/**
 * Zip entry dates: the MS-DOS date and time words zip.ts stamps on every entry, and a restamp of any
 * archive (the workbook test checks that restamping with the notice's date changes nothing, i.e.
 * no entry carries the clock); the stamps sit at fixed offsets of the local and central headers.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** MS-DOS time and date words of a calendar date (UTC, whole seconds halved, years from 1980). */
export function dosDateTime(date: Date): { time: number; date: number } {
  const year = Math.max(1980, date.getUTCFullYear());
  return {
    time: (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | Math.floor(date.getUTCSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate(),
  };
}

/**
 * Set the modification time of every entry, in the central directory and the local headers; throws on a malformed
 * archive (a bug).
 */
export function withEntryTimes(zip: Buffer, when: Date): Buffer {
  const out = Buffer.from(zip);
  const stamp = dosDateTime(when);
  // The end-of-central-directory record is the last 22 bytes when the archive has no comment.
  let eocd = out.length - 22;
  while (eocd >= 0 && out.readUInt32LE(eocd) !== EOCD) eocd--;
  if (eocd < 0) throw new Error('zip: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let at = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(at) !== CENTRAL) throw new Error(`zip: bad central header at ${at}`);
    out.writeUInt16LE(stamp.time, at + 12);
    out.writeUInt16LE(stamp.date, at + 14);
    const local = out.readUInt32LE(at + 42);
    if (out.readUInt32LE(local) !== LOCAL) throw new Error(`zip: bad local header at ${local}`);
    out.writeUInt16LE(stamp.time, local + 10);
    out.writeUInt16LE(stamp.date, local + 12);
    at += 46 + out.readUInt16LE(at + 28) + out.readUInt16LE(at + 30) + out.readUInt16LE(at + 32);
  }
  return out;
}

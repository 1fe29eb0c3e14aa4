/** What an annex file's bytes are, whatever its name says: read from its first bytes and, for OLE2, its header. */
export type FileKind =
  /** No bytes at all. */
  | 'empty'
  /** A zip container: an .xlsx or .docx. */
  | 'zip'
  /** An OLE2 compound file: a legacy .xls or .doc. */
  | 'ole2'
  /** An OLE2 file holding an encrypted Office Open XML package: a workbook or document saved with a password. */
  | 'encrypted'
  /** An OLE2 file whose header points past its end: cut short in the download. */
  | 'truncated'
  /** A web page or HTML table saved under an Office name (a CMS export). */
  | 'html'
  /** A PDF file. */
  | 'pdf'
  /** None of these. */
  | 'unknown';

const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
/** The stream an encrypted Office Open XML file keeps its package in (MS-OFFCRYPTO), as its directory names it. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');

/** The kind of file `bytes` are. */
export function fileKind(bytes: Buffer): FileKind {
  if (bytes.length === 0) return 'empty';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) return 'zip';
  if (bytes.subarray(0, 8).equals(OLE2)) {
    if (!ole2Intact(bytes)) return 'truncated';
    return bytes.includes(ENCRYPTED_PACKAGE) ? 'encrypted' : 'ole2';
  }
  if (bytes.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  // A BOM, then white space, then `<html`, `<!DOCTYPE`, `<table`, `<?xml` (Excel's XML Spreadsheet 2003) or a comment.
  const head = bytes
    .subarray(0, 1024)
    .toString('latin1')
    .replace(/^\xef\xbb\xbf/, '')
    .trimStart()
    .toLowerCase();
  if (/^<(?:!doctype|html|head|body|table|meta|\?xml|!--)/.test(head)) return 'html';
  return 'unknown';
}

/**
 * True when every sector an OLE2 file's allocation table links to, its directory and the streams its
 * first directory sector names lie inside the file: a download cut short leaves them pointing past
 * its end (LibreOffice then reads the rest as text).
 */
function ole2Intact(bytes: Buffer): boolean {
  if (bytes.length < 512) return false;
  const shift = bytes.readUInt16LE(0x1e);
  if (shift !== 9 && shift !== 12) return false;
  const size = 1 << shift;
  // Sector n starts at (n + 1) × size: the header fills the first sector (512 bytes, or 4096 in version 4).
  const sectors = Math.floor(bytes.length / size) - 1;
  const inside = (sector: number): boolean => sector >= 0 && sector < sectors;
  const directory = bytes.readInt32LE(0x30);
  if (!inside(directory)) return false;
  const fatSectors = bytes.readUInt32LE(0x2c);
  // The header lists the first 109 sectors of the allocation table; a larger file's list goes on elsewhere.
  for (let i = 0; i < Math.min(fatSectors, 109); i++) {
    const fat = bytes.readInt32LE(0x4c + i * 4);
    if (!inside(fat)) return false;
    // An entry of 0 or more links a sector to the next one of its stream, which must be there; the negative
    // ones mark free, end-of-chain and allocation-table sectors.
    for (let k = 0; k < size / 4; k++) {
      const next = bytes.readInt32LE((fat + 1) * size + k * 4);
      if (next >= 0 && !inside(next)) return false;
    }
  }
  // The streams of the first directory sector (4 entries of 128 bytes in 512): a large one starts in a sector.
  const cutoff = bytes.readUInt32LE(0x38);
  for (let e = 0; e < size / 128; e++) {
    const entry = (directory + 1) * size + e * 128;
    const type = bytes[entry + 0x42];
    const start = bytes.readInt32LE(entry + 0x74);
    const length = bytes.readUInt32LE(entry + 0x78);
    if (type === 2 && length >= cutoff && !inside(start)) return false;
  }
  return true;
}

import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import iconv from 'iconv-lite';
import { byCodeUnits } from '../normalize/order.js';
import { InputError } from '../read/inputError.js';
import { labelInName, listedAnnexes, listedByTitle, type ListedAnnex } from './attachments.js';
import { type Block, NoticeText, type Provenance } from './blocks.js';
import { readCsv } from './csv.js';
import { readDocx } from './docx.js';
import { type FileKind, fileKind } from './fileKind.js';
import type { FileFinding } from './findings.js';
import { noticeFolderParts, type FolderFile } from './folder.js';
import { convertLegacy, findSoffice, isLegacy } from './legacy.js';
import { readWebPage } from './webPage.js';
import { readXlsx } from './xlsx.js';

/** A notice folder read into one text the Markdown stages read, with where each of its lines came from. */
export interface AssembledNotice {
  /** The body's lines, then per annex a marker line and its text and tables (HTML, one row per line). */
  text: string;
  /** sha256 of the folder's manifest (file names and hashes). */
  sha256: string;
  /** Provenance of each line (index = line - 1); null for lines the assembly wrote. */
  places: (Provenance | null)[];
  /** What reading the files found, reported into the notice's findings. */
  findings: FileFinding[];
}

/** Formats an annex is published in that the tool does not read: a PDF, WPS or OFD file is reported as an annex. */
const UNREAD_ANNEX_FORMATS = new Set(['.pdf', '.wps', '.et', '.ofd']);

/** A line that opens an annex: `附件2`, `## 附件 3：…`, `**附件一**`. */
const ANNEX_MARKER = /^[\s#*>-]*附\s*件\s*[0-9０-９一二三四五六七八九十]/u;

/** A line that is an annex's marker alone (`附件1`, `**附件 2：**`): the annex follows in the same file. */
const MARKER_ALONE =
  /^[\s#*>-]*附\s*件\s*[0-9０-９一二三四五六七八九十]{1,3}(?:\s*[-－—]\s*[0-9０-９]{1,2})?[\s*：:]*$/u;

/** One annex file read: its label, title and blocks. */
interface AnnexFile {
  file: FolderFile;
  label: string;
  title: string;
  blocks: Block[];
}

/**
 * Read a notice folder: the body (a saved page, Markdown or text) and each annex file, matched to the
 * body's list of attachments by the label in its name, its name as a title, or its first title line.
 * A file matched to no listed annex, and a listed annex with no file, are findings. Annexes are
 * written in label order after the body, each as `## 附件N` and its title, then its blocks.
 */
export async function assembleNoticeFolder(dir: string, manifest: Buffer): Promise<AssembledNotice> {
  const parts = noticeFolderParts(dir);
  const findings: FileFinding[] = [];
  for (const f of parts.ignored)
    findings.push(
      UNREAD_ANNEX_FORMATS.has(f.ext)
        ? { code: 'files/annex-format-unread', file: f.name, actual: f.ext }
        : { code: 'files/file-ignored', file: f.name },
    );
  for (const link of parts.links)
    findings.push({ code: 'files/link-not-followed', file: link.name, actual: link.target });
  const out = new NoticeText();
  const body = await readBody(parts.body, findings);
  const bodyLines = body.lines;
  // A page's lines are text and its tables of data tables; a Markdown or text body is Markdown source, its
  // tab-separated tables included.
  if (body.page) writePage(out, body.page, parts.body.name);
  else
    out.blocks(
      [{ kind: 'markdown', lines: bodyLines.map((text, i) => ({ text, ref: `line ${i + 1}` })) }],
      parts.body.name,
    );
  const listed = listedAnnexes(bodyLines);
  const read: { file: FolderFile; blocks: Block[] }[] = [];
  for (const file of distinctAnnexes(parts.annexes, digestsOf(manifest), findings))
    read.push({ file, blocks: await readAnnex(file, findings) });
  // An annex the body holds itself (its marker line, its title and table in the page) needs no file.
  const inBody = new Set(bodyLines.filter((l) => MARKER_ALONE.test(l)).map(labelInName));
  const annexes = matchAnnexes(read, listed, inBody, parts.body.name, findings);
  for (const annex of annexes) {
    out.own('');
    const first = annex.blocks[0];
    // An annex that opens with its own marker keeps it (`## 附件2` in Markdown; a sheet or document whose first line
    // is `附件2`): a second marker would read as an empty annex. A text block's marker counts when it names this label.
    const opening = first?.kind === 'table' ? '' : (first?.lines.find((l) => l.text.trim() !== '')?.text ?? '');
    const ownMarker =
      (first?.kind === 'markdown' && ANNEX_MARKER.test(opening)) ||
      (first?.kind === 'text' && MARKER_ALONE.test(opening) && labelInName(opening) === annex.label);
    if (!ownMarker) {
      out.own(`## 附件${annex.label}`);
      out.own('');
    }
    if (first?.kind === 'table' && annex.title !== '') {
      out.own(`## ${annex.title}`);
      out.own('');
    }
    out.blocks(annex.blocks, annex.file.name);
  }
  return {
    text: out.lines.join('\n'),
    sha256: createHash('sha256').update(manifest).digest('hex'),
    places: out.places,
    findings,
  };
}

/**
 * The annex files with each set of byte-identical files read once (a browser's second download
 * `附件1 (1).xls` of `附件1.xls`): as the file of the shortest name, the others reported. Files are compared by the
 * digests the manifest already holds (hashed only when it lacks one).
 */
function distinctAnnexes(
  annexes: readonly FolderFile[],
  digests: ReadonlyMap<string, string>,
  findings: FileFinding[],
): FolderFile[] {
  const byDigest = new Map<string, FolderFile[]>();
  for (const file of annexes) {
    const digest = digests.get(file.name) ?? createHash('sha256').update(readFileSync(file.path)).digest('hex');
    byDigest.set(digest, [...(byDigest.get(digest) ?? []), file]);
  }
  const kept = new Set<FolderFile>();
  for (const same of byDigest.values()) {
    // A copy's name is the original's with something added (` (1)`, ` - 副本`, `_2`): the shortest name is kept.
    const [original, ...copies] = [...same].sort(
      (a, b) => a.name.length - b.name.length || byCodeUnits(a.name, b.name),
    );
    if (!original) continue;
    kept.add(original);
    for (const copy of copies) findings.push({ code: 'files/annex-duplicate', file: copy.name, actual: original.name });
  }
  return annexes.filter((f) => kept.has(f));
}

/** Each file's sha256 by its name, as the folder's manifest lists them (folderManifest: `name<TAB>sha256` lines). */
function digestsOf(manifest: Buffer): Map<string, string> {
  const digests = new Map<string, string>();
  for (const line of manifest.toString('utf8').split('\n')) {
    const tab = line.lastIndexOf('\t');
    if (tab > 0) digests.set(line.slice(0, tab), line.slice(tab + 1));
  }
  return digests;
}

/** The body's lines, from a saved page (with its blocks) or a text file. */
async function readBody(file: FolderFile, findings: FileFinding[]): Promise<{ lines: string[]; page?: Block[] }> {
  const bytes = readFileSync(file.path);
  if (file.ext === '.html' || file.ext === '.htm') {
    const page = readWebPage(bytes, file.name);
    findings.push(...page.findings);
    return { lines: page.lines, page: page.blocks };
  }
  return { lines: decodeText(bytes, file, findings).split('\n') };
}

/** A page's blocks: its text lines one after another, as written, and each table between blank lines. */
function writePage(out: NoticeText, blocks: readonly Block[], file: string): void {
  for (const block of blocks) {
    if (block.kind === 'table') {
      out.own('');
      out.blocks([block], file);
    } else for (const line of block.lines) out.text(line.text, file, line.ref);
  }
}

/** A text file's content: UTF-8 (BOM dropped) or GB18030, line endings as LF; binary refused. */
function decodeText(bytes: Buffer, file: FolderFile, findings: FileFinding[]): string {
  if (bytes.includes(0)) throw new InputError(file.path, 'binary file (contains NUL bytes), not text');
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = bom ? bytes.subarray(3) : bytes;
  let text: string;
  if (isUtf8(body)) text = body.toString('utf8');
  else {
    text = iconv.decode(body, 'gb18030');
    findings.push({ code: 'files/text-decoded-gb18030', file: file.name });
  }
  return text.replace(/\r\n?/g, '\n');
}

/** What to do with an Office annex whose bytes cannot be read, whatever its format. */
const UNREADABLE: Partial<Record<FileKind, string>> = {
  empty: 'the file is empty (0 bytes): download it again',
  encrypted: 'the file is encrypted (password-protected): open it with its password and save it without one',
  truncated: 'the file is damaged: its contents stop before the end its header gives (cut short?); download it again',
  pdf: 'the file is a PDF under an Office name: a PDF annex cannot be read; get the spreadsheet or Word file',
};

/**
 * One annex file's blocks, whatever its format; a legacy format goes through LibreOffice first. An
 * Office file is checked by its bytes before it is read: empty, encrypted, cut short or a PDF is an
 * input error naming the file, as is a converted file that is no workbook or document.
 */
async function readAnnex(file: FolderFile, findings: FileFinding[]): Promise<Block[]> {
  let bytes: Buffer = readFileSync(file.path);
  let ext = file.ext;
  const office = ext === '.xlsx' || ext === '.docx' || isLegacy(ext);
  const kind = office ? fileKind(bytes) : 'unknown';
  const refusal = UNREADABLE[kind];
  if (refusal) throw new InputError(file.path, refusal);
  if (office && !isLegacy(ext) && kind === 'ole2') {
    const legacy = ext === '.xlsx' ? '.xls' : '.doc';
    throw new InputError(file.path, `the file is a legacy ${legacy} file under a ${ext} name: rename it ${legacy}`);
  }
  if (isLegacy(ext)) {
    // LibreOffice reads any bytes as text: a file that is none of what a legacy name holds is refused first (without
    // LibreOffice, converting says what to install, whatever the bytes).
    if (kind === 'unknown' && findSoffice() !== null)
      throw new InputError(file.path, `the file is not a ${ext} file (nor a workbook, document or page saved as one)`);
    const converted = await convertLegacy(file.path, file.path);
    findings.push({ code: 'files/converted', file: file.name, actual: converted.tool, params: { format: ext } });
    bytes = converted.bytes;
    ext = ext === '.xls' ? '.xlsx' : '.docx';
    if (fileKind(bytes) !== 'zip')
      throw new InputError(
        file.path,
        `LibreOffice made no ${ext} of this file: it is damaged or not what its name says`,
      );
  }
  try {
    if (ext === '.xlsx') {
      const sheet = await readXlsx(bytes, file.name);
      findings.push(...sheet.findings);
      return sheet.blocks;
    }
    if (ext === '.docx') {
      const doc = await readDocx(bytes);
      findings.push(...doc.findings);
      return doc.blocks;
    }
  } catch (error) {
    // A file that is no workbook or document at all (a zip that is not one, a renamed file) cannot be read.
    if (error instanceof InputError) throw error;
    const why = (error as Error).message.split('\n')[0] ?? '';
    throw new InputError(file.path, `the file is not a valid ${ext} file (damaged, or not what its name says): ${why}`);
  }
  const text = decodeText(bytes, file, findings);
  if (ext === '.csv') return readCsv(text, file.path);
  return [{ kind: 'markdown', lines: text.split('\n').map((line, i) => ({ text: line, ref: `line ${i + 1}` })) }];
}

/** Label and title of each annex file, matched to the listed annexes; findings for what does not match. */
function matchAnnexes(
  read: { file: FolderFile; blocks: Block[] }[],
  listed: readonly ListedAnnex[],
  inBody: ReadonlySet<string | null>,
  bodyFile: string,
  findings: FileFinding[],
): AnnexFile[] {
  const taken = new Map<string, string>();
  const matched: AnnexFile[] = [];
  const unmatched: { file: FolderFile; blocks: Block[] }[] = [];
  const listedText = listed.map((a) => `附件${a.label} ${a.title}`).join('; ') || 'none';
  for (const entry of read) {
    const stem = basename(entry.file.name, extname(entry.file.name));
    const opening = entry.blocks[0];
    const firstLine =
      opening && opening.kind !== 'table'
        ? (opening.lines.find((l) => l.text.trim() !== '' && !ANNEX_MARKER.test(l.text))?.text ?? '')
        : '';
    const byName = labelInName(stem);
    const candidates: [ListedAnnex | null, string][] = [
      [
        byName ? (listed.find((a) => a.label === byName) ?? { label: byName, title: '' }) : null,
        'the label in its name',
      ],
      [
        listedByTitle(
          stem.replace(/^\s*附\s*件(?:[^\s_\-－—：:.、]{1,6}|\s+[^\s_\-－—：:.、]{1,6})?[\s_\-－—：:.、]+/u, ''),
          listed,
        ),
        'its name as a title',
      ],
      [firstLine ? listedByTitle(firstLine, listed) : null, 'its first title line'],
    ];
    const hit = candidates.find(([a]) => a !== null && !taken.has(a.label));
    if (!hit || !hit[0]) {
      unmatched.push(entry);
      continue;
    }
    const [annex, by] = hit;
    if (!annex) continue;
    taken.set(annex.label, entry.file.name);
    const isListed = listed.some((a) => a.label === annex.label);
    if (isListed)
      findings.push({
        code: 'files/annex-matched',
        file: entry.file.name,
        actual: annex.label,
        expected: annex.title,
        params: { by },
      });
    else
      findings.push({ code: 'files/annex-unlisted', file: entry.file.name, actual: annex.label, expected: listedText });
    matched.push({ file: entry.file, label: annex.label, title: annex.title || stem, blocks: entry.blocks });
  }
  // A file that matches nothing still is read: after the listed ones, numbered on from the highest label.
  let next = Math.max(0, ...[...taken.keys(), ...listed.map((a) => a.label)].map((l) => Number.parseInt(l, 10) || 0));
  for (const entry of unmatched) {
    const label = String(++next);
    findings.push({ code: 'files/annex-unlisted', file: entry.file.name, actual: label, expected: listedText });
    matched.push({
      file: entry.file,
      label,
      title: basename(entry.file.name, extname(entry.file.name)),
      blocks: entry.blocks,
    });
  }
  for (const annex of listed) {
    if (taken.has(annex.label)) continue;
    if (inBody.has(annex.label))
      findings.push({ code: 'files/annex-in-body', file: bodyFile, actual: annex.label, expected: annex.title });
    else findings.push({ code: 'files/annex-file-missing', file: '', actual: annex.label, expected: annex.title });
  }
  return matched.sort((a, b) => compareLabels(a.label, b.label));
}

/** `1` < `2` < `3-1` < `3-2` < `10`. */
function compareLabels(a: string, b: string): number {
  const pa = a.split('-').map(Number);
  const pb = b.split('-').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? -1) - (pb[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The fixed parts of an xlsx package around its worksheets: content types, relationships, the
 * workbook part (sheet names, print titles, filter ranges), the styles and the document properties.
 */
import { xmlText } from './sheetXml.js';

const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE = 'application/vnd.openxmlformats-officedocument';

/** Style indices of styles.xml's cellXfs, as the sheets use them. */
export const STYLE = {
  none: 0,
  wrapTop: 1,
  bold: 2,
  boldWrapTop: 3,
  text: 4,
  money: 5,
  textWrapTop: 6,
  number: 7,
} as const;

/** A sheet as the workbook part names it. */
export interface SheetEntry {
  name: string;
  /** Its used range's last cell, e.g. `Q66`, when it has a header row with an autofilter. */
  filterTo?: string;
}

/** `[Content_Types].xml` for a workbook of `count` sheets. */
export function contentTypesXml(count: number): string {
  const sheets = Array.from(
    { length: count },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${OFFICE}.spreadsheetml.worksheet+xml"/>`,
  ).join('');
  return (
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Defau' +
    'lt Extension="xml" ContentType="application/xml"/>' +
    `<Override PartName="/xl/workbook.xml" ContentType="${OFFICE}.spreadsheetml.sheet.main+xml"/>${sheets}` +
    `<Override PartName="/xl/styles.xml" ContentType="${OFFICE}.spreadsheetml.styles+xml"/>` +
    `<Override PartName="/xl/sharedStrings.xml" ContentType="${OFFICE}.spreadsheetml.sharedStrings+xml"/>` +
    '<Override PartName="/docProps/core.xml" ' +
    'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>'
  );
}

/** `_rels/.rels`: the workbook and the core properties. */
export function packageRelsXml(): string {
  return (
    `${HEAD}<Relationships xmlns="${PKG_REL}">` +
    `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
    '<Relationship Id="rId2" ' +
    'Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" ' +
    'Target="docProps/core.xml"/></Relationships>'
  );
}

/** `xl/_rels/workbook.xml.rels`: sheets rId1..n, then styles and shared strings. */
export function workbookRelsXml(count: number): string {
  const sheets = Array.from(
    { length: count },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('');
  return (
    `${HEAD}<Relationships xmlns="${PKG_REL}">${sheets}` +
    `<Relationship Id="rId${count + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
    `<Relationship Id="rId${count + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
  );
}

/**
 * `xl/workbook.xml`: the sheets in order; a sheet with a header row repeats it on every printed page and names its
 * filter range.
 */
export function workbookXml(sheets: readonly SheetEntry[]): string {
  const quoted = (name: string): string => `'${name.replace(/'/g, "''")}'`;
  const list = sheets
    .map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('');
  const names = sheets
    .map((s, i) => {
      if (!s.filterTo) return '';
      const col = s.filterTo.replace(/^([A-Z]*)\d+$/, '$1');
      const row = s.filterTo.slice(col.length);
      return (
        `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">` +
        `${xmlText(`${quoted(s.name)}!$A$1:$${col}$${row}`)}</definedName>` +
        `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${xmlText(`${quoted(s.name)}!$1:$1`)}</definedName>`
      );
    })
    .join('');
  return (
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews>` +
    `<sheets>${list}</sheets>${names ? `<definedNames>${names}</definedNames>` : ''}</workbook>`
  );
}

/**
 * `xl/styles.xml`: the cell styles of STYLE; money uses built-in format 4 (`#,##0.00`), text built-in 49 (`@`),
 * wrapped or not; every cell is top-aligned (a style of its own for plain numbers: style 0 is not applied to a cell
 * as such).
 */
export function stylesXml(): string {
  const xf = (numFmt: number, font: number, wrap: boolean): string =>
    `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"` +
    (numFmt ? ' applyNumberFormat="1"' : '') +
    (font ? ' applyFont="1"' : '') +
    // Every cell sits at the top of its row, beside a wrapped text that makes the row tall.
    ` applyAlignment="1"><alignment vertical="top"${wrap ? ' wrapText="1"' : ''}/></xf>`;
  // In STYLE's order: none, wrapTop, bold, boldWrapTop, text, money, textWrapTop, number.
  const cellXfs = [
    xf(0, 0, false),
    xf(0, 0, true),
    xf(0, 1, false),
    xf(0, 1, true),
    xf(49, 0, false),
    xf(4, 0, false),
    xf(49, 0, true),
    xf(0, 0, false),
  ];
  return (
    `${HEAD}<styleSheet xmlns="${MAIN}"><fonts count="2">` +
    '<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
    '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
    '<fills count="2"><fill><patternFill patternType="none"/></fill>' +
    '<fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${cellXfs.length}">${cellXfs.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
  );
}

/** `docProps/core.xml`: creator and the (fixed) creation and modification date. */
export function coreXml(creator: string, date: Date): string {
  const when = date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${HEAD}<cp:coreProperties ` +
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:creator>${xmlText(creator)}</dc:creator><cp:lastModifiedBy>${xmlText(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified></cp:coreProperties>`
  );
}

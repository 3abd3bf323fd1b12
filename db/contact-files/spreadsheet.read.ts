import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { ImportPreview } from '../../common/contact-files/contact-files.domain';
import { AppError } from '../../common/result';
import { inspectXlsx, type XlsxGuardLimits } from './xlsx.guard';

/**
 * Spreadsheets (CSV and .xlsx) into a table of text cells, with every limit
 * checked while the file is read: a hostile file is refused with one Danish
 * sentence before it can take minutes or gigabytes, never after.
 */

export interface ContactFileLimits extends XlsxGuardLimits {
  /** Data rows that hold anything (CSV, XLSX) and vCards. */
  readonly maxRows: number;
  /** Columns of a row (CSV) or the column of any filled cell (XLSX). */
  readonly maxColumns: number;
  /** Characters in one cell (Excel's own limit is 32,767). */
  readonly maxCellChars: number;
  /** Characters in one vCard (a card with a photo is some hundred kilobytes). */
  readonly maxCardChars: number;
}

export const contactFileLimits: ContactFileLimits = {
  maxRows: 20_000,
  maxColumns: 200,
  maxCellChars: 32_767,
  maxCardChars: 4 * 1024 * 1024,
  maxInflatedBytes: 64 * 1024 * 1024,
  maxCells: 400_000,
  maxRowElements: 100_000,
  maxSharedStrings: 400_000,
};

const number = new Intl.NumberFormat('da-DK');
const refuse = (message: string): never => {
  throw new AppError('VALIDATION', message);
};
export const tooManyRows = (limits: ContactFileLimits) => refuse(`Filen har flere end ${number.format(limits.maxRows)} rækker (del den op i mindre filer).`);
const tooManyColumns = (limits: ContactFileLimits, row: number) => refuse(`Række ${number.format(row)} har flere end ${number.format(limits.maxColumns)} kolonner.`);
const cellTooLong = (limits: ContactFileLimits, row: number) => refuse(`En celle i række ${number.format(row)} er længere end ${number.format(limits.maxCellChars)} tegn.`);

export interface SpreadsheetTable {
  readonly format: 'csv' | 'xlsx';
  readonly encoding: ImportPreview['encoding'];
  readonly delimiter: ImportPreview['delimiter'];
  readonly headers: readonly string[];
  /** Data rows with the row number the user sees in Excel (header = 1). */
  readonly rows: readonly { readonly rowNumber: number; readonly cells: readonly string[] }[];
}

/**
 * UTF-16 without a byte-order mark, told by its zero bytes: a contact file
 * starts with ASCII (a header, BEGIN:VCARD), so in its first bytes every
 * other byte is zero — the odd ones for little-endian, the even ones for big-endian.
 */
function bomlessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 64) & ~1;
  if (n < 4) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const pairs = n / 2;
  if (oddZero >= pairs * 0.9 && evenZero === 0) return 'utf-16le';
  if (evenZero >= pairs * 0.9 && oddZero === 0) return 'utf-16be';
  return null;
}

/**
 * Bytes → text: UTF-16 (LE or BE) and UTF-8 by their BOM, UTF-16 without one
 * by its zero bytes, UTF-8 when the bytes are valid UTF-8, otherwise
 * Windows-1252 (Danish Excel).
 */
export function decodeText(bytes: Uint8Array): { text: string; encoding: NonNullable<ImportPreview['encoding']> } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  const utf16 = bomlessUtf16(bytes);
  if (utf16) return { text: iconv.decode(Buffer.from(bytes), utf16), encoding: utf16 };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'win1252'), encoding: 'windows-1252' };
  }
}

const CR = 0x0d;
const LF = 0x0a;
const QUOTE = 0x22;

/**
 * The separator used in the header line (outside quotes): Danish Excel writes
 * ';', Outlook ',', "Unicode-tekst" TAB. Only the first 64 KiB of the line are
 * looked at, counted in place (a line of millions of separators is not split).
 */
function detectDelimiter(text: string, fallback: ';' | ',' | '\t'): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  const end = Math.min(text.length, 64 * 1024);
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) quoted = !quoted;
    else if (!quoted && (c === CR || c === LF)) break;
    else if (!quoted && (c === 0x3b || c === 0x2c || c === 0x09)) counts[text[i] as ';' | ',' | '\t']++;
  }
  const best = ([fallback, ';', ',', '\t'] as const).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : fallback;
}

function uniqueHeaders(raw: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return raw.map((h, i) => {
    const base = h.replace(/^\uFEFF/, '').trim() || `Kolonne ${i + 1}`;
    const n = (seen.get(base.toLowerCase()) ?? 0) + 1;
    seen.set(base.toLowerCase(), n);
    return n === 1 ? base : `${base} (${n})`;
  });
}

/**
 * RFC 4180 as Excel and Outlook write it, read in one pass: a quoted field
 * may hold separators, quotes ("") and line breaks; a quote elsewhere is an
 * ordinary character. CRLF, LF and a lone CR all end a row, mixed in one
 * file as they come. Rows, columns and cell lengths are checked as the
 * fields are found; rows with nothing in them are counted (row numbers stay
 * as Excel shows them) but not kept.
 */
export function parseCsv(text: string, delimiter: string, limits: ContactFileLimits = contactFileLimits): { header: string[] | null; rows: { rowNumber: number; cells: string[] }[] } {
  const separator = delimiter.charCodeAt(0);
  const n = text.length;
  let header: string[] | null = null;
  const rows: { rowNumber: number; cells: string[] }[] = [];
  let row: string[] = [];
  let rowNumber = 1;
  let filled = false;
  const endRow = () => {
    if (rowNumber === 1) header = row;
    else if (filled) {
      if (rows.length >= limits.maxRows) tooManyRows(limits);
      rows.push({ rowNumber, cells: row });
    }
    row = [];
    filled = false;
    rowNumber++;
  };
  let i = 0;
  while (i < n) {
    let field: string;
    if (text.charCodeAt(i) === QUOTE) {
      const startRow = rowNumber;
      const parts: string[] = [];
      let length = 0;
      let from = i + 1;
      for (;;) {
        const close = text.indexOf('"', from);
        if (close === -1) return refuse(`Filen kan ikke læses som CSV: et anførselstegn lukkes ikke (række ${startRow}).`);
        length += close - from;
        if (length > limits.maxCellChars) cellTooLong(limits, startRow);
        parts.push(text.slice(from, close));
        if (text.charCodeAt(close + 1) === QUOTE) {
          parts.push('"');
          length++;
          from = close + 2;
          continue;
        }
        i = close + 1;
        break;
      }
      field = parts.join('');
      // Spaces between the closing quote and the separator are tolerated; anything else is a stray quote.
      while (i < n && text.charCodeAt(i) === 0x20 && separator !== 0x20) i++;
      const next = text.charCodeAt(i);
      if (i < n && next !== separator && next !== CR && next !== LF) return refuse(`Filen kan ikke læses som CSV: et anførselstegn står midt i et felt (række ${startRow}).`);
    } else {
      let end = i;
      for (; end < n; end++) {
        const c = text.charCodeAt(end);
        if (c === separator || c === CR || c === LF) break;
      }
      if (end - i > limits.maxCellChars) cellTooLong(limits, rowNumber);
      field = text.slice(i, end);
      i = end;
    }
    if (row.length >= limits.maxColumns) tooManyColumns(limits, rowNumber);
    row.push(field);
    if (!filled && field.trim() !== '') filled = true;
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === separator) {
      i++;
      // A separator at the very end: one more (empty) field.
      if (i >= n) {
        if (row.length >= limits.maxColumns) tooManyColumns(limits, rowNumber);
        row.push('');
      }
      continue;
    }
    // CR, LF or CRLF.
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
    endRow();
  }
  if (row.length > 0) endRow();
  return { header, rows };
}

export function readCsv(bytes: Uint8Array, limits: ContactFileLimits = contactFileLimits): SpreadsheetTable {
  const { text: decoded, encoding } = decodeText(bytes);
  let text = decoded;
  let delimiter: ';' | ',' | '\t' | undefined;
  // Excel honours (and sometimes writes) a first line "sep=;".
  const sep = /^sep=(.)(\r\n|\r|\n)/i.exec(text);
  if (sep && [';', ',', '\t'].includes(sep[1] ?? '')) {
    delimiter = sep[1] as ';' | ',' | '\t';
    text = text.slice(sep[0].length);
  }
  // Excel's "Unicode-tekst" is UTF-16 with tabs; a UTF-16 file with commas (Thunderbird) is read by its header like any other.
  delimiter ??= detectDelimiter(text, encoding === 'utf-16le' || encoding === 'utf-16be' ? '\t' : ';');
  const { header, rows } = parseCsv(text, delimiter, limits);
  if (!header || (header as string[]).every((h) => h.trim() === '')) throw new AppError('VALIDATION', 'Filen er tom eller mangler overskrifter i første række.');
  return { format: 'csv', encoding, delimiter, headers: uniqueHeaders(header), rows: rows.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells.map((c) => c.trim()) })) };
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'object' && 'hyperlink' in value && typeof value.text === 'string') return value.text.replace(/^mailto:/i, '');
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  if (typeof value === 'object' && 'result' in value) return value.result === undefined || value.result === null ? '' : String(value.result instanceof Date ? value.result.toISOString().slice(0, 10) : value.result);
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return cell.text;
}

/**
 * The first worksheet of an .xlsx. The zip is inspected first (inflated
 * size, cells, rows, shared strings: what exceljs would build), then only the
 * rows and cells the sheet really has are visited — never the range its
 * dimension or its farthest cell claims (XFD1048576 is 17 billion cells).
 * `widestRow`: read as many columns as the widest row has, not only those of row 1.
 */
export async function readXlsx(bytes: Uint8Array, limits: ContactFileLimits = contactFileLimits, options: { readonly widestRow?: boolean } = {}): Promise<SpreadsheetTable> {
  inspectXlsx(bytes, limits);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('VALIDATION', 'Filen kan ikke læses som Excel-projektmappe (.xlsx).');
  }
  const sheet = workbook.worksheets[0];
  if (!sheet || sheet.actualRowCount === 0) throw new AppError('VALIDATION', 'Første ark i projektmappen er tomt.');
  const filled = (row: ExcelJS.Row): Map<number, string> => {
    const cells = new Map<number, string>();
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const text = cellText(cell);
      if (text.trim() === '') return;
      if (column > limits.maxColumns) tooManyColumns(limits, row.number);
      if (text.length > limits.maxCellChars) cellTooLong(limits, row.number);
      cells.set(column, text);
    });
    return cells;
  };
  const header = filled(sheet.getRow(1));
  let width = Math.max(0, ...header.keys());
  // A sheet whose first row is a title (the ministry's lists of boligområder): every filled column is read.
  if (options.widestRow) sheet.eachRow({ includeEmpty: false }, (row) => void (width = Math.max(width, ...filled(row).keys())));
  if (width === 0) throw new AppError('VALIDATION', 'Første række i første ark skal have overskrifter.');
  const headerCells = Array.from({ length: width }, (_, i) => header.get(i + 1) ?? '');
  const rows: { rowNumber: number; cells: string[] }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber === 1) return;
    const filledCells = filled(row);
    // Columns right of the last heading are not read (they have no name to map).
    const cells = Array.from({ length: width }, (_, i) => (filledCells.get(i + 1) ?? '').trim());
    if (!cells.some((c) => c !== '')) return;
    if (rows.length >= limits.maxRows) tooManyRows(limits);
    rows.push({ rowNumber, cells });
  });
  return { format: 'xlsx', encoding: null, delimiter: null, headers: uniqueHeaders(headerCells), rows };
}

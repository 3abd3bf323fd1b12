import { Inflate } from 'fflate';
import { AppError } from '../../common/result';

/**
 * Looks inside an .xlsx (a zip) before exceljs loads it whole: exceljs keeps
 * every cell as an object (≈ 500 bytes each, a million cells ≈ 550 MB) and
 * JSZip inflates every part in full, so a small file can claim gigabytes.
 * This inflates each part a slice at a time, counts what exceljs would
 * build, and refuses the file the moment a limit is passed.
 */

export interface XlsxGuardLimits {
  /** Bytes of all parts together once inflated. */
  readonly maxInflatedBytes: number;
  /** <c> elements in all worksheets: exceljs builds an object for each, empty or not. */
  readonly maxCells: number;
  /** <row> elements in all worksheets. */
  readonly maxRowElements: number;
  /** <si> entries in the shared-string table. */
  readonly maxSharedStrings: number;
}

export interface XlsxContents {
  readonly inflatedBytes: number;
  readonly cells: number;
  readonly rowElements: number;
  readonly sharedStrings: number;
}

const unreadable = (): never => {
  throw new AppError('VALIDATION', 'Filen kan ikke læses som Excel-projektmappe (.xlsx).');
};
const number = new Intl.NumberFormat('da-DK');
/** Compressed bytes inflated at a time: at most ≈ 16 MB come out of one slice. */
const sliceBytes = 16 * 1024;

interface Entry {
  readonly name: string;
  readonly method: number;
  readonly compressedSize: number;
  readonly localHeader: number;
}

/** The central directory, as JSZip reads it (end record searched from the back). */
function entries(zip: Uint8Array): Entry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) return unreadable();
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const found: Entry[] = [];
  const decoder = new TextDecoder('utf-8');
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || view.getUint32(at, true) !== 0x02014b50) return unreadable();
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeader = view.getUint32(at + 42, true);
    if (at + 46 + nameLength > zip.length) return unreadable();
    const name = decoder.decode(zip.subarray(at + 46, at + 46 + nameLength));
    found.push({ name, method, compressedSize, localHeader });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return found;
}

/** The compressed bytes of one entry (after its local header). */
function data(zip: Uint8Array, entry: Entry): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const at = entry.localHeader;
  if (at + 30 > zip.length || view.getUint32(at, true) !== 0x04034b50) return unreadable();
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  // 0xFFFFFFFF: a zip64 size, never needed for a file this small.
  if (entry.compressedSize === 0xffffffff || start + entry.compressedSize > zip.length) return unreadable();
  return zip.subarray(start, start + entry.compressedSize);
}

/** Counts "<tag" followed by a space, '>' or '/' in a byte stream, across chunk boundaries. */
export class TagCounter {
  count = 0;
  private carry: Uint8Array = new Uint8Array(0);
  private readonly tag: Uint8Array;

  constructor(tag: string) {
    this.tag = new TextEncoder().encode(`<${tag}`);
  }

  push(chunk: Uint8Array, final: boolean): void {
    const need = this.tag.length + 1;
    if (!final && chunk.length < need) {
      this.carry = concat(this.carry, chunk);
      return;
    }
    // A tag that began in the previous chunk's last bytes: only those few positions are looked at again.
    if (this.carry.length > 0) {
      const seam = concat(this.carry, chunk.subarray(0, need));
      for (let i = 0; i < this.carry.length; i++) if (seam[i] === 0x3c && (final || i + need <= seam.length) && this.matches(seam, i)) this.count++;
    }
    const stop = final ? chunk.length : chunk.length - need + 1;
    for (let i = chunk.indexOf(0x3c); i !== -1 && i < stop; i = chunk.indexOf(0x3c, i + 1)) {
      if (this.matches(chunk, i)) this.count++;
    }
    this.carry = final ? new Uint8Array(0) : chunk.slice(Math.max(0, stop));
  }

  private matches(bytes: Uint8Array, at: number): boolean {
    for (let k = 1; k < this.tag.length; k++) if (bytes[at + k] !== this.tag[k]) return false;
    const next = bytes[at + this.tag.length];
    return next === 0x20 || next === 0x3e || next === 0x2f || next === 0x09 || next === 0x0a || next === 0x0d;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/**
 * Inflates every part of the workbook slice by slice, counting bytes, cells,
 * rows and shared strings as they come out. Throws a VALIDATION AppError
 * (one Danish sentence) on the first limit passed or an unreadable zip.
 */
export function inspectXlsx(zip: Uint8Array, limits: XlsxGuardLimits): XlsxContents {
  let inflatedBytes = 0;
  const cells = new TagCounter('c');
  const rows = new TagCounter('row');
  const shared = new TagCounter('si');
  const check = () => {
    if (inflatedBytes > limits.maxInflatedBytes) throw new AppError('VALIDATION', 'Excel-filen fylder for meget, når den pakkes ud.');
    if (cells.count > limits.maxCells) throw new AppError('VALIDATION', `Excel-filen har for mange celler (over ${number.format(limits.maxCells)}).`);
    if (rows.count > limits.maxRowElements) throw new AppError('VALIDATION', `Excel-filen har for mange rækker (over ${number.format(limits.maxRowElements)}).`);
    if (shared.count > limits.maxSharedStrings) throw new AppError('VALIDATION', `Excel-filen har for mange tekster (over ${number.format(limits.maxSharedStrings)}).`);
  };
  for (const entry of entries(zip)) {
    if (entry.name.endsWith('/')) continue;
    const compressed = data(zip, entry);
    const counters = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name) ? [cells, rows] : entry.name === 'xl/sharedStrings.xml' ? [shared] : [];
    const take = (chunk: Uint8Array, final: boolean) => {
      inflatedBytes += chunk.length;
      for (const counter of counters) counter.push(chunk, final);
      check();
    };
    if (entry.method === 0) {
      take(compressed, true);
      continue;
    }
    if (entry.method !== 8) return unreadable();
    const inflate = new Inflate((chunk, final) => take(chunk, final));
    try {
      if (compressed.length === 0) inflate.push(compressed, true);
      for (let at = 0; at < compressed.length; at += sliceBytes) inflate.push(compressed.subarray(at, at + sliceBytes), at + sliceBytes >= compressed.length);
    } catch (error) {
      if (error instanceof AppError) throw error;
      return unreadable();
    }
  }
  return { inflatedBytes, cells: cells.count, rowElements: rows.count, sharedStrings: shared.count };
}

import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp, { type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { SYNC_READER_VERSION, syncHeaderSchema, syncOpLineSchema, syncTrailerSchema, type SyncHeader } from '../../common/sync-file.schema';
import { AppError } from '../../common/result';
import { writeFileAtomic } from '../files/atomic-write';
import type { SyncOperation } from './op-log';
import { SyncOpLineReader } from './sync-op-line';

/** Limits that protect the app from hostile or broken files; every one is checked while the file is read, never after. */
export interface SyncFileLimits {
  /** Bytes on disk. */
  readonly maxCompressedBytes: number;
  /** Bytes once inflated, counted as they come out of the decompressor. */
  readonly maxUncompressedBytes: number;
  /** One JSON line (header, operation or trailer), counted before the line is complete. */
  readonly maxLineBytes: number;
  /** Operations in one file: the header's count may not exceed it, and no file may hold more lines than its header counts. */
  readonly maxOperations: number;
  /**
   * Inflated bytes per compressed byte, once more than `ratioGraceBytes` are
   * out. Real files inflate about 4–8 times (clocks and ids barely compress);
   * a gzip bomb over a thousand times.
   */
  readonly maxCompressionRatio: number;
  readonly ratioGraceBytes: number;
  readonly maxDepth: number;
  readonly maxFutureMs: number;
  readonly warnFutureMs: number;
}

export const syncFileLimits: SyncFileLimits = {
  maxCompressedBytes: 512 * 1024 * 1024,
  maxUncompressedBytes: 4 * 1024 * 1024 * 1024 - 1,
  maxLineBytes: 2 * 1024 * 1024,
  maxOperations: 10_000_000,
  maxCompressionRatio: 100,
  ratioGraceBytes: 64 * 1024 * 1024,
  maxDepth: 6,
  maxFutureMs: 24 * 60 * 60 * 1000,
  warnFutureMs: 5 * 60 * 1000,
};

export interface ReadSyncFile {
  readonly header: SyncHeader;
  /** Empty when `alreadyImported` said so: the operations were not parsed. */
  readonly operations: SyncOperation[];
  readonly warnings: string[];
  /** The trailer's SHA-256 of the file's content, verified (or, for a file recognised by `fileSha256`, the one recorded when it was imported). */
  readonly sha256: string;
  /** SHA-256 of the file's bytes on disk (compressed): identifies this very file without inflating it. */
  readonly fileSha256: string;
  readonly alreadyImported: boolean;
}

export interface ReadSyncFileOptions {
  readonly now?: number;
  /**
   * Asked first, with the SHA-256 of the file's bytes on disk (hashed in a
   * few milliseconds, nothing inflated): the content SHA-256 recorded when a
   * file with exactly these bytes was imported before, or null. Then only the
   * header is read: these bytes passed every check then, and operations are
   * never removed from the log, so every one of them is already here.
   */
  readonly importedFile?: (fileSha256: string) => string | null;
  /**
   * Asked once the content's checksum is verified: true when a file with this
   * content (by the trailer's SHA-256) was imported before, e.g. by a version
   * that did not record `fileSha256`. Then no operations are returned (the
   * file is still read once).
   */
  readonly alreadyImported?: (sha256: string) => boolean;
  /** Tighter (or, in tests, other) limits than `syncFileLimits`. */
  readonly limits?: Partial<SyncFileLimits>;
}

const reject = (reason: string): never => {
  throw new AppError('VALIDATION', `Filen kan ikke importeres: ${reason} Intet er ændret.`);
};

/**
 * Writes a sync file: temp file in the target folder, fsync, rename — a
 * crash never leaves a half file under the real name.
 */
/**
 * Writes a sync file without holding it in memory: lines are hashed as they
 * are made and compressed 20,000 at a time, each batch one gzip member (a
 * file of several members is one valid gzip stream to every reader). The file
 * is written under a temporary name in the target folder, fsynced, then
 * renamed, so a reader never sees half a file.
 */
export function writeSyncFile(destination: string, header: SyncHeader, operations: Iterable<SyncOperation>): void {
  fs.mkdirSync(path.dirname(path.resolve(destination)), { recursive: true });
  // The one atomic writer (db/files/atomic-write.ts): a half-written file never carries the name, whatever goes wrong.
  writeFileAtomic(destination, syncFileMembers(header, operations));
}

/** The file as gzip members of about 20,000 lines each: header, operations, then the trailer with the count and the SHA-256 of every line before it. */
function* syncFileMembers(header: SyncHeader, operations: Iterable<SyncOperation>): Generator<Uint8Array> {
  const hash = createHash('sha256');
  let batch: Buffer[] = [];
  let count = 0;
  const take = (line: string) => {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    hash.update(bytes);
    batch.push(bytes);
  };
  take(JSON.stringify(header));
  for (const op of operations) {
    take(JSON.stringify({ h: op.hlc, t: op.tbl, r: op.row_id, f: op.field, v: op.value, p: op.prev, o: op.origin }));
    count++;
    if (batch.length >= 20_000) {
      yield zlib.gzipSync(Buffer.concat(batch), { level: 6 });
      batch = [];
    }
  }
  if (count !== header.counts.operations) throw new Error(`sync file count mismatch: header ${header.counts.operations}, wrote ${count}`);
  batch.push(Buffer.from(`${JSON.stringify({ trailer: true, count, sha256: hash.digest('hex') })}\n`, 'utf8'));
  yield zlib.gzipSync(Buffer.concat(batch), { level: 6 });
}

function checkKeysAndDepth(value: unknown, depth: number, maxDepth: number): void {
  if (depth > maxDepth) reject('den indeholder for dybt indlejrede data.');
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') reject('den indeholder ugyldige nøgler.');
      checkKeysAndDepth((value as Record<string, unknown>)[key], depth + 1, maxDepth);
    }
  }
}

/**
 * One line (its length already checked while it was read) as text: strict
 * UTF-8 (`isUtf8` refuses what a fatal TextDecoder refuses: overlong forms,
 * surrogates, cut sequences; `utf8Checked` when the scanner checked the
 * line's bytes already), less one leading byte-order mark, which the
 * TextDecoder this reader used before dropped too.
 */
function lineText(source: Buffer, start: number, end: number, utf8Checked: boolean): string {
  start = textStart(source, start, end, utf8Checked);
  return source.toString('utf8', start, end);
}

/** Where a line's text starts, its bytes checked: see lineText. */
function textStart(source: Buffer, start: number, end: number, utf8Checked: boolean): number {
  if (end - start >= 3 && source[start] === 0xef && source[start + 1] === 0xbb && source[start + 2] === 0xbf) start += 3;
  if (!utf8Checked && !isUtf8(source.subarray(start, end))) reject('den er ikke gyldig UTF-8.');
  return start;
}

function parseJson(text: string): unknown {
  try {
    // JSON.parse creates "__proto__" as an own property (no pollution), and checkKeysAndDepth refuses it.
    return JSON.parse(text);
  } catch {
    return reject('den indeholder en linje, der ikke er gyldig JSON.');
  }
}

/** One line → JSON value, keys and depth checked. */
function parseLine(source: Buffer, start: number, end: number, limits: SyncFileLimits, utf8Checked = false): unknown {
  const value = parseJson(lineText(source, start, end, utf8Checked));
  checkKeysAndDepth(value, 0, limits.maxDepth);
  return value;
}

/**
 * One operation line, checked as `parseLine` and `syncOpLineSchema` check
 * it. A line the fast reader takes (written as writeSyncFile writes, and
 * passing the schema's checks by hand: sync-op-line.ts) or that JSON.parse
 * makes into a value `isSyncOpLine` accepts is one level of seven known keys
 * holding strings and nulls, which the key and depth check cannot refuse;
 * any other line takes the full path, so a line is only ever refused by the
 * same checks, with the same sentence, as before.
 */
function parseOperation(source: Buffer, start: number, end: number, utf8Checked: boolean, limits: SyncFileLimits, reader: SyncOpLineReader): SyncOperation {
  const from = textStart(source, start, end, utf8Checked);
  const fast = limits.maxDepth >= 1 ? reader.read(source, from, end) : null;
  if (fast) return fast;
  const value = parseJson(source.toString('utf8', from, end));
  if (limits.maxDepth >= 1 && reader.isSyncOpLine(value)) return reader.operation(value);
  checkKeysAndDepth(value, 0, limits.maxDepth);
  const parsed = syncOpLineSchema.safeParse(value);
  if (!parsed.success) return reject('den indeholder en ugyldig ændring.');
  return reader.operation(parsed.data);
}

const damaged = 'den er ikke en Kredsbog-synkroniseringsfil, eller den er beskadiget eller ufuldstændig.';
const tooLong = (): never => reject('en linje er for lang.');
/** Compressed bytes handed to zlib at a time: at most ≈ 1,032 times as much comes out of one. */
const readChunkBytes = 64 * 1024;
/** Inflated bytes per chunk zlib hands back; it waits for the reader before making more (back-pressure), so this bounds memory too. */
const inflatedChunkBytes = 128 * 1024;

/** `utf8Checked`: the line's bytes are known to be valid UTF-8. */
type LineVisitor = (source: Buffer, start: number, end: number, index: number, utf8Checked: boolean) => void;

/**
 * Splits inflated bytes into lines as they arrive. It holds only the line
 * being read and the latest complete line, refuses a line the moment it
 * grows past the limit, and hashes everything before the last line (what the
 * trailer's checksum covers) on the way, a chunk at a time. The lines that
 * lie wholly in one chunk are checked for UTF-8 in one go (valid UTF-8 cut
 * at newlines is valid line by line); when that fails, each line is checked
 * on its own, in order, by its reader.
 */
class LineScanner {
  private readonly hash = createHash('sha256');
  /** Not hashed yet: the latest complete line with its newline (`lastLineBytes` long), then the line being read. */
  private held: Buffer[] = [];
  private heldBytes = 0;
  private lastLineBytes = 0;
  /** The line being read, in the chunks it came in. */
  private partial: Buffer[] = [];
  private partialBytes = 0;
  private lines = 0;

  constructor(
    private readonly maxLineBytes: number,
    private readonly visit: LineVisitor,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    let last = -1;
    let beforeLast = -1;
    const first = chunk.indexOf(0x0a);
    /** Where the lines wholly in this chunk, known to be valid UTF-8, begin; beyond the chunk when unknown. */
    let checkedFrom = chunk.length;
    if (first !== -1) {
      const from = this.partialBytes > 0 ? first + 1 : 0;
      const to = chunk.lastIndexOf(0x0a);
      if (isUtf8(chunk.subarray(from, to))) checkedFrom = from;
    }
    for (let newline = first; newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      if (this.partialBytes > 0) {
        const length = this.partialBytes + newline;
        if (length > this.maxLineBytes) tooLong();
        const line = Buffer.concat([...this.partial, chunk.subarray(0, newline)], length);
        this.partial = [];
        this.partialBytes = 0;
        this.visit(line, 0, length, this.lines++, false);
      } else {
        if (newline - start > this.maxLineBytes) tooLong();
        this.visit(chunk, start, newline, this.lines++, start >= checkedFrom);
      }
      beforeLast = last;
      last = newline;
      start = newline + 1;
    }
    if (start < chunk.length) {
      this.partialBytes += chunk.length - start;
      if (this.partialBytes > this.maxLineBytes) tooLong();
      this.partial.push(chunk.subarray(start));
    }
    if (last === -1) {
      this.hold(chunk);
    } else if (beforeLast !== -1) {
      // The chunk completes two lines or more: everything before its last complete line can be hashed.
      for (const part of this.held) this.hash.update(part);
      this.hash.update(chunk.subarray(0, beforeLast + 1));
      this.held = [];
      this.heldBytes = 0;
      this.hold(chunk.subarray(beforeLast + 1));
      this.lastLineBytes = last - beforeLast;
    } else {
      // One line completed: the line that was last until now is not the last one.
      this.hashHeld(this.lastLineBytes);
      this.lastLineBytes = this.heldBytes + last + 1;
      this.hold(chunk);
    }
  }

  /** After the last chunk: the number of lines, the last line and the SHA-256 of everything before it. */
  end(): { lines: number; last: Buffer; sha256: string } {
    if (this.partialBytes > 0) reject('den slutter midt i en linje (ufuldstændig fil).');
    const last = Buffer.concat(this.held, this.heldBytes);
    return { lines: this.lines, last: last.subarray(0, Math.max(0, last.length - 1)), sha256: this.hash.digest('hex') };
  }

  private hold(bytes: Buffer): void {
    if (bytes.length === 0) return;
    this.held.push(bytes);
    this.heldBytes += bytes.length;
  }

  private hashHeld(bytes: number): void {
    let left = bytes;
    while (left > 0) {
      const part = this.held[0]!;
      if (part.length <= left) {
        this.hash.update(part);
        this.held.shift();
        left -= part.length;
      } else {
        this.hash.update(part.subarray(0, left));
        this.held[0] = part.subarray(left);
        left = 0;
      }
    }
    this.heldBytes -= bytes;
  }
}

/** Thrown by the line visitor once the header is read, when nothing more is wanted. */
const stopReading = Symbol('stop reading');

/**
 * Inflates an open gzip file into `sink` with node:zlib's streaming Gunzip:
 * native, run on libuv's thread pool (so the next chunk inflates while this
 * one is parsed), every gzip member after the first read as part of the same
 * stream, and every member's CRC-32 and length checked against its trailer
 * by zlib itself. The inflated size and ratio are checked as each chunk
 * comes out; zlib makes no more until the sink has taken it.
 */
async function inflateFile(handle: FileHandle, size: number, limits: SyncFileLimits, sink: (chunk: Buffer) => void): Promise<number> {
  const magic = Buffer.alloc(3);
  if (size < 18 || (await handle.read(magic, 0, 3, 0)).bytesRead !== 3 || magic[0] !== 0x1f || magic[1] !== 0x8b || magic[2] !== 8) reject(damaged);
  const gunzip = zlib.createGunzip({ chunkSize: inflatedChunkBytes });
  let inflated = 0;
  // What the sink or a limit threw: pipeline reports it as an AbortError.
  let refusal: unknown = null;
  try {
    await pipeline(handle.createReadStream({ start: 0, end: size - 1, highWaterMark: readChunkBytes, autoClose: false }), gunzip, async (chunks: AsyncIterable<Buffer>) => {
      try {
        for await (const chunk of chunks) {
          inflated += chunk.length;
          if (inflated > limits.maxUncompressedBytes) reject('den fylder for meget, når den pakkes ud.');
          // bytesWritten: the compressed bytes zlib has consumed so far.
          if (inflated > limits.ratioGraceBytes && inflated > gunzip.bytesWritten * limits.maxCompressionRatio) reject('den pakker sig ud til langt mere end en rigtig synkroniseringsfil (mulig zip-bombe).');
          sink(chunk);
        }
      } catch (error) {
        refusal = error;
        throw error;
      }
    });
  } catch (error) {
    const cause = refusal ?? error;
    if (cause instanceof AppError || cause === stopReading) throw cause;
    reject(damaged);
  }
  // zlib stops without a word at zero bytes after a member (padding, it assumes): a sync file ends where its last member ends.
  if (gunzip.bytesWritten !== size) reject(damaged);
  return inflated;
}

/** What a pass over a file establishes without parsing a single operation. */
export interface VerifiedSyncFile {
  readonly header: SyncHeader;
  /** The checksum the trailer carries, verified against the content. */
  readonly sha256: string;
  readonly operations: number;
  readonly compressedBytes: number;
  readonly inflatedBytes: number;
}

function parseHeader(source: Buffer, start: number, end: number, limits: SyncFileLimits): SyncHeader {
  const value = parseLine(source, start, end, limits);
  const parsed = syncHeaderSchema.safeParse(value);
  if (!parsed.success) {
    const raw = value as { format?: unknown; minReaderVersion?: unknown } | null;
    if (raw && raw.format === 'kredsbog-sync' && typeof raw.minReaderVersion === 'number' && raw.minReaderVersion > SYNC_READER_VERSION) reject('den er lavet af en nyere version af Kredsbog. Opdatér Kredsbog først.');
    return reject('den har ikke et gyldigt Kredsbog-hoved.');
  }
  const header = parsed.data;
  if (header.minReaderVersion > SYNC_READER_VERSION) reject('den er lavet af en nyere version af Kredsbog. Opdatér Kredsbog først.');
  if (header.counts.operations > limits.maxOperations) reject('den indeholder flere ændringer, end Kredsbog kan importere fra én fil.');
  return header;
}

interface ScannedSyncFile {
  readonly verified: VerifiedSyncFile;
  /** Empty unless asked for, and once `failure` is set. */
  readonly operations: SyncOperation[];
  /** The first operation line refused, in file order; thrown only after the checks of the whole file. */
  readonly failure: AppError | null;
  /**
   * The highest wall-clock time of the clocks of the sender's own operations
   * (origin = the header's installation). Operations a file relays from other
   * installations are not counted: the sender accepted them within the limit
   * when they arrived, and a receiver whose clock is a little behind the
   * sender's must not refuse the sender's whole file for them (and stop
   * receiving its changes).
   */
  readonly latest: number;
  /** The same for the operations the file relays from other installations: bounded more loosely (see readSyncFile). */
  readonly latestRelayed: number;
}

/**
 * One pass: inflate, split, hash and count; the header parsed when it
 * arrives (a line more than it counts is refused when it arrives), the
 * trailer (the last line) at the end, and with `parseOperations` every
 * operation line between them, as it arrives. Memory: a chunk, two lines and
 * the operations.
 *
 * The order of the verdicts is the one the reader had when it read every
 * file twice (verify, then parse): what the whole file shows (gzip, sizes,
 * lines, header, trailer, checksum, count) before any refused operation. So
 * the first refused operation is kept, the rest of the file is checked
 * without parsing, and the caller throws it after.
 */
async function scanOpenFile(handle: FileHandle, size: number, limits: SyncFileLimits, parseOperations: boolean): Promise<ScannedSyncFile> {
  let header: SyncHeader | undefined;
  let maxLines = limits.maxOperations + 2;
  let operations: SyncOperation[] = [];
  let failure: AppError | null = null;
  let latest = 0;
  let latestRelayed = 0;
  let previous = '';
  let sender = '';
  const reader = new SyncOpLineReader();
  const scanner = new LineScanner(limits.maxLineBytes, (source, start, end, index, utf8Checked) => {
    if (index === 0) {
      header = parseHeader(source, start, end, limits);
      maxLines = header.counts.operations + 2;
      sender = header.installationId;
      return;
    }
    if (index >= maxLines) reject('antallet af ændringer passer ikke.');
    // The last line the header leaves room for is the trailer, read at the end.
    if (!parseOperations || failure || index === maxLines - 1) return;
    try {
      const op = parseOperation(source, start, end, utf8Checked, limits, reader);
      if (op.hlc !== previous) {
        if (op.hlc < previous) reject('ændringerne står ikke i tidsrækkefølge.');
        // Several operations share a clock (one edit, several fields): each clock counted once. Its first 16 digits are its wall time (common/hlc.ts).
        if (op.origin === sender) latest = Math.max(latest, Number(op.hlc.slice(0, 16)));
        else latestRelayed = Math.max(latestRelayed, Number(op.hlc.slice(0, 16)));
        previous = op.hlc;
      }
      operations.push(op);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failure = error;
      operations = [];
    }
  });
  const inflatedBytes = await inflateFile(handle, size, limits, (chunk) => scanner.push(chunk));
  const { lines, last, sha256 } = scanner.end();
  if (lines < 2 || !header) return reject('den er tom eller ufuldstændig.');
  const trailer = syncTrailerSchema.safeParse(parseLine(last, 0, last.length, limits));
  if (!trailer.success) return reject('den mangler sin afslutning (ufuldstændig fil).');
  if (sha256 !== trailer.data.sha256) reject('kontrolsummen passer ikke (filen er ændret eller beskadiget).');
  const count = lines - 2;
  if (trailer.data.count !== count || header.counts.operations !== count) reject('antallet af ændringer passer ikke.');
  return { verified: { header, sha256, operations: count, compressedBytes: size, inflatedBytes }, operations, failure, latest, latestRelayed };
}

/** Only the header: inflating stops at its end (a few kilobytes). The rest of the file is not looked at. */
async function readHeader(handle: FileHandle, size: number, limits: SyncFileLimits): Promise<SyncHeader> {
  let header: SyncHeader | undefined;
  const scanner = new LineScanner(limits.maxLineBytes, (source, start, end) => {
    header = parseHeader(source, start, end, limits);
    throw stopReading;
  });
  try {
    await inflateFile(handle, size, limits, (chunk) => scanner.push(chunk));
  } catch (error) {
    if (error !== stopReading) throw error;
  }
  return header ?? reject('den er tom eller ufuldstændig.');
}

/** SHA-256 of the file's bytes as they are on disk (compressed): a few milliseconds, nothing inflated. */
async function hashFile(handle: FileHandle, size: number): Promise<string> {
  const hash = createHash('sha256');
  const buffer = Buffer.allocUnsafe(Math.min(size, 1024 * 1024));
  for (let position = 0; position < size; ) {
    const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - position), position);
    if (bytesRead === 0) reject(damaged);
    hash.update(buffer.subarray(0, bytesRead));
    position += bytesRead;
  }
  return hash.digest('hex');
}

async function withOpenFile<T>(file: string, limits: SyncFileLimits, work: (handle: FileHandle, size: number) => Promise<T>): Promise<T> {
  let handle: FileHandle;
  try {
    handle = await fsp.open(file, 'r');
  } catch {
    return reject('den findes ikke eller kan ikke læses.');
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) reject('den findes ikke eller kan ikke læses.');
    if (stat.size > limits.maxCompressedBytes) reject('den er for stor.');
    // Everything is read through this descriptor: a file renamed over this one meanwhile is not read halfway.
    return await work(handle, stat.size);
  } finally {
    await handle.close();
  }
}

/**
 * Checks a sync file without parsing its operations: gzip, sizes, line
 * lengths and count, header, trailer and checksum, all while streaming.
 * Cheap enough to ask of every file in the sync folder (is it complete?).
 */
export async function verifySyncFile(file: string, options: Pick<ReadSyncFileOptions, 'limits'> = {}): Promise<VerifiedSyncFile> {
  const limits = { ...syncFileLimits, ...options.limits };
  return withOpenFile(file, limits, async (handle, size) => {
    return (await scanOpenFile(handle, size, limits, false)).verified;
  });
}

/**
 * Reads and validates a whole sync file before anything touches the
 * database: size, gzip, UTF-8, JSON depth and keys, every line against its
 * schema, count and checksum, format version and clocks from the future
 * (the sender's own: see ScannedSyncFile.latest).
 * The file is streamed once and never held whole: every limit is checked as
 * the bytes come out of the decompressor, so a gzip bomb is refused after a
 * few megabytes, not after inflating it, and every operation is parsed as
 * its line arrives. Throws a VALIDATION AppError with one Danish sentence
 * naming the reason.
 *
 * A file whose bytes on disk were imported before (`importedFile`) is
 * recognised before anything is inflated, and only its header is read.
 */
export async function readSyncFile(file: string, options: ReadSyncFileOptions = {}): Promise<ReadSyncFile> {
  const limits = { ...syncFileLimits, ...options.limits };
  const now = options.now ?? Date.now();
  return withOpenFile(file, limits, async (handle, size) => {
    const fileSha256 = await hashFile(handle, size);
    const recorded = options.importedFile?.(fileSha256);
    if (recorded) {
      // These exact bytes passed every check when they were imported: the header (who sent it, what they have) is all that is needed.
      const header = await readHeader(handle, size, limits);
      return { header, operations: [], warnings: [], sha256: recorded, fileSha256, alreadyImported: true };
    }
    const { verified, operations, failure, latest, latestRelayed } = await scanOpenFile(handle, size, limits, true);
    const { header, sha256 } = verified;
    if (options.alreadyImported?.(sha256)) return { header, operations: [], warnings: [], sha256, fileSha256, alreadyImported: true };
    if (failure) throw failure;
    const warnings: string[] = [];
    if (latest > now + limits.maxFutureMs) reject('den indeholder ændringer dateret mere end et døgn ude i fremtiden (afsenderens ur går forkert).');
    // A relayed operation was accepted by the sender within a day of the sender's clock; this laptop's clock may differ from the
    // sender's, so another day is allowed. Beyond that it is forged or from a clock no one accepted, and would win its fields
    // everywhere until the calendar caught up with it.
    if (latestRelayed > now + 2 * limits.maxFutureMs) reject('den videregiver ændringer dateret mere end to døgn ude i fremtiden.');
    if (latest > now + limits.warnFutureMs) warnings.push(`Afsenderens ur går ca. ${Math.round((latest - now) / 60_000)} minutter foran.`);
    return { header, operations, warnings, sha256, fileSha256, alreadyImported: false };
  });
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import { Gunzip } from 'fflate';
import { decodeHlc } from '../../common/hlc';
import { SYNC_READER_VERSION, syncHeaderSchema, syncOpLineSchema, syncTrailerSchema, type SyncHeader } from '../../common/sync-file.schema';
import { AppError } from '../../common/result';
import { fsyncDirectory } from '../files/atomic-write';
import type { SyncOperation } from './apply';

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
  /** The trailer's SHA-256 of the file's content, verified: identifies these exact bytes. */
  readonly sha256: string;
  readonly alreadyImported: boolean;
}

export interface ReadSyncFileOptions {
  readonly now?: number;
  /**
   * Asked once the checksum is verified: true when this exact file (by its
   * SHA-256) was imported before. Then the operations are not parsed (most of
   * the reading time): operations are never removed from the log, so every
   * one of them is already here.
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
  const hash = createHash('sha256');
  const directory = path.dirname(path.resolve(destination));
  fs.mkdirSync(directory, { recursive: true });
  const temporary = path.join(directory, `.${path.basename(destination)}.${process.pid}.tmp`);
  const fd = fs.openSync(temporary, 'w');
  let batch: Buffer[] = [];
  let count = 0;
  const flush = () => {
    if (batch.length === 0) return;
    fs.writeSync(fd, zlib.gzipSync(Buffer.concat(batch), { level: 6 }));
    batch = [];
  };
  const push = (line: string) => {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    hash.update(bytes);
    batch.push(bytes);
    if (batch.length >= 20_000) flush();
  };
  try {
    push(JSON.stringify(header));
    for (const op of operations) {
      push(JSON.stringify({ h: op.hlc, t: op.tbl, r: op.row_id, f: op.field, v: op.value, p: op.prev, o: op.origin }));
      count++;
    }
    if (count !== header.counts.operations) throw new Error(`sync file count mismatch: header ${header.counts.operations}, wrote ${count}`);
    batch.push(Buffer.from(`${JSON.stringify({ trailer: true, count, sha256: hash.digest('hex') })}\n`, 'utf8'));
    flush();
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  fs.renameSync(temporary, destination);
  // The rename itself must survive a power cut too.
  fsyncDirectory(directory);
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

/** One line (its length already checked while it was read) → JSON value, keys and depth checked. */
function parseLine(bytes: Uint8Array, decoder: TextDecoder, limits: SyncFileLimits): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    return reject('den er ikke gyldig UTF-8.');
  }
  let value: unknown;
  try {
    // JSON.parse creates "__proto__" as an own property (no pollution), and checkKeysAndDepth refuses it.
    value = JSON.parse(text);
  } catch {
    return reject('den indeholder en linje, der ikke er gyldig JSON.');
  }
  checkKeysAndDepth(value, 0, limits.maxDepth);
  return value;
}

const damaged = 'den er ikke en Kredsbog-synkroniseringsfil, eller den er beskadiget eller ufuldstændig.';
const tooLong = (): never => reject('en linje er for lang.');
/** Compressed bytes read and inflated at a time: at most ≈ 1,032 times as much comes out of one chunk. */
const readChunkBytes = 64 * 1024;

type LineVisitor = (source: Buffer, start: number, end: number, index: number) => void;

/**
 * Splits inflated bytes into lines as they arrive. It holds only the line
 * being read and the latest complete line, refuses a line the moment it
 * grows past the limit, and hashes everything before the last line (what the
 * trailer's checksum covers) on the way, a chunk at a time.
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
    for (let newline = chunk.indexOf(0x0a); newline !== -1; newline = chunk.indexOf(0x0a, start)) {
      if (this.partialBytes > 0) {
        const length = this.partialBytes + newline;
        if (length > this.maxLineBytes) tooLong();
        const line = Buffer.concat([...this.partial, chunk.subarray(0, newline)], length);
        this.partial = [];
        this.partialBytes = 0;
        this.visit(line, 0, length, this.lines++);
      } else {
        if (newline - start > this.maxLineBytes) tooLong();
        this.visit(chunk, start, newline, this.lines++);
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

/**
 * Inflates an open gzip file a chunk at a time into `sink` (fflate's
 * streaming Gunzip: synchronous, so the callers stay synchronous). The
 * inflated size and ratio are checked after every chunk, and every gzip
 * member's CRC-32 and length against its own trailer, which fflate skips.
 */
function inflateFile(fd: number, size: number, limits: SyncFileLimits, sink: (chunk: Buffer) => void): number {
  const magic = Buffer.alloc(3);
  if (size < 18 || fs.readSync(fd, magic, 0, 3, 0) !== 3 || magic[0] !== 0x1f || magic[1] !== 0x8b || magic[2] !== 8) reject(damaged);
  let consumed = 0;
  let inflated = 0;
  let crc = 0;
  let memberBytes = 0;
  const trailer = Buffer.alloc(8);
  /** The 8 bytes before `end` are the finished member's CRC-32 and its inflated length (mod 2^32). */
  const checkMember = (end: number) => {
    if (end < 18 || fs.readSync(fd, trailer, 0, 8, end - 8) !== 8 || trailer.readUInt32LE(0) !== crc >>> 0 || trailer.readUInt32LE(4) !== memberBytes % 2 ** 32) reject(damaged);
    crc = 0;
    memberBytes = 0;
  };
  const gunzip = new Gunzip((data) => {
    if (data.length === 0) return;
    inflated += data.length;
    if (inflated > limits.maxUncompressedBytes) reject('den fylder for meget, når den pakkes ud.');
    if (inflated > limits.ratioGraceBytes && inflated > consumed * limits.maxCompressionRatio) reject('den pakker sig ud til langt mere end en rigtig synkroniseringsfil (mulig zip-bombe).');
    crc = zlib.crc32(data, crc);
    memberBytes += data.length;
    sink(Buffer.from(data.buffer, data.byteOffset, data.length));
  });
  gunzip.onmember = checkMember;
  try {
    while (consumed < size) {
      // A fresh buffer each time: fflate may keep a reference to the chunk it was given.
      const chunk = Buffer.allocUnsafe(Math.min(readChunkBytes, size - consumed));
      const read = fs.readSync(fd, chunk, 0, chunk.length, consumed);
      if (read === 0) reject(damaged);
      consumed += read;
      gunzip.push(read === chunk.length ? chunk : chunk.subarray(0, read), consumed >= size);
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    reject(damaged);
  }
  checkMember(size);
  return inflated;
}

/** What the first pass over a file establishes without parsing a single operation. */
export interface VerifiedSyncFile {
  readonly header: SyncHeader;
  /** The checksum the trailer carries, verified against the content. */
  readonly sha256: string;
  readonly operations: number;
  readonly compressedBytes: number;
  readonly inflatedBytes: number;
}

function parseHeader(line: Buffer, decoder: TextDecoder, limits: SyncFileLimits): SyncHeader {
  const value = parseLine(line, decoder, limits);
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

/**
 * Pass one: inflate, split and hash, parsing only the header (first) and
 * the trailer (last line). A line more than the header counts is refused
 * when it arrives; memory stays at one chunk and two lines.
 */
function verifyOpenFile(fd: number, size: number, limits: SyncFileLimits): VerifiedSyncFile {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let header: SyncHeader | undefined;
  let maxLines = limits.maxOperations + 2;
  const scanner = new LineScanner(limits.maxLineBytes, (source, start, end, index) => {
    if (index === 0) {
      header = parseHeader(source.subarray(start, end), decoder, limits);
      maxLines = header.counts.operations + 2;
    } else if (index >= maxLines) reject('antallet af ændringer passer ikke.');
  });
  const inflatedBytes = inflateFile(fd, size, limits, (chunk) => scanner.push(chunk));
  const { lines, last, sha256 } = scanner.end();
  if (lines < 2 || !header) return reject('den er tom eller ufuldstændig.');
  const trailer = syncTrailerSchema.safeParse(parseLine(last, decoder, limits));
  if (!trailer.success) return reject('den mangler sin afslutning (ufuldstændig fil).');
  if (sha256 !== trailer.data.sha256) reject('kontrolsummen passer ikke (filen er ændret eller beskadiget).');
  const operations = lines - 2;
  if (trailer.data.count !== operations || header.counts.operations !== operations) reject('antallet af ændringer passer ikke.');
  return { header, sha256, operations, compressedBytes: size, inflatedBytes };
}

/** Pass two: the same bytes again, every operation parsed and checked; the checksum must come out the same. */
function readOperations(fd: number, size: number, limits: SyncFileLimits, verified: VerifiedSyncFile, now: number): { operations: SyncOperation[]; warnings: string[] } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const operations: SyncOperation[] = [];
  let latest = 0;
  let previous = '';
  const changed = (): never => reject('den blev ændret, mens den blev læst.');
  const scanner = new LineScanner(limits.maxLineBytes, (source, start, end, index) => {
    // Line 0 is the header, line operations + 1 the trailer: both verified in pass one, and the checksum covers the header.
    if (index === 0 || index === verified.operations + 1) return;
    if (index > verified.operations + 1) changed();
    const parsed = syncOpLineSchema.safeParse(parseLine(source.subarray(start, end), decoder, limits));
    if (!parsed.success) return reject('den indeholder en ugyldig ændring.');
    const op = parsed.data;
    if (op.h < previous) reject('ændringerne står ikke i tidsrækkefølge.');
    // Several operations share a clock (one edit, several fields): decode each clock once.
    if (op.h !== previous) latest = Math.max(latest, decodeHlc(op.h).wall);
    previous = op.h;
    operations.push({ hlc: op.h, tbl: op.t, row_id: op.r, field: op.f, value: op.v, prev: op.p, origin: op.o });
  });
  inflateFile(fd, size, limits, (chunk) => scanner.push(chunk));
  const { lines, sha256 } = scanner.end();
  if (sha256 !== verified.sha256 || lines !== verified.operations + 2) changed();
  const warnings: string[] = [];
  if (latest > now + limits.maxFutureMs) reject('den indeholder ændringer dateret mere end et døgn ude i fremtiden (afsenderens ur går forkert).');
  if (latest > now + limits.warnFutureMs) warnings.push(`Afsenderens ur går ca. ${Math.round((latest - now) / 60_000)} minutter foran.`);
  return { operations, warnings };
}

function withOpenFile<T>(file: string, limits: SyncFileLimits, work: (fd: number, size: number) => T): T {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch {
    return reject('den findes ikke eller kan ikke læses.');
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) reject('den findes ikke eller kan ikke læses.');
    if (stat.size > limits.maxCompressedBytes) reject('den er for stor.');
    // Both passes read this descriptor: a file renamed over this one meanwhile is not read halfway.
    return work(fd, stat.size);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Checks a sync file without parsing its operations: gzip, sizes, line
 * lengths and count, header, trailer and checksum, all while streaming.
 * Cheap enough to ask of every file in the sync folder (is it complete?),
 * and the first half of `readSyncFile`.
 */
export function verifySyncFile(file: string, options: Pick<ReadSyncFileOptions, 'limits'> = {}): VerifiedSyncFile {
  const limits = { ...syncFileLimits, ...options.limits };
  return withOpenFile(file, limits, (fd, size) => verifyOpenFile(fd, size, limits));
}

/**
 * Reads and validates a whole sync file before anything touches the
 * database: size, gzip, UTF-8, JSON depth and keys, every line against its
 * schema, count and checksum, format version and clocks from the future.
 * The file is streamed twice (verify, then parse) and never held whole:
 * every limit is checked as the bytes come out of the decompressor, so a
 * gzip bomb is refused after a few megabytes, not after inflating it.
 * Throws a VALIDATION AppError with one Danish sentence naming the reason.
 */
export function readSyncFile(file: string, options: ReadSyncFileOptions = {}): ReadSyncFile {
  const limits = { ...syncFileLimits, ...options.limits };
  const now = options.now ?? Date.now();
  return withOpenFile(file, limits, (fd, size) => {
    const verified = verifyOpenFile(fd, size, limits);
    const { header, sha256 } = verified;
    if (options.alreadyImported?.(sha256)) return { header, operations: [], warnings: [], sha256, alreadyImported: true };
    const { operations, warnings } = readOperations(fd, size, limits, verified, now);
    return { header, operations, warnings, sha256, alreadyImported: false };
  });
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import zlib from 'node:zlib';
import { decodeHlc } from '../../common/hlc';
import { SYNC_READER_VERSION, syncHeaderSchema, syncOpLineSchema, syncTrailerSchema, type SyncHeader } from '../../common/sync-file.schema';
import { AppError } from '../../common/result';
import { fsyncDirectory } from '../files/atomic-write';
import type { SyncOperation } from './apply';

/** Limits that protect the app from hostile or broken files. */
export const syncFileLimits = {
  maxCompressedBytes: 512 * 1024 * 1024,
  maxUncompressedBytes: 4 * 1024 * 1024 * 1024 - 1,
  maxLineBytes: 2 * 1024 * 1024,
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

function checkKeysAndDepth(value: unknown, depth: number): void {
  if (depth > syncFileLimits.maxDepth) reject('den indeholder for dybt indlejrede data.');
  if (value && typeof value === 'object') {
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || key === 'constructor' || key === 'prototype') reject('den indeholder ugyldige nøgler.');
      checkKeysAndDepth((value as Record<string, unknown>)[key], depth + 1);
    }
  }
}

function parseLine(bytes: Buffer, decoder: TextDecoder): unknown {
  if (bytes.length > syncFileLimits.maxLineBytes) reject('en linje er for lang.');
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
  checkKeysAndDepth(value, 0);
  return value;
}

/**
 * Reads and validates a whole sync file before anything touches the
 * database: size, gzip, UTF-8, JSON depth and keys, every line against its
 * schema, count and checksum, format version and clocks from the future.
 * Throws a VALIDATION AppError with one Danish sentence naming the reason.
 */
export function readSyncFile(file: string, options: ReadSyncFileOptions = {}): ReadSyncFile {
  const now = options.now ?? Date.now();
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return reject('den findes ikke eller kan ikke læses.');
  }
  if (stat.size > syncFileLimits.maxCompressedBytes) reject('den er for stor.');
  let raw: Buffer;
  try {
    raw = zlib.gunzipSync(fs.readFileSync(file), { maxOutputLength: syncFileLimits.maxUncompressedBytes });
  } catch {
    return reject('den er ikke en Kredsbog-synkroniseringsfil, eller den er beskadiget eller ufuldstændig.');
  }
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const lines: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === 0x0a) {
      lines.push(raw.subarray(start, i));
      start = i + 1;
    }
  }
  if (start !== raw.length) reject('den slutter midt i en linje (ufuldstændig fil).');
  if (lines.length < 2) reject('den er tom eller ufuldstændig.');

  const headerParsed = syncHeaderSchema.safeParse(parseLine(lines[0]!, decoder));
  if (!headerParsed.success) {
    const raw0 = parseLine(lines[0]!, decoder) as { format?: unknown; minReaderVersion?: unknown };
    if (raw0 && raw0.format === 'kredsbog-sync' && typeof raw0.minReaderVersion === 'number' && raw0.minReaderVersion > SYNC_READER_VERSION) reject('den er lavet af en nyere version af Kredsbog. Opdatér Kredsbog først.');
    return reject('den har ikke et gyldigt Kredsbog-hoved.');
  }
  const header = headerParsed.data;
  if (header.minReaderVersion > SYNC_READER_VERSION) reject('den er lavet af en nyere version af Kredsbog. Opdatér Kredsbog først.');

  const trailer = syncTrailerSchema.safeParse(parseLine(lines.at(-1)!, decoder));
  if (!trailer.success) reject('den mangler sin afslutning (ufuldstændig fil).');
  const hash = createHash('sha256');
  for (let i = 0; i < lines.length - 1; i++) {
    hash.update(lines[i]!);
    hash.update('\n');
  }
  if (hash.digest('hex') !== trailer.data!.sha256) reject('kontrolsummen passer ikke (filen er ændret eller beskadiget).');
  const opLines = lines.slice(1, -1);
  if (trailer.data!.count !== opLines.length || header.counts.operations !== opLines.length) reject('antallet af ændringer passer ikke.');
  const sha256 = trailer.data!.sha256;
  if (options.alreadyImported?.(sha256)) return { header, operations: [], warnings: [], sha256, alreadyImported: true };

  const warnings: string[] = [];
  let latest = 0;
  const operations: SyncOperation[] = [];
  let previous = '';
  for (const line of opLines) {
    const parsed = syncOpLineSchema.safeParse(parseLine(line, decoder));
    if (!parsed.success) return reject('den indeholder en ugyldig ændring.');
    const op = parsed.data;
    if (op.h < previous) reject('ændringerne står ikke i tidsrækkefølge.');
    // Several operations share a clock (one edit, several fields): decode each clock once.
    if (op.h !== previous) latest = Math.max(latest, decodeHlc(op.h).wall);
    previous = op.h;
    operations.push({ hlc: op.h, tbl: op.t, row_id: op.r, field: op.f, value: op.v, prev: op.p, origin: op.o });
  }
  if (latest > now + syncFileLimits.maxFutureMs) reject('den indeholder ændringer dateret mere end et døgn ude i fremtiden (afsenderens ur går forkert).');
  if (latest > now + syncFileLimits.warnFutureMs) warnings.push(`Afsenderens ur går ca. ${Math.round((latest - now) / 60_000)} minutter foran.`);
  return { header, operations, warnings, sha256, alreadyImported: false };
}

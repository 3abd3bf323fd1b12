import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export type AtomicData = string | Uint8Array | Iterable<Uint8Array | string>;

/**
 * Writes a user file so that it is either the old file or the whole new one,
 * never half of it: a temporary file in the same folder (same file system,
 * so the rename is atomic), written, fsynced, renamed over the target, and
 * the folder fsynced so the rename itself survives a power cut.
 * Data may be chunks (an iterable): if producing a chunk throws, the
 * temporary file is removed and the target is untouched.
 *
 * @example
 *   writeFileAtomic('/home/karen/referat.docx', bytes);
 */
export function writeFileAtomic(file: string, data: AtomicData): void {
  const target = path.resolve(file);
  const directory = path.dirname(target);
  const temporary = temporaryNameFor(target);
  const fd = fs.openSync(temporary, 'wx');
  let closed = false;
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) writeAll(fd, data);
    else for (const chunk of data) writeAll(fd, chunk);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    closed = true;
    fs.renameSync(temporary, target);
  } catch (error) {
    if (!closed) fs.closeSync(fd);
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  fsyncDirectory(directory);
}

/** `.name.<pid>.<random>.tmp` beside the target; the leading dot keeps it out of most listings. */
export function temporaryNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

function writeAll(fd: number, chunk: string | Uint8Array): void {
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
  let offset = 0;
  while (offset < bytes.byteLength) offset += fs.writeSync(fd, bytes, offset, bytes.byteLength - offset);
}

/**
 * Makes a rename in `directory` durable. Windows cannot open a folder for
 * fsync (NTFS journals the rename itself); some file systems refuse it too —
 * both are fine to skip, the data itself is already on disk.
 */
export function fsyncDirectory(directory: string): void {
  if (process.platform === 'win32') return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(directory, 'r');
    fs.fsyncSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EINVAL' && code !== 'EPERM' && code !== 'EACCES' && code !== 'ENOTSUP') throw error;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Moves a file into place atomically (same folder / file system) and makes the move durable. */
export function renameDurably(from: string, to: string): void {
  fs.renameSync(from, to);
  fsyncDirectory(path.dirname(path.resolve(to)));
}

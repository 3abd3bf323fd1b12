import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { CloudProvider, LocationRisk } from '../../common/backups.domain';
import { AppError } from '../../common/result';
import { backupDatabase, type AppDatabase } from '../connection';
import { fsyncDirectory, renameDurably, temporaryNameFor, writeFileAtomic } from '../files/atomic-write';
import { databaseDigest } from '../maintenance';
import { backupDirFor, backupScopeOf, createBackup, fileSystemError, listBackups, removeDatabaseFiles, verifyDatabaseFile, type BackupScope } from './backups.service';
import BetterSqlite3 from 'better-sqlite3';

/**
 * Where the database lives. SQLite on a network share or in a folder that
 * OneDrive/Dropbox/iCloud/Google Drive synchronises is the classic way to
 * lose it (half-copied files, conflict copies, locks that do not work), so
 * the app warns and offers to move it; the chosen place is remembered in
 * kredsbog-location.json in the app's own folder.
 */

export interface LocationSystem {
  readonly platform: NodeJS.Platform;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** /proc/mounts text on Linux; null where not available. */
  readonly mounts: string | null;
}

export function currentSystem(): LocationSystem {
  let mounts: string | null = null;
  if (process.platform === 'linux') {
    try {
      mounts = fs.readFileSync('/proc/mounts', 'utf8');
    } catch {
      mounts = null;
    }
  }
  return { platform: process.platform, env: process.env, mounts };
}

const networkFileSystems = new Set(['cifs', 'smb3', 'smbfs', 'smb', 'nfs', 'nfs4', 'fuse.sshfs', 'sshfs', '9p', 'afs', 'ncpfs', 'davfs', 'fuse.davfs2', 'fuse.rclone', 'fuse.s3fs', 'glusterfs', 'ceph', 'fuse.glusterfs', 'lustre']);

/** Path segments that name a cloud-synchronised folder (compared case-insensitively). */
const cloudSegments: readonly [RegExp, CloudProvider][] = [
  [/^onedrive(?:$| - |-)/i, 'OneDrive'],
  [/^dropbox(?:$| \(|-)/i, 'Dropbox'],
  [/^icloud ?drive$/i, 'iCloud'],
  [/^com~apple~clouddocs$/i, 'iCloud'],
  [/^mobile documents$/i, 'iCloud'],
  [/^google ?drive(?:$|-| \()/i, 'Google Drive'],
  [/^(my drive|min drev|mit drev)$/i, 'Google Drive'],
];

function networkMessage(where: string): string {
  return `Databasen ligger på et netværksdrev (${where}). En SQLite-database kan blive beskadiget, hvis forbindelsen falder ud, eller hvis to computere åbner den samtidig. Flyt den til en mappe på denne computer — del data med kollegerne via synkroniseringsmappen (.kredsbog-filer) i stedet.`;
}

function cloudMessage(provider: CloudProvider): string {
  return `Databasen ligger i en mappe, som ${provider} synkroniserer. ${provider} kan kopiere filen midt i en ændring eller lave konfliktkopier, og så kan data gå tabt. Flyt databasen til en mappe uden for ${provider} — del data med kollegerne via synkroniseringsmappen (.kredsbog-filer) i stedet.`;
}

/**
 * Null when the place is fine; otherwise what is risky, with a Danish
 * message. Detects UNC paths (\\server\share), network file systems from
 * /proc/mounts on Linux (WSL's own Windows drives excepted) and folders of
 * OneDrive (also via the OneDrive/OneDriveCommercial variables), Dropbox,
 * iCloud Drive and Google Drive. Mapped network drive letters on Windows
 * cannot be told from local disks without a native call and are not detected.
 */
export function databaseLocationRisk(file: string, system: LocationSystem = currentSystem()): LocationRisk | null {
  const windows = system.platform === 'win32' || /^[a-zA-Z]:[\\/]/.test(file) || file.startsWith('\\\\');
  const unc = /^(?:\\\\|\/\/)(?![?.][\\/])([^\\/]+)[\\/]+([^\\/]+)/.exec(file) ?? /^\\\\\?\\UNC\\([^\\]+)\\([^\\]+)/i.exec(file);
  if (unc) return { kind: 'network', message: networkMessage(`\\\\${unc[1]}\\${unc[2]}`) };

  const resolved = windows ? path.win32.resolve(file) : path.posix.resolve(file);
  for (const name of ['OneDrive', 'OneDriveCommercial', 'OneDriveConsumer']) {
    const root = system.env[name];
    if (root && isInside(resolved, root, windows)) return { kind: 'cloud-sync', provider: 'OneDrive', message: cloudMessage('OneDrive') };
  }
  const segments = resolved.split(/[\\/]+/).slice(0, -1);
  for (const segment of segments) {
    for (const [pattern, provider] of cloudSegments) {
      if (pattern.test(segment)) return { kind: 'cloud-sync', provider, message: cloudMessage(provider) };
    }
  }
  if (!windows && system.mounts) {
    const mount = mountOf(resolved, system.mounts);
    if (mount && networkFileSystems.has(mount.type) && !(mount.type === '9p' && /(?:^|[,;])aname=drvfs/.test(mount.options))) {
      return { kind: 'network', message: networkMessage(mount.source) };
    }
  }
  return null;
}

function isInside(file: string, folder: string, windows: boolean): boolean {
  const p = windows ? path.win32 : path.posix;
  const relative = p.relative(p.resolve(folder), file);
  const inside = relative !== '' && !relative.startsWith('..') && !p.isAbsolute(relative);
  return windows ? inside && !/^[a-zA-Z]:/.test(relative) : inside;
}

/** The /proc/mounts entry with the longest mount point containing `file` (octal escapes like \040 decoded). */
export function mountOf(file: string, mounts: string): { readonly source: string; readonly mountPoint: string; readonly type: string; readonly options: string } | null {
  let best: { source: string; mountPoint: string; type: string; options: string } | null = null;
  for (const line of mounts.split('\n')) {
    const [source, rawPoint, type, options] = line.trim().split(/\s+/);
    if (!source || !rawPoint || !type) continue;
    const mountPoint = rawPoint.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
    const contains = mountPoint === '/' || file === mountPoint || file.startsWith(`${mountPoint}/`);
    if (contains && (!best || mountPoint.length >= best.mountPoint.length)) best = { source: source.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8))), mountPoint, type, options: options ?? '' };
  }
  return best;
}

export const locationFileName = 'kredsbog-location.json';
export const databaseFileName = 'kredsbog.sqlite';
const locationSchema = z.object({ databaseFile: z.string().min(1) });

/**
 * Which database to open: the one remembered in kredsbog-location.json in
 * the app's folder (after "Flyt databasen"), else kredsbog.sqlite there.
 * `moved` tells the caller to open with `mustExist` (never start empty
 * because a drive is not connected).
 */
export function databaseFileFor(userDataDir: string): { readonly file: string; readonly moved: boolean } {
  const fallback = { file: path.join(userDataDir, databaseFileName), moved: false };
  let text: string;
  try {
    text = fs.readFileSync(path.join(userDataDir, locationFileName), 'utf8');
  } catch {
    return fallback;
  }
  try {
    const parsed = locationSchema.safeParse(JSON.parse(text));
    if (!parsed.success || !path.isAbsolute(parsed.data.databaseFile)) return fallback;
    const file = path.resolve(parsed.data.databaseFile);
    return file === fallback.file ? fallback : { file, moved: true };
  } catch {
    return fallback;
  }
}

export function rememberDatabaseFile(userDataDir: string, file: string): void {
  fs.mkdirSync(userDataDir, { recursive: true });
  writeFileAtomic(path.join(userDataDir, locationFileName), `${JSON.stringify({ databaseFile: path.resolve(file) }, null, 2)}\n`);
}

/**
 * "Flyt databasen": a 'foer-flytning' backup, then a copy with the backup
 * API into `toFolder/kredsbog.sqlite`, checked (integrity_check and the same
 * data digest) before it counts; the backups are copied along. The old file
 * is left where it was. The caller remembers the new place
 * (rememberDatabaseFile) and reopens the database there.
 */
export async function moveDatabase(app: AppDatabase, toFolder: string, now = new Date()): Promise<string> {
  if (app.file === ':memory:') throw new AppError('VALIDATION', 'En database i hukommelsen kan ikke flyttes.');
  const folder = path.resolve(toFolder);
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) {
    throw new AppError('VALIDATION', `Mappen ${folder} findes ikke.`, [{ path: ['folder'], message: 'validation.folder' }]);
  }
  const target = path.join(folder, databaseFileName);
  if (path.resolve(target) === path.resolve(app.file)) throw new AppError('VALIDATION', 'Databasen ligger allerede i den mappe.', [{ path: ['folder'], message: 'validation.invalid' }]);
  if (fs.existsSync(target)) throw new AppError('CONFLICT', `Der ligger allerede en database i ${folder}. Vælg en tom mappe — den eksisterende fil er ikke rørt.`);
  await createBackup(app, 'foer-flytning', now);
  const staged = temporaryNameFor(target);
  try {
    await backupDatabase(app.sqlite, staged);
    const checked = verifyDatabaseFile(staged, app.nativeBinding);
    if (!checked.ok || digestOf(staged, app.nativeBinding) !== databaseDigest(app.sqlite)) {
      throw new AppError('INTERNAL', 'Kopien af databasen kunne ikke bekræftes. Databasen er ikke flyttet, og intet er ændret.');
    }
    for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${staged}${suffix}`, { force: true });
    copyBackups(backupScopeOf(app), backupDirFor({ file: target }));
    renameDurably(staged, target);
  } catch (error) {
    removeDatabaseFiles(staged);
    throw fileSystemError(error, 'Databasen kunne ikke flyttes');
  }
  return target;
}

function digestOf(file: string, nativeBinding?: string): string {
  const sqlite = new BetterSqlite3(file, { fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
  try {
    return databaseDigest(sqlite);
  } finally {
    sqlite.close();
  }
}

/** This database's backups (never another's from the same folder) are complete, closed files: a byte copy under a temporary name, renamed into place. */
function copyBackups(scope: BackupScope, to: string): void {
  const from = scope.dir;
  const entries = listBackups(scope);
  if (entries.length === 0) return;
  fs.mkdirSync(to, { recursive: true });
  for (const entry of entries) {
    const destination = path.join(to, entry.name);
    if (fs.existsSync(destination)) continue;
    const temporary = temporaryNameFor(destination);
    try {
      fs.copyFileSync(path.join(from, entry.name), temporary, fs.constants.COPYFILE_EXCL);
      fs.renameSync(temporary, destination);
    } catch (error) {
      fs.rmSync(temporary, { force: true });
      throw error;
    }
  }
  fsyncDirectory(to);
}

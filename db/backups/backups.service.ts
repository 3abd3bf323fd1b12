import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { getISOWeek, getISOWeekYear } from 'date-fns';
import { backupFileNamePattern, type BackupEntry, type BackupKind, type BackupRestoreResult } from '../../common/backups.domain';
import { AppError } from '../../common/result';
import { danishDate } from '../../common/time';
import { backupDatabase, backupName, defaultBackupDir, migrateDatabase, openSqlite, type AppDatabase } from '../connection';
import { fsyncDirectory, temporaryNameFor } from '../files/atomic-write';
import { migrationNames } from '../migrations';
import { databaseIdIn, ensureDatabaseId, ownerTag, ownerTagOfFile } from './backup-owner';

/**
 * Backups beside the database (`backups/`), taken with SQLite's online backup
 * API: daily on the first start of a day, by hand, and before every risky
 * change ('foer-import', 'foer-migrering-N', 'foer-gendannelse', 'foer-flytning').
 * Rotation keeps 7 daily, 4 weekly and 12 monthly backups, every 'foer-…'
 * and every manual backup of the last 7 days, and never the newest one.
 * Backups belong to their database (backup-owner.ts): two databases in one
 * folder never see, rotate or restore each other's backups.
 */

/**
 * How many of each the rotation keeps: the newest backup of each of the last
 * N days/ISO weeks/months that have backups (Danish time); safety ('foer-…')
 * and manual backups are all kept for `keepAllDays`.
 */
export const retention = { daily: 7, weekly: 4, monthly: 12, keepAllDays: 7 } as const;

/**
 * The most backups rotation keeps of one database that takes at most one
 * safety backup and one daily backup a day (what the app does by itself:
 * imports are protected once a day, import-protection.ts): the safety ones
 * of the last 7 days (up to 8 Danish dates), the newest of 7 days, 4 weeks
 * and 12 months, and the newest overall.
 */
export const maxAutomaticBackups = retention.keepAllDays + 1 + retention.daily + retention.weekly + retention.monthly + 1;

const sqliteHeader = Buffer.from('SQLite format 3\0', 'latin1');

export function backupDirFor(app: Pick<AppDatabase, 'file'>): string {
  return defaultBackupDir(app.file);
}

/** Whose backups, where: the folder and the owning database's tag (null: a database without an id has no backups it can tell apart). */
export interface BackupScope {
  readonly dir: string;
  readonly owner: string | null;
  /** For reading the id inside backups written before ids were in names. */
  readonly nativeBinding?: string;
}

/** This database's backups. Only reads: a database without an id yet gets one with its first backup (createBackup). */
export function backupScopeOf(app: Pick<AppDatabase, 'file' | 'sqlite' | 'nativeBinding'>): BackupScope {
  const id = app.file === ':memory:' ? null : databaseIdIn(app.sqlite);
  return { dir: backupDirFor(app), owner: id === null ? null : ownerTag(id), ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}) };
}

export function backupKind(reason: string): BackupKind {
  if (reason === 'dagligt') return 'daily';
  if (reason.startsWith('foer-')) return 'safety';
  return 'manual';
}

/** Reason, UTC instant and owner tag (null in names of older versions) of a backup file name, or null for any other file. */
export function parseBackupName(name: string): { readonly reason: string; readonly createdAt: string; readonly owner: string | null } | null {
  const match = backupFileNamePattern.exec(name);
  if (!match) return null;
  const [, owner, day, hh, mm, ss, ms, reason] = match as unknown as [string, string | undefined, string, string, string, string, string, string];
  const createdAt = `${day}T${hh}:${mm}:${ss}.${ms}Z`;
  if (Number.isNaN(Date.parse(createdAt))) return null;
  return { reason, createdAt, owner: owner ?? null };
}

/**
 * This database's backups in the scope's folder, newest first: those named
 * with its tag, and those of older versions (no tag in the name) whose file
 * holds its id. Other databases' backups and files with other names
 * (temporary, damaged copies, the user's own) are not listed.
 */
export function listBackups(scope: BackupScope): BackupEntry[] {
  const { dir, owner } = scope;
  if (owner === null) return [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const entries: BackupEntry[] = [];
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    if (parsed.owner !== null && parsed.owner !== owner) continue;
    let stat: fs.Stats;
    try {
      stat = fs.statSync(path.join(dir, name));
    } catch {
      continue;
    }
    if (!stat.isFile()) continue;
    if (parsed.owner === null && ownerTagOfFile(path.join(dir, name), scope.nativeBinding) !== owner) continue;
    entries.push({ name, reason: parsed.reason, createdAt: parsed.createdAt, size: stat.size, kind: backupKind(parsed.reason) });
  }
  return entries.sort(newestFirst);
}

/** The owner tags the backups in `dir` carry (in their names, or inside for older ones): for a damaged start that cannot read its own id. */
export function backupOwnersIn(dir: string, nativeBinding?: string): Set<string> {
  const owners = new Set<string>();
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return owners;
  }
  for (const name of names) {
    const parsed = parseBackupName(name);
    if (!parsed) continue;
    const owner = parsed.owner ?? ownerTagOfFile(path.join(dir, name), nativeBinding);
    if (owner !== null) owners.add(owner);
  }
  return owners;
}

function newestFirst(a: Pick<BackupEntry, 'createdAt' | 'name'>, b: Pick<BackupEntry, 'createdAt' | 'name'>): number {
  return a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : a.name < b.name ? 1 : a.name > b.name ? -1 : 0;
}

/** A backup of the open database into its backup folder. */
/**
 * Copies the file through a read-only connection of its own with a small page
 * cache. The backup reads every page once; through the app's connection it
 * would fill that connection's 64 MiB cache (+64 MB in the process at scale
 * 10) and evict the pages the window reads. The copy is of the last commit,
 * which is the database as the caller sees it: backups are taken between
 * transactions.
 */
async function backupThroughOwnConnection(app: AppDatabase, destination: string): Promise<void> {
  const source = new BetterSqlite3(app.file, { readonly: true, fileMustExist: true, ...(app.nativeBinding ? { nativeBinding: app.nativeBinding } : {}) });
  try {
    source.pragma('cache_size = -2000');
    await backupDatabase(source, destination);
  } finally {
    source.close();
  }
}

export async function createBackup(app: AppDatabase, reason: string, now = new Date()): Promise<BackupEntry> {
  if (app.file === ':memory:') throw new AppError('VALIDATION', 'En database i hukommelsen kan ikke sikkerhedskopieres.');
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(reason)) throw new Error(`invalid backup reason: ${reason}`);
  const dir = backupDirFor(app);
  let id: string | null;
  try {
    id = ensureDatabaseId(app.sqlite);
  } catch (error) {
    throw fileSystemError(error, 'Sikkerhedskopien kunne ikke gemmes');
  }
  const name = backupName(reason, now, id === null ? null : ownerTag(id));
  try {
    await backupThroughOwnConnection(app, path.join(dir, name));
    fsyncDirectory(dir);
  } catch (error) {
    throw fileSystemError(error, 'Sikkerhedskopien kunne ikke gemmes');
  }
  const size = fs.statSync(path.join(dir, name)).size;
  return { name, reason, createdAt: now.toISOString(), size, kind: backupKind(reason) };
}

/** Danish messages for the file-system failures a user can act on; anything else is passed on unchanged. */
export function fileSystemError(error: unknown, what: string): unknown {
  if (error instanceof AppError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'ENOSPC' || code === 'SQLITE_FULL' || code === 'EDQUOT') return new AppError('DISK_FULL', `${what}: disken er fuld. Intet er ændret — frigør plads og prøv igen.`);
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_READONLY')) {
    return new AppError('DB_READ_ONLY', `${what}: mappen eller filen er skrivebeskyttet. Intet er ændret.`);
  }
  if (code.startsWith('SQLITE_BUSY')) return new AppError('DB_BUSY', `${what}: databasen er optaget. Intet er ændret — prøv igen om lidt.`);
  return error;
}

type Dated = Pick<BackupEntry, 'name' | 'reason' | 'createdAt'>;

/**
 * The names rotation keeps, from all backups and the current time: the
 * newest backup of each of the last 7 Danish days that have backups, of the
 * last 4 ISO weeks and of the last 12 months; every 'foer-…' and every
 * manual backup of the last 7 days (a user who took one on purpose expects
 * to find it); the newest backup overall; and anything dated in the future
 * (the clock was wrong — never delete what cannot be placed).
 */
export function backupsToKeep(entries: readonly Dated[], now: Date): Set<string> {
  const sorted = [...entries].sort(newestFirst);
  const keep = new Set<string>();
  if (sorted[0]) keep.add(sorted[0].name);
  const nowMs = now.getTime();
  const keepAllFrom = nowMs - retention.keepAllDays * 86_400_000;
  for (const e of sorted) {
    const at = Date.parse(e.createdAt);
    if (at > nowMs) keep.add(e.name);
    if ((e.reason.startsWith('foer-') || e.reason === 'manuel') && at >= keepAllFrom) keep.add(e.name);
  }
  const buckets: readonly [number, (e: Dated) => string][] = [
    [retention.daily, (e) => danishDate(e.createdAt)],
    [retention.weekly, (e) => isoWeekOf(danishDate(e.createdAt))],
    [retention.monthly, (e) => danishDate(e.createdAt).slice(0, 7)],
  ];
  for (const [count, bucketOf] of buckets) {
    const seen = new Set<string>();
    for (const e of sorted) {
      const bucket = bucketOf(e);
      if (seen.has(bucket)) continue;
      if (seen.size === count) break;
      seen.add(bucket);
      keep.add(e.name);
    }
  }
  return keep;
}

/** "2026-W48" of a Danish calendar date. */
export function isoWeekOf(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const day = new Date(y, m - 1, d, 12);
  return `${getISOWeekYear(day)}-W${String(getISOWeek(day)).padStart(2, '0')}`;
}

/**
 * Deletes the backups rotation does not keep. Only complete backups are
 * candidates: a file without a SQLite header (damaged, half-copied by hand)
 * neither counts as "the newest" nor is deleted.
 */
export function pruneBackups(scope: BackupScope, now = new Date()): { readonly kept: string[]; readonly deleted: string[] } {
  const { dir } = scope;
  const complete = listBackups(scope).filter((e) => hasSqliteHeader(path.join(dir, e.name)));
  const keep = backupsToKeep(complete, now);
  const deleted: string[] = [];
  for (const e of complete) {
    if (keep.has(e.name)) continue;
    fs.rmSync(path.join(dir, e.name), { force: true });
    deleted.push(e.name);
  }
  if (deleted.length > 0) fsyncDirectory(dir);
  return { kept: complete.filter((e) => keep.has(e.name)).map((e) => e.name), deleted };
}

export function hasSqliteHeader(file: string): boolean {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const header = Buffer.alloc(sqliteHeader.length);
    return fs.readSync(fd, header, 0, header.length, 0) === header.length && header.equals(sqliteHeader);
  } catch {
    return false;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** On the first start of a (Danish) day: a 'dagligt' backup, then rotation. Null when today already has a backup. */
export async function ensureDailyBackup(app: AppDatabase, now = new Date()): Promise<BackupEntry | null> {
  if (app.file === ':memory:') return null;
  const scope = backupScopeOf(app);
  const today = danishDate(now);
  const existing = listBackups(scope).filter((e) => danishDate(e.createdAt) === today && hasSqliteHeader(path.join(scope.dir, e.name)));
  if (existing.length > 0) return null;
  const entry = await createBackup(app, 'dagligt', now);
  pruneBackups(backupScopeOf(app), now);
  return entry;
}

export type VerifyResult =
  | { readonly ok: true }
  | { readonly ok: false; readonly problem: 'damaged' | 'newer-version' | 'not-kredsbog' | 'other-database'; readonly detail: string };

/**
 * Full `PRAGMA integrity_check` of a database file plus: is it Kredsbog's,
 * can this version open it, and — given `owner` — is it that database's
 * (the id inside the file, not its name). Opens the file read-write in WAL
 * mode, so call it on a copy, never on a kept backup.
 */
export function verifyDatabaseFile(file: string, nativeBinding?: string, owner?: string): VerifyResult {
  if (!hasSqliteHeader(file)) return { ok: false, problem: 'damaged', detail: 'ikke en SQLite-fil' };
  let sqlite: BetterSqlite3.Database | undefined;
  try {
    // With the app's SQL functions: integrity_check evaluates the dk_sort/dk_fold expression indexes.
    sqlite = openSqlite(file, nativeBinding ? { nativeBinding } : {});
    const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
    if (rows.length !== 1 || rows[0]?.integrity_check !== 'ok') return { ok: false, problem: 'damaged', detail: rows.map((r) => r.integrity_check).slice(0, 5).join('; ') };
    const table = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'kysely_migration'`).get();
    if (!table) return { ok: false, problem: 'not-kredsbog', detail: 'ingen kysely_migration' };
    const applied = sqlite.prepare('SELECT name FROM kysely_migration').pluck().all() as string[];
    if (applied.some((name) => !migrationNames.includes(name))) return { ok: false, problem: 'newer-version', detail: 'ukendte migreringer' };
    if (owner !== undefined) {
      const id = databaseIdIn(sqlite);
      if (id === null || ownerTag(id) !== owner) return { ok: false, problem: 'other-database', detail: 'en anden databases id' };
    }
    return { ok: true };
  } catch (error) {
    const code = String((error as { code?: unknown }).code ?? '');
    if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' || code.startsWith('SQLITE_IOERR')) return { ok: false, problem: 'damaged', detail: code };
    throw error;
  } finally {
    sqlite?.close();
  }
}

/** A copy of `source` beside `besideFile` under a temporary name (same file system as the final place). */
export function stageCopy(source: string, besideFile: string): string {
  const staged = temporaryNameFor(besideFile);
  try {
    fs.copyFileSync(source, staged, fs.constants.COPYFILE_EXCL);
    // A backup someone opened by hand may hold committed pages in its -wal: they belong to it.
    if (fs.existsSync(`${source}-wal`)) fs.copyFileSync(`${source}-wal`, `${staged}-wal`, fs.constants.COPYFILE_EXCL);
  } catch (error) {
    removeDatabaseFiles(staged);
    throw error;
  }
  return staged;
}

/** Removes a database file and its -wal, -shm and -journal. */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(`${file}${suffix}`, { force: true });
}

export function verifyProblemMessage(name: string, result: Exclude<VerifyResult, { ok: true }>): AppError {
  if (result.problem === 'newer-version') {
    return new AppError('DB_FROM_NEWER_VERSION', `Sikkerhedskopien ${name} er gemt af en nyere version af Kredsbog og kan ikke gendannes her. Intet er ændret.`);
  }
  if (result.problem === 'not-kredsbog') return new AppError('VALIDATION', `Filen ${name} er ikke en Kredsbog-database. Intet er ændret.`);
  if (result.problem === 'other-database') {
    return new AppError('VALIDATION', `Sikkerhedskopien ${name} hører til en anden database i samme mappe og kan ikke gendannes her. Intet er ændret.`);
  }
  return new AppError('VALIDATION', `Sikkerhedskopien ${name} er beskadiget og kan ikke bruges. Intet er ændret — vælg en anden sikkerhedskopi.`);
}

/** Checks every backup of this database (a copy of each, so the backups themselves are never opened): for `backups check`. */
export function checkBackups(app: Pick<AppDatabase, 'file' | 'sqlite' | 'nativeBinding'>): { readonly entry: BackupEntry; readonly result: VerifyResult }[] {
  const scope = backupScopeOf(app);
  const { dir, owner } = scope;
  return listBackups(scope).map((entry) => {
    const staged = stageCopy(path.join(dir, entry.name), path.join(dir, entry.name));
    try {
      return { entry, result: verifyDatabaseFile(staged, app.nativeBinding, owner ?? undefined) };
    } finally {
      removeDatabaseFiles(staged);
    }
  });
}

/**
 * "Gendan": the chosen backup is copied and checked (integrity_check, made by
 * Kredsbog, not by a newer version, this database's by the id inside it)
 * before anything changes; then the current
 * database is backed up ('foer-gendannelse'); then the backup is written INTO
 * the live database with SQLite's backup API, as one write transaction — the
 * open connection sees the restored data, and a crash midway leaves the old
 * database. Finally an older backup is migrated to this version.
 * The host should reopen the database afterwards (fresh caches, restarted
 * sync-folder schedule); the connection stays usable if it does not.
 */
export async function restoreBackup(app: AppDatabase, name: string, now = new Date()): Promise<BackupRestoreResult> {
  if (app.file === ':memory:') throw new AppError('VALIDATION', 'En database i hukommelsen kan ikke gendannes.');
  const scope = backupScopeOf(app);
  const { dir, owner } = scope;
  const entry = owner === null ? undefined : listBackups(scope).find((e) => e.name === name);
  if (!entry || owner === null) throw new AppError('NOT_FOUND', `Sikkerhedskopien ${name} findes ikke (længere).`);
  let staged: string;
  try {
    staged = stageCopy(path.join(dir, name), app.file);
  } catch (error) {
    throw fileSystemError(error, 'Sikkerhedskopien kunne ikke læses');
  }
  try {
    const verified = verifyDatabaseFile(staged, app.nativeBinding, owner);
    if (!verified.ok) throw verifyProblemMessage(name, verified);
    const safetyBackup = await createBackup(app, 'foer-gendannelse', now);
    const source = openSqlite(staged, app.nativeBinding ? { nativeBinding: app.nativeBinding } : {});
    try {
      // All remaining pages in one step: the live database is never left waiting on a half-done restore between event-loop turns.
      await source.backup(app.file, { progress: () => 0x7fffffff });
    } catch (error) {
      throw fileSystemError(error, 'Gendannelsen mislykkedes');
    } finally {
      source.close();
    }
    await migrateDatabase(app);
    return { restoredFrom: entry, safetyBackup };
  } finally {
    removeDatabaseFiles(staged);
  }
}

/** Used by safe-open: a verified copy of the newest usable backup of the scope's database, staged beside `file`, or null. */
export function stageNewestGoodBackup(scope: BackupScope, file: string): { readonly entry: BackupEntry; readonly staged: string } | null {
  const { dir, owner, nativeBinding } = scope;
  if (owner === null) return null;
  for (const entry of listBackups(scope)) {
    const staged = stageCopy(path.join(dir, entry.name), file);
    let good = false;
    try {
      good = verifyDatabaseFile(staged, nativeBinding, owner).ok;
    } finally {
      if (!good) removeDatabaseFiles(staged);
    }
    if (good) {
      // The check may have left -wal/-shm of the staged copy; the copy is complete without them once closed.
      for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${staged}${suffix}`, { force: true });
      return { entry, staged };
    }
  }
  return null;
}

import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { recoveryInfoSchema, type RecoveryInfo } from '../../common/backups.domain';
import { AppError } from '../../common/result';
import { defaultBackupDir, openDatabase, type AppDatabase, type OpenDatabaseOptions } from '../connection';
import { renameDurably } from '../files/atomic-write';
import type { Database } from '../schema';
import { ownerTagOfFile } from './backup-owner';
import { probe } from './probe';
import { backupOwnersIn, ensureDailyBackup, removeDatabaseFiles, stageNewestGoodBackup, type BackupScope } from './backups.service';

export interface SafeOpenOptions extends OpenDatabaseOptions {
  readonly now?: Date;
  /** Take the day's first backup (default on). */
  readonly dailyBackup?: boolean;
  /** The database is known to be there (a moved one, from kredsbog-location.json): refuse to start empty when it is missing. */
  readonly mustExist?: boolean;
  /**
   * Files larger than this many bytes open after a light probe (the schema
   * and the small bookkeeping tables); the caller runs the full quick_check
   * in the background (`fullCheckPending`). Default: always the full check.
   */
  readonly fullCheckUpTo?: number;
}

/** What the hosts pass: up to 64 MiB the full quick_check takes well under a second even from a cold disk. */
export const startupFullCheckBytes = 64 * 1024 * 1024;

export interface SafeOpenResult {
  readonly app: AppDatabase;
  /** Set when the database was damaged and this start recovered from it: tell the user. */
  readonly recovery: RecoveryInfo | null;
  /** Only the light probe ran: run `probe(file)` (the full quick_check) and the daily backup in the background. */
  readonly fullCheckPending: boolean;
}

/** Below this much free space the app does not start: every save would fail halfway through a day's work. */
export const minimumFreeBytes = 1024 * 1024;

/**
 * Opens the database at start, in place of openDatabase: refuses a read-only
 * location or a full disk with a clear Danish AppError (nothing changed),
 * runs `PRAGMA quick_check`, and when the file is damaged (or SQLite says
 * SQLITE_CORRUPT/SQLITE_NOTADB) keeps it aside as
 * `kredsbog-beskadiget-<tid>.sqlite` and restores the newest backup that
 * passes integrity_check — or starts empty when there is none. Then the
 * day's first backup. The recovery is also stored (local_setting) until the
 * user has read the notice.
 */
export async function openDatabaseSafely(file: string, options: SafeOpenOptions = {}): Promise<SafeOpenResult> {
  const now = options.now ?? new Date();
  const resolved = path.resolve(file);
  try {
    preflight(resolved, options);
    const light = fs.existsSync(resolved) && fs.statSync(resolved).size > (options.fullCheckUpTo ?? Number.POSITIVE_INFINITY);
    const recovery = probe(resolved, options.nativeBinding, true, light ? 'light' : 'full') === 'damaged' ? recover(resolved, options, now) : null;
    const app = await openDatabase(resolved, options);
    try {
      if (recovery) await recordRecovery(app.db, recovery);
      // A large file's daily backup takes seconds: the host takes it once the window is up (fullCheckPending).
      if (options.dailyBackup !== false && !light) await ensureDailyBackup(app, now);
    } catch (error) {
      await app.close();
      throw error;
    }
    return { app, recovery, fullCheckPending: light && recovery === null };
  } catch (error) {
    throw startupError(error, resolved);
  }
}

function preflight(file: string, options: SafeOpenOptions): void {
  const dir = path.dirname(file);
  if (options.mustExist && !fs.existsSync(file)) {
    throw new AppError('NOT_FOUND', `Databasen findes ikke på ${file}. Er drevet eller mappen tilgængelig? Kredsbog har ikke oprettet en ny, tom database.`);
  }
  fs.mkdirSync(dir, { recursive: true });
  try {
    fs.accessSync(dir, fs.constants.W_OK);
    if (fs.existsSync(file)) fs.accessSync(file, fs.constants.R_OK | fs.constants.W_OK);
  } catch {
    throw readOnlyError(file);
  }
  const free = freeBytes(dir);
  if (free !== null && free < minimumFreeBytes) throw diskFullError(file);
}

function freeBytes(dir: string): number | null {
  try {
    const stats = fs.statfsSync(dir);
    return Number(stats.bavail) * Number(stats.bsize);
  } catch {
    return null;
  }
}

function readOnlyError(file: string): AppError {
  return new AppError(
    'DB_READ_ONLY',
    `Kredsbog kan ikke skrive i databasen ${file}: filen eller mappen er skrivebeskyttet. Kredsbog er ikke startet, og intet er ændret. Giv skriveadgang, eller flyt databasen til en mappe, du kan skrive i.`,
  );
}

function diskFullError(file: string): AppError {
  return new AppError('DISK_FULL', `Disken med databasen (${path.dirname(file)}) er fuld. Kredsbog er ikke startet, og intet er ændret — frigør plads og start igen.`);
}

/** Maps what can go wrong at start to the closed error set with a Danish message; AppErrors pass through. */
export function startupError(error: unknown, file: string): unknown {
  if (error instanceof AppError) return error;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return readOnlyError(file);
  if (code === 'SQLITE_FULL' || code === 'ENOSPC' || code === 'EDQUOT') return diskFullError(file);
  return error;
}

/**
 * Stages and verifies the replacement first, so a failure before the swap
 * changes nothing; then moves the damaged file with its -wal/-shm aside
 * (a stale -wal must never meet the restored file) and renames the
 * replacement into place.
 */
function recover(file: string, options: SafeOpenOptions, now: Date): RecoveryInfo {
  const damaged = path.join(path.dirname(file), `kredsbog-beskadiget-${now.toISOString().replace(/[:.]/g, '-')}.sqlite`);
  const good = stageNewestGoodBackup(recoveryScope(file, options), file);
  try {
    for (const suffix of ['-wal', '-shm', '-journal', '']) {
      if (fs.existsSync(`${file}${suffix}`)) renameDurably(`${file}${suffix}`, `${damaged}${suffix}`);
    }
    if (good) renameDurably(good.staged, file);
  } catch (error) {
    if (good) removeDatabaseFiles(good.staged);
    throw error;
  }
  return {
    restoredFrom: good?.entry.name ?? null,
    backupTakenAt: good?.entry.createdAt ?? null,
    damagedFileKeptAt: damaged,
    recoveredAt: now.toISOString(),
  };
}

/**
 * Whose backups a damaged database may be restored from: its own, by the id
 * still readable inside it; when the damage hides the id, the backups of the
 * one database the folder holds backups of — never a guess between two.
 */
function recoveryScope(file: string, options: SafeOpenOptions): BackupScope {
  const dir = options.backupDir ?? defaultBackupDir(file);
  let owner = ownerTagOfFile(file, options.nativeBinding);
  if (owner === null) {
    const owners = [...backupOwnersIn(dir, options.nativeBinding)];
    owner = owners.length === 1 ? owners[0]! : null;
  }
  return { dir, owner, ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}) };
}

const recoveryKey = 'backups.recovery';

/** Kept in local_setting (this installation only) until the user has read the notice. */
export async function recordRecovery(db: Kysely<Database>, info: RecoveryInfo): Promise<void> {
  const value = JSON.stringify(info);
  await db.insertInto('local_setting').values({ key: recoveryKey, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
}

export async function readRecovery(db: Kysely<Database>): Promise<RecoveryInfo | null> {
  const row = await db.selectFrom('local_setting').select('value').where('key', '=', recoveryKey).executeTakeFirst();
  if (!row) return null;
  try {
    const parsed = recoveryInfoSchema.safeParse(JSON.parse(row.value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function clearRecovery(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('local_setting').where('key', '=', recoveryKey).execute();
}

import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, type MigrationProvider } from 'kysely';
import { AppError } from '../common/result';
import { danishSortKey, foldDanish } from '../common/text-fold';
import { ensureDatabaseId, ownerTag } from './backups/backup-owner';
import { migrationNames, migrations, schemaVersion } from './migrations';
import { SafeRollbackSqliteDialect } from './safety/safe-rollback-dialect';
import type { Database } from './schema';

export interface OpenDatabaseOptions {
  /** Path to a better_sqlite3.node built for the running runtime (Electron passes its own). */
  readonly nativeBinding?: string;
  /** Folder for automatic backups; defaults to `backups/` beside the database file. */
  readonly backupDir?: string;
}

export interface AppDatabase {
  readonly file: string;
  readonly sqlite: BetterSqlite3.Database;
  readonly db: Kysely<Database>;
  readonly schemaVersion: number;
  /** The native binding it was opened with, so a second connection (backup, restore) loads the same one. */
  readonly nativeBinding?: string;
  close(): Promise<void>;
}

const MIGRATION_TABLE = 'kysely_migration';

/**
 * Opens (creating if needed) the SQLite file with the pragmas the data
 * guarantees depend on, refuses a database from a newer app version, backs
 * the file up before pending migrations and runs them.
 *
 * @example
 *   const app = await openDatabase('/tmp/k.sqlite');
 *   const kommuner = await app.db.selectFrom('kommune').selectAll().execute();
 */
export async function openDatabase(file: string, options: OpenDatabaseOptions = {}): Promise<AppDatabase> {
  const sqlite = openSqlite(file, options);
  const db = new Kysely<Database>({ dialect: new SafeRollbackSqliteDialect(sqlite) });
  // Kysely's destroy() closes the file only if it ever ran a query: close it ourselves, or Windows keeps it locked.
  const close = async () => {
    await db.destroy();
    if (sqlite.open) sqlite.close();
  };
  try {
    await migrate(db, sqlite, file, options);
  } catch (error) {
    await close();
    throw error;
  }
  return {
    file,
    sqlite,
    db,
    schemaVersion,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    close,
  };
}

/**
 * Brings an open database up to this version (after a backup was restored
 * into it, which may be older); refuses one from a newer version.
 */
export async function migrateDatabase(app: AppDatabase, options: Pick<OpenDatabaseOptions, 'backupDir'> = {}): Promise<void> {
  await migrate(app.db, app.sqlite, app.file, options);
}

/** The raw connection with pragmas and the SQL functions the queries use. */
export function openSqlite(file: string, options: Pick<OpenDatabaseOptions, 'nativeBinding'> = {}): BetterSqlite3.Database {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new BetterSqlite3(file, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  try {
    sqlite.pragma('journal_mode = WAL');
    // better-sqlite3 leaves synchronous at NORMAL, which in WAL mode can lose the
    // last committed transactions on power loss. Consultants' laptops die in town halls.
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // A decade of operations is gigabytes: a 64 MiB page cache keeps big imports and searches
    // off the disk (the default is 2 MiB). No memory-mapped reads: every mapped page counts in
    // the process's memory (measured at scale 10: 921 MB RSS with a 256 MiB map, 189 MB without),
    // and the OS file cache serves the same pages. Temp b-trees in memory.
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('mmap_size = 0');
    sqlite.pragma('temp_store = MEMORY');
    // Overwritten values (an erased person's, GDPR) are zeroed in the file, not left in free pages.
    sqlite.pragma('secure_delete = ON');
    registerSqlFunctions(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return sqlite;
}

/** The SQL functions queries and indexes use; any connection that reads or checks indexes needs them. */
export function registerSqlFunctions(sqlite: BetterSqlite3.Database): void {
  sqlite.function('dk_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldDanish(text) : null));
  // Deterministic, so SQLite may index it (migration 0009): Danish order in SQL.
  sqlite.function('dk_sort', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? danishSortKey(text) : null));
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

async function migrate(db: Kysely<Database>, sqlite: BetterSqlite3.Database, file: string, options: OpenDatabaseOptions): Promise<void> {
  const applied = appliedMigrations(sqlite);
  const unknown = applied.filter((name) => !migrationNames.includes(name));
  if (unknown.length > 0) {
    throw new AppError(
      'DB_FROM_NEWER_VERSION',
      'Databasen er gemt af en nyere version af Kredsbog. Opdatér Kredsbog for at åbne den — filen er ikke ændret.',
    );
  }
  const pending = migrationNames.filter((name) => !applied.includes(name));
  if (pending.length === 0) return;
  if (applied.length > 0 && file !== ':memory:') {
    // Named with the database's id, so a backup folder shared with another database never mixes the two.
    const owner = ensureDatabaseId(sqlite);
    await backupDatabase(sqlite, path.join(options.backupDir ?? defaultBackupDir(file), backupName(`foer-migrering-${schemaVersion}`, new Date(), owner === null ? null : ownerTag(owner))));
  }
  const migrator = new Migrator({ db, provider, migrationTableName: MIGRATION_TABLE });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'ukendt';
    throw new AppError('INTERNAL', `Databasen kunne ikke opgraderes (trin ${failed}). Intet er ændret i trinnet; en sikkerhedskopi er taget.`);
  }
  sqlite.pragma(`user_version = ${schemaVersion}`);
}

function appliedMigrations(sqlite: BetterSqlite3.Database): string[] {
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATION_TABLE);
  if (!exists) return [];
  return (sqlite.prepare(`SELECT name FROM ${MIGRATION_TABLE} ORDER BY name`).all() as { name: string }[]).map((r) => r.name);
}

export function defaultBackupDir(file: string): string {
  return path.join(path.dirname(path.resolve(file)), 'backups');
}

/**
 * kredsbog-<owner>-<UTC instant>-<reason>.sqlite, where owner is the owning
 * database's tag (db/backups/backup-owner.ts); without one (a database older
 * than the sync tables) the name of older versions, kredsbog-<instant>-<reason>.sqlite.
 */
export function backupName(reason: string, now = new Date(), owner: string | null = null): string {
  return `kredsbog-${owner === null ? '' : `${owner}-`}${now.toISOString().replace(/[:.]/g, '-')}-${reason}.sqlite`;
}

/**
 * A consistent copy via SQLite's online backup API (never a file copy of an
 * open WAL database), written to a temporary name and renamed into place so a
 * crash never leaves a half backup under the real name.
 */
export async function backupDatabase(sqlite: BetterSqlite3.Database, destination: string): Promise<string> {
  fs.mkdirSync(path.dirname(destination), { recursive: true });
  const temporary = `${destination}.tmp-${process.pid}`;
  try {
    await sqlite.backup(temporary);
    const fd = fs.openSync(temporary, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, destination);
  } catch (error) {
    fs.rmSync(temporary, { force: true });
    throw error;
  }
  return destination;
}

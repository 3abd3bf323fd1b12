import { createHash } from 'node:crypto';
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { newId } from '../ids';

/**
 * Which database a backup belongs to. Two databases may share one folder and
 * so one `backups/`: every backup carries its database's id — the sync
 * installation id, kept in the database itself (sync_state
 * 'installation_id', db/sync/clock.ts) — in its name, and the file itself
 * holds the same id. Listing, rotation, the daily check, restore and the
 * check only ever see the backups whose id is this database's; a restore
 * also reads the id inside the chosen file before using it. Backups written
 * before ids were in names are attributed by reading the id inside them.
 */

type Sqlite = BetterSqlite3.Database;

/** The id a backup name carries: 16 lowercase hex digits (what getInstallation creates). */
export const ownerTagPattern = /^[0-9a-f]{16}$/;

/** The name-safe form of a database id: the id itself when it is 16 hex digits (always, for ids Kredsbog made), else a digest of it. */
export function ownerTag(databaseId: string): string {
  return ownerTagPattern.test(databaseId) ? databaseId : createHash('sha256').update(databaseId).digest('hex').slice(0, 16);
}

function hasSyncState(sqlite: Sqlite): boolean {
  return sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'`).get() !== undefined;
}

/** The database's id as stored in it; null when it has none yet (never edited) or predates the sync tables. Only reads. */
export function databaseIdIn(sqlite: Sqlite): string | null {
  if (!hasSyncState(sqlite)) return null;
  const value: unknown = sqlite.prepare(`SELECT value FROM sync_state WHERE key = 'installation_id'`).pluck().get();
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * The database's id, created now when it has none — in the same form
 * getInstallation (db/sync/clock.ts) gives it, which then finds and keeps
 * it. Null only for a database older than the sync tables (schema < 4).
 * Call outside a transaction, before taking a backup.
 */
export function ensureDatabaseId(sqlite: Sqlite): string | null {
  const existing = databaseIdIn(sqlite);
  if (existing || !hasSyncState(sqlite)) return existing;
  const id = newId().replace(/-/g, '').slice(-16);
  sqlite.prepare(`INSERT INTO sync_state (key, value) VALUES ('installation_id', ?) ON CONFLICT (key) DO NOTHING`).run(id);
  return databaseIdIn(sqlite);
}

const fileOwners = new Map<string, { readonly stamp: string; readonly tag: string | null }>();

/**
 * The owner tag of a database file on disk (an older backup without an id
 * in its name, or a damaged live database), read-only; null when the file
 * holds no id or cannot be read. Remembered per file, size and mtime, so a
 * listing opens each old backup once. Removes the -wal/-shm a read-only open
 * of a WAL file leaves behind when they were not there before.
 */
export function ownerTagOfFile(file: string, nativeBinding?: string): string | null {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const cached = fileOwners.get(file);
  if (cached?.stamp === stamp) return cached.tag;
  const leftovers = ['-wal', '-shm'].filter((suffix) => !fs.existsSync(`${file}${suffix}`));
  let sqlite: Sqlite | undefined;
  let tag: string | null = null;
  try {
    sqlite = new BetterSqlite3(file, { readonly: true, fileMustExist: true, ...(nativeBinding ? { nativeBinding } : {}) });
    const id = databaseIdIn(sqlite);
    tag = id === null ? null : ownerTag(id);
  } catch {
    tag = null;
  } finally {
    try {
      sqlite?.close();
    } catch {
      // A damaged file may fail to close as well; it was only read.
    }
    for (const suffix of leftovers) removeIfEmptyOrShm(`${file}${suffix}`, suffix);
  }
  fileOwners.set(file, { stamp, tag });
  return tag;
}

/** A read-only connection never writes frames to the -wal, so one it created is empty; the -shm is only an index of it. */
function removeIfEmptyOrShm(file: string, suffix: string): void {
  try {
    if (suffix === '-shm' || fs.statSync(file).size === 0) fs.rmSync(file, { force: true });
  } catch {
    // Not there (nothing was created): nothing to clean up.
  }
}

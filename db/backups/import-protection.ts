import path from 'node:path';
import type { BackupEntry } from '../../common/backups.domain';
import { danishDate } from '../../common/time';
import type { Kysely, Transaction } from 'kysely';
import type { AppDatabase } from '../connection';
import type { Database } from '../schema';
import { backupScopeOf, createBackup, hasSqliteHeader, listBackups, pruneBackups } from './backups.service';

/** The reason every import's safety backup carries (sync files, calendar files, contact files). */
export const importBackupReason = 'foer-import';

/** Injectable time for the protection step, so a test can let days pass between imports. */
export const importProtectionClock = { now: (): Date => new Date() };

/**
 * The one protection step before an import writes: a 'foer-import' backup
 * of this database, at most one per Danish day (the first import of the day
 * takes it; later ones the same day are covered by it), then rotation — so
 * however many imports run (the sync folder imports every five minutes), the
 * backup folder holds no more than rotation keeps (maxAutomaticBackups).
 * Returns the backup taken, or null when today's already exists or the
 * database lives in memory.
 */
export async function protectBeforeImport(app: AppDatabase, now: Date = importProtectionClock.now()): Promise<BackupEntry | null> {
  if (app.file === ':memory:') return null;
  const today = danishDate(now);
  const scope = backupScopeOf(app);
  const taken = listBackups(scope).some((e) => e.reason === importBackupReason && danishDate(e.createdAt) === today && hasSqliteHeader(path.join(scope.dir, e.name)));
  const entry = taken ? null : await createBackup(app, importBackupReason, now);
  pruneBackups(backupScopeOf(app), now);
  return entry;
}

/** The three stages an importer hands to applyWithProtection. */
export interface ProtectedImport<P, R> {
  /** What the file would change, read from `db` (planned twice: once to decide on the backup, once inside the transaction). */
  readonly plan: (db: Kysely<Database>) => Promise<P>;
  /** Whether the plan writes anything: only then is the day's backup taken. */
  readonly writes: (plan: P) => boolean;
  /** Writes the plan made inside the same transaction, through db/mutations.ts. */
  readonly apply: (trx: Transaction<Database>, plan: P) => Promise<R>;
}

/**
 * THE apply step of every file importer (calendar files, contact files):
 * plan; when the plan would write anything and the database is a file, take
 * the day's safety backup (protectBeforeImport, the one policy); then plan
 * again inside one transaction and apply exactly that — all or nothing, and
 * what is applied is what the database holds at that moment, not at the
 * preview. Given only a query builder (tests, tools), no backup is taken.
 *
 * Sync files go through protectBeforeImport directly (db/sync/sync.service.ts):
 * their apply also writes the import journal and what "Fortryd import" needs,
 * which only sync imports have; calendar and contact-file imports keep no
 * journal (they are undone by editing, and every row they write is in the
 * operation log and its history like any edit).
 */
export async function applyWithProtection<P, R>(target: AppDatabase | Kysely<Database>, stages: ProtectedImport<P, R>): Promise<{ readonly plan: P; readonly result: R }> {
  const app = 'sqlite' in target ? target : null;
  const db = app ? app.db : (target as Kysely<Database>);
  if (app && app.file !== ':memory:' && stages.writes(await stages.plan(db))) await protectBeforeImport(app);
  return db.transaction().execute(async (trx) => {
    const plan = await stages.plan(trx);
    return { plan, result: await stages.apply(trx, plan) };
  });
}

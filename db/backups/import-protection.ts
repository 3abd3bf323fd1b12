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

/** The stages an importer hands to applyWithProtection (parsing the file comes before: a bad file never gets this far). */
export interface ProtectedImport<P, R> {
  /** What the file would change, read from `db`; planned again inside the transaction unless the database is unchanged since. */
  readonly plan: (db: Kysely<Database>) => Promise<P>;
  /** Whether the plan writes anything: only then is the day's backup taken. */
  readonly writes: (plan: P) => boolean;
  /** Writes the plan made inside the same transaction, through db/mutations.ts (sync files: through the operation log). */
  readonly apply: (trx: Transaction<Database>, plan: P) => Promise<R>;
  /**
   * The import's journal, written in the same transaction after `apply`, so
   * it commits or rolls back with what it describes (sync files: the journal
   * entry and what "Fortryd import" needs). Calendar and contact-file imports
   * keep none: they are undone by editing, and every row they write is in the
   * operation log and its history like any edit.
   */
  readonly journal?: (trx: Transaction<Database>, plan: P, result: R) => Promise<void>;
}

/**
 * What tells whether the database changed between two moments: SQLite's
 * data_version (bumped by other connections' commits) and this connection's
 * own total_changes().
 */
function changeStamp(app: AppDatabase): string {
  return `${String(app.sqlite.pragma('data_version', { simple: true }))}:${String(app.sqlite.prepare('SELECT total_changes()').pluck().get())}`;
}

/**
 * THE apply step of every importer (sync files, calendar files, contact
 * files): plan; when the plan would write anything and the database is a
 * file, take the day's safety backup (protectBeforeImport, the one policy);
 * then, inside one transaction, plan again — or keep the plan when nothing
 * has written to the database since (a first import's plan covers hundreds
 * of thousands of operations) — apply exactly that and write the journal:
 * all or nothing, and what is applied is what the database holds at that
 * moment, not at the preview. Given only a query builder (tests, tools), no
 * backup is taken.
 */
export async function applyWithProtection<P, R>(target: AppDatabase | Kysely<Database>, stages: ProtectedImport<P, R>): Promise<{ readonly plan: P; readonly result: R }> {
  const app = 'sqlite' in target ? target : null;
  const db = app ? app.db : (target as Kysely<Database>);
  let early: { readonly plan: P; readonly stamp: string } | null = null;
  if (app && app.file !== ':memory:') {
    const plan = await stages.plan(db);
    early = { plan, stamp: changeStamp(app) };
    if (stages.writes(plan)) await protectBeforeImport(app);
  }
  return db.transaction().execute(async (trx) => {
    const plan = early && app && changeStamp(app) === early.stamp ? early.plan : await stages.plan(trx);
    const result = await stages.apply(trx, plan);
    if (stages.journal) await stages.journal(trx, plan, result);
    return { plan, result };
  });
}

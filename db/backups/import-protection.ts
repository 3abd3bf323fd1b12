import path from 'node:path';
import type { BackupEntry } from '../../common/backups.domain';
import { danishDate } from '../../common/time';
import type { AppDatabase } from '../connection';
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

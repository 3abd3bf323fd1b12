import type { BackupsStatus } from '../../common/backups.domain';
import { AppError } from '../../common/result';
import { backupDirFor, backupScopeOf, createBackup, listBackups, pruneBackups, restoreBackup } from '../../db/backups/backups.service';
import { databaseLocationRisk, moveDatabase } from '../../db/backups/location';
import { clearRecovery, readRecovery } from '../../db/backups/safe-open';
import type { HandlerContext, HandlersFor } from './handler.types';

async function status(context: HandlerContext): Promise<BackupsStatus> {
  const { app } = context;
  const backups = app.file === ':memory:' ? [] : listBackups(backupScopeOf(app));
  return {
    databaseFile: app.file,
    folder: app.file === ':memory:' ? '' : backupDirFor(app),
    lastBackup: backups[0] ?? null,
    count: backups.length,
    locationRisk: app.file === ':memory:' ? null : databaseLocationRisk(app.file),
    recovery: await readRecovery(app.db),
    canMove: context.reopen !== undefined,
    integrity: context.integrity?.() ?? 'ok',
  };
}

/** A job worker has its own connection to the file: never swap the database under a running import or export. */
function refuseWhileJobsRun(context: HandlerContext): void {
  // The background integrity check only reads: it may keep running.
  if ((context.jobs?.list().filter((job) => job.kind !== 'db.quickCheck').length ?? 0) > 0) throw new AppError('DB_BUSY', 'En import eller eksport kører stadig. Vent til den er færdig, og prøv igen. Intet er ændret.');
}

export const backupsHandlers: HandlersFor<'backups'> = {
  async 'backups.list'(_input, { app }) {
    return app.file === ':memory:' ? [] : listBackups(backupScopeOf(app));
  },
  async 'backups.create'(_input, { app }) {
    const entry = await createBackup(app, 'manuel');
    pruneBackups(backupScopeOf(app));
    return entry;
  },
  async 'backups.restore'({ name }, context) {
    refuseWhileJobsRun(context);
    const result = await restoreBackup(context.app, name);
    // Fresh caches, sync-folder schedule and job workers on the restored data.
    await context.reopen?.(context.app.file);
    return result;
  },
  'backups.status': (_input, context) => status(context),
  async 'backups.dismissRecovery'(_input, context) {
    await clearRecovery(context.app.db);
    return status(context);
  },
  async 'backups.recoverDamaged'(_input, context) {
    if (!context.reopen) throw new AppError('VALIDATION', 'Databasen kan kun gendannes fra Kredsbog-appen.');
    if (context.integrity?.() !== 'damaged') throw new AppError('CONFLICT', 'Databasen er ikke fundet beskadiget. Intet er ændret.');
    refuseWhileJobsRun(context);
    // Reopening with the full check finds the damage again and recovers exactly as a damaged start does.
    await context.reopen(context.app.file, { fullCheck: true });
    return status(context);
  },
  async 'backups.move'({ folder }, context) {
    if (!context.reopen) throw new AppError('VALIDATION', 'Databasen kan kun flyttes fra Kredsbog-appen.');
    refuseWhileJobsRun(context);
    const file = await moveDatabase(context.app, folder);
    await context.reopen(file);
    return { databaseFile: file, locationRisk: databaseLocationRisk(file) };
  },
};

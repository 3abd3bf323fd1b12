import { rememberDatabaseFile } from '../db/backups/location';
import { ensureDailyBackup } from '../db/backups/backups.service';
import { openDatabaseSafely, startupFullCheckBytes } from '../db/backups/safe-open';
import { openDatabase, type AppDatabase } from '../db/connection';
import { getDashboard, kommuneMapStats } from '../db/dashboard/dashboard.repository';
import { getSettings } from '../db/settings/settings.repository';
import type { RecoveryInfo } from '../common/backups.domain';
import { handlers } from './handlers';
import type { HandlerContext } from './handlers/handler.types';
import { createDispatcher, type Dispatch, type DispatchOptions } from './ipc/dispatch';
import { afterStartDelayMs, startIntegrityCheck, type IntegrityCheck } from './jobs/integrity-check';
import { createJobRunner, type JobRunner } from './jobs/job-runner';
import { errorFields, type LogFields } from './log/log';
import type { PdfRenderer } from './pdf/pdf-renderer';
import { startFolderSync } from './sync-folder.scheduler';

/**
 * One open database and everything that lives as long as it: the connection,
 * the job runner, this start's deferred integrity check and daily backup, the
 * sync-folder schedule, reopen (after a restore, a move or a recovery) and
 * close. The Electron shell (main/), the browser host (host/) and the CLI
 * each open one; none of them touches the database otherwise.
 *
 * Start-up order: the database opens (safe open: preflight, quick_check or a
 * light probe, recovery), and the session is returned — the caller can serve
 * the first view at once. The work that reads the whole file (the full check
 * of a large file, the day's backup) waits `deferredDelayMs`, so it never
 * competes with the first view for the disk and the two cores.
 */
export interface SessionOptions {
  readonly version: string;
  /** The better-sqlite3 binding built for Electron (main/native-binding.ts); absent under Node. */
  readonly nativeBinding?: string;
  /** The job worker (bundled .cjs, or job.worker.ts under tsx). Absent: long jobs run inline (the CLI, tests). */
  readonly workerFile?: string;
  /** The file was remembered as moved (db/backups/location.ts): refuse to start empty when it is missing. */
  readonly mustExist?: boolean;
  /** The folder holding kredsbog-location.json: a moved database is remembered there for the next start. */
  readonly locationDir?: string;
  /**
   * Safe open with recovery, the deferred integrity check, the daily backup and the sync-folder
   * schedule (default). Off: a plain open and nothing in the background — the CLI's short runs,
   * which must never recover or back up a file the app may have open.
   */
  readonly background?: boolean;
  /** Files larger than this open after a light probe and get their full check in the worker (default startupFullCheckBytes). */
  readonly fullCheckUpTo?: number;
  /** How long the deferred work waits after the open (default afterStartDelayMs). */
  readonly deferredDelayMs?: number;
  readonly log?: { info(event: string, fields?: LogFields): void; warn(event: string, fields?: LogFields): void };
}

export interface DispatcherOptions extends DispatchOptions {
  readonly host: HandlerContext['host'];
  readonly pdf?: PdfRenderer;
}

export interface Session {
  /** The current connection: a reopen replaces it, so read it again after one. */
  readonly app: AppDatabase;
  readonly jobs: JobRunner | undefined;
  /** Set when this start recovered a damaged file from a backup. */
  readonly recovery: RecoveryInfo | null;
  /** The handler context over this session (getters: a reopen swaps what they return). */
  context(host: HandlerContext['host'], pdf?: PdfRenderer): HandlerContext;
  /** The handler table behind one dispatch function, as IPC and HTTP call it. */
  dispatcher(options: DispatcherOptions): Dispatch;
  /** Closes the database and opens `file` in its place (HandlerContext.reopen); on failure the previous file is opened again. */
  reopen(file: string, options?: { readonly fullCheck?: boolean }): Promise<void>;
  /** Last sync-folder round, stops jobs and timers, closes the database: the file is free afterwards. */
  close(): Promise<void>;
}

export async function openSession(file: string, options: SessionOptions): Promise<Session> {
  const background = options.background !== false;
  const log = options.log;
  const nativeBinding = options.nativeBinding;
  const fullCheckUpTo = options.fullCheckUpTo ?? startupFullCheckBytes;
  let recovery: RecoveryInfo | null = null;
  let app: AppDatabase;
  let fullCheckPending = false;
  if (background) {
    // The day's backup reads the whole file: it follows the first view (below), never precedes it.
    const opened = await openDatabaseSafely(file, { nativeBinding, mustExist: options.mustExist, fullCheckUpTo: fullCheckUpTo, dailyBackup: false });
    app = opened.app;
    recovery = opened.recovery;
    fullCheckPending = opened.fullCheckPending;
  } else {
    app = await openDatabase(file, nativeBinding ? { nativeBinding } : {});
  }
  const jobRunner = (database: AppDatabase) =>
    options.workerFile && database.file !== ':memory:' ? createJobRunner({ workerFile: options.workerFile, dbFile: database.file, nativeBinding }) : undefined;
  const scheduleFolderSync = () => (background ? startFolderSync(app, options.version, (error) => log?.warn('syncFolder.failed', errorFields(error))) : null);
  let jobs = jobRunner(app);
  let folderSync = scheduleFolderSync();
  let closed = false;
  const delayMs = options.deferredDelayMs ?? afterStartDelayMs;
  const backupFailed = (error: unknown) => log?.warn('backup.dailyFailed', errorFields(error));
  // A large file: the full check in the worker, then (if sound) the day's backup. A small one was checked at open: only the backup waits.
  const integrity: IntegrityCheck | null = background
    ? startIntegrityCheck(fullCheckPending, jobs, (error) => log?.warn('integrity.checkFailed', errorFields(error)), { delayMs, thenBackup: () => ensureDailyBackup(app) })
    : null;
  let backupTimer: ReturnType<typeof setTimeout> | null = null;
  if (background && !(fullCheckPending && jobs)) {
    const opened = app;
    backupTimer = setTimeout(() => {
      backupTimer = null;
      // A reopen in the meantime opened a verified file and needs no backup from this start.
      if (!closed && app === opened) ensureDailyBackup(app).catch(backupFailed);
    }, delayMs);
    backupTimer.unref?.();
  }

  // Overblik's reads once, right after the open, while the window loads its code: the first view's own reads then find
  // the pages they need in SQLite's cache instead of on disk (README, Performance). Read-only, and only the app and the
  // browser host do it (background); a failure is left to the first view's own read to report.
  const warmUpTimer = background ? setTimeout(() => void warmFirstView(app), 0) : null;
  warmUpTimer?.unref?.();

  const session: Session = {
    get app() {
      return app;
    },
    get jobs() {
      return jobs;
    },
    recovery,
    context(host, pdf) {
      return {
        get app() {
          return app;
        },
        get jobs() {
          return jobs;
        },
        host,
        version: options.version,
        ...(pdf ? { pdf } : {}),
        ...(integrity ? { integrity: integrity.state } : {}),
        ...(background ? { reopen: session.reopen } : {}),
      };
    },
    dispatcher({ host, pdf, ...dispatchOptions }) {
      return createDispatcher(handlers, session.context(host, pdf), dispatchOptions);
    },
    async reopen(next, reopenOptions) {
      await folderSync?.stop();
      const previous = app.file;
      // Only the read-only integrity check can still run here (restore and move refuse while other jobs run): stop it, it reads the old file.
      for (const job of jobs?.list() ?? []) jobs?.cancel(job.id);
      await app.close();
      try {
        app = (await openDatabaseSafely(next, { nativeBinding, mustExist: true, dailyBackup: false, ...(reopenOptions?.fullCheck ? {} : { fullCheckUpTo }) })).app;
      } catch (error) {
        app = (await openDatabaseSafely(previous, { nativeBinding, dailyBackup: false })).app;
        throw error;
      } finally {
        jobs = jobRunner(app);
        folderSync = scheduleFolderSync();
      }
      if (options.locationDir) rememberDatabaseFile(options.locationDir, next);
      // Restored and moved files were verified on the way; a full-check reopen just checked (and recovered) it.
      integrity?.verified();
      log?.info('database.reopened');
    },
    async close() {
      if (closed) return;
      closed = true;
      if (backupTimer) clearTimeout(backupTimer);
      if (warmUpTimer) clearTimeout(warmUpTimer);
      integrity?.verified();
      // One last sync-folder round, then nothing may still read the file.
      await folderSync?.stop();
      for (const job of jobs?.list() ?? []) jobs?.cancel(job.id);
      await app.close();
    },
  };
  return session;
}

/**
 * What Overblik's first reads ask (renderer/src/first-reads.ts: settings.get, dashboard.get, dashboard.map, through
 * server/handlers/app.handlers.ts), asked once: if you change those reads, also change this.
 */
async function warmFirstView(app: AppDatabase): Promise<void> {
  try {
    const settings = await getSettings(app.db);
    await getDashboard(app.db, { myKredse: settings.myKredse, quietMonths: settings.quietMonths });
    await kommuneMapStats(app.db, settings.myKredse);
  } catch {
    // The first view asks again and reports what it finds (a reopen or close may also have come first).
  }
}

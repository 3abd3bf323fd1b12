import type { AppDatabase } from '../db/connection';
import { getSyncFolder, syncFolderNow } from '../db/sync/sync-folder';

/** How often the sync folder is visited while the app runs. */
export const folderSyncIntervalMs = 5 * 60 * 1000;

/**
 * Runs a sync-folder round on a schedule and once more on quit, when a folder
 * is chosen. Rounds never overlap. Used by the Electron shell and the browser host.
 */
export function startFolderSync(app: AppDatabase, version: string, onError: (error: unknown) => void = () => undefined) {
  let running: Promise<unknown> | null = null;
  const round = async () => {
    if (running) return running;
    running = (async () => {
      try {
        if ((await getSyncFolder(app.db)).folder) await syncFolderNow(app, version);
      } catch (error) {
        onError(error);
      } finally {
        running = null;
      }
    })();
    return running;
  };
  const timer = setInterval(() => void round(), folderSyncIntervalMs);
  timer.unref?.();
  return {
    round,
    /** Final round before quitting; the caller waits for it. */
    async stop() {
      clearInterval(timer);
      await round();
    },
  };
}

import type { IntegrityState } from '../../common/backups.domain';
import type { JobRunner } from './job-runner';

/**
 * This start's background integrity check. A large database opened after a
 * light probe (db/backups/safe-open.ts); the full quick_check reads every
 * page, so it runs in a worker thread while the window is already in use.
 * Damage found later is shown on the Sikkerhedskopier page and in the
 * recovery banner, with "Gendan" (backups.recoverDamaged).
 */
export interface IntegrityCheck {
  readonly state: () => IntegrityState;
  /** After a reopen on a verified file (restored, moved or fully checked). */
  readonly verified: () => void;
}

/**
 * How long the start-up work that the first view need not wait for waits
 * after the database opens. The full check and the day's backup both read the
 * whole file: started at once, they made the first view of an 80 MB database
 * three times slower on two cores (bench: cold start 1.85 s against 0.5–0.7 s).
 */
export const afterStartDelayMs = 4000;

export interface IntegrityCheckOptions {
  readonly delayMs?: number;
  /** The day's first backup of a large file: taken once the check found the file sound (a copy of a damaged file helps nobody). */
  readonly thenBackup?: () => Promise<unknown>;
}

export function startIntegrityCheck(pending: boolean, jobs: JobRunner | undefined, onError: (error: unknown) => void, options: IntegrityCheckOptions = {}): IntegrityCheck {
  let state: IntegrityState = pending && jobs ? 'checking' : 'ok';
  let generation = 0;
  if (state === 'checking' && jobs) {
    const mine = generation;
    const check = () => {
      // A reopen on a verified file came first: that file needs no check from this start.
      if (generation !== mine) return;
      jobs.run('db.quickCheck', {}).then(
        (result) => {
          if (generation !== mine) return;
          state = result.state;
          if (state === 'ok' && options.thenBackup) options.thenBackup().catch(onError);
        },
        (error: unknown) => {
          const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
          if (generation === mine) state = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' ? 'damaged' : 'ok';
          onError(error);
        },
      );
    };
    const timer = setTimeout(check, options.delayMs ?? afterStartDelayMs);
    // The process never stays alive for this alone (a CLI, a test, a host that is shutting down).
    timer.unref?.();
  }
  return {
    state: () => state,
    verified: () => {
      generation++;
      state = 'ok';
    },
  };
}

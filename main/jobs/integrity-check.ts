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

export function startIntegrityCheck(pending: boolean, jobs: JobRunner | undefined, onError: (error: unknown) => void): IntegrityCheck {
  let state: IntegrityState = pending && jobs ? 'checking' : 'ok';
  let generation = 0;
  if (state === 'checking' && jobs) {
    const mine = generation;
    jobs.run('db.quickCheck', {}).then(
      (result) => {
        if (generation === mine) state = result.state;
      },
      (error: unknown) => {
        const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
        if (generation === mine) state = code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB' ? 'damaged' : 'ok';
        onError(error);
      },
    );
  }
  return {
    state: () => state,
    verified: () => {
      generation++;
      state = 'ok';
    },
  };
}

import type { UndoImportResult } from '../../common/import-undo.domain';
import type { ExportResult, ImportPreview } from '../../db/sync/sync.service';

/**
 * Long work that must never block the window: each kind runs in a worker
 * thread on its own connection to the database file (WAL lets the window
 * keep reading meanwhile). Adding a kind? Add it here and in job.worker.ts.
 */
export interface JobKinds {
  'sync.preview': { input: { file: string }; output: ImportPreview };
  'sync.import': { input: { file: string; confirmLargeDeletes: boolean }; output: ImportPreview };
  'sync.export': { input: { out: string; peerId?: string; appVersion: string }; output: ExportResult };
  /** "Fortryd import" (db/sync/import-undo.ts): up to 100,000 fields set back, or the dry run that says what it would do. */
  'sync.undoImport': { input: { journalId: number; dryRun: boolean }; output: UndoImportResult };
  /** The full quick_check of a large database, after a start that only probed it (db/backups/safe-open.ts). Read-only. */
  'db.quickCheck': { input: Record<string, never>; output: { state: 'ok' | 'damaged' } };
}
export type JobKind = keyof JobKinds;

export interface JobRequest<K extends JobKind = JobKind> {
  readonly kind: K;
  readonly input: JobKinds[K]['input'];
  readonly dbFile: string;
  readonly nativeBinding?: string;
}

/** Messages from the worker. */
export type JobMessage =
  | { readonly type: 'progress'; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly value: unknown }
  | { readonly type: 'error'; readonly error: { readonly code: string; readonly message: string; readonly errno?: string } };

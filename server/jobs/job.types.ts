import type { IcsImportResult, IcsPreview } from '../../common/calendar/calendar.domain';
import type { ImportPreview as ContactFilePreview, ImportResult as ContactFileResult } from '../../common/contact-files/contact-files.domain';
import type { UndoImportResult } from '../../common/import-undo.domain';
import type { ExportResult, ImportPreview } from '../../db/sync/sync.service';
import type { ContactFileUpload, IcsImportUpload, IcsUpload } from './file-imports';

/**
 * Long work that must never block the window: each kind runs in a worker
 * thread on its own connection to the database file (WAL lets the window
 * keep reading meanwhile). Adding a kind? Add it here, in jobMemoryCeilingsMb
 * and in job.worker.ts.
 */
export interface JobKinds {
  'sync.preview': { input: { file: string }; output: ImportPreview };
  'sync.import': { input: { file: string; confirmLargeDeletes: boolean }; output: ImportPreview };
  'sync.export': { input: { out: string; peerId?: string; appVersion: string }; output: ExportResult };
  /** "Fortryd import" (db/sync/import-undo.ts): up to 100,000 fields set back, or the dry run that says what it would do. */
  'sync.undoImport': { input: { journalId: number; dryRun: boolean }; output: UndoImportResult };
  /** The full quick_check of a large database, after a start that only probed it (db/backups/safe-open.ts). Read-only. */
  'db.quickCheck': { input: Record<string, never>; output: { state: 'ok' | 'damaged' } };
  /** A contact file (.csv, .xlsx, .vcf) uploaded by the window: what importing it would do, and the import (file-imports.ts). */
  'contactFiles.preview': { input: ContactFileUpload; output: ContactFilePreview };
  'contactFiles.import': { input: ContactFileUpload; output: ContactFileResult };
  /** An Outlook calendar file (.ics): the preview and the import. */
  'calendar.preview': { input: IcsUpload; output: IcsPreview };
  'calendar.import': { input: IcsImportUpload; output: IcsImportResult };
}
export type JobKind = keyof JobKinds;

/**
 * The V8 heap a job's worker may use (resourceLimits.maxOldGenerationSizeMb);
 * a worker that needs more is stopped by Node and the job fails with a Danish
 * sentence (job-runner.ts), while the process that serves the window goes on.
 * Contact and calendar files are small (20 MB / 5 MB) and their readers check
 * rows, columns and cells as they stream: a real file of the largest size
 * they accept needs well under this, so only a file that gets past every
 * limit meets the ceiling. Sync jobs keep V8's own ceiling: a full import of
 * a team's years holds millions of operations, and their reader has its own
 * streaming limits (db/sync/sync-file.ts).
 */
export const jobMemoryCeilingsMb: { readonly [K in JobKind]: number | undefined } = {
  'sync.preview': undefined,
  'sync.import': undefined,
  'sync.export': undefined,
  'sync.undoImport': undefined,
  'db.quickCheck': undefined,
  'contactFiles.preview': 512,
  'contactFiles.import': 512,
  'calendar.preview': 512,
  'calendar.import': 512,
};

/** Jobs that read a file the user or a colleague brought: their failures are the file's. */
export const fileJobKinds: readonly JobKind[] = ['sync.preview', 'sync.import', 'contactFiles.preview', 'contactFiles.import', 'calendar.preview', 'calendar.import'];

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

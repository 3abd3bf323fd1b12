import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../common/result';
import { openDatabase } from '../../db/connection';
import { probe } from '../../db/backups/safe-open';
import { undoImport } from '../../db/sync/import-undo';
import { exportSync, importSync, previewImport } from '../../db/sync/sync.service';
import { importContactUpload, importIcsUpload, previewContactUpload, previewIcsUpload } from './file-imports';
import type { JobKinds, JobMessage, JobRequest } from './job.types';

/**
 * Runs one job on its own connection and reports progress, then the result
 * or the error as data. Terminating the thread mid-way abandons the open
 * transaction: SQLite rolls it back, so a cancelled import changes nothing.
 */
const request = workerData as JobRequest;
const post = (message: JobMessage) => parentPort?.postMessage(message);

type Runner<K extends keyof JobKinds> = (app: Awaited<ReturnType<typeof openDatabase>>, input: JobKinds[K]['input'], onProgress: (done: number, total: number) => void) => Promise<JobKinds[K]['output']>;
const runners: { readonly [K in keyof JobKinds]: Runner<K> } = {
  'sync.preview': (app, input, onProgress) => previewImport(app, input.file, { onProgress }),
  'sync.import': (app, input, onProgress) => importSync(app, input.file, { confirmLargeDeletes: input.confirmLargeDeletes, onProgress }),
  'sync.export': (app, input) => exportSync(app, input),
  'sync.undoImport': (app, input, onProgress) => undoImport(app, input.journalId, { dryRun: input.dryRun, onProgress }),
  // Never reached: run() answers this kind on a read-only connection of its own (a damaged file must not be opened for writing).
  'db.quickCheck': () => Promise.reject(new Error('db.quickCheck runs without a database connection')),
  'contactFiles.preview': (app, input) => previewContactUpload(app, input),
  'contactFiles.import': (app, input) => importContactUpload(app, input),
  'calendar.preview': (app, input) => previewIcsUpload(app, input),
  'calendar.import': (app, input) => importIcsUpload(app, input),
};

async function run(): Promise<void> {
  if (request.kind === 'db.quickCheck') {
    post({ type: 'result', value: { state: probe(request.dbFile, request.nativeBinding) } });
    return;
  }
  const app = await openDatabase(request.dbFile, request.nativeBinding ? { nativeBinding: request.nativeBinding } : {});
  try {
    const runner = runners[request.kind] as Runner<keyof JobKinds>;
    const value = await runner(app, request.input as never, (done, total) => post({ type: 'progress', done, total }));
    post({ type: 'result', value });
  } finally {
    await app.close();
  }
}

run().catch((error: unknown) => {
  if (error instanceof AppError) post({ type: 'error', error: error.toData() });
  else {
    const errno = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
    post({ type: 'error', error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), errno } });
  }
});

import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../common/result';
import type { openDatabase } from '../../db/connection';
import type { JobKinds, JobMessage, JobRequest } from './job.types';

/**
 * Runs one job on its own connection and reports progress, then the result
 * or the error as data. Terminating the thread mid-way abandons the open
 * transaction: SQLite rolls it back, so a cancelled import changes nothing.
 */
const request = workerData as JobRequest;
const post = (message: JobMessage) => parentPort?.postMessage(message);

type Runner<K extends keyof JobKinds> = (app: Awaited<ReturnType<typeof openDatabase>>, input: JobKinds[K]['input'], onProgress: (done: number, total: number) => void) => Promise<JobKinds[K]['output']>;
// Each kind loads only the modules it needs, when it runs (the bundle holds them all, initialised lazily): the integrity check a
// large database gets at every start then costs the process tens of megabytes less than loading sync, exceljs and ical.js too.
const syncService = () => import('../../db/sync/sync.service');
const fileImports = () => import('./file-imports');
const runners: { readonly [K in keyof JobKinds]: Runner<K> } = {
  'sync.preview': async (app, input, onProgress) => (await syncService()).previewImport(app, input.file, { onProgress }),
  'sync.import': async (app, input, onProgress) => (await syncService()).importSync(app, input.file, { confirmLargeDeletes: input.confirmLargeDeletes, onProgress }),
  'sync.export': async (app, input) => (await syncService()).exportSync(app, input),
  'sync.undoImport': async (app, input, onProgress) => (await import('../../db/sync/import-undo')).undoImport(app, input.journalId, { dryRun: input.dryRun, onProgress }),
  // Never reached: job-runner.ts runs this kind in quick-check.worker.ts, on a read-only connection of its own.
  'db.quickCheck': () => Promise.reject(new Error('db.quickCheck runs in quick-check.worker')),
  'contactFiles.preview': async (app, input) => (await fileImports()).previewContactUpload(app, input),
  'contactFiles.import': async (app, input) => (await fileImports()).importContactUpload(app, input),
  'calendar.preview': async (app, input) => (await fileImports()).previewIcsUpload(app, input),
  'calendar.import': async (app, input) => (await fileImports()).importIcsUpload(app, input),
};

async function run(): Promise<void> {
  const { openDatabase: open } = await import('../../db/connection');
  const app = await open(request.dbFile, request.nativeBinding ? { nativeBinding: request.nativeBinding } : {});
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

import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { JobInfo } from '../../common/jobs.domain';
import { AppError, errorCodes, type AppErrorCode } from '../../common/result';
import { fileJobKinds, jobMemoryCeilingsMb, type JobKind, type JobKinds, type JobMessage, type JobRequest } from './job.types';

/**
 * Runs long jobs (big imports and their previews) in worker threads so the
 * main process — and with it every IPC call of the window — stays free, keeps
 * their progress for the window to poll, and cancels on request.
 * Electron passes the bundled worker (dist/main/job.worker.cjs); the browser
 * host and tests pass job.worker.ts, which runs under tsx.
 * Each worker gets its kind's heap ceiling (jobMemoryCeilingsMb): Node stops
 * a worker that reaches it and only that job fails, with a Danish sentence.
 */
export interface JobRunner {
  run<K extends JobKind>(kind: K, input: JobKinds[K]['input']): Promise<JobKinds[K]['output']>;
  list(): JobInfo[];
  cancel(id: number): boolean;
}

/** Development and tests: load the TypeScript worker through tsx's loader (a worker does not inherit it). */
const tsxBootstrap = `
const { workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
import('tsx/esm/api').then((tsx) => { tsx.register(); return import(pathToFileURL(workerData.entry).href); });
`;

export interface JobRunnerOptions {
  readonly workerFile: string;
  readonly dbFile: string;
  readonly nativeBinding?: string;
  /** Other heap ceilings than jobMemoryCeilingsMb, per kind (a host with less memory to spare). */
  readonly memoryCeilingsMb?: Partial<Record<JobKind, number>>;
}

/** What a worker's own failure (not its job's) means to the user. */
function workerFailure(kind: JobKind, error: unknown): unknown {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  if (code !== 'ERR_WORKER_OUT_OF_MEMORY') return error;
  // Stopped like a cancelled job: its open transaction is rolled back.
  return new AppError(
    'VALIDATION',
    fileJobKinds.includes(kind) ? 'Filen kunne ikke læses: den kræver for meget hukommelse. Intet er ændret.' : 'Opgaven krævede for meget hukommelse og blev stoppet. Intet er ændret.',
  );
}

/**
 * The integrity check runs in a small worker of its own beside the job worker
 * (same folder, same extension: the builds write both, see
 * scripts/build-host.mjs and scripts/build-electron.mjs).
 */
export function workerFileFor(kind: JobKind, jobWorkerFile: string): string {
  if (kind !== 'db.quickCheck') return jobWorkerFile;
  return path.join(path.dirname(jobWorkerFile), path.basename(jobWorkerFile).replace(/^job\.worker\./, 'quick-check.worker.'));
}

export function createJobRunner(options: JobRunnerOptions): JobRunner {
  const jobs = new Map<number, JobInfo & { readonly worker: Worker }>();
  let nextId = 1;
  return {
    run(kind, input) {
      const request: JobRequest = { kind, input, dbFile: options.dbFile, nativeBinding: options.nativeBinding };
      const ceiling = options.memoryCeilingsMb?.[kind] ?? jobMemoryCeilingsMb[kind];
      const resourceLimits = ceiling === undefined ? undefined : { maxOldGenerationSizeMb: ceiling };
      const workerFile = workerFileFor(kind, options.workerFile);
      const worker = workerFile.endsWith('.ts')
        ? new Worker(tsxBootstrap, { eval: true, workerData: { ...request, entry: workerFile }, resourceLimits })
        : new Worker(workerFile, { workerData: request, resourceLimits });
      const id = nextId++;
      jobs.set(id, { id, kind, done: 0, total: 0, startedAt: new Date().toISOString(), worker });
      return new Promise((resolve, reject) => {
        let settled = false;
        const finish = (work: () => void) => {
          if (settled) return;
          settled = true;
          jobs.delete(id);
          work();
        };
        worker.on('message', (message: JobMessage) => {
          if (message.type === 'progress') {
            const job = jobs.get(id);
            if (job) jobs.set(id, { ...job, done: message.done, total: message.total });
          } else if (message.type === 'result') finish(() => resolve(message.value as JobKinds[typeof kind]['output']));
          else {
            const { code, message: text, errno } = message.error;
            // SQLite's own errors keep their code so the dispatcher can name them (busy, full, read-only).
            if (errno) finish(() => reject(Object.assign(new Error(text), { code: errno })));
            else finish(() => reject(new AppError((errorCodes as readonly string[]).includes(code) ? (code as AppErrorCode) : 'INTERNAL', text)));
          }
        });
        worker.on('error', (error) => finish(() => reject(workerFailure(kind, error))));
        worker.on('exit', () => finish(() => reject(new AppError('CANCELLED', 'Afbrudt. Intet er ændret.'))));
      });
    },
    list() {
      return [...jobs.values()].map(({ worker: _worker, ...info }) => info);
    },
    cancel(id) {
      const job = jobs.get(id);
      if (!job) return false;
      void job.worker.terminate();
      return true;
    },
  };
}

import { Worker } from 'node:worker_threads';
import type { JobInfo } from '../../common/jobs.domain';
import { AppError, errorCodes, type AppErrorCode } from '../../common/result';
import type { JobKind, JobKinds, JobMessage, JobRequest } from './job.types';

/**
 * Runs long jobs (big imports and their previews) in worker threads so the
 * main process — and with it every IPC call of the window — stays free, keeps
 * their progress for the window to poll, and cancels on request.
 * Electron passes the bundled worker (dist/main/job.worker.cjs); the browser
 * host and tests pass job.worker.ts, which runs under tsx.
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

export function createJobRunner(options: { readonly workerFile: string; readonly dbFile: string; readonly nativeBinding?: string }): JobRunner {
  const jobs = new Map<number, JobInfo & { readonly worker: Worker }>();
  let nextId = 1;
  return {
    run(kind, input) {
      const request: JobRequest = { kind, input, dbFile: options.dbFile, nativeBinding: options.nativeBinding };
      const worker = options.workerFile.endsWith('.ts')
        ? new Worker(tsxBootstrap, { eval: true, workerData: { ...request, entry: options.workerFile } })
        : new Worker(options.workerFile, { workerData: request });
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
        worker.on('error', (error) => finish(() => reject(error)));
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

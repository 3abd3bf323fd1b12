import { parentPort, workerData } from 'node:worker_threads';
import { probe } from '../../db/backups/probe';
import type { JobMessage, JobRequest } from './job.types';

/**
 * The background integrity check (db.quickCheck) in a thread that loads only
 * the probe and better-sqlite3: it runs at every start of a large database,
 * beside the window, for tens of seconds at scale 10, and the job worker's
 * bundle (sync, exceljs, ical.js) would add ≈ 35 MB to the process meanwhile.
 * Same messages as job.worker.ts; job-runner.ts picks this file for the kind.
 */
const request = workerData as JobRequest<'db.quickCheck'>;
const post = (message: JobMessage) => parentPort?.postMessage(message);

try {
  post({ type: 'result', value: { state: probe(request.dbFile, request.nativeBinding) } });
} catch (error) {
  const errno = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : undefined;
  post({ type: 'error', error: { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), errno } });
}

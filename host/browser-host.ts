import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { databaseFileFor, rememberDatabaseFile } from '../db/backups/location';
import { ensureDailyBackup } from '../db/backups/backups.service';
import { openDatabaseSafely, startupFullCheckBytes } from '../db/backups/safe-open';
import type { AppDatabase } from '../db/connection';
import { handlers } from '../server/handlers';
import { createDispatcher } from '../server/ipc/dispatch';
import { startIntegrityCheck } from '../server/jobs/integrity-check';
import { createJobRunner } from '../server/jobs/job-runner';
import { serveStatic } from '../main/protocol';
import { startFolderSync } from '../server/sync-folder.scheduler';
import packageJson from '../package.json';
import { defaultDataDir } from './user-data';

/**
 * Development/test host: serves the built renderer and the same handler table
 * as Electron's main process over HTTP on 127.0.0.1 only. Every API call must
 * carry this run's random token (given to the page in the start URL) and a
 * loopback Host header, so other web pages and DNS rebinding cannot reach it.
 * Never part of the packaged app.
 */
export interface BrowserHost {
  readonly url: string;
  readonly token: string;
  readonly port: number;
  readonly app: AppDatabase;
  close(): Promise<void>;
}

export const apiPrefix = '/api/';
/** Run as dist/host/browser-host.mjs (scripts/build-host.mjs), the worker is the bundle beside it; from source, the TypeScript worker under tsx. */
const runningBundled = import.meta.url.endsWith('.mjs');
const bundledWorker = './job.worker.cjs';
export const tokenHeader = 'x-kredsbog-token';
// Sync files travel as base64 in the body (see common/sync.domain.ts).
const maxBodyBytes = 720 * 1024 * 1024;

export async function startBrowserHost(options: { dbPath: string; port?: number; rendererRoot: string }): Promise<BrowserHost> {
  // The same safe start as the app: quick_check, recovery from the newest good backup, the day's backup.
  const opened = await openDatabaseSafely(options.dbPath, { fullCheckUpTo: startupFullCheckBytes });
  let app = opened.app;
  const token = randomBytes(24).toString('hex');
  const workerFile = runningBundled ? fileURLToPath(new URL(bundledWorker, import.meta.url)) : fileURLToPath(new URL('../server/jobs/job.worker.ts', import.meta.url));
  // Big imports run in a worker thread, as in the app: the host keeps answering meanwhile.
  const jobRunner = (database: AppDatabase) => (database.file === ':memory:' ? undefined : createJobRunner({ workerFile, dbFile: database.file }));
  const onFolderSyncError = (error: unknown) => console.error('[sync-mappe]', error);
  let jobs = jobRunner(app);
  let folderSync = startFolderSync(app, packageJson.version, onFolderSyncError);
  // A large file's full check and then its daily backup wait until the first view is up (afterStartDelayMs): they read the whole file.
  const integrity = startIntegrityCheck(opened.fullCheckPending, jobs, (error) => console.error('[integritet / sikkerhedskopi]', error), {
    thenBackup: () => ensureDailyBackup(app),
  });
  const dispatch = createDispatcher(
    handlers,
    {
      // Getters: a restored or moved database replaces the connection, the job runner and the folder sync (reopen below).
      get app() {
        return app;
      },
      get jobs() {
        return jobs;
      },
      host: 'browser',
      version: packageJson.version,
      integrity: integrity.state,
      reopen: async (file: string, reopenOptions?: { readonly fullCheck?: boolean }) => {
        await folderSync.stop();
        const previous = app.file;
        // Only the read-only integrity check can still run here (restore and move refuse while other jobs run): stop it, it reads the old file.
        for (const job of jobs?.list() ?? []) jobs?.cancel(job.id);
        await app.close();
        try {
          app = (await openDatabaseSafely(file, { mustExist: true, dailyBackup: false, ...(reopenOptions?.fullCheck ? {} : { fullCheckUpTo: startupFullCheckBytes }) })).app;
        } catch (error) {
          app = (await openDatabaseSafely(previous, { dailyBackup: false })).app;
          throw error;
        } finally {
          jobs = jobRunner(app);
          folderSync = startFolderSync(app, packageJson.version, onFolderSyncError);
        }
        rememberDatabaseFile(path.dirname(path.resolve(options.dbPath)), file);
        // Restored and moved files were verified on the way; a full-check reopen just checked (and recovered) it.
        integrity.verified();
      },
    },
    { checkOutput: true, onInternalError: (channel, error) => console.error(`[${channel}]`, error) },
  );
  let port = 0;

  const server = http.createServer((request, response) => {
    void handle(request, response).catch((error: unknown) => {
      console.error(error);
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('Intern fejl');
    });
  });

  async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const host = request.headers.host ?? '';
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      response.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Forkert vært');
      return;
    }
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://${host}`);
    } catch {
      sendJson(response, 400, { ok: false, error: { code: 'VALIDATION', message: 'Adressen kunne ikke læses.' } });
      return;
    }
    if (url.pathname.startsWith(apiPrefix)) {
      if (request.method !== 'POST') {
        response.writeHead(405, { allow: 'POST' }).end();
        return;
      }
      if (!tokenMatches(request.headers[tokenHeader], token)) {
        sendJson(response, 403, { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'Adgang nægtet.' } });
        return;
      }
      const body = await readBody(request);
      if (body === null) {
        sendJson(response, 413, { ok: false, error: { code: 'VALIDATION', message: 'Forespørgslen er for stor.' } });
        return;
      }
      let input: unknown;
      try {
        input = body.length === 0 ? undefined : (JSON.parse(body) as { input?: unknown }).input;
      } catch {
        sendJson(response, 400, { ok: false, error: { code: 'VALIDATION', message: 'Forespørgslen kunne ikke læses.' } });
        return;
      }
      let channel: string;
      try {
        channel = decodeURIComponent(url.pathname.slice(apiPrefix.length));
      } catch {
        // "%ZZ" and friends: not a name any channel could have.
        sendJson(response, 400, { ok: false, error: { code: 'VALIDATION', message: 'Adressen kunne ikke læses.' } });
        return;
      }
      const result = await dispatch(channel, input);
      sendJson(response, 200, result);
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    const file = await serveStatic(options.rendererRoot, url.pathname);
    response.writeHead(file.status, file.headers);
    response.end(request.method === 'HEAD' ? undefined : file.body);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    port,
    get app() {
      return app;
    },
    close: async () => {
      await folderSync.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close();
    },
  };
}

function tokenMatches(header: string | string[] | undefined, token: string): boolean {
  if (typeof header !== 'string' || header.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(header), Buffer.from(token));
}

function sendJson(response: http.ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  response.end(JSON.stringify(value));
}

function readBody(request: http.IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBodyBytes) {
        request.destroy();
        resolve(null);
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string', default: '0' }, renderer: { type: 'string' } },
  });
  const here = path.dirname(fileURLToPath(import.meta.url));
  const host = await startBrowserHost({
    dbPath: values.db ?? databaseFileFor(defaultDataDir()).file,
    port: Number(values.port),
    rendererRoot: values.renderer ?? (runningBundled ? path.join(here, '..', 'renderer') : path.join(here, '..', 'dist', 'renderer')),
  });
  // The e2e fixtures read this exact line; keep its shape.
  console.log(`Kredsbog kører på ${host.url}`);
  console.log(`Database: ${host.app.file}`);
  const stop = () => void host.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

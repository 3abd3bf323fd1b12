import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { databaseFileFor } from '../db/backups/location';
import type { AppDatabase } from '../db/connection';
import { serveStatic } from '../main/protocol';
import type { LogFields } from '../server/log/log';
import { openSession } from '../server/session';
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
  /** Milliseconds since this process started (performance.now()): the database session open, the server listening. */
  readonly startup: { readonly sessionOpenMs: number; readonly readyMs: number };
  close(): Promise<void>;
}

export const apiPrefix = '/api/';
/** Run as dist/host/browser-host.mjs (scripts/build-host.mjs), the worker is the bundle beside it; from source, the TypeScript worker under tsx. */
const runningBundled = import.meta.url.endsWith('.mjs');
const bundledWorker = './job.worker.cjs';
export const tokenHeader = 'x-kredsbog-token';
// Sync files travel as base64 in the body (see common/sync.domain.ts).
const maxBodyBytes = 720 * 1024 * 1024;
/** The host's log is its terminal. */
const consoleLog = {
  info: (event: string, fields?: LogFields) => console.log(`[${event}]`, fields ?? ''),
  warn: (event: string, fields?: LogFields) => console.error(`[${event}]`, fields ?? ''),
};

export async function startBrowserHost(options: { dbPath: string; port?: number; rendererRoot: string }): Promise<BrowserHost> {
  // The same session as the app: safe open, jobs in a worker thread, the deferred check and backup, folder sync (server/session.ts).
  const session = await openSession(options.dbPath, {
    version: packageJson.version,
    workerFile: runningBundled ? fileURLToPath(new URL(bundledWorker, import.meta.url)) : fileURLToPath(new URL('../server/jobs/job.worker.ts', import.meta.url)),
    locationDir: path.dirname(path.resolve(options.dbPath)),
    log: consoleLog,
  });
  const sessionOpenMs = performance.now();
  const token = randomBytes(24).toString('hex');
  const dispatch = session.dispatcher({ host: 'browser', checkOutput: true, onInternalError: (channel, error) => console.error(`[${channel}]`, error) });
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
      return session.app;
    },
    startup: { sessionOpenMs, readyMs: performance.now() },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await session.close();
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
  const modulesLoadedMs = performance.now();
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
  // The bench reads this line (bench/bench.ts, cold-start phases): milliseconds since the process started.
  console.log(`Opstart (ms siden processtart): moduler ${Math.round(modulesLoadedMs)}, database ${Math.round(host.startup.sessionOpenMs)}, klar ${Math.round(host.startup.readyMs)}`);
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

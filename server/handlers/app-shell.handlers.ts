import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import type { PendingOpenFiles, ShellRequest } from '../../common/contracts/app-shell.contract';
import { syncFilePayloadSchema } from '../../common/sync.domain';
import { defaultBackupDir } from '../../db/connection';
import { checkDatabase } from '../../db/maintenance';
import { createFileLogger, listLogFiles, logDirFor, redact } from '../log/log';
import type { HandlerContext, HandlersFor } from './handler.types';

/**
 * What main hands the renderer without being asked for it in the moment:
 * .kredsbog files the OS opened with Kredsbog (argv, second instance, macOS
 * open-file) and menu clicks. main/main.ts feeds `appShellEvents`; the
 * renderer drains it through appShell.nextRequest / appShell.pendingOpenFiles.
 */
export interface ShellEvents {
  /** A file the OS asked Kredsbog to open; read and checked only when the renderer asks. */
  openFile(file: string): void;
  request(kind: Exclude<ShellRequest, 'openFiles'>): void;
  takeFiles(): string[];
  /** The next request; null after `waitMs` without one. Every caller waiting at the moment gets it. */
  next(): Promise<ShellRequest | null>;
  /** Forgets queued files and requests (between tests). */
  clear(): void;
}

export function createShellEvents(options: { readonly waitMs?: number } = {}): ShellEvents {
  const waitMs = options.waitMs ?? 25_000;
  const files: string[] = [];
  // Requests made while no renderer call was waiting (at start-up, between two polls).
  const queued: ShellRequest[] = [];
  const waiters = new Set<(request: ShellRequest | null) => void>();
  const emit = (request: ShellRequest) => {
    if (waiters.size === 0) {
      if (!queued.includes(request)) queued.push(request);
      return;
    }
    // A reloaded renderer may leave a dead waiter behind: every waiter gets the request, so the live one does too.
    for (const resolve of [...waiters]) resolve(request);
  };
  return {
    openFile(file) {
      files.push(file);
      emit('openFiles');
    },
    request: (kind) => emit(kind),
    takeFiles: () => files.splice(0),
    clear() {
      files.length = 0;
      queued.length = 0;
    },
    next() {
      const first = queued.shift();
      if (first) return Promise.resolve(first);
      return new Promise((resolve) => {
        const done = (request: ShellRequest | null) => {
          clearTimeout(timer);
          waiters.delete(done);
          resolve(request);
        };
        const timer = setTimeout(() => done(null), waitMs);
        waiters.add(done);
      });
    },
  };
}

/**
 * The .kredsbog files in a command line: Windows and Linux pass a double-clicked
 * file as an argument (first instance: process.argv; a second instance's argv
 * arrives in the `second-instance` event), relative to that instance's folder.
 * Switches (Chromium adds some) and the executable itself are skipped.
 */
export function openedFilesFromArgv(argv: readonly string[], workingDirectory: string): string[] {
  return argv
    .slice(1)
    .filter((arg) => !arg.startsWith('-') && arg.toLowerCase().endsWith('.kredsbog'))
    .map((arg) => path.resolve(workingDirectory, arg));
}

/** The one queue of the Electron app (main/main.ts). */
export const appShellEvents = createShellEvents();

/** The same limit as a file chosen on the sync page (syncFilePayloadSchema's base64 length). */
export const maxOpenFileBytes = Math.floor((syncFilePayloadSchema.shape.base64.maxLength ?? 0) / 4) * 3;

/** Reads opened files as the sync page would have: .kredsbog only, within the size limit, as base64. */
export async function readOpenedFiles(paths: readonly string[], onReject?: (reason: string) => void): Promise<PendingOpenFiles> {
  const result: { files: PendingOpenFiles['files']; rejected: PendingOpenFiles['rejected'] } = { files: [], rejected: [] };
  for (const file of paths) {
    const fileName = path.basename(file).slice(0, 255);
    const reject = (reason: PendingOpenFiles['rejected'][number]['reason']) => {
      onReject?.(reason);
      result.rejected.push({ fileName, reason });
    };
    if (path.extname(file).toLowerCase() !== '.kredsbog') {
      reject('notKredsbog');
      continue;
    }
    try {
      const stat = await fs.stat(file);
      if (!stat.isFile()) {
        reject('unreadable');
        continue;
      }
      if (stat.size > maxOpenFileBytes) {
        reject('tooLarge');
        continue;
      }
      const payload = syncFilePayloadSchema.safeParse({ fileName, base64: (await fs.readFile(file)).toString('base64') });
      if (payload.success) result.files.push(payload.data);
      else reject('unreadable');
    } catch {
      reject('unreadable');
    }
  }
  return result;
}

function versions() {
  return { electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null, node: process.versions.node };
}

function osDescription(): string {
  return `${os.type()} ${os.release()} (${os.arch()})`;
}

function localDate(at: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`;
}

/**
 * The diagnostic zip. Deliberately without personal data: versions, OS, the
 * database check and row counts (never rows), and the logs (which hold none
 * by design, and are redacted once more here). No paths: they carry the
 * user's name.
 */
export async function buildDiagnostics({ app, host, version }: Pick<HandlerContext, 'app' | 'host' | 'version'>, now = new Date()): Promise<{ fileName: string; base64: string }> {
  const sqlite = app.sqlite;
  const check = checkDatabase(sqlite);
  const tables = sqlite.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`).pluck().all() as string[];
  const rowCounts: Record<string, number> = {};
  for (const table of tables) rowCounts[table] = sqlite.prepare(`SELECT count(*) FROM "${table.replaceAll('"', '""')}"`).pluck().get() as number;
  const foreignKeyProblems: Record<string, number> = {};
  for (const problem of check.foreignKeys) foreignKeyProblems[problem.table] = (foreignKeyProblems[problem.table] ?? 0) + 1;
  const fileSize = async (file: string) => (await fs.stat(file).catch(() => null))?.size ?? null;

  const report = {
    generatedAt: now.toISOString(),
    app: { version, host, schemaVersion: app.schemaVersion, userVersion: sqlite.pragma('user_version', { simple: true }) },
    versions: { ...versions(), v8: process.versions.v8, sqlite: sqlite.prepare('SELECT sqlite_version()').pluck().get() },
    os: { platform: process.platform, type: os.type(), release: os.release(), arch: os.arch(), cpus: os.cpus().length, memoryMb: Math.round(os.totalmem() / 1024 / 1024), locale: Intl.DateTimeFormat().resolvedOptions().locale },
    database: {
      sizeBytes: await fileSize(app.file),
      walBytes: await fileSize(`${app.file}-wal`),
      journalMode: sqlite.pragma('journal_mode', { simple: true }),
      pageSize: sqlite.pragma('page_size', { simple: true }),
      pageCount: sqlite.pragma('page_count', { simple: true }),
      freelistCount: sqlite.pragma('freelist_count', { simple: true }),
    },
    check: { ok: check.ok, integrity: check.integrity.map((line) => redact(line)), foreignKeyProblems },
    rowCounts,
  };

  const files: Record<string, Uint8Array> = {
    'LÆS MIG.txt': strToU8(
      'Diagnosefil fra Kredsbog.\r\n\r\n' +
        'Indhold: versioner, styresystem, en kontrol af databasen med antal rækker pr. tabel (diagnose.json) og programmets log (logs/).\r\n' +
        'Der er ingen navne, e-mails, telefonnumre, noter eller andet indhold fra databasen i filen, og ingen mappestier.\r\n',
    ),
    'diagnose.json': strToU8(JSON.stringify(report, null, 2)),
  };
  for (const file of listLogFiles(logDirFor(app.file))) {
    const text = await fs.readFile(file, 'utf8').catch(() => '');
    files[`logs/${path.basename(file)}`] = strToU8(text.split('\n').map((line) => redact(line)).join('\n'));
  }
  const zip = zipSync(files, { level: 6, mtime: now });
  return { fileName: `Kredsbog diagnose ${localDate(now)}.zip`, base64: Buffer.from(zip).toString('base64') };
}

export const appShellHandlers: HandlersFor<'appShell'> = {
  'appShell.about': async (_input, { app, host, version }) => ({
    version,
    schemaVersion: app.schemaVersion,
    host,
    ...versions(),
    os: osDescription(),
    databaseFile: path.resolve(app.file),
    dataFolder: path.dirname(path.resolve(app.file)),
    backupsFolder: defaultBackupDir(app.file),
    logsFolder: logDirFor(app.file),
  }),
  'appShell.diagnostics': async (_input, context) => {
    const log = createFileLogger({ dir: logDirFor(context.app.file) });
    const started = Date.now();
    const result = await buildDiagnostics(context);
    log.info('diagnostics.written', { durationMs: Date.now() - started, bytes: result.base64.length });
    return result;
  },
  'appShell.pendingOpenFiles': async (_input, { app, host }) => {
    // Files cannot be double-clicked into a browser tab.
    if (host !== 'electron') return { files: [], rejected: [] };
    const log = createFileLogger({ dir: logDirFor(app.file) });
    return readOpenedFiles(appShellEvents.takeFiles(), (reason) => log.warn('openFile.rejected', { reason }));
  },
  'appShell.nextRequest': async (_input, { host }) => {
    if (host !== 'electron') return { request: null, waitAgain: false };
    return { request: await appShellEvents.next(), waitAgain: true };
  },
};

import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session } from 'electron';
import { databaseFileFor } from '../db/backups/location';
import { AppError } from '../common/result';
import packageJson from '../package.json';
import { appShellEvents, openedFilesFromArgv } from '../server/handlers/app-shell.handlers';
import { electronPdfRenderer } from './pdf/electron-pdf-renderer';
import { registerIpc } from './ipc/register';
import { createFileLogger, errorFields, logInternalError } from '../server/log/log';
import { openSession, type Session } from '../server/session';
import { applicationMenu } from './menu';
import { electronNativeBinding } from './native-binding';
import { serveStatic } from './protocol';
import { appHost, appOrigin, appScheme } from './security/sender';
import { denyAllPermissions, hardenWebContents, mainWindowOptions } from './window';

/**
 * The Electron shell: window, security, menu and IPC. All product logic is in
 * the handler table and db/, which run without Electron too.
 * Bundled to dist/main/main.cjs; preload to dist/preload/preload.cjs.
 */
// Danish date pickers, spell-checking and number formats regardless of the OS language.
app.commandLine.appendSwitch('lang', 'da');
// Every renderer sandboxed, also a window added later without `sandbox: true` (Electron security checklist 4).
app.enableSandbox();
// codeCache: V8 keeps the compiled renderer code between starts (Electron ≥ 28.1; only for standard schemes), so a daily
// start does not parse and compile the first view's JavaScript again — most of a cold start's first half (README, Performance).
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);

const appRoot = app.getAppPath();
const rendererRoot = path.join(appRoot, 'dist', 'renderer');
let mainWindow: BrowserWindow | null = null;
let backend: Session | null = null;
let quitting = false;
// <userData>/logs, beside the database (server/log/log.ts: no personal data goes in).
const log = createFileLogger({ dir: path.join(app.getPath('userData'), 'logs') });

/**
 * A .kredsbog file the OS asks us to open waits in appShellEvents until the
 * renderer fetches it (appShell.pendingOpenFiles) and shows the sync import
 * preview; the window comes to the front.
 */
function openFiles(files: readonly string[]): void {
  for (const file of files) appShellEvents.openFile(file);
  if (files.length > 0) showWindow();
}

function showWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
}

// macOS hands files over as events, also before `ready` (the app was started by the double-click).
app.on('open-file', (event, file) => {
  event.preventDefault();
  openFiles([file]);
});

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  // Windows and Linux start a second instance for a double-clicked file; it quits and its argv lands here.
  app.on('second-instance', (_event, argv, workingDirectory) => {
    openFiles(openedFilesFromArgv(argv, workingDirectory));
    showWindow();
  });
  openFiles(openedFilesFromArgv(process.argv, process.cwd()));
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  // One last sync-folder round before quitting, then close the database cleanly.
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void (async () => {
      // The last sync-folder round, then the database closes cleanly.
      await backend?.close();
      log.info('app.quit');
      app.quit();
    })();
  });
  app.whenReady()
    .then(start)
    .catch((error: unknown) => {
      log.error('app.startFailed', errorFields(error));
      console.error('Kredsbog could not start', error);
      // A read-only or full disk, a moved database that is missing, a newer version: the user gets the Danish reason.
      if (error instanceof AppError) dialog.showErrorBox('Kredsbog kan ikke starte', error.message);
      app.exit(2);
    });
}

async function start(): Promise<void> {
  const started = Date.now();
  log.info('app.start', { version: packageJson.version, electron: process.versions.electron, chrome: process.versions.chrome, platform: process.platform, arch: process.arch, packaged: app.isPackaged });
  denyAllPermissions(session.defaultSession);
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== appHost) return new Response('Ikke fundet', { status: 404 });
    const { status, headers, body } = await serveStatic(rendererRoot, url.pathname);
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), { status, headers });
  });

  const userData = app.getPath('userData');
  const location = databaseFileFor(userData);
  // Safe open (quick_check or a light probe, recovery); the full check, the day's backup and folder sync follow the first view (server/session.ts).
  backend = await openSession(location.file, {
    version: packageJson.version,
    nativeBinding: electronNativeBinding(appRoot, process.versions.electron, app.isPackaged),
    // A worker thread cannot start from inside the asar archive: the worker is unpacked beside it (electron-builder.yml).
    workerFile: path.join(appRoot, 'dist', 'main', 'job.worker.cjs').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`),
    mustExist: location.moved,
    locationDir: userData,
    log,
  });
  const dispatch = backend.dispatcher({
    host: 'electron',
    pdf: electronPdfRenderer(),
    checkOutput: !app.isPackaged,
    onInternalError: (channel, error) => {
      logInternalError(log)(channel, error);
      if (!app.isPackaged) console.error(`[${channel}]`, error);
    },
  });
  registerIpc(ipcMain, dispatch);

  // Menu clicks reach the renderer through the same queue as opened files (appShell.nextRequest).
  const menuActions = {
    about: () => appShellEvents.request('about'),
    reportProblem: () => appShellEvents.request('reportProblem'),
  };
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu(process.platform === 'darwin', app.isPackaged, menuActions)));
  mainWindow = new BrowserWindow(mainWindowOptions(path.join(appRoot, 'dist', 'preload', 'preload.cjs'), app.isPackaged));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(`${appOrigin}/index.html`);
  log.info('app.ready', { durationMs: Date.now() - started, schemaVersion: backend.app.schemaVersion });
}

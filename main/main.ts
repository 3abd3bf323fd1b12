import path from 'node:path';
import { app, BrowserWindow, ipcMain, Menu, protocol, session } from 'electron';
import { openDatabase, type AppDatabase } from '../db/connection';
import packageJson from '../package.json';
import { handlers } from './handlers';
import { createDispatcher } from './ipc/dispatch';
import { createJobRunner } from './jobs/job-runner';
import { electronPdfRenderer } from './pdf/electron-pdf-renderer';
import { registerIpc } from './ipc/register';
import { applicationMenu } from './menu';
import { electronNativeBinding } from './native-binding';
import { serveStatic } from './protocol';
import { startFolderSync } from './sync-folder.scheduler';
import { appHost, appOrigin, appScheme } from './security/sender';
import { denyAllPermissions, hardenWebContents, mainWindowOptions } from './window';

/**
 * The Electron shell: window, security, menu and IPC. All product logic is in
 * the handler table and db/, which run without Electron too.
 * Bundled to dist/main/main.cjs; preload to dist/preload/preload.cjs.
 */
// Danish date pickers, spell-checking and number formats regardless of the OS language.
app.commandLine.appendSwitch('lang', 'da');
protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const appRoot = app.getAppPath();
const rendererRoot = path.join(appRoot, 'dist', 'renderer');
let mainWindow: BrowserWindow | null = null;
let database: AppDatabase | null = null;
let folderSync: ReturnType<typeof startFolderSync> | null = null;
let quitting = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => app.quit());
  // One last sync-folder round before quitting, then close the database cleanly.
  app.on('before-quit', (event) => {
    if (quitting) return;
    quitting = true;
    event.preventDefault();
    void (async () => {
      await folderSync?.stop();
      await database?.close();
      app.quit();
    })();
  });
  app.whenReady().then(start, (error: unknown) => {
    console.error('Kredsbog could not start', error);
    app.exit(2);
  });
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== appHost) return new Response('Ikke fundet', { status: 404 });
    const { status, headers, body } = await serveStatic(rendererRoot, url.pathname);
    return new Response(typeof body === 'string' ? body : new Uint8Array(body), { status, headers });
  });

  const file = path.join(app.getPath('userData'), 'kredsbog.sqlite');
  const nativeBinding = electronNativeBinding(appRoot, process.versions.electron, app.isPackaged);
  database = await openDatabase(file, { nativeBinding });
  const dispatch = createDispatcher(
    handlers,
    {
      app: database,
      host: 'electron',
      version: packageJson.version,
      pdf: electronPdfRenderer(),
      // A worker thread cannot start from inside the asar archive: the worker is unpacked beside it (electron-builder.yml).
      jobs: createJobRunner({ workerFile: path.join(appRoot, 'dist', 'main', 'job.worker.cjs').replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`), dbFile: file, nativeBinding }),
    },
    { checkOutput: !app.isPackaged, onInternalError: (channel, error) => console.error(`[${channel}]`, error) },
  );
  registerIpc(ipcMain, dispatch);
  folderSync = startFolderSync(database, packageJson.version, (error) => console.error('[sync-mappe]', error));

  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenu(process.platform === 'darwin', app.isPackaged)));
  mainWindow = new BrowserWindow(mainWindowOptions(path.join(appRoot, 'dist', 'preload', 'preload.cjs'), app.isPackaged));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  await mainWindow.loadURL(`${appOrigin}/index.html`);
}

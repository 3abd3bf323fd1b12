import { beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * The Electron entry under a mocked `electron` module (no binary here):
 * checks the wiring the real app depends on before any window exists.
 */
const electron = vi.hoisted(() => {
  const app = {
    requestSingleInstanceLock: vi.fn(() => true),
    quit: vi.fn(),
    exit: vi.fn(),
    on: vi.fn(),
    whenReady: vi.fn(() => new Promise(() => undefined)),
    getAppPath: vi.fn(() => '/opt/kredsbog'),
    getPath: vi.fn(() => '/home/konsulent/.config/Kredsbog'),
    isPackaged: true,
    commandLine: { appendSwitch: vi.fn() },
    enableSandbox: vi.fn(),
  };
  return {
    app,
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    BrowserWindow: vi.fn(),
    ipcMain: { handle: vi.fn() },
    Menu: { setApplicationMenu: vi.fn(), buildFromTemplate: vi.fn() },
    session: { defaultSession: {} },
  };
});
vi.mock('electron', () => ({ ...electron, default: electron }));

beforeEach(() => {
  vi.resetModules();
  vi.clearAllMocks();
});

describe('Electron entry', () => {
  it('registers app:// as a secure standard scheme and takes the single-instance lock', async () => {
    await import('./main');
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    const events = electron.app.on.mock.calls.map((c: unknown[]) => c[0]);
    expect(events).toEqual(expect.arrayContaining(['second-instance', 'web-contents-created', 'window-all-closed']));
  });

  it('quits at once when another instance holds the lock', async () => {
    electron.app.requestSingleInstanceLock.mockReturnValueOnce(false);
    await import('./main');
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
  });

  it('hardens every web contents created', async () => {
    await import('./main');
    const [, listener] = electron.app.on.mock.calls.find((c: unknown[]) => c[0] === 'web-contents-created') as [string, (e: unknown, c: unknown) => void];
    const contents = { on: vi.fn(), setWindowOpenHandler: vi.fn() };
    listener({}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(contents.on.mock.calls.map((c: unknown[]) => c[0])).toEqual(expect.arrayContaining(['will-navigate', 'will-redirect', 'will-frame-navigate', 'will-attach-webview']));
  });
});

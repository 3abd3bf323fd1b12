import { describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, hardenWebContents, isAppUrl, mainWindowOptions } from './window';

describe('main window', () => {
  it('runs the renderer isolated, sandboxed, without Node and with web security', () => {
    const prefs = mainWindowOptions('/app/preload.cjs', true).webPreferences!;
    expect(prefs).toMatchObject({
      preload: '/app/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('allows DevTools only when not packaged', () => {
    expect(mainWindowOptions('p', false).webPreferences?.devTools).toBe(true);
  });

  it('knows its own URLs', () => {
    expect(isAppUrl('app://kredsbog/index.html#/kontakter')).toBe(true);
    expect(isAppUrl('https://kredsbog/')).toBe(false);
    expect(isAppUrl('app://kredsbog.evil.example/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('denies new windows, outside navigation, redirects and webviews', () => {
    const handlers = new Map<string, (event: { preventDefault: () => void }, url?: string) => void>();
    let openHandler: (() => { action: string }) | undefined;
    const contents = {
      on: (name: string, listener: (event: { preventDefault: () => void }, url?: string) => void) => {
        handlers.set(name, listener);
        return contents;
      },
      setWindowOpenHandler: (handler: () => { action: string }) => {
        openHandler = handler;
      },
    };
    hardenWebContents(contents as never);
    expect(openHandler?.()).toEqual({ action: 'deny' });
    const outside = { preventDefault: vi.fn() };
    handlers.get('will-navigate')!(outside, 'https://example.com/');
    expect(outside.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    handlers.get('will-navigate')!(inside, 'app://kredsbog/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const redirect = { preventDefault: vi.fn() };
    handlers.get('will-redirect')!(redirect, 'http://127.0.0.1:1/');
    expect(redirect.preventDefault).toHaveBeenCalled();
    const webview = { preventDefault: vi.fn() };
    handlers.get('will-attach-webview')!(webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | undefined;
    let check: (() => boolean) | undefined;
    denyAllPermissions({ setPermissionRequestHandler: (h: typeof request) => (request = h), setPermissionCheckHandler: (h: typeof check) => (check = h) } as never);
    const callback = vi.fn();
    request?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(check?.()).toBe(false);
  });
});

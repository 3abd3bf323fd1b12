import fc from 'fast-check';
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
    const frameAway = { url: 'https://example.com/', preventDefault: vi.fn() };
    handlers.get('will-frame-navigate')!(frameAway);
    expect(frameAway.preventDefault).toHaveBeenCalled();
    for (const url of ['app://kredsbog/index.html', 'about:srcdoc']) {
      const frameInside = { url, preventDefault: vi.fn() };
      handlers.get('will-frame-navigate')!(frameInside);
      expect(frameInside.preventDefault).not.toHaveBeenCalled();
    }
    const frameFile = { url: 'file:///etc/passwd', preventDefault: vi.fn() };
    handlers.get('will-frame-navigate')!(frameFile);
    expect(frameFile.preventDefault).toHaveBeenCalled();
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

  it('turns on no experimental or Blink features and keeps insecure content off, packaged or not', () => {
    for (const packaged of [true, false]) {
      const prefs = mainWindowOptions('p', packaged).webPreferences!;
      expect(prefs.experimentalFeatures).toBe(false);
      expect(prefs.enableBlinkFeatures).toBeUndefined();
      expect(prefs.allowRunningInsecureContent).toBe(false);
      expect(prefs.webSecurity).toBe(true);
      expect(prefs.sandbox).toBe(true);
      expect(prefs.contextIsolation).toBe(true);
      expect(prefs.nodeIntegration).toBe(false);
      expect(prefs.webviewTag).toBe(false);
    }
  });

  it('never takes a look-alike for the app origin', () => {
    for (const url of ['app://kredsbog@evil.example/', 'app://kredsbog:443/', 'app:kredsbog/index.html', 'file:///app/kredsbog/index.html', 'blob:app://kredsbog/x', 'javascript:location="app://kredsbog/"', 'APP://KREDSBOG.evil/']) {
      expect(isAppUrl(url), url).toBe(false);
    }
    fc.assert(
      fc.property(fc.webUrl({ withFragments: true, withQueryParameters: true }), (url) => {
        expect(isAppUrl(url)).toBe(false);
      }),
      { numRuns: 300, seed: 11 },
    );
    fc.assert(
      fc.property(fc.webPath(), (path) => {
        expect(isAppUrl(`app://kredsbog${path}`)).toBe(true);
      }),
      { numRuns: 100, seed: 12 },
    );
  });

  it('prevents every navigation and redirect that leaves the app, and only those', () => {
    const listeners = new Map<string, (event: { preventDefault: () => void }, url: string) => void>();
    const contents = {
      on: (name: string, listener: (event: { preventDefault: () => void }, url: string) => void) => {
        listeners.set(name, listener);
        return contents;
      },
      setWindowOpenHandler: vi.fn(),
    };
    hardenWebContents(contents as never);
    const target = fc.oneof(
      fc.webUrl().map((url) => ({ url, leaves: true })),
      fc.domain().filter((host) => host !== 'kredsbog').map((host) => ({ url: `app://${host}/index.html`, leaves: true })),
      fc.constantFrom('file:///etc/passwd', 'data:text/html,x', 'javascript:alert(1)', 'about:blank', 'chrome://settings').map((url) => ({ url, leaves: true })),
      fc.webPath().map((path) => ({ url: `app://kredsbog${path}`, leaves: false })),
    );
    fc.assert(
      fc.property(fc.constantFrom('will-navigate', 'will-redirect'), target, (name, { url, leaves }) => {
        const event = { preventDefault: vi.fn() };
        listeners.get(name)!(event, url);
        expect(event.preventDefault.mock.calls.length > 0).toBe(leaves);
      }),
      { numRuns: 300, seed: 13 },
    );
  });

  it('denies new windows whatever they ask for', () => {
    let openHandler: ((details: { url: string; disposition: string }) => { action: string }) | undefined;
    hardenWebContents({ on: vi.fn(), setWindowOpenHandler: (handler: typeof openHandler) => (openHandler = handler) } as never);
    for (const url of ['app://kredsbog/index.html', 'https://bl.dk/', 'mailto:hanne@kbs.dk', 'file:///etc/passwd']) {
      for (const disposition of ['new-window', 'foreground-tab', 'background-tab', 'save-to-disk', 'other']) {
        expect(openHandler?.({ url, disposition })).toEqual({ action: 'deny' });
      }
    }
  });

  it('denies each kind of permission Chromium asks about', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void, details: unknown) => void) | undefined;
    let check: ((c: unknown, p: string, origin: string, details: unknown) => boolean) | undefined;
    denyAllPermissions({ setPermissionRequestHandler: (h: typeof request) => (request = h), setPermissionCheckHandler: (h: typeof check) => (check = h) } as never);
    for (const permission of ['clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection', 'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem', 'hid', 'serial', 'usb']) {
      const callback = vi.fn();
      request?.({}, permission, callback, { requestingUrl: 'app://kredsbog/index.html' });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(check?.({}, permission, 'app://kredsbog', {}), permission).toBe(false);
    }
  });
});

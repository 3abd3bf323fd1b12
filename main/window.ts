import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { appOrigin } from './security/sender';

/** Options for the main window. Every security-relevant flag is explicit. */
export function mainWindowOptions(preloadPath: string, isPackaged: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1320,
    height: 860,
    minWidth: 960,
    minHeight: 600,
    title: 'Kredsbog',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: true,
      devTools: !isPackaged,
      safeDialogs: true,
    },
  };
}

/** Is this URL the app's own UI? Anything else is never loaded in the window. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.host}` === appOrigin;
  } catch {
    return false;
  }
}

/**
 * Deny navigation away from the app, new windows, webviews and every
 * permission request (camera, notifications, geolocation …): Kredsbog needs none.
 */
export function hardenWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  // Inner frames navigate through this event, not will-navigate. The referat preview is a sandboxed
  // srcdoc iframe (about:srcdoc); anything else outside the app is refused.
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url) && event.url !== 'about:srcdoc' && event.url !== 'about:blank') event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

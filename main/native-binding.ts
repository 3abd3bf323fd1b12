import fs from 'node:fs';
import path from 'node:path';

/**
 * better-sqlite3 is a native module: `npm ci` builds it for Node (tests, CLI,
 * browser host). Electron has another ABI, so `npm start` first runs
 * scripts/native-electron.mjs, which builds a second copy against Electron's
 * headers into .native/electron-<version>/ — and the Electron entry points
 * better-sqlite3's `nativeBinding` option at it. Packaged apps use the copy
 * electron-builder rebuilt inside the asar-unpacked node_modules.
 * Changing the folder layout? Also change scripts/native-electron.mjs.
 */
export function electronNativeBinding(appRoot: string, electronVersion: string, isPackaged: boolean): string | undefined {
  if (isPackaged) return undefined;
  const file = path.join(appRoot, '.native', `electron-${electronVersion}`, 'better_sqlite3.node');
  if (!fs.existsSync(file)) {
    throw new Error(`better-sqlite3 er ikke bygget til Electron ${electronVersion}. Kør "npm start" (som bygger det) i stedet for at starte Electron direkte.`);
  }
  return file;
}

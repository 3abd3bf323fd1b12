import os from 'node:os';
import path from 'node:path';

/**
 * The per-user data folder outside Electron, matching where Electron's
 * `userData` would be for an app named "Kredsbog".
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), 'Kredsbog');
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', 'Kredsbog');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), 'Kredsbog');
}

export function defaultDatabasePath(): string {
  return path.join(defaultDataDir(), 'kredsbog.sqlite');
}

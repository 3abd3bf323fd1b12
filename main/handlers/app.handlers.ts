import { collectStats } from '../../db/maintenance';
import { getSettings, updateSettings } from '../../db/settings/settings.repository';
import type { HandlersFor } from './handler.types';

export const appHandlers: HandlersFor<'app'> = {
  'app.info': async (_input, { app, host, version }) => ({ version, schemaVersion: app.schemaVersion, databasePath: app.file, host }),
};

export const settingsHandlers: HandlersFor<'settings'> = {
  'settings.get': async (_input, { app }) => getSettings(app.db),
  'settings.update': async (input, { app }) => updateSettings(app.db, input),
};

export const statsHandlers: HandlersFor<'stats'> = {
  'stats.get': async (_input, { app }) => collectStats(app.sqlite),
};

import { AppError } from '../../common/result';
import { getDashboard, getDashboardStyringsdialog, kommuneMapStats } from '../../db/dashboard/dashboard.repository';
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

export const dashboardHandlers: HandlersFor<'dashboard'> = {
  'dashboard.get': async (_input, { app }) => {
    const settings = await getSettings(app.db);
    return getDashboard(app.db, { myKredse: settings.myKredse, quietMonths: settings.quietMonths });
  },
  'dashboard.map': async (_input, { app }) => kommuneMapStats(app.db, (await getSettings(app.db)).myKredse),
  'dashboard.styringsdialog': async (_input, { app }) => getDashboardStyringsdialog(app.db, { myKredse: (await getSettings(app.db)).myKredse }),
};

export const jobsHandlers: HandlersFor<'jobs'> = {
  'jobs.list': async (_input, { jobs }) => jobs?.list() ?? [],
  'jobs.cancel': async ({ id }, { jobs }) => {
    if (!jobs?.cancel(id)) throw new AppError('NOT_FOUND', 'Jobbet er allerede færdigt.');
    return null;
  },
};

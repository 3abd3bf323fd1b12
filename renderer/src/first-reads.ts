import { call } from './api';

/**
 * The first view's reads, sent while the rest of the page's code is still
 * being evaluated: main.tsx imports this module first, so (modules evaluate in
 * import order) the host works on the settings and Overblik's figures in
 * parallel with React and the app loading, instead of after them.
 * Settings first: the host answers in order, and the first render waits only for them.
 * The backend reads the same once right after opening the database (warmFirstView in server/session.ts), so these
 * find SQLite's cache warm: if you change these reads, also change that.
 */
export const settingsRead = call('settings.get').catch(() => null);

const firstRoute = window.location.hash.replace(/^#/, '') || '/';
const channels = firstRoute === '/' ? (['dashboard.get', 'dashboard.map', 'backups.status'] as const) : (['backups.status'] as const);

/** Each read's answer, for main.tsx to hand to the query cache (a failure is the query's, as if it had fetched itself). */
export const firstReads = channels.map((channel) => {
  const answer = call(channel);
  // Handled where the query takes it; this only keeps an early failure from being reported as unhandled meanwhile.
  answer.catch(() => undefined);
  return { channel, answer };
});

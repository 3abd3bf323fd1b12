import { aftaleDeadlines, createAftale, deleteAftale, getAftale, listAftaler, restoreAftale, saveAftale } from '../../db/aftaler/aftaler.repository';
import type { DeadlineWindow } from '../../common/domain';
import type { AppDatabase } from '../../db/connection';
import { resolveDeadlineWindow, textToBase64 } from './deadline-scope';
import type { HandlersFor } from './handler.types';
import { icsWriter } from './lazy-modules';

/** The deadlines window plus, when asked, one aftale's deadlines only. */
const resolveScope = async (app: AppDatabase, scope: DeadlineWindow & { readonly aftaleId?: string }) => ({ ...(await resolveDeadlineWindow(app, scope)), aftaleId: scope.aftaleId });

export const aftalerHandlers: HandlersFor<'aftaler'> = {
  'aftaler.list': async (input, { app }) => listAftaler(app.db, input),
  'aftaler.get': async ({ id }, { app }) => getAftale(app.db, id),
  'aftaler.create': async (input, { app }) => createAftale(app.db, input),
  'aftaler.update': async (input, { app }) => saveAftale(app.db, input),
  'aftaler.delete': async ({ id }, { app }) => {
    await deleteAftale(app.db, id);
    return { id };
  },
  'aftaler.restore': async ({ id }, { app }) => restoreAftale(app.db, id),
  'aftaler.deadlines': async (input, { app }) => aftaleDeadlines(app.db, await resolveScope(app, input)),
  'aftaler.deadlinesIcs': async (input, { app }) => {
    const { aftaleDeadlinesIcs } = await icsWriter();
    const file = await aftaleDeadlinesIcs(app.db, await resolveScope(app, input));
    return { fileName: file.fileName, base64: textToBase64(file.text) };
  },
};

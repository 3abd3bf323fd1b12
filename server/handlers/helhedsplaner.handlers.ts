import type { DeadlineWindow } from '../../common/domain';
import type { AppDatabase } from '../../db/connection';
import * as helhedsplaner from '../../db/helhedsplaner/helhedsplaner.repository';
import { resolveDeadlineWindow, textToBase64 } from './deadline-scope';
import type { HandlersFor } from './handler.types';
import { icsWriter } from './lazy-modules';

/** The deadlines window plus, when asked, one helhedsplan's deadlines only. */
const resolveScope = async (app: AppDatabase, scope: DeadlineWindow & { readonly helhedsplanId?: string }) => ({ ...(await resolveDeadlineWindow(app, scope)), helhedsplanId: scope.helhedsplanId });

export const helhedsplanerHandlers: HandlersFor<'helhedsplaner'> = {
  'helhedsplaner.list': async (input, { app }) => helhedsplaner.listHelhedsplaner(app.db, input),
  'helhedsplaner.get': async ({ id }, { app }) => helhedsplaner.getHelhedsplan(app.db, id),
  'helhedsplaner.create': async (input, { app }) => helhedsplaner.createHelhedsplan(app.db, input),
  'helhedsplaner.update': async (input, { app }) => helhedsplaner.updateHelhedsplan(app.db, input),
  'helhedsplaner.delete': async ({ id }, { app }) => {
    await helhedsplaner.deleteHelhedsplan(app.db, id);
    return { id };
  },
  'helhedsplaner.restore': async ({ id }, { app }) => helhedsplaner.restoreHelhedsplan(app.db, id),
  'helhedsplaner.addRole': async (input, { app }) => helhedsplaner.addHelhedsplanRole(app.db, input),
  'helhedsplaner.updateRole': async (input, { app }) => helhedsplaner.updateHelhedsplanRole(app.db, input),
  'helhedsplaner.deleteRole': async ({ id }, { app }) => helhedsplaner.deleteHelhedsplanRole(app.db, id),
  'helhedsplaner.addDeadline': async (input, { app }) => helhedsplaner.addHelhedsplanDeadline(app.db, input),
  'helhedsplaner.updateDeadline': async (input, { app }) => helhedsplaner.updateHelhedsplanDeadline(app.db, input),
  'helhedsplaner.deleteDeadline': async ({ id }, { app }) => helhedsplaner.deleteHelhedsplanDeadline(app.db, id),
  'helhedsplaner.deadlines': async (input, { app }) => helhedsplaner.helhedsplanDeadlines(app.db, await resolveScope(app, input)),
  'helhedsplaner.deadlinesIcs': async (input, { app }) => {
    const { helhedsplanDeadlinesIcs } = await icsWriter();
    const file = await helhedsplanDeadlinesIcs(app.db, await resolveScope(app, input));
    return { fileName: file.fileName, base64: textToBase64(file.text) };
  },
  'helhedsplaner.indsatsomraader': async ({ includeRetired }, { app }) => helhedsplaner.listIndsatsomraader(app.db, { includeRetired }),
  'helhedsplaner.createIndsatsomraade': async (input, { app }) => helhedsplaner.createIndsatsomraade(app.db, input),
  'helhedsplaner.updateIndsatsomraade': async (input, { app }) => helhedsplaner.updateIndsatsomraade(app.db, input),
  'helhedsplaner.boligomraader': async ({ kommuneId }, { app }) => helhedsplaner.boligomraadeOptions(app.db, kommuneId),
  'helhedsplaner.rolesOfContact': async ({ contactId }, { app }) => helhedsplaner.helhedsplanRolesOfContact(app.db, contactId),
};

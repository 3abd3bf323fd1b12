import { helhedsplanDeadlinesIcs } from '../../db/calendar/calendar.ics';
import type { DeadlineWindow } from '../../common/domain';
import type { AppDatabase } from '../../db/connection';
import {
  addHelhedsplanDeadline,
  boligomraadeOptions,
  addHelhedsplanRole,
  createHelhedsplan,
  createIndsatsomraade,
  deleteHelhedsplan,
  deleteHelhedsplanDeadline,
  deleteHelhedsplanRole,
  getHelhedsplan,
  helhedsplanDeadlines,
  helhedsplanRolesOfContact,
  listHelhedsplaner,
  listIndsatsomraader,
  restoreHelhedsplan,
  updateHelhedsplan,
  updateHelhedsplanDeadline,
  updateHelhedsplanRole,
  updateIndsatsomraade,
} from '../../db/helhedsplaner/helhedsplaner.repository';
import { resolveDeadlineWindow, textToBase64 } from './deadline-scope';
import type { HandlersFor } from './handler.types';

/** The deadlines window plus, when asked, one helhedsplan's deadlines only. */
const resolveScope = async (app: AppDatabase, scope: DeadlineWindow & { readonly helhedsplanId?: string }) => ({ ...(await resolveDeadlineWindow(app, scope)), helhedsplanId: scope.helhedsplanId });

export const helhedsplanerHandlers: HandlersFor<'helhedsplaner'> = {
  'helhedsplaner.list': async (input, { app }) => listHelhedsplaner(app.db, input),
  'helhedsplaner.get': async ({ id }, { app }) => getHelhedsplan(app.db, id),
  'helhedsplaner.create': async (input, { app }) => createHelhedsplan(app.db, input),
  'helhedsplaner.update': async (input, { app }) => updateHelhedsplan(app.db, input),
  'helhedsplaner.delete': async ({ id }, { app }) => {
    await deleteHelhedsplan(app.db, id);
    return { id };
  },
  'helhedsplaner.restore': async ({ id }, { app }) => restoreHelhedsplan(app.db, id),
  'helhedsplaner.addRole': async (input, { app }) => addHelhedsplanRole(app.db, input),
  'helhedsplaner.updateRole': async (input, { app }) => updateHelhedsplanRole(app.db, input),
  'helhedsplaner.deleteRole': async ({ id }, { app }) => deleteHelhedsplanRole(app.db, id),
  'helhedsplaner.addDeadline': async (input, { app }) => addHelhedsplanDeadline(app.db, input),
  'helhedsplaner.updateDeadline': async (input, { app }) => updateHelhedsplanDeadline(app.db, input),
  'helhedsplaner.deleteDeadline': async ({ id }, { app }) => deleteHelhedsplanDeadline(app.db, id),
  'helhedsplaner.deadlines': async (input, { app }) => helhedsplanDeadlines(app.db, await resolveScope(app, input)),
  'helhedsplaner.deadlinesIcs': async (input, { app }) => {
    const file = await helhedsplanDeadlinesIcs(app.db, await resolveScope(app, input));
    return { fileName: file.fileName, base64: textToBase64(file.text) };
  },
  'helhedsplaner.indsatsomraader': async ({ includeRetired }, { app }) => listIndsatsomraader(app.db, { includeRetired }),
  'helhedsplaner.createIndsatsomraade': async (input, { app }) => createIndsatsomraade(app.db, input),
  'helhedsplaner.updateIndsatsomraade': async (input, { app }) => updateIndsatsomraade(app.db, input),
  'helhedsplaner.boligomraader': async ({ kommuneId }, { app }) => boligomraadeOptions(app.db, kommuneId),
  'helhedsplaner.rolesOfContact': async ({ contactId }, { app }) => helhedsplanRolesOfContact(app.db, contactId),
};

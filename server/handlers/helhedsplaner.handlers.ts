import { addDanishDays } from '../../common/time';
import { helhedsplanDeadlinesIcs } from '../../db/calendar/calendar.ics';
import { todayInDenmark } from '../../db/contacts/affiliations.query';
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
import { listKommuner } from '../../db/kommuner/kommuner.repository';
import { getSettings } from '../../db/settings/settings.repository';
import type { HandlersFor } from './handler.types';

const toBase64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

interface DeadlineScope {
  readonly from?: string;
  readonly to?: string;
  readonly helhedsplanId?: string;
  readonly kommuneId?: string;
  readonly onlyMyKredse?: boolean;
}

/** Today and the next 90 days unless given; "my kredse" are those of today (kreds membership is dated). */
async function resolveScope(app: AppDatabase, scope: DeadlineScope) {
  const from = scope.from ?? todayInDenmark();
  const to = scope.to ?? addDanishDays(from, 90);
  let kommuneIds: string[] | undefined = scope.kommuneId ? [scope.kommuneId] : undefined;
  if (scope.onlyMyKredse) {
    const { myKredse } = await getSettings(app.db);
    if (myKredse.length > 0) {
      const mine = (await listKommuner(app.db, { kredse: myKredse })).map((k) => k.id);
      kommuneIds = kommuneIds ? kommuneIds.filter((id) => mine.includes(id)) : mine;
    }
  }
  return { from, to, helhedsplanId: scope.helhedsplanId, kommuneIds };
}

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
    return { fileName: file.fileName, base64: toBase64(file.text) };
  },
  'helhedsplaner.indsatsomraader': async ({ includeRetired }, { app }) => listIndsatsomraader(app.db, { includeRetired }),
  'helhedsplaner.createIndsatsomraade': async (input, { app }) => createIndsatsomraade(app.db, input),
  'helhedsplaner.updateIndsatsomraade': async (input, { app }) => updateIndsatsomraade(app.db, input),
  'helhedsplaner.boligomraader': async ({ kommuneId }, { app }) => boligomraadeOptions(app.db, kommuneId),
  'helhedsplaner.rolesOfContact': async ({ contactId }, { app }) => helhedsplanRolesOfContact(app.db, contactId),
};

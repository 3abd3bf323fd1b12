import { addDanishDays } from '../../common/time';
import { aftaleDeadlines, createAftale, deleteAftale, getAftale, listAftaler, restoreAftale, saveAftale } from '../../db/aftaler/aftaler.repository';
import { aftaleDeadlinesIcs } from '../../db/calendar/calendar.ics';
import { todayInDenmark } from '../../db/contacts/affiliations.query';
import type { AppDatabase } from '../../db/connection';
import { listKommuner } from '../../db/kommuner/kommuner.repository';
import { getSettings } from '../../db/settings/settings.repository';
import type { HandlersFor } from './handler.types';

const toBase64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

interface DeadlineScope {
  readonly from?: string;
  readonly to?: string;
  readonly aftaleId?: string;
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
  return { from, to, aftaleId: scope.aftaleId, kommuneIds };
}

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
    const file = await aftaleDeadlinesIcs(app.db, await resolveScope(app, input));
    return { fileName: file.fileName, base64: toBase64(file.text) };
  },
};

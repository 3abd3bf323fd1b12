import type { DeadlineWindow } from '../../common/domain';
import { addDanishDays } from '../../common/time';
import { todayInDenmark } from '../../db/contacts/affiliations.query';
import type { AppDatabase } from '../../db/connection';
import { listKommuner } from '../../db/kommuner/kommuner.repository';
import { getSettings } from '../../db/settings/settings.repository';


/** Today and the next 90 days unless given; "my kredse" are those of today (kreds membership is dated). */
export async function resolveDeadlineWindow(app: AppDatabase, scope: DeadlineWindow): Promise<{ from: string; to: string; kommuneIds: string[] | undefined }> {
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
  return { from, to, kommuneIds };
}

/** A text file (.ics) as the IPC layer carries it. */
export const textToBase64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

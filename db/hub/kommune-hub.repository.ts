import type { Kysely } from 'kysely';
import type { KommuneHub } from '../../common/relationships.domain';
import { AppError } from '../../common/result';
import { todayInDenmark } from '../contacts/affiliations.query';
import { lastContactForKommune } from '../relationships/last-contact';
import { keyPeople } from '../relationships/relationships.repository';
import type { Database } from '../schema';
import { collaborationSection } from './collaboration.section';
import { nowAndNextSection } from './now-and-next.section';

/**
 * The kommune as the consultant's workspace (issue 16): one call, composed of
 * one repository function per section (db/hub/*.section.ts). Adding a
 * section: a field in kommuneHubSchema (common/relationships.domain.ts), a
 * function here, a component in renderer/src/pages/kommuner/hub/. The
 * timeline is paged separately (timeline.repository.ts).
 */
export async function getKommuneHub(db: Kysely<Database>, kommuneId: string, now = new Date()): Promise<KommuneHub> {
  const kommune = await db.selectFrom('kommune').select(['id', 'navn', 'kode']).where('id', '=', kommuneId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!kommune) throw new AppError('NOT_FOUND', 'Kommunen findes ikke.');
  const today = todayInDenmark(now);
  const [lastContact, nowAndNext, people, collaboration] = await Promise.all([
    lastContactForKommune(db, kommuneId, now, today),
    nowAndNextSection(db, kommuneId, now, today),
    keyPeople(db, { kommuneId }, now),
    collaborationSection(db, kommuneId, now),
  ]);
  return { kommune, today, lastContact, nowAndNext, keyPeople: people, collaboration };
}

/** A kommune by its kode (the CLI's --kode). */
export async function kommuneIdByKode(db: Kysely<Database>, kode: number): Promise<string> {
  const row = await db.selectFrom('kommune').select('id').where('kode', '=', kode).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `Der findes ingen kommune med koden ${kode}.`);
  return row.id;
}

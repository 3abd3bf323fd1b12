import type { Kysely } from 'kysely';
import type { ContactRelations } from '../../common/relationships.domain';
import { AppError } from '../../common/result';
import { listContactLogForContact } from '../contact-log/contact-log.repository';
import { todayInDenmark } from '../contacts/affiliations.query';
import { listFollowUps, openStatuses } from '../follow-ups/follow-ups.repository';
import { lastContactForContact } from '../relationships/last-contact';
import type { Database } from '../schema';

/** Rows per list on the contact page; the timeline has the rest. */
const rows = 20;

/**
 * The contact page's relationship view: last contact, "hold kontakten", the
 * kontaktlog, meetings (attended, afbud, invited; newest first) and the
 * open follow-ups the person owns. Roles over time come with the contact itself.
 */
export async function contactRelations(db: Kysely<Database>, contactId: string, now = new Date()): Promise<ContactRelations> {
  const contact = await db.selectFrom('contact').select(['id', 'keep_in_touch_months']).where('id', '=', contactId).executeTakeFirst();
  if (!contact) throw new AppError('NOT_FOUND', 'Kontakten findes ikke.');
  const today = todayInDenmark(now);
  const [lastContact, log, attended, followUps] = await Promise.all([
    lastContactForContact(db, contactId, now, today),
    listContactLogForContact(db, contactId, rows),
    db
      .selectFrom('attendance as att')
      .innerJoin('meeting as m', 'm.id', 'att.meeting_id')
      .where('att.contact_id', '=', contactId)
      .where('att.deleted_at', 'is', null)
      .where('m.deleted_at', 'is', null)
      .select(['m.id as meetingId', 'm.title', 'm.starts_at as startsAt', 'att.status'])
      .orderBy('m.starts_at', 'desc')
      .limit(rows)
      .execute(),
    listFollowUps(db, { statuses: openStatuses, ownerContactId: contactId, limit: rows }, today),
  ]);
  return { lastContact, keepInTouchMonths: contact.keep_in_touch_months, log, attended, followUps };
}

import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released.
 * - meeting.ics_uid: the UID of a meeting that came in from an .ics file
 *   (Outlook), so importing the same invitation again updates it instead of
 *   creating a second meeting. Meetings made in Kredsbog have none: their UID
 *   is derived from their id.
 * - contact.erased_at: set by "Slet person" (GDPR erasure). Operations on an
 *   erased contact's personal fields are redacted in the log on arrival, so an
 *   older file cannot bring the person back.
 * No rematerialisation needed: no earlier version could have sent operations for these columns.
 */
export const m0006CalendarUidAndErasure = transactional(async (db) => {
  await sql`ALTER TABLE meeting ADD COLUMN ics_uid TEXT`.execute(db);
  await sql`CREATE INDEX meeting_ics_uid ON meeting(ics_uid) WHERE ics_uid IS NOT NULL`.execute(db);
  await sql`ALTER TABLE contact ADD COLUMN erased_at TEXT`.execute(db);
});

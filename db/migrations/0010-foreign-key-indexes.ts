import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Every foreign-key child column gets an index. With
 * deferred foreign keys, inserting a parent row while violations are
 * outstanding (an import applies children before parents) makes SQLite look
 * for children that reference it — without an index, a scan of the child
 * table per parent row: importing a scale-1 database spent 9 of its 23
 * seconds scanning follow_up for each agenda item.
 */
export const m0010ForeignKeyIndexes = transactional(async (db) => {
  await sql`CREATE INDEX follow_up_source_agenda_item ON follow_up(source_agenda_item_id)`.execute(db);
  await sql`CREATE INDEX follow_up_closed_in_meeting ON follow_up(closed_in_meeting_id)`.execute(db);
  await sql`CREATE INDEX meeting_series_organisation_organisation ON meeting_series_organisation(organisation_id)`.execute(db);
  await sql`CREATE INDEX meeting_series_member_contact ON meeting_series_member(contact_id)`.execute(db);
});

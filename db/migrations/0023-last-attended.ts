import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. "Sidst i kontakt" without walking a person's whole
 * attendance (issue 16: overdue for contact in mine kredse ≤ 10 ms at scale 10).
 *
 * contact_last_attended holds, per person, the start of the latest meeting
 * they attended (attendance deltog and live; the meeting live and not aflyst)
 * — planned ones included, so the row never depends on the clock: a reader
 * that finds a start after "now" walks the person's attendance instead
 * (db/relationships/last-contact.ts). It is derived data, never synced nor
 * digested: triggers keep it equal to that definition on every write, the one
 * write path's and materialisation's alike, and a large import drops the
 * triggers and rebuilds the table once (db/sync/derived-tables.ts).
 *
 * Also contact_keep_in_touch: the people with their own interval, so "overdue
 * for contact" picks the watched roles before joining them to their person.
 *
 * If you change the definition, change all of: the rebuild below and in
 * derived-tables.ts, the recompute in the triggers, and lastContactSql.
 */
const attendedMax = (contact: string) => `SELECT ${contact}, max(m.starts_at) FROM attendance att JOIN meeting m ON m.id = att.meeting_id
  WHERE att.contact_id = ${contact} AND att.deleted_at IS NULL AND att.status = 'deltog' AND m.deleted_at IS NULL AND m.status != 'aflyst'
  HAVING max(m.starts_at) IS NOT NULL`;

const recompute = (contact: string) => `DELETE FROM contact_last_attended WHERE contact_id = ${contact};
      INSERT INTO contact_last_attended (contact_id, starts_at) ${attendedMax(contact)};`;

export const m0023LastAttended = transactional(async (db) => {
  // The few people with their own "hold kontakten" interval, without reading every contact (overdue for contact).
  await sql`CREATE INDEX contact_keep_in_touch ON contact(id) WHERE keep_in_touch_months IS NOT NULL AND deleted_at IS NULL`.execute(db);
  await sql`CREATE TABLE contact_last_attended (contact_id TEXT PRIMARY KEY NOT NULL, starts_at TEXT NOT NULL) WITHOUT ROWID`.execute(db);
  await sql`INSERT INTO contact_last_attended (contact_id, starts_at)
    SELECT att.contact_id, max(m.starts_at) FROM attendance att JOIN meeting m ON m.id = att.meeting_id
    WHERE att.deleted_at IS NULL AND att.status = 'deltog' AND m.deleted_at IS NULL AND m.status != 'aflyst'
    GROUP BY att.contact_id`.execute(db);
  // A new attendance can only raise the maximum: one upsert by the meeting's key.
  await sql
    .raw(
      `CREATE TRIGGER last_attended_attendance_insert AFTER INSERT ON attendance WHEN NEW.deleted_at IS NULL AND NEW.status = 'deltog' BEGIN
      INSERT INTO contact_last_attended (contact_id, starts_at)
        SELECT NEW.contact_id, m.starts_at FROM meeting m WHERE m.id = NEW.meeting_id AND m.deleted_at IS NULL AND m.status != 'aflyst'
        ON CONFLICT (contact_id) DO UPDATE SET starts_at = excluded.starts_at WHERE excluded.starts_at > contact_last_attended.starts_at;
    END`,
    )
    .execute(db);
  // Anything else may lower it: recompute the person (or both people) from their attended meetings (attendance_attended).
  await sql
    .raw(
      `CREATE TRIGGER last_attended_attendance_update AFTER UPDATE OF status, deleted_at, contact_id, meeting_id ON attendance
      WHEN (OLD.status = 'deltog' OR NEW.status = 'deltog')
        AND (OLD.status IS NOT NEW.status OR OLD.deleted_at IS NOT NEW.deleted_at OR OLD.contact_id IS NOT NEW.contact_id OR OLD.meeting_id IS NOT NEW.meeting_id) BEGIN
      ${recompute('OLD.contact_id')}
      ${recompute('NEW.contact_id')}
    END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER last_attended_attendance_delete AFTER DELETE ON attendance WHEN OLD.status = 'deltog' BEGIN
      ${recompute('OLD.contact_id')}
    END`,
    )
    .execute(db);
  // A meeting that arrives after its attendance (another file carried the attendance first).
  await sql
    .raw(
      `CREATE TRIGGER last_attended_meeting_insert AFTER INSERT ON meeting WHEN NEW.deleted_at IS NULL AND NEW.status != 'aflyst' BEGIN
      INSERT INTO contact_last_attended (contact_id, starts_at)
        SELECT att.contact_id, NEW.starts_at FROM attendance att WHERE att.meeting_id = NEW.id AND att.deleted_at IS NULL AND att.status = 'deltog'
        ON CONFLICT (contact_id) DO UPDATE SET starts_at = excluded.starts_at WHERE excluded.starts_at > contact_last_attended.starts_at;
    END`,
    )
    .execute(db);
  // A meeting moved, cancelled or deleted: recompute the people who attended it.
  await sql
    .raw(
      `CREATE TRIGGER last_attended_meeting_update AFTER UPDATE OF starts_at, status, deleted_at ON meeting
      WHEN OLD.starts_at IS NOT NEW.starts_at OR (OLD.status = 'aflyst') IS NOT (NEW.status = 'aflyst') OR OLD.deleted_at IS NOT NEW.deleted_at BEGIN
      DELETE FROM contact_last_attended WHERE contact_id IN (SELECT contact_id FROM attendance WHERE meeting_id = NEW.id AND status = 'deltog');
      INSERT INTO contact_last_attended (contact_id, starts_at)
        SELECT att.contact_id, max(m.starts_at) FROM attendance att JOIN meeting m ON m.id = att.meeting_id
        WHERE att.contact_id IN (SELECT contact_id FROM attendance WHERE meeting_id = NEW.id AND status = 'deltog')
          AND att.deleted_at IS NULL AND att.status = 'deltog' AND m.deleted_at IS NULL AND m.status != 'aflyst'
        GROUP BY att.contact_id;
    END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER last_attended_meeting_delete AFTER DELETE ON meeting BEGIN
      DELETE FROM contact_last_attended WHERE contact_id IN (SELECT contact_id FROM attendance WHERE meeting_id = OLD.id AND status = 'deltog');
      INSERT INTO contact_last_attended (contact_id, starts_at)
        SELECT att.contact_id, max(m.starts_at) FROM attendance att JOIN meeting m ON m.id = att.meeting_id
        WHERE att.contact_id IN (SELECT contact_id FROM attendance WHERE meeting_id = OLD.id AND status = 'deltog')
          AND att.deleted_at IS NULL AND att.status = 'deltog' AND m.deleted_at IS NULL AND m.status != 'aflyst'
        GROUP BY att.contact_id;
    END`,
    )
    .execute(db);
});

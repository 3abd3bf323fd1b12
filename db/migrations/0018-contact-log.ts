import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. The kontaktlog and "hold kontakten" (issue 16).
 *
 * - contact_log: one logged contact (a phone call, an e-mail, a chance
 *   meeting): its date (YYYY-MM-DD, Danish calendar day), kind, a short note,
 *   optionally the kommune and/or organisation it concerned and the follow-up
 *   made with it. Synced like every domain table.
 * - contact_log_contact: the people in it, a link row whose id is derived from
 *   (log_id, contact_id) like attendance, so the pair is unique everywhere.
 * - keep_in_touch_months on contact and on affiliation: "hold kontakten" every
 *   N months, for the person or for the role they hold (a borgmester's role
 *   ends with the term; the interval goes with it). Null = the default for the
 *   role's title (db/relationships/key-roles.ts), if it is a key role.
 *   No rematerialisation needed: no earlier version could have sent operations
 *   for these columns.
 *
 * Search: entries join the FTS index of migration 0007 with the same kind of
 * triggers; the note is both title and body (expressions written out here: a
 * frozen migration never imports another).
 *
 * Indexes ("sidst i kontakt" and the timelines, ≤ 10 ms at scale 10 —
 * db/relationships/relationships.plan.test.ts):
 * - contact_log_contact_live (contact_id, log_id): a person's entries;
 * - contact_log_kommune_date / contact_log_organisation_date: a kommune's or
 *   organisation's entries newest first (timeline keyset and last contact);
 * - attendance_attended (contact_id, meeting_id) over deltog only: the
 *   meetings a person attended, without reading invitations and afbud;
 * - affiliation_title_place (title, kommune_id, organisation_id, to_date):
 *   who held a title in a place before (Nøglepersoner);
 * - follow_up_kommune_unsourced (kommune_id, created_at, id): a kommune's
 *   follow-ups made outside a meeting, newest first (the timeline; those made
 *   in a meeting are reached through the meeting).
 */
export const m0018ContactLog = transactional(async (db) => {
  const synced = sql.raw(`id TEXT PRIMARY KEY NOT NULL,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      deleted_at TEXT`);
  const ref = (table: string) => sql.raw(`REFERENCES ${table}(id) DEFERRABLE INITIALLY DEFERRED`);
  await sql`CREATE TABLE contact_log (${synced},
      date TEXT NOT NULL,
      kind TEXT NOT NULL DEFAULT 'andet' CHECK (kind IN ('telefon','mail','moede','andet')),
      note TEXT NOT NULL DEFAULT '',
      kommune_id TEXT ${ref('kommune')},
      organisation_id TEXT ${ref('organisation')},
      follow_up_id TEXT ${ref('follow_up')})`.execute(db);
  await sql`CREATE TABLE contact_log_contact (${synced},
      log_id TEXT NOT NULL ${ref('contact_log')},
      contact_id TEXT NOT NULL ${ref('contact')},
      UNIQUE (log_id, contact_id))`.execute(db);
  await sql`CREATE INDEX contact_log_contact_contact ON contact_log_contact(contact_id)`.execute(db);
  await sql`CREATE INDEX contact_log_contact_live ON contact_log_contact(contact_id, log_id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX contact_log_kommune_date ON contact_log(kommune_id, date, id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX contact_log_organisation_date ON contact_log(organisation_id, date, id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX contact_log_follow_up ON contact_log(follow_up_id)`.execute(db);
  await sql`CREATE INDEX contact_log_live_date ON contact_log(date, id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX attendance_attended ON attendance(contact_id, meeting_id) WHERE deleted_at IS NULL AND status = 'deltog'`.execute(db);
  await sql`CREATE INDEX affiliation_title_place ON affiliation(title, kommune_id, organisation_id, to_date) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX follow_up_kommune_unsourced ON follow_up(kommune_id, created_at, id) WHERE deleted_at IS NULL AND source_meeting_id IS NULL`.execute(db);
  await sql`ALTER TABLE contact ADD COLUMN keep_in_touch_months INTEGER`.execute(db);
  await sql`ALTER TABLE affiliation ADD COLUMN keep_in_touch_months INTEGER`.execute(db);

  const key = `(SELECT rowid FROM search_key WHERE kind = 'contact_log' AND ref_id = OLD.id)`;
  await sql
    .raw(
      `CREATE TRIGGER search_contact_log_insert AFTER INSERT ON contact_log WHEN NEW.deleted_at IS NULL BEGIN
      INSERT OR IGNORE INTO search_key (kind, ref_id) VALUES ('contact_log', NEW.id);
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(NEW.note), '' FROM search_key WHERE kind = 'contact_log' AND ref_id = NEW.id;
    END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER search_contact_log_update AFTER UPDATE OF note, deleted_at ON contact_log BEGIN
      DELETE FROM search_index WHERE rowid = ${key};
      INSERT OR IGNORE INTO search_key (kind, ref_id) SELECT 'contact_log', NEW.id WHERE NEW.deleted_at IS NULL;
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(NEW.note), '' FROM search_key WHERE kind = 'contact_log' AND ref_id = NEW.id AND NEW.deleted_at IS NULL;
    END`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER search_contact_log_delete AFTER DELETE ON contact_log BEGIN DELETE FROM search_index WHERE rowid = ${key}; END`).execute(db);
});

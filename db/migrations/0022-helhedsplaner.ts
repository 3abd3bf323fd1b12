import { sql } from 'kysely';
import { derivedId } from '../ids';
import { indsatsomraader2019 } from '../reference/indsatsomraader.data';
import { transactional } from './transactional';

/**
 * FROZEN once released. Issue 17: boligsociale helhedsplaner (Landsbyggefonden's
 * boligsociale indsatser, four years each; sources in
 * db/reference/indsatsomraader.data.ts).
 *
 * - `indsatsomraade`: the indsatsområder as editable, synced reference data
 *   with the frame they belong to and its period. The four of the 2019–26
 *   frame are seeded here with ids derived from (frame start, code) and one
 *   fixed stamp, so two installations that migrate independently hold the
 *   same rows (and digest); the next frame's areas are added as data.
 * - `helhedsplan`: name, kommune, funding period, status, LBF journal number, notes.
 * - Links with ids derived from their pair: `helhedsplan_organisation`,
 *   `helhedsplan_boligomraade` (migration 0020), `helhedsplan_indsatsomraade`,
 *   `helhedsplan_series` (linked meeting series).
 * - `helhedsplan_role`: a contact's dated seat in the boligsocial bestyrelse,
 *   styregruppe or følgegruppe, or as projektleder (personal data: GDPR
 *   indsigt lists them, erasure removes them).
 * - `helhedsplan_deadline`: reporting deadlines (kind, title, due and done date).
 * Helhedsplaner are searchable (triggers as for aftaler, 0019).
 */
const STAMP = '2026-12-07T00:00:00.000Z';

const synced = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;
const ref = (table: string) => `REFERENCES ${table}(id) DEFERRABLE INITIALLY DEFERRED`;

/** The kommune's name, the LBF journal number and the notes. */
const body = ["coalesce((SELECT navn FROM kommune WHERE id = NEW.kommune_id), '')", 'NEW.journal_number', 'NEW.notes'].join(" || ' ' || ");

export const m0022Helhedsplaner = transactional(async (db) => {
  await sql
    .raw(
      `CREATE TABLE indsatsomraade (${synced},
      name TEXT NOT NULL,
      frame TEXT NOT NULL DEFAULT '',
      valid_from TEXT,
      valid_to TEXT,
      retired INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)))`,
    )
    .execute(db);
  const frame = indsatsomraader2019;
  await db
    .insertInto('indsatsomraade')
    .values(
      frame.areas.map((a) => ({
        id: derivedId('indsatsomraade', frame.validFrom, a.code),
        name: a.name,
        frame: frame.frame,
        valid_from: frame.validFrom,
        valid_to: frame.validTo,
        retired: 0 as const,
        created_at: STAMP,
        updated_at: STAMP,
        deleted_at: null,
      })),
    )
    .execute();

  await sql
    .raw(
      `CREATE TABLE helhedsplan (${synced},
      name TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('forberedelse','godkendt','aktiv','afsluttet','afbrudt')),
      kommune_id TEXT ${ref('kommune')},
      from_date TEXT,
      to_date TEXT,
      journal_number TEXT NOT NULL DEFAULT '',
      notes TEXT NOT NULL DEFAULT '')`,
    )
    .execute(db);
  await sql`CREATE INDEX helhedsplan_kommune ON helhedsplan(kommune_id)`.execute(db);
  await sql`CREATE INDEX helhedsplan_live_name ON helhedsplan(dk_sort(name), id) WHERE deleted_at IS NULL`.execute(db);

  const link = async (table: string, other: string, otherTable: string) => {
    await sql
      .raw(
        `CREATE TABLE ${table} (${synced},
        helhedsplan_id TEXT NOT NULL ${ref('helhedsplan')},
        ${other} TEXT NOT NULL ${ref(otherTable)},
        UNIQUE (helhedsplan_id, ${other}))`,
      )
      .execute(db);
    await sql.raw(`CREATE INDEX ${table}_${other.replace(/_id$/, '')} ON ${table}(${other})`).execute(db);
  };
  await link('helhedsplan_organisation', 'organisation_id', 'organisation');
  await link('helhedsplan_boligomraade', 'boligomraade_id', 'boligomraade');
  await link('helhedsplan_indsatsomraade', 'indsatsomraade_id', 'indsatsomraade');
  await link('helhedsplan_series', 'series_id', 'meeting_series');

  await sql
    .raw(
      `CREATE TABLE helhedsplan_role (${synced},
      helhedsplan_id TEXT NOT NULL ${ref('helhedsplan')},
      contact_id TEXT NOT NULL ${ref('contact')},
      body TEXT NOT NULL CHECK (body IN ('bestyrelse','styregruppe','foelgegruppe','projektleder')),
      title TEXT NOT NULL DEFAULT '',
      from_date TEXT,
      to_date TEXT)`,
    )
    .execute(db);
  await sql`CREATE INDEX helhedsplan_role_plan ON helhedsplan_role(helhedsplan_id)`.execute(db);
  await sql`CREATE INDEX helhedsplan_role_contact ON helhedsplan_role(contact_id)`.execute(db);

  await sql
    .raw(
      `CREATE TABLE helhedsplan_deadline (${synced},
      helhedsplan_id TEXT NOT NULL ${ref('helhedsplan')},
      kind TEXT NOT NULL CHECK (kind IN ('aarsstatus','midtvejsevaluering','slutevaluering','regnskab','ansoegning','andet')),
      title TEXT NOT NULL DEFAULT '',
      due_date TEXT NOT NULL,
      done_date TEXT)`,
    )
    .execute(db);
  await sql`CREATE INDEX helhedsplan_deadline_plan ON helhedsplan_deadline(helhedsplan_id)`.execute(db);
  await sql`CREATE INDEX helhedsplan_deadline_open ON helhedsplan_deadline(due_date) WHERE deleted_at IS NULL AND done_date IS NULL`.execute(db);

  const key = `(SELECT rowid FROM search_key WHERE kind = 'helhedsplan' AND ref_id = OLD.id)`;
  await sql
    .raw(
      `CREATE TRIGGER search_helhedsplan_insert AFTER INSERT ON helhedsplan WHEN NEW.deleted_at IS NULL BEGIN
      INSERT OR IGNORE INTO search_key (kind, ref_id) VALUES ('helhedsplan', NEW.id);
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(NEW.name), dk_fold(${body}) FROM search_key WHERE kind = 'helhedsplan' AND ref_id = NEW.id;
    END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER search_helhedsplan_update AFTER UPDATE OF name, kommune_id, journal_number, notes, deleted_at ON helhedsplan BEGIN
      DELETE FROM search_index WHERE rowid = ${key};
      INSERT OR IGNORE INTO search_key (kind, ref_id) SELECT 'helhedsplan', NEW.id WHERE NEW.deleted_at IS NULL;
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(NEW.name), dk_fold(${body}) FROM search_key WHERE kind = 'helhedsplan' AND ref_id = NEW.id AND NEW.deleted_at IS NULL;
    END`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER search_helhedsplan_delete AFTER DELETE ON helhedsplan BEGIN DELETE FROM search_index WHERE rowid = ${key}; END`).execute(db);
});

import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Issue 17: the styringsdialog cycle (almenboligloven
 * § 164: at least one dialogmøde a year between the kommune and each
 * boligorganisation, prepared by the organisation's dokumentationspakke and
 * ending in written aftaler).
 *
 * One row per kommune × boligorganisation × year; its id is derived from
 * (kommune_id, organisation_id, year), so two laptops that start the same
 * pair's cycle make the same row. It links the dialogmøde (`meeting_id`;
 * several rows may share one joint meeting) and the styringsdialog aftale
 * (`aftale_id`), and holds the other steps each with a date and who did it
 * (a contact, and/or a free text): dokumentationspakke received, aftaler
 * agreed, referat/aftale sent, the kommune's redegørelse published.
 * Searchable by its notes and who-texts (triggers, as aftaler in 0019).
 */
const synced = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;
const ref = (table: string) => `REFERENCES ${table}(id) DEFERRABLE INITIALLY DEFERRED`;
const step = (name: string) => `${name}_date TEXT,
      ${name}_contact_id TEXT ${ref('contact')},
      ${name}_who TEXT NOT NULL DEFAULT ''`;

/** Kommune and organisation names, the year, the who-texts and the notes. */
const body = [
  "coalesce((SELECT navn FROM kommune WHERE id = NEW.kommune_id), '')",
  "coalesce((SELECT name FROM organisation WHERE id = NEW.organisation_id), '')",
  'NEW.pakke_who',
  'NEW.aftaler_who',
  'NEW.referat_who',
  'NEW.redegoerelse_who',
  'NEW.notes',
].join(" || ' ' || ");
const title = "'Styringsdialog ' || NEW.year || ' ' || coalesce((SELECT name FROM organisation WHERE id = NEW.organisation_id), '')";

export const m0021Styringsdialog = transactional(async (db) => {
  await sql
    .raw(
      `CREATE TABLE styringsdialog (${synced},
      kommune_id TEXT NOT NULL ${ref('kommune')},
      organisation_id TEXT NOT NULL ${ref('organisation')},
      year INTEGER NOT NULL,
      meeting_id TEXT ${ref('meeting')},
      aftale_id TEXT ${ref('aftale')},
      ${step('pakke')},
      ${step('aftaler')},
      ${step('referat')},
      ${step('redegoerelse')},
      notes TEXT NOT NULL DEFAULT '',
      UNIQUE (kommune_id, organisation_id, year))`,
    )
    .execute(db);
  // The Overblik board reads one year for the kommuner of my kredse; the organisation page reads its own rows.
  await sql`CREATE INDEX styringsdialog_year_kommune ON styringsdialog(year, kommune_id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX styringsdialog_organisation ON styringsdialog(organisation_id)`.execute(db);
  await sql`CREATE INDEX styringsdialog_meeting ON styringsdialog(meeting_id)`.execute(db);
  await sql`CREATE INDEX styringsdialog_aftale ON styringsdialog(aftale_id)`.execute(db);
  for (const s of ['pakke', 'aftaler', 'referat', 'redegoerelse']) {
    await sql.raw(`CREATE INDEX styringsdialog_${s}_contact ON styringsdialog(${s}_contact_id) WHERE ${s}_contact_id IS NOT NULL`).execute(db);
  }

  const key = `(SELECT rowid FROM search_key WHERE kind = 'styringsdialog' AND ref_id = OLD.id)`;
  await sql
    .raw(
      `CREATE TRIGGER search_styringsdialog_insert AFTER INSERT ON styringsdialog WHEN NEW.deleted_at IS NULL BEGIN
      INSERT OR IGNORE INTO search_key (kind, ref_id) VALUES ('styringsdialog', NEW.id);
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(${title}), dk_fold(${body}) FROM search_key WHERE kind = 'styringsdialog' AND ref_id = NEW.id;
    END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER search_styringsdialog_update AFTER UPDATE OF pakke_who, aftaler_who, referat_who, redegoerelse_who, notes, deleted_at ON styringsdialog BEGIN
      DELETE FROM search_index WHERE rowid = ${key};
      INSERT OR IGNORE INTO search_key (kind, ref_id) SELECT 'styringsdialog', NEW.id WHERE NEW.deleted_at IS NULL;
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(${title}), dk_fold(${body}) FROM search_key WHERE kind = 'styringsdialog' AND ref_id = NEW.id AND NEW.deleted_at IS NULL;
    END`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER search_styringsdialog_delete AFTER DELETE ON styringsdialog BEGIN DELETE FROM search_index WHERE rowid = ${key}; END`).execute(db);
});

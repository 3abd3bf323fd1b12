import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Issue 17: boligområder and their status per year from
 * the ministry's lists of 1 December (forebyggelsesområder, udsatte
 * boligområder, parallelsamfund, omdannelsesområder; almenboligloven
 * § 61 a and the yearly bekendtgørelse of the lists).
 *
 * An area belongs to one kommune and may be run by several boligorganisationer.
 * Its status is one row per (area, year, category): an area can be both a
 * parallelsamfund and an omdannelsesområde in the same year. Status rows and
 * organisation links have ids derived from what they link, so two laptops that
 * import the same list make the same rows.
 *
 * Areas are found by search (title: the name; body: the kommune and the notes),
 * kept by triggers like every other searchable record (migration 0019's aftale).
 */
const synced = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;
const ref = (table: string) => `REFERENCES ${table}(id) DEFERRABLE INITIALLY DEFERRED`;

export const m0020Boligomraader = transactional(async (db) => {
  await sql
    .raw(
      `CREATE TABLE boligomraade (${synced},
      name TEXT NOT NULL,
      kommune_id TEXT ${ref('kommune')},
      notes TEXT NOT NULL DEFAULT '')`,
    )
    .execute(db);
  await sql`CREATE INDEX boligomraade_kommune ON boligomraade(kommune_id)`.execute(db);
  await sql`CREATE INDEX boligomraade_live_name ON boligomraade(dk_sort(name), id) WHERE deleted_at IS NULL`.execute(db);
  await sql
    .raw(
      `CREATE TABLE boligomraade_organisation (${synced},
      boligomraade_id TEXT NOT NULL ${ref('boligomraade')},
      organisation_id TEXT NOT NULL ${ref('organisation')},
      UNIQUE (boligomraade_id, organisation_id))`,
    )
    .execute(db);
  await sql`CREATE INDEX boligomraade_organisation_organisation ON boligomraade_organisation(organisation_id)`.execute(db);
  await sql
    .raw(
      `CREATE TABLE boligomraade_status (${synced},
      boligomraade_id TEXT NOT NULL ${ref('boligomraade')},
      year INTEGER NOT NULL,
      category TEXT NOT NULL CHECK (category IN ('forebyggelsesomraade','udsat_boligomraade','parallelsamfund','omdannelsesomraade')),
      UNIQUE (boligomraade_id, year, category))`,
    )
    .execute(db);
  await sql`CREATE INDEX boligomraade_status_year ON boligomraade_status(year, category)`.execute(db);

  const body = `coalesce((SELECT navn FROM kommune WHERE id = NEW.kommune_id), '') || ' ' || NEW.notes`;
  const key = `(SELECT rowid FROM search_key WHERE kind = 'boligomraade' AND ref_id = OLD.id)`;
  await sql
    .raw(
      `CREATE TRIGGER search_boligomraade_insert AFTER INSERT ON boligomraade WHEN NEW.deleted_at IS NULL BEGIN
      INSERT OR IGNORE INTO search_key (kind, ref_id) VALUES ('boligomraade', NEW.id);
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(NEW.name), dk_fold(${body}) FROM search_key WHERE kind = 'boligomraade' AND ref_id = NEW.id;
    END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER search_boligomraade_update AFTER UPDATE OF name, kommune_id, notes, deleted_at ON boligomraade BEGIN
      DELETE FROM search_index WHERE rowid = ${key};
      INSERT OR IGNORE INTO search_key (kind, ref_id) SELECT 'boligomraade', NEW.id WHERE NEW.deleted_at IS NULL;
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(NEW.name), dk_fold(${body}) FROM search_key WHERE kind = 'boligomraade' AND ref_id = NEW.id AND NEW.deleted_at IS NULL;
    END`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER search_boligomraade_delete AFTER DELETE ON boligomraade BEGIN DELETE FROM search_index WHERE rowid = ${key}; END`).execute(db);
});

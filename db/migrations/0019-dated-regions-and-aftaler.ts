import { sql } from 'kysely';
import { derivedId } from '../ids';
import { kommunerData } from '../reference/kommuner.data';
import { reform2027 } from '../reference/regions-2027.data';
import { transactional } from './transactional';

/**
 * FROZEN once released. Issue 17: dated reference data and aftaler.
 *
 * Regions are dated (db/reference/regions-2027.data.ts): `region` gains
 * valid_from / valid_to; Region Hovedstaden and Region Sjælland end on
 * 2026-12-31 and Region Østdanmark begins on 2027-01-01.
 *
 * A kommune's region is dated by `kommune_region_period`: effective-dated rows
 * (kommune, valid_from → region), the region on a day being that of the row
 * with the latest valid_from on or before it. 2007-01-01 (the kommunalreform)
 * stands for "from the start". Reference rows: ids derived from the kommune's
 * and region's codes and the date, one fixed stamp, so two installations that
 * migrate independently hold byte-identical rows (and the same digest).
 * `kommune.region_id` stays as it was (the region of 2007–2026) for older
 * installations that read it.
 *
 * A kommune's kreds is dated the same way by `kommune_kreds_period`, but it is user
 * data (Sæt kreds writes a row from today through db/mutations.ts): its id is
 * derived from (kommune_id, valid_from), so two laptops that set a kreds on
 * the same day make the same row. No rows are written here: a kommune without
 * rows keeps `kommune.kreds_id` for every date (an upgraded installation's
 * rows would otherwise differ from a colleague's without operations to settle
 * them).
 *
 * Aftaler (`aftale`, parties in `aftale_organisation`) are synced records with
 * search entries kept by triggers, as meeting series (0017).
 */
const STAMP = '2025-06-20T00:00:00.000Z';
const START = '2007-01-01';

const synced = `id TEXT PRIMARY KEY NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT`;
const ref = (table: string) => `REFERENCES ${table}(id) DEFERRABLE INITIALLY DEFERRED`;

/** The kommune's name, the goals' texts and indicators, the documents' names and the notes (not the JSON syntax around them). */
const aftaleBody = [
  "coalesce((SELECT navn FROM kommune WHERE id = NEW.kommune_id), '')",
  "coalesce(CASE WHEN json_valid(NEW.goals) THEN (SELECT group_concat(coalesce(json_extract(value, '$.text'), '') || ' ' || coalesce(json_extract(value, '$.indicator'), ''), ' ') FROM json_each(NEW.goals)) END, '')",
  "coalesce(CASE WHEN json_valid(NEW.documents) THEN (SELECT group_concat(value, ' ') FROM json_each(NEW.documents)) END, '')",
  'NEW.notes',
].join(" || ' ' || ");

export const m0019DatedRegionsAndAftaler = transactional(async (db) => {
  await sql`ALTER TABLE region ADD COLUMN valid_from TEXT`.execute(db);
  await sql`ALTER TABLE region ADD COLUMN valid_to TEXT`.execute(db);
  const merged = reform2027.mergedRegionKoder;
  await sql`UPDATE region SET valid_to = ${reform2027.lastDayBefore}, updated_at = ${STAMP}
    WHERE kode IN (${sql.join(merged.map((k) => sql.lit(k)))})`.execute(db);
  const east = reform2027.newRegion;
  const eastId = derivedId('region', east.kode);
  await db
    .insertInto('region')
    .values({ id: eastId, kode: east.kode, navn: east.navn, valid_from: reform2027.from, valid_to: null, created_at: STAMP, updated_at: STAMP, deleted_at: null })
    .execute();

  await sql
    .raw(
      `CREATE TABLE kommune_region_period (${synced},
      kommune_id TEXT NOT NULL ${ref('kommune')},
      region_id TEXT NOT NULL ${ref('region')},
      valid_from TEXT NOT NULL,
      UNIQUE (kommune_id, valid_from))`,
    )
    .execute(db);
  const stamps = { created_at: STAMP, updated_at: STAMP, deleted_at: null };
  const rows = kommunerData.flatMap((k) => {
    const first = { id: derivedId('kommune_region_period', k.kode, START), kommune_id: derivedId('kommune', k.kode), region_id: derivedId('region', k.regionskode), valid_from: START, ...stamps };
    if (!merged.includes(k.regionskode)) return [first];
    return [first, { id: derivedId('kommune_region_period', k.kode, reform2027.from), kommune_id: derivedId('kommune', k.kode), region_id: eastId, valid_from: reform2027.from, ...stamps }];
  });
  await db.insertInto('kommune_region_period').values(rows).execute();
  await sql`CREATE INDEX kommune_region_region ON kommune_region_period(region_id)`.execute(db);

  await sql
    .raw(
      `CREATE TABLE kommune_kreds_period (${synced},
      kommune_id TEXT NOT NULL ${ref('kommune')},
      kreds_id TEXT ${ref('kreds')},
      valid_from TEXT NOT NULL,
      UNIQUE (kommune_id, valid_from))`,
    )
    .execute(db);
  await sql`CREATE INDEX kommune_kreds_kreds ON kommune_kreds_period(kreds_id)`.execute(db);

  await sql
    .raw(
      `CREATE TABLE aftale (${synced},
      kind TEXT NOT NULL CHECK (kind IN ('samarbejdsaftale','udlejningsaftale','anvisningsaftale','boligsocial_samarbejdsaftale','styringsdialog_aftale','andet')),
      title TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('udkast','gaeldende','genforhandles','udloebet','opsagt')),
      kommune_id TEXT ${ref('kommune')},
      from_date TEXT,
      to_date TEXT,
      evaluation_date TEXT,
      renegotiation_date TEXT,
      bilag_review_date TEXT,
      goals TEXT NOT NULL DEFAULT '[]',
      documents TEXT NOT NULL DEFAULT '[]',
      notes TEXT NOT NULL DEFAULT '')`,
    )
    .execute(db);
  await sql`CREATE INDEX aftale_kommune ON aftale(kommune_id)`.execute(db);
  await sql`CREATE INDEX aftale_live_title ON aftale(dk_sort(title), id) WHERE deleted_at IS NULL`.execute(db);
  await sql
    .raw(
      `CREATE TABLE aftale_organisation (${synced},
      aftale_id TEXT NOT NULL ${ref('aftale')},
      organisation_id TEXT NOT NULL ${ref('organisation')},
      UNIQUE (aftale_id, organisation_id))`,
    )
    .execute(db);
  await sql`CREATE INDEX aftale_organisation_organisation ON aftale_organisation(organisation_id)`.execute(db);

  const key = `(SELECT rowid FROM search_key WHERE kind = 'aftale' AND ref_id = OLD.id)`;
  await sql
    .raw(
      `CREATE TRIGGER search_aftale_insert AFTER INSERT ON aftale WHEN NEW.deleted_at IS NULL BEGIN
      INSERT OR IGNORE INTO search_key (kind, ref_id) VALUES ('aftale', NEW.id);
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(NEW.title), dk_fold(${aftaleBody}) FROM search_key WHERE kind = 'aftale' AND ref_id = NEW.id;
    END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER search_aftale_update AFTER UPDATE OF title, kommune_id, goals, documents, notes, deleted_at ON aftale BEGIN
      DELETE FROM search_index WHERE rowid = ${key};
      INSERT OR IGNORE INTO search_key (kind, ref_id) SELECT 'aftale', NEW.id WHERE NEW.deleted_at IS NULL;
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(NEW.title), dk_fold(${aftaleBody}) FROM search_key WHERE kind = 'aftale' AND ref_id = NEW.id AND NEW.deleted_at IS NULL;
    END`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER search_aftale_delete AFTER DELETE ON aftale BEGIN DELETE FROM search_index WHERE rowid = ${key}; END`).execute(db);
});

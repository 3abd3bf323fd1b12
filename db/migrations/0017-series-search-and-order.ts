import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Møderækker are found by the command palette and
 * paged in SQL (issue 14).
 *
 * Search: meeting series join the FTS index of migration 0007 with the same
 * kind of triggers (the one place search entries are written, for every
 * writer). The title is indexed as title; the body holds the kommune's name
 * and the notes, so "styringsdialog aabenraa" finds Aabenraa's series.
 * Kommune names never change (reference rows; sync holds a rename), so the
 * entry only needs rewriting when the series' own columns change. Existing
 * live series are backfilled. (Expressions written out here: a frozen
 * migration never imports another.)
 *
 * Order: the list runs in Danish order of kommune, then title. Outer loop:
 * kommuner by `dk_sort(navn)`, ties by rowid (the index ends in the rowid, so
 * each row is distinct and the inner loop may carry the order on); inner loop:
 * the kommune's series by (kommune_id, dk_sort(title), id). That index
 * replaces 0001's `meeting_series_kommune`, whose leading column it keeps (the
 * foreign-key index), so the planner has one choice and never sorts
 * (db/lists.plan.test.ts). Live years for the year filter come from their own
 * partial index.
 */
const body = "coalesce((SELECT navn FROM kommune WHERE id = NEW.kommune_id), '') || ' ' || NEW.notes";

export const m0017SeriesSearchAndOrder = transactional(async (db) => {
  const key = `(SELECT rowid FROM search_key WHERE kind = 'series' AND ref_id = OLD.id)`;
  await sql
    .raw(
      `CREATE TRIGGER search_series_insert AFTER INSERT ON meeting_series WHEN NEW.deleted_at IS NULL BEGIN
      INSERT OR IGNORE INTO search_key (kind, ref_id) VALUES ('series', NEW.id);
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(NEW.title), dk_fold(${body}) FROM search_key WHERE kind = 'series' AND ref_id = NEW.id;
    END`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TRIGGER search_series_update AFTER UPDATE OF title, kommune_id, notes, deleted_at ON meeting_series BEGIN
      DELETE FROM search_index WHERE rowid = ${key};
      INSERT OR IGNORE INTO search_key (kind, ref_id) SELECT 'series', NEW.id WHERE NEW.deleted_at IS NULL;
      INSERT INTO search_index (rowid, title, body)
        SELECT rowid, dk_fold(NEW.title), dk_fold(${body}) FROM search_key WHERE kind = 'series' AND ref_id = NEW.id AND NEW.deleted_at IS NULL;
    END`,
    )
    .execute(db);
  await sql.raw(`CREATE TRIGGER search_series_delete AFTER DELETE ON meeting_series BEGIN DELETE FROM search_index WHERE rowid = ${key}; END`).execute(db);
  await sql`INSERT INTO search_key (kind, ref_id) SELECT 'series', id FROM meeting_series WHERE deleted_at IS NULL`.execute(db);
  await sql`INSERT INTO search_index (rowid, title, body)
    SELECT k.rowid, dk_fold(s.title), dk_fold(coalesce((SELECT navn FROM kommune WHERE id = s.kommune_id), '') || ' ' || s.notes)
    FROM meeting_series s JOIN search_key k ON k.kind = 'series' AND k.ref_id = s.id WHERE s.deleted_at IS NULL`.execute(db);

  await sql`CREATE INDEX kommune_danish_order ON kommune(dk_sort(navn))`.execute(db);
  await sql`DROP INDEX meeting_series_kommune`.execute(db);
  await sql`CREATE INDEX meeting_series_kommune_order ON meeting_series(kommune_id, dk_sort(title), id)`.execute(db);
  await sql`CREATE INDEX meeting_series_live_year ON meeting_series(year) WHERE deleted_at IS NULL`.execute(db);
});

import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. "Overdue for contact" in mine kredse within 10 ms at
 * scale 10 (issue 16). Of a dozen kommuner's thousands of roles, only the
 * watched ones matter: a key role (recognised from the title and place) or
 * one with its own "hold kontakten" interval. These two partial indexes hold
 * just those roles, by kommune and by organisation, with every column the
 * query reads, so SQLite never visits the affiliation table for them.
 *
 * SQLite uses a partial index only when the query's WHERE contains the
 * index's WHERE term for term: the CASE below is keyRoleSql's (db/relationships
 * /key-roles.ts) with the alias dropped. If you change keyRoleSql, add a
 * migration that recreates these indexes with the new CASE; the plan test
 * (relationships.plan.test.ts) fails until the two agree.
 */
const watched = `deleted_at IS NULL AND (CASE
    WHEN kommune_id IS NOT NULL AND title LIKE 'borgmester%' THEN 'borgmester'
    WHEN kommune_id IS NOT NULL AND (title LIKE 'formand for %udvalg%' OR title LIKE 'udvalgsformand%' OR title LIKE 'rådmand%') THEN 'udvalgsformand'
    WHEN kommune_id IS NOT NULL AND title LIKE 'kommunaldirektør%' THEN 'kommunaldirektoer'
    WHEN kommune_id IS NOT NULL AND title LIKE 'direktør%' THEN 'direktoer'
    WHEN organisation_id IS NOT NULL AND (title LIKE 'organisationsbestyrelsesformand%' OR title LIKE 'formand%') THEN 'formand'
    WHEN organisation_id IS NOT NULL AND (title LIKE 'direktør%' OR title LIKE 'administrerende direktør%' OR title LIKE 'adm. direktør%' OR title LIKE 'forretningsfører%') THEN 'boligdirektoer'
  END IS NOT NULL OR keep_in_touch_months IS NOT NULL)`;

/** Every column the watched-roles query reads (deleted_at too: without it SQLite does not count the index as covering). */
const covered = 'from_date, to_date, contact_id, title, kind, keep_in_touch_months, id, deleted_at';

export const m0024WatchedRoles = transactional(async (db) => {
  await sql.raw(`CREATE INDEX affiliation_watched_kommune ON affiliation(kommune_id, organisation_id, ${covered}) WHERE ${watched}`).execute(db);
  await sql.raw(`CREATE INDEX affiliation_watched_organisation ON affiliation(organisation_id, kommune_id, ${covered}) WHERE ${watched}`).execute(db);
});

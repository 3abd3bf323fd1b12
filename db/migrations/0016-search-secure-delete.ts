import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. "Slet person" must leave no byte of the person in
 * the file (GDPR). PRAGMA secure_delete zeroes freed pages and cells, but
 * FTS5 does not delete a row's terms from its index segments: it appends a
 * "delete" marker and keeps the old terms until segments happen to be
 * merged. Its own `secure-delete` option (stored in the index's config, so
 * it holds on every connection from now on) removes them at once. The
 * rebuild then writes the index afresh from its content, so terms of people
 * erased before this version are gone too.
 */
export const m0016SearchSecureDelete = transactional(async (db) => {
  await sql`INSERT INTO search_index (search_index, rank) VALUES ('secure-delete', 1)`.execute(db);
  await sql`INSERT INTO search_index (search_index) VALUES ('rebuild')`.execute(db);
});

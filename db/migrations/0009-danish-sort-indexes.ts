import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Long lists are sorted and paged in SQL, in Danish
 * order: indexes on `dk_sort(name)` (common/text-fold.ts danishSortKey,
 * registered on every connection as a deterministic function) over live rows.
 */
export const m0009DanishSortIndexes = transactional(async (db) => {
  await sql`CREATE INDEX contact_danish_order ON contact(dk_sort(name), id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX organisation_danish_order ON organisation(dk_sort(name), id) WHERE deleted_at IS NULL`.execute(db);
});

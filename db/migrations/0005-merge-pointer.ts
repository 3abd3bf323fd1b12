import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Merging duplicates (ARCHITECTURE.md §5): a contact or
 * organisation merged into another keeps a pointer to its survivor
 * (`merged_into`) and what it had seen of its own history when it was merged
 * (`merged_seen`: JSON {origin: highest clock}), so edits made elsewhere
 * without knowing of the merge can be forwarded to the survivor.
 * No rematerialisation is needed: no earlier version could have sent operations for these columns.
 */
export const m0005MergePointer = transactional(async (db) => {
  for (const table of ['contact', 'organisation']) {
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN merged_into TEXT`.execute(db);
    await sql`ALTER TABLE ${sql.table(table)} ADD COLUMN merged_seen TEXT`.execute(db);
  }
  await sql`CREATE INDEX contact_merged_into ON contact(merged_into) WHERE merged_into IS NOT NULL`.execute(db);
  await sql`CREATE INDEX organisation_merged_into ON organisation(merged_into) WHERE merged_into IS NOT NULL`.execute(db);
});

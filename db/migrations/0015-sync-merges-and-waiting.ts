import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Two local tables of the sync machinery (never in the
 * digest: both are derived from the operation log).
 *
 * - sync_merge: every merge the log holds ("Flet": an operation setting a
 *   contact's or organisation's `merged_into`), with whether it is void.
 *   Concurrent merges (two laptops merging the same pair in opposite
 *   directions, one record merged into two others, a merge of a person erased
 *   elsewhere) are resolved by a rule over this set (db/sync/merges.ts): the
 *   merge with the higher clock wins, the other is void. Filled here from the
 *   log of earlier versions.
 * - sync_waiting: records held back because a row they reference has not
 *   arrived (a foreign key would fail at COMMIT); materialised again when the
 *   referenced row is created (db/sync/materialize.ts).
 */
export const m0015SyncMergesAndWaiting = transactional(async (db) => {
  const statements = [
    `CREATE TABLE sync_merge (
      tbl TEXT NOT NULL,
      loser TEXT NOT NULL,
      survivor TEXT NOT NULL,
      hlc TEXT NOT NULL,
      voided INTEGER NOT NULL DEFAULT 0,
      PRIMARY KEY (tbl, loser, hlc)
    ) WITHOUT ROWID`,
    `CREATE INDEX sync_merge_survivor ON sync_merge (tbl, survivor)`,
    `CREATE INDEX sync_merge_voided ON sync_merge (voided) WHERE voided = 1`,
    `INSERT OR IGNORE INTO sync_merge (tbl, loser, survivor, hlc)
     SELECT tbl, row_id, json_extract(value, '$'), hlc FROM sync_op
     WHERE tbl IN ('contact', 'organisation') AND field = 'merged_into' AND value IS NOT NULL AND json_valid(value) AND json_type(value) = 'text'`,
    `CREATE TABLE sync_waiting (
      target_tbl TEXT NOT NULL,
      target_id TEXT NOT NULL,
      tbl TEXT NOT NULL,
      row_id TEXT NOT NULL,
      PRIMARY KEY (target_tbl, target_id, tbl, row_id)
    ) WITHOUT ROWID`,
  ];
  for (const statement of statements) await sql.raw(statement).execute(db);
});

import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. The sync operation log (ARCHITECTURE.md §5).
 * - sync_op: every field-level change ever made or received; never purged.
 *   `prev` is the clock of the value the author saw when changing the field,
 *   which tells a concurrent edit (a conflict) from a superseding one.
 * - sync_state: this installation's id, name and last clock.
 * - sync_conflict: losing values of concurrent edits, until resolved.
 * - sync_peer, sync_journal: who sent/received what, and every import.
 */
export const m0004SyncLog = transactional(async (db) => {
  const statements = [
    sql`CREATE TABLE sync_op (
      hlc TEXT NOT NULL,
      tbl TEXT NOT NULL,
      row_id TEXT NOT NULL,
      field TEXT NOT NULL,
      value TEXT,
      prev TEXT,
      origin TEXT NOT NULL,
      PRIMARY KEY (hlc, tbl, row_id, field)
    ) WITHOUT ROWID`,
    sql`CREATE INDEX sync_op_row ON sync_op(tbl, row_id, field, hlc)`,
    sql`CREATE INDEX sync_op_origin ON sync_op(origin, hlc)`,
    sql`CREATE TABLE sync_state (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)`,
    sql`CREATE TABLE sync_conflict (
      id INTEGER PRIMARY KEY,
      tbl TEXT NOT NULL,
      row_id TEXT NOT NULL,
      field TEXT NOT NULL,
      winner_hlc TEXT NOT NULL,
      loser_hlc TEXT NOT NULL,
      resolved_hlc TEXT,
      UNIQUE (tbl, row_id, field, loser_hlc)
    )`,
    sql`CREATE INDEX sync_conflict_open ON sync_conflict(resolved_hlc, tbl, row_id)`,
    sql`CREATE TABLE sync_peer (
      installation_id TEXT PRIMARY KEY NOT NULL,
      name TEXT NOT NULL,
      last_received_at TEXT,
      last_received_vector TEXT NOT NULL DEFAULT '{}',
      last_sent_at TEXT
    )`,
    sql`CREATE TABLE sync_journal (
      id INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      kind TEXT NOT NULL,
      peer_id TEXT,
      peer_name TEXT,
      file_name TEXT,
      summary TEXT NOT NULL
    )`,
  ];
  for (const statement of statements) await statement.execute(db);
});

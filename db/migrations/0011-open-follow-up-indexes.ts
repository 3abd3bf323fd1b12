import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Partial indexes over live open follow-ups (aaben,
 * i_gang — a small share of all follow-ups after some years), for Overblik
 * and the Danmarkskort:
 * - by due date then title: the overdue / due-soon lists stop after a
 *   screenful instead of joining and sorting every overdue follow-up, and the
 *   counts are answered from the index alone;
 * - by kommune: the map's per-kommune counts group in index order.
 * The old (status, due_date) index goes: with it, the planner (without
 * statistics) preferred two status ranges plus a sort of every overdue row
 * (26 ms at scale 10) over the partial index (0.04 ms); lists of closed
 * follow-ups are paged through follow_up_due instead.
 * SQLite uses a partial index only when the query repeats its WHERE terms
 * literally, so queries use `openFollowUpCondition`
 * (db/follow-ups/follow-ups.repository.ts). If you change the open statuses,
 * also add a migration that recreates these indexes.
 */
export const m0011OpenFollowUpIndexes = transactional(async (db) => {
  await sql`DROP INDEX follow_up_status_due`.execute(db);
  await sql`CREATE INDEX follow_up_open_due ON follow_up(due_date, title) WHERE deleted_at IS NULL AND status IN ('aaben', 'i_gang')`.execute(db);
  await sql`CREATE INDEX follow_up_open_by_kommune ON follow_up(kommune_id, due_date) WHERE deleted_at IS NULL AND status IN ('aaben', 'i_gang')`.execute(db);
});

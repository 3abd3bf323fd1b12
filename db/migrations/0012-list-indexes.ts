import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Long lists are paged in SQL (issue 6), each page in
 * a total order that ends in the id, so an index must deliver rows in that
 * order or every page sorts every match (db/lists.plan.test.ts):
 * - Møder, in time order either way: live meetings by (starts_at, id), and
 *   by kommune for the kommune filter;
 * - Opfølgning by due date then title: the open partial index of 0011
 *   with the id as last key (its WHERE terms repeat 0011's literally, so
 *   queries using `openFollowUpCondition` can use it), and its twin over
 *   closed follow-ups (`closedFollowUpCondition`). Together they also count
 *   every live follow-up without reading the table. Not an index led by
 *   status: the planner would prefer it to 0011's for Overblik and sort
 *   every overdue row again (see 0011).
 * Not an index for a record's Historik by (tbl, row_id, hlc): a fourth index
 * on sync_op made every import ≈ 10 % slower, while sorting one record's
 * operations (found through sync_op_row) takes milliseconds even for a record
 * edited thousands of times.
 */
export const m0012ListIndexes = transactional(async (db) => {
  await sql`CREATE INDEX meeting_live_starts ON meeting(starts_at, id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX meeting_live_kommune_starts ON meeting(kommune_id, starts_at, id) WHERE deleted_at IS NULL`.execute(db);
  await sql`CREATE INDEX follow_up_open_page ON follow_up(due_date, title, id) WHERE deleted_at IS NULL AND status IN ('aaben', 'i_gang')`.execute(db);
  await sql`CREATE INDEX follow_up_closed_page ON follow_up(due_date, title, id) WHERE deleted_at IS NULL AND status IN ('udfoert', 'annulleret')`.execute(db);
});

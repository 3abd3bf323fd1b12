import { sql } from 'kysely';
import { transactional } from './transactional';

/**
 * FROZEN once released. Indexes for hot paths found by EXPLAIN QUERY PLAN
 * (db/dashboard/dashboard.plan.test.ts): Overblik's "political roles to
 * review after the election" scanned every role.
 */
export const m0008DashboardIndexes = transactional(async (db) => {
  await sql`CREATE INDEX affiliation_kind_open ON affiliation(kind, to_date)`.execute(db);
});

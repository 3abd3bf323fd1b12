import { Kysely, SqliteDialect } from 'kysely';
import { seedDemo } from '../demo/seed-demo';
import type { Database } from '../schema';
import { createTestDatabase } from './test-database';

/**
 * Test support for EXPLAIN QUERY PLAN assertions on hot paths: a seeded
 * database, a Kysely instance that records every query it runs, and the plan
 * of each recorded query. Reference tables (98 kommuner, 5 regioner, 11
 * kredse) may be scanned; the tables listed in `largeTables` may not.
 */
export const largeTables = ['meeting', 'agenda_item', 'follow_up', 'contact', 'affiliation', 'attendance', 'organisation', 'organisation_kommune', 'meeting_series', 'sync_log', 'sync_row', 'search_key', 'contact_log', 'contact_log_contact'];

export interface QueryPlans {
  readonly db: Kysely<Database>;
  readonly sqlite: Awaited<ReturnType<typeof createTestDatabase>>['sqlite'];
  /** Forget what was recorded so far. */
  reset(): void;
  /** Every recorded query with its plan lines. */
  plans(): { sql: string; plan: string[] }[];
  /**
   * `SCAN t` of a large table. With `indexWalks` allowed, a scan USING an
   * index is fine (a paged list walks its index in list order and stops after
   * the page); without, every SCAN of a large table counts.
   */
  tableScans(options?: { readonly indexWalks?: boolean }): string[];
  /** Queries that sort with a temporary b-tree (their order does not come from an index). */
  sorts(): string[];
  dispose(): Promise<void>;
}

export async function seededQueryPlans(options: { readonly scale: number; readonly seed: number }): Promise<QueryPlans> {
  const t = await createTestDatabase();
  await seedDemo(t.db, options);
  const captured: { sql: string; parameters: readonly unknown[] }[] = [];
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: t.sqlite }),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
  const plans = () =>
    captured.map((query) => ({
      sql: query.sql,
      plan: (t.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail),
    }));
  return {
    db,
    sqlite: t.sqlite,
    reset: () => {
      captured.length = 0;
    },
    plans,
    tableScans: ({ indexWalks = false } = {}) =>
      plans().flatMap(({ sql, plan }) =>
        plan
          .filter((detail) => {
            // sync_row searched by table alone visits every row of that table's log: a scan in all but name.
            if (/^SEARCH \w+ USING (COVERING )?INDEX sqlite_autoindex_sync_row_1 \(tbl=\?\)$/.test(detail)) return true;
            const match = /^SCAN (\w+)/.exec(detail);
            return match !== null && largeTables.includes(match[1]!) && !(indexWalks && /USING (COVERING )?INDEX/.test(detail));
          })
          .map((detail) => `${detail} ← ${sql.slice(0, 160)}`),
      ),
    sorts: () =>
      plans()
        .filter(({ plan }) => plan.some((d) => d.includes('TEMP B-TREE')))
        .map(({ sql, plan }) => `${plan.join(' | ')} ← ${sql.slice(0, 200)}`),
    dispose: () => t.dispose(),
  };
}

import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../demo/seed-demo';
import type { Database } from '../schema';
import { search } from '../search/search.repository';
import { createTestDatabase } from '../testing/test-database';
import { getDashboard, kommuneMapStats } from './dashboard.repository';

/**
 * No full table scan on a hot path: every query Overblik, the Danmarkskort
 * and search run is planned with EXPLAIN QUERY PLAN on a seeded database and
 * must reach the large tables through an index. Reference tables (98
 * kommuner, 5 regioner, 11 kredse) may be scanned.
 */
const large = ['meeting', 'agenda_item', 'follow_up', 'contact', 'affiliation', 'attendance', 'organisation', 'organisation_kommune', 'meeting_series', 'sync_op', 'search_key'];

let t: Awaited<ReturnType<typeof createTestDatabase>>;
let captured: { sql: string; parameters: readonly unknown[] }[];
let db: Kysely<Database>;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemo(t.db, { scale: 0.05, seed: 3 });
  captured = [];
  db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: t.sqlite }),
    log: (event) => {
      if (event.level === 'query') captured.push({ sql: event.query.sql, parameters: event.query.parameters });
    },
  });
}, 60_000);
afterAll(() => t.dispose());

function fullScans(): string[] {
  const scans: string[] = [];
  for (const query of captured) {
    const plan = t.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[];
    for (const { detail } of plan) {
      const match = /^SCAN (\w+)/.exec(detail);
      if (match && large.includes(match[1]!)) scans.push(`${detail} ← ${query.sql.slice(0, 120)}`);
    }
  }
  return scans;
}

describe('query plans on hot paths', () => {
  it('Overblik and the Danmarkskort reach every large table through an index', async () => {
    captured.length = 0;
    await getDashboard(db, { myKredse: [3], quietMonths: 6, now: new Date('2026-11-23T10:00:00Z') });
    await getDashboard(db, { myKredse: [], quietMonths: 6, now: new Date('2026-11-23T10:00:00Z') });
    await kommuneMapStats(db, [3], new Date('2026-11-23T10:00:00Z'));
    expect(captured.length).toBeGreaterThan(5);
    expect(fullScans()).toEqual([]);
  });

  it('search reaches records through the FTS index and primary keys', async () => {
    captured.length = 0;
    for (const query of ['koge', 'helhedsplan', 'ventel', 'aarhus kommune']) await search(db, query);
    expect(captured.length).toBeGreaterThan(4);
    expect(fullScans()).toEqual([]);
  });

  it('the overdue and due-soon lists stop after a screenful: open follow-ups come from the partial due-date index, unsorted', async () => {
    captured.length = 0;
    await getDashboard(db, { myKredse: [3], quietMonths: 6, now: new Date('2026-11-23T10:00:00Z') });
    const lists = captured.filter((q) => /^select "follow_up"\."id"/.test(q.sql) && / limit \?$/.test(q.sql));
    expect(lists).toHaveLength(2);
    for (const query of lists) {
      const plan = (t.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail);
      expect(plan[0]).toContain('follow_up_open_due');
      expect(plan.join('\n')).not.toContain('TEMP B-TREE');
    }
  });
});

import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from './demo/seed-demo';
import { pageFollowUps } from './follow-ups/follow-ups.repository';
import { derivedId } from './ids';
import { pageMeetings } from './meetings/meetings.repository';
import { pageOrganisations } from './organisations/organisations.repository';
import type { Database } from './schema';
import { recordHistoryPage } from './sync/history';
import { createTestDatabase } from './testing/test-database';

/**
 * Paged lists (issue 6) stay fast at any size: every query a page runs is
 * planned with EXPLAIN QUERY PLAN on a seeded database. No large table is
 * read without an index (walking an index in list order and stopping after
 * the page is the point), and the default order of each list comes straight
 * from an index — no TEMP B-TREE sorting every match.
 */
const large = ['meeting', 'agenda_item', 'follow_up', 'contact', 'affiliation', 'attendance', 'organisation', 'organisation_kommune', 'meeting_series', 'sync_op', 'search_key'];
const koege = derivedId('kommune', 259);
const today = '2026-11-23';
const now = '2026-11-23T10:00:00.000Z';

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

function plans(): { sql: string; plan: string[] }[] {
  return captured.map((query) => ({
    sql: query.sql,
    plan: (t.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.parameters as unknown[])) as { detail: string }[]).map((r) => r.detail),
  }));
}

/** `SCAN t` without an index: every row of a large table read. */
function tableScans(): string[] {
  const scans: string[] = [];
  for (const { sql, plan } of plans()) {
    for (const detail of plan) {
      const match = /^SCAN (\w+)(?: AS \w+)?$/.exec(detail);
      if (match && large.includes(match[1]!)) scans.push(`${detail} ← ${sql.slice(0, 160)}`);
    }
  }
  return scans;
}

/** Queries that sort with a temporary b-tree (their order does not come from an index). */
function sorts(): string[] {
  return plans()
    .filter(({ plan }) => plan.some((d) => d.includes('TEMP B-TREE')))
    .map(({ sql, plan }) => `${plan.join(' | ')} ← ${sql.slice(0, 200)}`);
}

async function run(work: () => Promise<unknown>): Promise<void> {
  captured.length = 0;
  await work();
  expect(captured.length).toBeGreaterThan(0);
}

describe('query plans of paged lists', () => {
  it('Organisationer: the Danish order comes from the dk_sort index, filters never read the whole table', async () => {
    await run(async () => {
      await pageOrganisations(db, {}, 0, 200);
      await pageOrganisations(db, {}, 200, 200);
      await pageOrganisations(db, { kind: 'boligorganisation' }, 0, 200);
    });
    expect(sorts()).toEqual([]);
    expect(tableScans()).toEqual([]);
    await run(async () => {
      await pageOrganisations(db, { query: 'bolig' }, 0, 200);
      await pageOrganisations(db, { kommuneId: koege }, 0, 200);
    });
    expect(tableScans()).toEqual([]);
  });

  it('Møder: upcoming and earlier meetings come from the live (starts_at, id) index in either direction', async () => {
    await run(async () => {
      await pageMeetings(db, { from: now, order: 'asc' }, 0, 200);
      await pageMeetings(db, { to: now, order: 'desc' }, 0, 200);
      await pageMeetings(db, { to: now, order: 'desc' }, 200, 200);
      await pageMeetings(db, { to: now, order: 'desc', kommuneId: koege }, 0, 200);
    });
    expect(sorts()).toEqual([]);
    expect(tableScans()).toEqual([]);
    await run(async () => {
      await pageMeetings(db, { to: now, order: 'desc', status: 'afholdt' }, 0, 200);
    });
    expect(tableScans()).toEqual([]);
  });

  it('Opfølgning: open follow-ups by due date come from the open partial indexes, unsorted; other filters and orders read no whole table', async () => {
    await run(async () => {
      await pageFollowUps(db, { statuses: ['aaben', 'i_gang'] }, 0, 200, today);
      await pageFollowUps(db, { statuses: ['aaben', 'i_gang'] }, 200, 200, today);
      await pageFollowUps(db, { statuses: ['aaben', 'i_gang'], due: 'overdue' }, 0, 200, today);
    });
    expect(sorts()).toEqual([]);
    expect(tableScans()).toEqual([]);
    expect(plans().some(({ plan }) => plan.some((d) => d.includes('follow_up_open_page')))).toBe(true);
    await run(async () => {
      await pageFollowUps(db, {}, 0, 200, today);
      await pageFollowUps(db, { statuses: ['udfoert', 'annulleret'] }, 0, 200, today);
      await pageFollowUps(db, { statuses: ['aaben', 'i_gang'], sort: 'title' }, 0, 200, today);
      await pageFollowUps(db, { statuses: ['aaben', 'i_gang'], sort: 'kommune' }, 0, 200, today);
      await pageFollowUps(db, { statuses: ['aaben', 'i_gang'], sort: 'status' }, 0, 200, today);
      await pageFollowUps(db, { statuses: ['aaben', 'i_gang'], kommuneId: koege }, 0, 200, today);
      await pageFollowUps(db, { statuses: ['aaben', 'i_gang'], mine: true, kredsNumber: 3 }, 0, 200, today);
    });
    expect(tableScans()).toEqual([]);
  });

  it('Historik: a page of the newest changes reads only the record\'s own operations through the (tbl, row_id, …) index', async () => {
    const organisation = t.sqlite.prepare('SELECT id FROM organisation LIMIT 1').get() as { id: string };
    await run(async () => {
      const first = await recordHistoryPage(db, 'organisation', organisation.id, { limit: 50 });
      await recordHistoryPage(db, 'organisation', organisation.id, { limit: 1, before: first.entries[0]?.hlc ?? '~' });
    });
    // One record's operations are sorted (a fourth index on sync_op would slow every import, see migration 0012).
    expect(tableScans()).toEqual([]);
    const logReads = plans().flatMap(({ plan }) => plan.filter((detail) => /\bsync_op\b/.test(detail)));
    expect(logReads.length).toBeGreaterThan(0);
    expect(logReads.filter((detail) => !detail.startsWith('SEARCH sync_op USING') || !/INDEX sync_op_row \(tbl=\? AND row_id=\?/.test(detail))).toEqual([]);
  });
});

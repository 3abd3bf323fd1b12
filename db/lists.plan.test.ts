import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageFollowUps } from './follow-ups/follow-ups.repository';
import { derivedId } from './ids';
import { pageMeetings } from './meetings/meetings.repository';
import { pageSeries } from './meetings/series.repository';
import { pageOrganisations } from './organisations/organisations.repository';
import { recordHistoryPage } from './sync/history';
import { seededQueryPlans, type QueryPlans } from './testing/query-plans';

/**
 * Paged lists (issue 6) stay fast at any size: every query a page runs is
 * planned with EXPLAIN QUERY PLAN on a seeded database. No large table is
 * read without an index (walking an index in list order and stopping after
 * the page is the point), and the default order of each list comes straight
 * from an index — no TEMP B-TREE sorting every match.
 */
const koege = derivedId('kommune', 259);
const today = '2026-11-23';
const now = '2026-11-23T10:00:00.000Z';

let q: QueryPlans;

beforeAll(async () => {
  q = await seededQueryPlans({ scale: 0.05, seed: 3 });
}, 60_000);
afterAll(() => q.dispose());

const plans = () => q.plans();
const tableScans = () => q.tableScans({ indexWalks: true });
const sorts = () => q.sorts();

async function run(work: () => Promise<unknown>): Promise<void> {
  q.reset();
  await work();
  expect(q.plans().length).toBeGreaterThan(0);
}

describe('query plans of paged lists', () => {
  it('Organisationer: the Danish order comes from the dk_sort index, filters never read the whole table', async () => {
    await run(async () => {
      await pageOrganisations(q.db, {}, 0, 200);
      await pageOrganisations(q.db, {}, 200, 200);
      await pageOrganisations(q.db, { kind: 'boligorganisation' }, 0, 200);
    });
    expect(sorts()).toEqual([]);
    expect(tableScans()).toEqual([]);
    await run(async () => {
      await pageOrganisations(q.db, { query: 'bolig' }, 0, 200);
      await pageOrganisations(q.db, { kommuneId: koege }, 0, 200);
    });
    expect(tableScans()).toEqual([]);
  });

  it('Møder: upcoming and earlier meetings come from the live (starts_at, id) index in either direction', async () => {
    await run(async () => {
      await pageMeetings(q.db, { from: now, order: 'asc' }, 0, 200);
      await pageMeetings(q.db, { to: now, order: 'desc' }, 0, 200);
      await pageMeetings(q.db, { to: now, order: 'desc' }, 200, 200);
      await pageMeetings(q.db, { to: now, order: 'desc', kommuneId: koege }, 0, 200);
    });
    expect(sorts()).toEqual([]);
    expect(tableScans()).toEqual([]);
    await run(async () => {
      await pageMeetings(q.db, { to: now, order: 'desc', status: 'afholdt' }, 0, 200);
    });
    expect(tableScans()).toEqual([]);
  });

  it('Møderækker: Danish order of kommune and title comes from the kommune and series indexes; filters and search read no whole table', async () => {
    const organisation = q.sqlite.prepare('SELECT organisation_id FROM meeting_series_organisation LIMIT 1').pluck().get() as string;
    await run(async () => {
      await pageSeries(q.db, {}, 0, 200);
      await pageSeries(q.db, {}, 200, 200);
      await pageSeries(q.db, { includeArchived: true, kind: 'styringsdialog', year: 2025 }, 0, 200);
      await pageSeries(q.db, { kommuneId: koege }, 0, 200);
      await pageSeries(q.db, { organisationId: organisation }, 0, 200);
    });
    expect(sorts()).toEqual([]);
    expect(tableScans()).toEqual([]);
    expect(plans().some(({ plan }) => plan.some((d) => d.includes('meeting_series_kommune_order')))).toBe(true);
    // A page's figures come from each series' own meetings.
    expect(plans().flatMap(({ plan }) => plan)).toContainEqual(expect.stringMatching(/^SEARCH m USING INDEX meeting_series_starts \(series_id=\? AND starts_at>\?\)/));
    await run(async () => {
      const found = await pageSeries(q.db, { query: 'styringsdialog' }, 0, 200);
      expect(found.rows.length).toBeGreaterThan(0);
    });
    expect(tableScans()).toEqual([]);
  });

  it('Opfølgning: open follow-ups by due date come from the open partial indexes, unsorted; other filters and orders read no whole table', async () => {
    await run(async () => {
      await pageFollowUps(q.db, { statuses: ['aaben', 'i_gang'] }, 0, 200, today);
      await pageFollowUps(q.db, { statuses: ['aaben', 'i_gang'] }, 200, 200, today);
      await pageFollowUps(q.db, { statuses: ['aaben', 'i_gang'], due: 'overdue' }, 0, 200, today);
    });
    expect(sorts()).toEqual([]);
    expect(tableScans()).toEqual([]);
    expect(plans().some(({ plan }) => plan.some((d) => d.includes('follow_up_open_page')))).toBe(true);
    await run(async () => {
      await pageFollowUps(q.db, {}, 0, 200, today);
      await pageFollowUps(q.db, { statuses: ['udfoert', 'annulleret'] }, 0, 200, today);
      await pageFollowUps(q.db, { statuses: ['aaben', 'i_gang'], sort: 'title' }, 0, 200, today);
      await pageFollowUps(q.db, { statuses: ['aaben', 'i_gang'], sort: 'kommune' }, 0, 200, today);
      await pageFollowUps(q.db, { statuses: ['aaben', 'i_gang'], sort: 'status' }, 0, 200, today);
      await pageFollowUps(q.db, { statuses: ['aaben', 'i_gang'], kommuneId: koege }, 0, 200, today);
      await pageFollowUps(q.db, { statuses: ['aaben', 'i_gang'], mine: true, kredsNumber: 3 }, 0, 200, today);
    });
    expect(tableScans()).toEqual([]);
  });

  it('Historik: a page of the newest changes reads only the record\'s own operations through the record and log indexes', async () => {
    const organisation = q.sqlite.prepare('SELECT id FROM organisation LIMIT 1').get() as { id: string };
    await run(async () => {
      const first = await recordHistoryPage(q.db, 'organisation', organisation.id, { limit: 50 });
      await recordHistoryPage(q.db, 'organisation', organisation.id, { limit: 1, before: first.entries[0]?.hlc ?? '~' });
    });
    // One record's operations are sorted (another index on the log would slow every import, see migrations 0012 and 0014).
    expect(tableScans()).toEqual([]);
    // Through the sync_op view: the record is found by (table, id), then only its operations are read.
    const logReads = plans().filter(({ sql }) => /\bsync_op\b/.test(sql));
    expect(logReads.length).toBeGreaterThan(0);
    for (const { plan } of logReads) {
      expect(plan).toContainEqual(expect.stringMatching(/^SEARCH r USING COVERING INDEX sqlite_autoindex_sync_row_1 \(tbl=\? AND uuid=\?\)/));
      expect(plan).toContainEqual(expect.stringMatching(/^SEARCH l USING INDEX sync_log_row \(row=\?/));
    }
  });
});

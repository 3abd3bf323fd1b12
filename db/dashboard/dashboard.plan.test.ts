import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { search } from '../search/search.repository';
import { seededQueryPlans, type QueryPlans } from '../testing/query-plans';
import { getDashboard, kommuneMapStats } from './dashboard.repository';

/**
 * No full table scan on a hot path: every query Overblik, the Danmarkskort
 * and search run is planned with EXPLAIN QUERY PLAN on a seeded database and
 * must reach the large tables through an index. Reference tables (98
 * kommuner, 5 regioner, 11 kredse) may be scanned.
 */
let q: QueryPlans;

beforeAll(async () => {
  q = await seededQueryPlans({ scale: 0.05, seed: 3 });
}, 60_000);
afterAll(() => q.dispose());

describe('query plans on hot paths', () => {
  it('Overblik and the Danmarkskort reach every large table through an index', async () => {
    q.reset();
    await getDashboard(q.db, { myKredse: [3], quietMonths: 6, now: new Date('2026-11-23T10:00:00Z') });
    await getDashboard(q.db, { myKredse: [], quietMonths: 6, now: new Date('2026-11-23T10:00:00Z') });
    await kommuneMapStats(q.db, [3], new Date('2026-11-23T10:00:00Z'));
    expect(q.plans().length).toBeGreaterThan(5);
    expect(q.tableScans()).toEqual([]);
  });

  it('search reaches records through the FTS index and primary keys', async () => {
    q.reset();
    for (const query of ['koge', 'helhedsplan', 'ventel', 'aarhus kommune']) await search(q.db, query);
    expect(q.plans().length).toBeGreaterThan(4);
    expect(q.tableScans()).toEqual([]);
  });

  it('the overdue and due-soon lists stop after a screenful: open follow-ups come from the partial due-date index, unsorted', async () => {
    q.reset();
    await getDashboard(q.db, { myKredse: [3], quietMonths: 6, now: new Date('2026-11-23T10:00:00Z') });
    const lists = q.plans().filter(({ sql }) => /^select "follow_up"\."id"/.test(sql) && / limit \?$/.test(sql));
    expect(lists).toHaveLength(2);
    for (const { plan } of lists) {
      expect(plan[0]).toContain('follow_up_open_due');
      expect(plan.join('\n')).not.toContain('TEMP B-TREE');
    }
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derivedId } from '../ids';
import { contactRelations } from '../hub/contact-hub.repository';
import { getKommuneHub } from '../hub/kommune-hub.repository';
import { getOrganisationHub } from '../hub/organisation-hub.repository';
import { timelinePage } from '../hub/timeline.repository';
import { seededQueryPlans, type QueryPlans } from '../testing/query-plans';
import { relationshipHealth } from './relationships.repository';

/**
 * The hubs, the timelines and "overdue for contact" reach every large table
 * through an index (issue 16: each hub section ≤ 10 ms at scale 10; the
 * figures are in the bench). EXPLAIN QUERY PLAN on a seeded database, like
 * db/dashboard/dashboard.plan.test.ts.
 */
let q: QueryPlans;
const now = new Date('2026-11-23T10:00:00Z');

beforeAll(async () => {
  q = await seededQueryPlans({ scale: 0.05, seed: 3 });
}, 60_000);
afterAll(() => q.dispose());

async function busiestKommune(): Promise<string> {
  const row = await q.db.selectFrom('meeting').select(['kommune_id', (eb) => eb.fn.countAll<number>().as('n')]).where('kommune_id', 'is not', null).groupBy('kommune_id').orderBy('n', 'desc').limit(1).executeTakeFirstOrThrow();
  return row.kommune_id!;
}

describe('query plans of the hubs and relationship health', () => {
  it('the kommune hub reaches every large table through an index', async () => {
    const kommuneId = await busiestKommune();
    q.reset();
    await getKommuneHub(q.db, kommuneId, now);
    expect(q.plans().length).toBeGreaterThan(5);
    expect(q.tableScans()).toEqual([]);
  });

  it('a timeline page walks each source’s index from the cursor, for every scope, kind and year', async () => {
    const kommuneId = await busiestKommune();
    const contact = await q.db.selectFrom('attendance').select('contact_id').limit(1).executeTakeFirstOrThrow();
    const organisation = await q.db.selectFrom('meeting_series_organisation').select('organisation_id').limit(1).executeTakeFirstOrThrow();
    q.reset();
    for (const scope of [{ kommuneId }, { contactId: contact.contact_id }, { organisationId: organisation.organisation_id }]) {
      const first = await timelinePage(q.db, scope, { limit: 20, now });
      await timelinePage(q.db, scope, { limit: 20, after: first.next, now });
      await timelinePage(q.db, scope, { kinds: ['meeting', 'contact_log'], year: 2025, limit: 20, now });
    }
    expect(q.tableScans()).toEqual([]);
  });

  it('overdue for contact in three kredse, the organisation hub and the contact page use indexes only', async () => {
    const kommuner = await q.db.selectFrom('kommune').select('id').where('kreds_id', 'in', [derivedId('kreds', 1), derivedId('kreds', 3), derivedId('kreds', 11)]).execute();
    const organisation = await q.db.selectFrom('organisation').select('id').limit(1).executeTakeFirstOrThrow();
    const contact = await q.db.selectFrom('attendance').select('contact_id').limit(1).executeTakeFirstOrThrow();
    q.reset();
    await relationshipHealth(q.db, { kommuneIds: kommuner.map((k) => k.id), months: 6, limit: 20, now });
    // Only the watched roles, through the covering partial indexes (migration 0024): its WHERE and keyRoleSql must agree.
    const details = q.plans().flatMap((p) => p.plan);
    expect(details).toEqual(expect.arrayContaining([expect.stringContaining('COVERING INDEX affiliation_watched_kommune'), expect.stringContaining('COVERING INDEX affiliation_watched_organisation')]));
    await getOrganisationHub(q.db, organisation.id, now);
    await contactRelations(q.db, contact.contact_id, now);
    expect(q.tableScans()).toEqual([]);
  });
});

import { sql, type Kysely } from 'kysely';
import type { OrganisationHub } from '../../common/relationships.domain';
import { AppError } from '../../common/result';
import { compareDanish } from '../../common/text-fold';
import { todayInDenmark } from '../contacts/affiliations.query';
import { listFollowUps, openFollowUpCondition, openStatuses } from '../follow-ups/follow-ups.repository';
import { listMeetings } from '../meetings/meetings.repository';
import { lastContactForOrganisation } from '../relationships/last-contact';
import { keyPeople } from '../relationships/relationships.repository';
import type { Database } from '../schema';

/**
 * The organisation page as a hub: its kommuner, key people with last
 * contact, its styringsdialoger by year (afholdt / planlagt / mangler; a
 * year before this one without a held dialogue reads mangler), open
 * follow-ups from its meetings and its latest meetings.
 */
export async function getOrganisationHub(db: Kysely<Database>, organisationId: string, now = new Date()): Promise<OrganisationHub> {
  const organisation = await db.selectFrom('organisation').select(['id', 'kind']).where('id', '=', organisationId).executeTakeFirst();
  if (!organisation) throw new AppError('NOT_FOUND', 'Organisationen findes ikke.');
  const today = todayInDenmark(now);
  const seriesIds = db.selectFrom('meeting_series_organisation as so').select('so.series_id').where('so.organisation_id', '=', organisationId).where('so.deleted_at', 'is', null);
  const [lastContact, kommuner, people, dialogues, recent] = await Promise.all([
    lastContactForOrganisation(db, organisationId, now, today),
    db
      .selectFrom('organisation_kommune as ok')
      .innerJoin('kommune as k', 'k.id', 'ok.kommune_id')
      .where('ok.organisation_id', '=', organisationId)
      .where('ok.deleted_at', 'is', null)
      .select(['k.id', 'k.navn as name'])
      .execute(),
    keyPeople(db, { organisationId }, now),
    db
      .selectFrom('meeting as m')
      .innerJoin('meeting_series as s', 's.id', 'm.series_id')
      .leftJoin('kommune as k', (join) => join.on(sql<boolean>`k.id = coalesce(m.kommune_id, s.kommune_id)`))
      .where('m.series_id', 'in', seriesIds)
      .where('s.kind', '=', 'styringsdialog')
      .where('s.deleted_at', 'is', null)
      .where('m.deleted_at', 'is', null)
      .where('m.status', '!=', 'aflyst')
      .select(['m.id', 'm.starts_at', 'm.status', 'k.id as kommune_id', 'k.navn as kommune_navn'])
      .orderBy('m.starts_at', 'desc')
      .execute(),
    db.selectFrom('meeting as m').select('m.id').where('m.series_id', 'in', seriesIds).where('m.deleted_at', 'is', null).where('m.starts_at', '<=', now.toISOString()).orderBy('m.starts_at', 'desc').limit(6).execute(),
  ]);
  const meetingIds = db.selectFrom('meeting as m').select('m.id').where('m.series_id', 'in', seriesIds);
  const openIds = await db.selectFrom('follow_up').select('follow_up.id').where(openFollowUpCondition()).where('follow_up.source_meeting_id', 'in', meetingIds).limit(50).execute();
  const openFollowUps = await listFollowUps(db, { statuses: openStatuses, ids: openIds.map((r) => r.id), limit: 20 }, today);

  // One row per year: a held dialogue wins over a planned one.
  const byYear = new Map<number, OrganisationHub['styringsdialoger'][number]>();
  for (const d of dialogues) {
    const year = Number(d.starts_at.slice(0, 4));
    const state = d.status === 'afholdt' ? 'afholdt' : 'planlagt';
    const seen = byYear.get(year);
    if (seen && (seen.state === 'afholdt' || state !== 'afholdt')) continue;
    byYear.set(year, { year, meetingId: d.id, state, kommune: d.kommune_id && d.kommune_navn ? { id: d.kommune_id, name: d.kommune_navn } : null });
  }
  const thisYear = Number(today.slice(0, 4));
  if (organisation.kind === 'boligorganisation' && !byYear.has(thisYear)) byYear.set(thisYear, { year: thisYear, meetingId: null, state: 'mangler', kommune: null });
  const recentMeetings = (await listMeetings(db, { ids: recent.map((r) => r.id) })).reverse();
  return {
    lastContact,
    kommuner: kommuner.sort((a, b) => compareDanish(a.name, b.name)),
    keyPeople: people,
    styringsdialoger: [...byYear.values()].sort((a, b) => b.year - a.year),
    openFollowUps,
    recentMeetings,
  };
}

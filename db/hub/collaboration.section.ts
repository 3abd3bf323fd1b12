import { sql, type Kysely } from 'kysely';
import type { KommuneHub } from '../../common/relationships.domain';
import { compareDanish } from '../../common/text-fold';
import { compareIsoTimes } from '../../common/time';
import type { Database } from '../schema';

/**
 * The kommune's series, each with its latest meeting that took place and its
 * next one: two short walks of the (series_id, starts_at) index per series.
 */
export async function seriesWithMeetings(db: Kysely<Database>, kommuneId: string, now: Date): Promise<KommuneHub['collaboration']['series']> {
  const nowIso = now.toISOString();
  const rows = await db
    .selectFrom('meeting_series as s')
    .where('s.kommune_id', '=', kommuneId)
    .where('s.deleted_at', 'is', null)
    .select((eb) => [
      's.id',
      's.title',
      's.kind',
      's.archived',
      sql<string | null>`(SELECT group_concat(o.name, ', ') FROM meeting_series_organisation so JOIN organisation o ON o.id = so.organisation_id
        WHERE so.series_id = s.id AND so.deleted_at IS NULL AND o.deleted_at IS NULL)`.as('organisations'),
      eb
        .selectFrom('meeting as m')
        .select('m.starts_at')
        .whereRef('m.series_id', '=', 's.id')
        .where('m.deleted_at', 'is', null)
        .where('m.status', '!=', 'aflyst')
        .where('m.starts_at', '<=', nowIso)
        .orderBy('m.starts_at', 'desc')
        .limit(1)
        .as('last'),
      // Through the series' own (series_id, starts_at) index: left to itself the planner walks every planned meeting in Denmark.
      sql<string | null>`(SELECT m.starts_at FROM meeting m INDEXED BY meeting_series_starts
        WHERE m.series_id = s.id AND m.starts_at > ${nowIso} AND m.deleted_at IS NULL AND m.status = 'planlagt' ORDER BY m.starts_at LIMIT 1)`.as('next'),
    ])
    .execute();
  return rows
    .map((r) => ({ id: r.id, title: r.title, kind: r.kind, archived: r.archived === 1, organisations: r.organisations ?? '', lastMeetingAt: r.last, nextMeetingAt: r.next }))
    .sort((a, b) => compareIsoTimes(b.nextMeetingAt ?? b.lastMeetingAt, a.nextMeetingAt ?? a.lastMeetingAt) || compareDanish(a.title, b.title));
}

/**
 * "Samarbejde": the kommune's series and its organisations, each with the
 * latest meeting (of a series the organisation takes part in) that took place.
 */
export async function collaborationSection(db: Kysely<Database>, kommuneId: string, now: Date): Promise<KommuneHub['collaboration']> {
  const nowIso = now.toISOString();
  const [series, organisations] = await Promise.all([
    seriesWithMeetings(db, kommuneId, now),
    db
      .selectFrom('organisation_kommune as ok')
      .innerJoin('organisation as o', 'o.id', 'ok.organisation_id')
      .where('ok.kommune_id', '=', kommuneId)
      .where('ok.deleted_at', 'is', null)
      .where('o.deleted_at', 'is', null)
      .select((eb) => [
        'o.id',
        'o.name',
        'o.kind',
        eb
          .selectFrom('meeting_series_organisation as so')
          .innerJoin('meeting as m', 'm.series_id', 'so.series_id')
          .whereRef('so.organisation_id', '=', 'o.id')
          .where('so.deleted_at', 'is', null)
          .where('m.deleted_at', 'is', null)
          .where('m.status', '!=', 'aflyst')
          .where('m.starts_at', '<=', nowIso)
          .select((e) => e.fn.max('m.starts_at').as('last'))
          .as('last'),
      ])
      .execute(),
  ]);
  return {
    series,
    organisations: organisations
      .map((o) => ({ id: o.id, name: o.name, kind: o.kind, lastMeetingAt: (o.last as string | null) ?? null }))
      .sort((a, b) => compareDanish(a.name, b.name)),
  };
}

import { sql, type Kysely, type RawBuilder, type SqlBool, type Transaction } from 'kysely';
import type { MeetingSeriesKind } from '../../common/domain';
import type { MeetingProposal, ParsedSeriesFields, Series, SeriesSummary } from '../../common/meetings.domain';
import { AppError } from '../../common/result';
import { compareDanish, foldDanish } from '../../common/text-fold';
import { addCadence, addDanishDays, avoidWeekend, danishDate, danishInstant } from '../../common/time';
import { derivedId } from '../ids';
import { createRow, deleteRow, ensureLink, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';

/** The fixed first agenda item of every series meeting; its follow-ups are listed under it. */
export const followUpReviewTitle = 'Opfølgning fra sidste møde';

export interface SeriesFilter {
  readonly kommuneId?: string;
  readonly kind?: MeetingSeriesKind;
  readonly includeArchived?: boolean;
  readonly id?: string;
}

/** The Møderækker list's filters; all run in SQL. `query` words must each be in the title, the kommune or an organisation's name. */
export interface SeriesPageFilter {
  readonly query?: string;
  readonly kind?: MeetingSeriesKind;
  readonly kommuneId?: string;
  readonly organisationId?: string;
  readonly year?: number;
  readonly includeArchived?: boolean;
}

function summaryQuery(db: Kysely<Database>, now: string) {
  return db
    .selectFrom('meeting_series as s')
    .leftJoin('kommune', 'kommune.id', 's.kommune_id')
    .select([
      's.id',
      's.title',
      's.kind',
      's.kommune_id',
      'kommune.navn as kommune_navn',
      's.archived',
      's.year',
      sql<string | null>`(SELECT max(starts_at) FROM meeting m WHERE m.series_id = s.id AND m.deleted_at IS NULL AND m.status != 'aflyst' AND m.starts_at <= ${now})`.as('last_meeting_at'),
      // `+m.status`: through the series' own meetings, not every planned meeting from now on (meeting_status_starts) for each series.
      sql<string | null>`(SELECT min(starts_at) FROM meeting m WHERE m.series_id = s.id AND m.deleted_at IS NULL AND +m.status = 'planlagt' AND m.starts_at > ${now})`.as('next_meeting_at'),
      sql<number>`(SELECT count(*) FROM follow_up f JOIN meeting m ON m.id = f.source_meeting_id
        WHERE m.series_id = s.id AND f.deleted_at IS NULL AND m.deleted_at IS NULL AND f.status IN ('aaben', 'i_gang'))`.as('open_follow_ups'),
      sql<string | null>`(SELECT json_group_array(json_object('id', o.id, 'name', o.name)) FROM meeting_series_organisation l JOIN organisation o ON o.id = l.organisation_id
        WHERE l.series_id = s.id AND l.deleted_at IS NULL AND o.deleted_at IS NULL)`.as('organisations_json'),
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

function toSummary(r: SummaryRow): SeriesSummary {
  return {
    id: r.id,
    title: r.title,
    kind: r.kind,
    kommune: r.kommune_id && r.kommune_navn ? { id: r.kommune_id, name: r.kommune_navn } : null,
    organisations: r.organisations_json ? (JSON.parse(r.organisations_json) as { id: string; name: string }[]).sort((x, y) => compareDanish(x.name, y.name)) : [],
    archived: r.archived === 1,
    year: r.year,
    lastMeetingAt: r.last_meeting_at,
    nextMeetingAt: r.next_meeting_at,
    openFollowUps: Number(r.open_follow_ups),
  };
}

/** Every live series matching the filter, in Danish order of kommune, title and first organisation (pickers; the list pages with pageSeries). */
export async function listSeries(db: Kysely<Database>, filter: SeriesFilter = {}, now = new Date().toISOString()): Promise<SeriesSummary[]> {
  let query = summaryQuery(db, now);
  if (filter.id) query = query.where('s.id', '=', filter.id);
  else query = query.where('s.deleted_at', 'is', null);
  if (filter.kommuneId) query = query.where('s.kommune_id', '=', filter.kommuneId);
  if (filter.kind) query = query.where('s.kind', '=', filter.kind);
  if (!filter.includeArchived && !filter.id) query = query.where('s.archived', '=', 0);
  const rows = await query.execute();
  return rows
    .map(toSummary)
    .sort((a, b) => compareDanish(a.kommune?.name ?? '', b.kommune?.name ?? '') || compareDanish(a.title, b.title) || compareDanish(a.organisations[0]?.name ?? '', b.organisations[0]?.name ?? ''));
}

/**
 * The filter as SQL conditions on `meeting_series` (written without an alias:
 * SQLite matches the expression index `dk_sort(title)` only then), with
 * `kommuneName` the kommune's name where the query has one.
 */
function seriesConditions(filter: SeriesPageFilter, kommuneName: RawBuilder<string>): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [sql<SqlBool>`meeting_series.deleted_at IS NULL`];
  if (!filter.includeArchived) conditions.push(sql<SqlBool>`meeting_series.archived = 0`);
  if (filter.kind) conditions.push(sql<SqlBool>`meeting_series.kind = ${filter.kind}`);
  if (filter.year !== undefined) conditions.push(sql<SqlBool>`meeting_series.year = ${filter.year}`);
  if (filter.organisationId) {
    conditions.push(sql<SqlBool>`meeting_series.id IN (SELECT series_id FROM meeting_series_organisation WHERE organisation_id = ${filter.organisationId} AND deleted_at IS NULL)`);
  }
  for (const word of foldDanish(filter.query ?? '').split(/\s+/).filter(Boolean).slice(0, 8)) {
    conditions.push(sql<SqlBool>`(instr(dk_fold(meeting_series.title || ' ' || ${kommuneName}), ${word}) > 0
      OR EXISTS (SELECT 1 FROM meeting_series_organisation l JOIN organisation o ON o.id = l.organisation_id
        WHERE l.series_id = meeting_series.id AND l.deleted_at IS NULL AND o.deleted_at IS NULL AND instr(dk_fold(o.name), ${word}) > 0))`);
  }
  return conditions;
}

/**
 * One page of the Møderækker list with the total and the years there are
 * series for. Danish order of kommune, then title, straight from indexes
 * (migration 0017): kommuner in `dk_sort` order in the outer loop (CROSS JOIN
 * keeps it outer), each kommune's series by (kommune_id, dk_sort(title), id)
 * inside; series without a kommune come last, by title. So a page reads its
 * rows and stops, without sorting every match (db/lists.plan.test.ts).
 */
export async function pageSeries(db: Kysely<Database>, filter: SeriesPageFilter, offset: number, limit: number, now = new Date().toISOString()): Promise<{ rows: SeriesSummary[]; total: number; years: number[] }> {
  const withKommune = () => {
    let query = db.selectFrom('kommune').crossJoin('meeting_series').where(sql<SqlBool>`meeting_series.kommune_id = kommune.id`);
    if (filter.kommuneId) query = query.where('kommune.id', '=', filter.kommuneId);
    for (const condition of seriesConditions(filter, sql<string>`kommune.navn`)) query = query.where(condition);
    return query;
  };
  const withoutKommune = () => {
    let query = db.selectFrom('meeting_series').where('meeting_series.kommune_id', 'is', null);
    for (const condition of seriesConditions(filter, sql<string>`''`)) query = query.where(condition);
    return query;
  };
  const [inKommuner, elsewhere, years] = await Promise.all([
    withKommune().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
    filter.kommuneId ? 0 : withoutKommune().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow().then((r) => Number(r.n)),
    db.selectFrom('meeting_series').select('year').distinct().where('deleted_at', 'is', null).where('year', 'is not', null).orderBy('year', 'desc').execute(),
  ]);
  const ids: string[] = [];
  if (offset < inKommuner) {
    const rows = await withKommune()
      .select('meeting_series.id')
      .orderBy(sql`dk_sort(kommune.navn)`)
      .orderBy(sql`kommune.rowid`)
      .orderBy(sql`dk_sort(meeting_series.title)`)
      .orderBy('meeting_series.id')
      .limit(limit)
      .offset(offset)
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  if (ids.length < limit && elsewhere > 0 && offset + ids.length < inKommuner + elsewhere) {
    const rows = await withoutKommune()
      .select('meeting_series.id')
      .orderBy(sql`dk_sort(meeting_series.title)`)
      .orderBy('meeting_series.id')
      .limit(limit - ids.length)
      .offset(Math.max(0, offset - inKommuner))
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  const details = ids.length === 0 ? [] : await summaryQuery(db, now).where('s.id', 'in', ids).execute();
  const byId = new Map(details.map((r) => [r.id, toSummary(r)]));
  return { rows: ids.map((id) => byId.get(id)!), total: inKommuner + elsewhere, years: years.flatMap((r) => (r.year === null ? [] : [r.year])) };
}

export async function getSeries(db: Kysely<Database>, id: string): Promise<Series> {
  const [summary] = await listSeries(db, { id });
  const row = await db.selectFrom('meeting_series').selectAll().where('id', '=', id).executeTakeFirst();
  if (!summary || !row) throw new AppError('NOT_FOUND', 'Møderækken findes ikke.');
  const organisations = await db
    .selectFrom('meeting_series_organisation as l')
    .innerJoin('organisation as o', 'o.id', 'l.organisation_id')
    .select(['o.id', 'o.name'])
    .where('l.series_id', '=', id)
    .where('l.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null)
    .execute();
  const members = await db
    .selectFrom('meeting_series_member as l')
    .innerJoin('contact as c', 'c.id', 'l.contact_id')
    .select(['c.id', 'c.name'])
    .where('l.series_id', '=', id)
    .where('l.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null)
    .execute();
  const meetings = await db.selectFrom('meeting').select(['id', 'title', 'starts_at', 'status']).where('series_id', '=', id).where('deleted_at', 'is', null).orderBy('starts_at', 'desc').execute();
  return {
    ...summary,
    organisations: organisations.sort((a, b) => compareDanish(a.name, b.name)),
    members: members.sort((a, b) => compareDanish(a.name, b.name)),
    defaultPlace: row.default_place,
    cadenceUnit: row.cadence_unit,
    cadenceInterval: row.cadence_interval,
    agendaTemplate: parseTemplate(row.agenda_template),
    notes: row.notes,
    meetings: meetings.map((m) => ({ id: m.id, title: m.title, startsAt: m.starts_at, status: m.status })),
    deletedAt: row.deleted_at,
  };
}

function columns(fields: ParsedSeriesFields) {
  return {
    title: fields.title,
    kind: fields.kind,
    kommune_id: fields.kommuneId,
    default_place: fields.defaultPlace,
    cadence_unit: fields.cadenceUnit,
    cadence_interval: fields.cadenceUnit === 'none' ? null : fields.cadenceInterval,
    agenda_template: JSON.stringify(fields.agendaTemplate),
    year: fields.year,
    notes: fields.notes,
  };
}

export async function createSeries(db: Kysely<Database>, fields: ParsedSeriesFields): Promise<Series> {
  const id = await db.transaction().execute(async (trx) => {
    const seriesId = await createRow(trx, 'meeting_series', { ...columns(fields), archived: 0 });
    await setLinks(trx, seriesId, fields);
    return seriesId;
  });
  return getSeries(db, id);
}

export async function updateSeries(db: Kysely<Database>, id: string, fields: ParsedSeriesFields): Promise<Series> {
  await db.transaction().execute(async (trx) => {
    await updateRow(trx, 'meeting_series', id, columns(fields));
    await setLinks(trx, id, fields);
  });
  return getSeries(db, id);
}

export async function archiveSeries(db: Kysely<Database>, id: string, archived: boolean): Promise<Series> {
  await db.transaction().execute((trx) => updateRow(trx, 'meeting_series', id, { archived: archived ? 1 : 0 }));
  return getSeries(db, id);
}

export async function deleteSeries(db: Kysely<Database>, id: string): Promise<Series> {
  await db.transaction().execute((trx) => deleteRow(trx, 'meeting_series', id));
  return getSeries(db, id);
}

export async function restoreSeries(db: Kysely<Database>, id: string): Promise<Series> {
  await db.transaction().execute((trx) => restoreRow(trx, 'meeting_series', id));
  return getSeries(db, id);
}

async function setLinks(trx: Transaction<Database>, seriesId: string, fields: ParsedSeriesFields): Promise<void> {
  await syncLinkSet(trx, 'meeting_series_organisation', seriesId, fields.organisationIds, 'organisation');
  await syncLinkSet(trx, 'meeting_series_member', seriesId, fields.memberIds, 'contact');
}

async function syncLinkSet(
  trx: Transaction<Database>,
  table: 'meeting_series_organisation' | 'meeting_series_member',
  seriesId: string,
  wanted: readonly string[],
  target: 'organisation' | 'contact',
): Promise<void> {
  const wantedSet = new Set(wanted);
  if (wantedSet.size > 0) {
    const found = await trx.selectFrom(target).select('id').where('id', 'in', [...wantedSet]).where('deleted_at', 'is', null).execute();
    if (found.length !== wantedSet.size) {
      const path = target === 'organisation' ? 'organisationIds' : 'memberIds';
      throw new AppError('VALIDATION', 'En af de valgte findes ikke.', [{ path: [path], message: target === 'organisation' ? 'validation.unknownOrganisation' : 'validation.unknownContact' }]);
    }
  }
  const existing =
    table === 'meeting_series_organisation'
      ? (await trx.selectFrom(table).select(['id', 'organisation_id as target', 'deleted_at']).where('series_id', '=', seriesId).execute())
      : (await trx.selectFrom(table).select(['id', 'contact_id as target', 'deleted_at']).where('series_id', '=', seriesId).execute());
  for (const link of existing) if (link.deleted_at === null && !wantedSet.has(link.target)) await deleteRow(trx, table, link.id);
  for (const targetId of wantedSet) {
    const id = derivedId(table, seriesId, targetId);
    if (table === 'meeting_series_organisation') await ensureLink(trx, table, id, { series_id: seriesId, organisation_id: targetId });
    else await ensureLink(trx, table, id, { series_id: seriesId, contact_id: targetId });
  }
}

/**
 * "Planlæg næste møde": the next date from the cadence (after the latest
 * meeting of the series, keeping its time of day and length; without a
 * meeting, from today at 10:00–12:00; never on a weekend), the standing members as invitees, and
 * the agenda: the fixed follow-up review item first, then the template.
 */
export async function proposeNextMeeting(db: Kysely<Database>, seriesId: string, now = new Date()): Promise<MeetingProposal> {
  const series = await getSeries(db, seriesId);
  if (series.deletedAt) throw new AppError('NOT_FOUND', 'Møderækken er slettet.');
  const latest = await db
    .selectFrom('meeting')
    .select(['starts_at', 'ends_at', 'place'])
    .where('series_id', '=', seriesId)
    .where('deleted_at', 'is', null)
    .where('status', '!=', 'aflyst')
    .orderBy('starts_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const today = danishDate(now);
  let startsAt: string;
  let endsAt: string | null;
  if (latest) {
    const duration = latest.ends_at ? Date.parse(latest.ends_at) - Date.parse(latest.starts_at) : null;
    startsAt = series.cadenceUnit === 'none' || series.cadenceInterval === null ? addCadence(latest.starts_at, 'weeks', 4) : addCadence(latest.starts_at, series.cadenceUnit, series.cadenceInterval);
    // A proposal in the past helps nobody: step on until it is after today.
    let guard = 0;
    while (danishDate(startsAt) <= today && guard++ < 500) {
      startsAt = series.cadenceUnit === 'none' || series.cadenceInterval === null ? addCadence(startsAt, 'weeks', 4) : addCadence(startsAt, series.cadenceUnit, series.cadenceInterval);
    }
    startsAt = avoidWeekend(startsAt);
    endsAt = duration === null ? null : new Date(Date.parse(startsAt) + duration).toISOString();
  } else {
    const date = series.cadenceUnit === 'none' || series.cadenceInterval === null ? addDanishDays(today, 14) : danishDate(addCadence(danishInstant(today, 10), series.cadenceUnit, series.cadenceInterval));
    startsAt = avoidWeekend(danishInstant(date, 10));
    endsAt = new Date(Date.parse(startsAt) + 2 * 3_600_000).toISOString();
  }
  return {
    seriesId,
    kommuneId: series.kommune?.id ?? null,
    title: series.title,
    startsAt,
    endsAt,
    place: series.defaultPlace || latest?.place || '',
    inviteeIds: series.members.map((m) => m.id),
    agenda: [{ title: followUpReviewTitle, kind: 'follow_up_review' }, ...series.agendaTemplate.map((title) => ({ title, kind: 'normal' as const }))],
  };
}

function parseTemplate(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

import { styringsdialogBoard } from '../styringsdialog/styringsdialog.repository';
import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import { dashboardListRows, dashboardWeekRows, latestElection, type Dashboard, type DashboardStyringsdialog, type KommuneMapStats } from '../../common/dashboard.domain';
import { compareDanish } from '../../common/text-fold';
import { addDanishDays, compareIsoTimes, danishDate, danishWeekStart } from '../../common/time';
import { selectAffiliations } from '../contacts/affiliations.query';
import { listFollowUps, openFollowUpCondition, openStatuses } from '../follow-ups/follow-ups.repository';
import { listMeetings } from '../meetings/meetings.repository';
import { kredsIdOn, kredsNumberOn } from '../kommuner/kommune-dated.query';
import type { Database } from '../schema';

export interface DashboardOptions {
  /** Kredse the consultant covers; empty = all of Denmark. */
  readonly myKredse: readonly number[];
  readonly quietMonths: number;
  readonly now?: Date;
}

type FollowUpQuery = SelectQueryBuilder<Database, 'follow_up', object>;

/** How many open follow-ups match, counted by SQL from the open follow-ups' due-date index alone. */
async function countOpenFollowUps(db: Kysely<Database>, where: (query: FollowUpQuery) => FollowUpQuery): Promise<number> {
  const query = where(db.selectFrom('follow_up').where(openFollowUpCondition()));
  const row = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The kommuner in scope on `today`: those in my kredse (kreds membership is dated, migration 0019), or all when none are chosen. */
async function kommunerInScope(db: Kysely<Database>, myKredse: readonly number[], today: string) {
  const rows = await db
    .selectFrom('kommune')
    .select(['kommune.id', 'kommune.navn', 'kommune.kode', kredsNumberOn('kommune', today).as('kreds')])
    .where('kommune.deleted_at', 'is', null)
    .execute();
  return myKredse.length > 0 ? rows.filter((r) => r.kreds !== null && myKredse.includes(r.kreds)) : rows;
}

/** The chosen kredse in number order, each with its count of live kommuner on `today`. */
async function kredseWithCounts(db: Kysely<Database>, numbers: readonly number[], today: string) {
  if (numbers.length === 0) return [];
  const rows = await db
    .selectFrom('kreds')
    .where('kreds.deleted_at', 'is', null)
    .where('kreds.number', 'in', [...numbers])
    .select((eb) => [
      'kreds.number',
      'kreds.name',
      eb.selectFrom('kommune').where(kredsIdOn('kommune', today), '=', eb.ref('kreds.id')).where('kommune.deleted_at', 'is', null).select((e) => e.fn.countAll<number>().as('n')).as('kommuner'),
    ])
    .orderBy('kreds.number')
    .execute();
  return rows.map((r) => ({ number: r.number, name: r.name, kommuner: Number(r.kommuner ?? 0) }));
}

/** Latest non-cancelled meeting per kommune that has started by `now`. */
async function lastMeetings(db: Kysely<Database>, now: string): Promise<Map<string, string>> {
  // Per kommune, walk its (kommune_id, starts_at) index backwards from now to the first held or planned
  // meeting: 98 short index walks instead of grouping every meeting ever held.
  const rows = await db
    .selectFrom('kommune as k')
    .select([
      'k.id as kommune_id',
      (eb) =>
        eb
          .selectFrom('meeting as m')
          .select('m.starts_at')
          .whereRef('m.kommune_id', '=', 'k.id')
          .where('m.starts_at', '<=', now)
          .where('m.deleted_at', 'is', null)
          .where('m.status', '!=', 'aflyst')
          .orderBy('m.starts_at', 'desc')
          .limit(1)
          .as('last'),
    ])
    .execute();
  return new Map(rows.filter((r): r is { kommune_id: string; last: string } => r.last !== null).map((r) => [r.kommune_id, r.last]));
}

/**
 * Everything Overblik shows, computed in one call: this and next week's
 * meetings, overdue and soon-due follow-ups, quiet kommuner, the year's
 * styringsdialog status per kommune × boligorganisation, and political roles
 * to review after the latest kommunalvalg.
 */
export async function getDashboard(db: Kysely<Database>, options: DashboardOptions): Promise<Dashboard> {
  const now = options.now ?? new Date();
  const nowIso = now.toISOString();
  const today = danishDate(now);
  const open = [...openStatuses];
  const soon = { from: today, to: addDanishDays(today, 7) };
  const [thisWeekAll, nextWeekAll, overdue, dueSoon, overdueCount, dueSoonCount] = await Promise.all([
    listMeetings(db, { from: danishWeekStart(now), to: danishWeekStart(now, 1) }),
    listMeetings(db, { from: danishWeekStart(now, 1), to: danishWeekStart(now, 2) }),
    listFollowUps(db, { statuses: open, due: 'overdue', limit: dashboardListRows }, today),
    listFollowUps(db, { statuses: open, dueBetween: soon, limit: dashboardListRows }, today),
    countOpenFollowUps(db, (q) => q.where('due_date', '<', today)),
    countOpenFollowUps(db, (q) => q.where('due_date', '>=', soon.from).where('due_date', '<=', soon.to)),
  ]);

  const [thisWeek, nextWeek] = [thisWeekAll.slice(0, dashboardWeekRows), nextWeekAll.slice(0, dashboardWeekRows)];

  const scope = await kommunerInScope(db, options.myKredse, today);
  const last = await lastMeetings(db, nowIso);
  const threshold = new Date(now);
  threshold.setMonth(threshold.getMonth() - options.quietMonths);
  const quietKommuner =
    options.myKredse.length === 0
      ? []
      : scope
          .map((k) => ({ id: k.id, navn: k.navn, lastMeetingAt: last.get(k.id) ?? null }))
          .filter((k) => k.lastMeetingAt === null || k.lastMeetingAt < threshold.toISOString())
          .sort((a, b) => compareIsoTimes(a.lastMeetingAt, b.lastMeetingAt) || compareDanish(a.navn, b.navn));

  const myKredse = await kredseWithCounts(db, options.myKredse, today);


  const election = latestElection(today);
  const rolesToReview = election
    ? await selectAffiliations(
        db,
        (eb) =>
          eb.and([
            eb('affiliation.kind', '=', 'politiker'),
            eb('affiliation.to_date', 'is', null),
            eb.or([eb('affiliation.from_date', 'is', null), eb('affiliation.from_date', '<', election.termStart)]),
          ]),
        today,
      )
    : [];

  return { today, thisWeek, thisWeekCount: thisWeekAll.length, nextWeek, nextWeekCount: nextWeekAll.length, overdue, overdueCount, dueSoon, dueSoonCount, quietMonths: options.quietMonths, myKredse, quietKommuner, election, rolesToReview };
}

/**
 * Per kommune × boligorganisation linked to it: from the pair's styringsdialog
 * cycle (issue 17; db/styringsdialog) — afholdt when its meeting is held (or
 * the cycle has gone past the meeting: aftaler, referat or redegørelse
 * recorded), planlagt when its meeting is planned, else mangler
 * (almenboligloven § 164 requires one a year). A pair without a recorded
 * meeting falls back to the kommune's styringsdialog series that name the
 * organisation, as before cycles were recorded.
 */
/** Overblik's styringsdialog card: this year's status of every pair in scope (mine kredse, or all kommuner). */
export async function getDashboardStyringsdialog(db: Kysely<Database>, options: { readonly myKredse: readonly number[]; readonly now?: Date }): Promise<DashboardStyringsdialog> {
  const today = danishDate(options.now ?? new Date());
  const scope = await kommunerInScope(db, options.myKredse, today);
  const year = Number(today.slice(0, 4));
  return { year, rows: await styringsdialogStatus(db, scope.map((k) => k.id), year) };
}

export async function styringsdialogStatus(db: Kysely<Database>, kommuneIds: readonly string[], year: number) {
  if (kommuneIds.length === 0) return [];
  const rows = await styringsdialogBoard(db, { year, kommuneIds });
  const past = new Set(['aftaler_indgaaet', 'referat_sendt', 'afsluttet']);
  return rows.map((r) => {
    const status = r.meeting?.status;
    const state: 'afholdt' | 'planlagt' | 'mangler' = status === 'afholdt' || past.has(r.stage) ? 'afholdt' : status === 'planlagt' ? 'planlagt' : 'mangler';
    return { kommuneId: r.kommune.id, kommuneNavn: r.kommune.name, organisationId: r.organisation.id, organisationName: r.organisation.name, state, meetingId: r.meeting && r.meeting.status !== 'aflyst' ? r.meeting.id : null };
  });
}

/** Per kommune, for the map: last meeting and open/overdue follow-ups. */
export async function kommuneMapStats(db: Kysely<Database>, myKredse: readonly number[], now = new Date()): Promise<KommuneMapStats> {
  const today = danishDate(now);
  const last = await lastMeetings(db, now.toISOString());
  const counts = await db
    .selectFrom('follow_up')
    .select([
      'kommune_id',
      (eb) => eb.fn.countAll<number>().as('open'),
      sql<number>`sum(CASE WHEN due_date IS NOT NULL AND due_date < ${today} THEN 1 ELSE 0 END)`.as('overdue'),
    ])
    .where(openFollowUpCondition())
    .where('kommune_id', 'is not', null)
    .groupBy('kommune_id')
    .execute();
  const byKommune = new Map(counts.map((c) => [c.kommune_id!, c]));
  const all = await kommunerInScope(db, [], today);
  return all.map((k) => ({
    kode: k.kode,
    id: k.id,
    navn: k.navn,
    lastMeetingAt: last.get(k.id) ?? null,
    openFollowUps: Number(byKommune.get(k.id)?.open ?? 0),
    overdueFollowUps: Number(byKommune.get(k.id)?.overdue ?? 0),
    mine: k.kreds !== null && myKredse.includes(k.kreds),
  }));
}

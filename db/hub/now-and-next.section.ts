import { sql, type Kysely } from 'kysely';
import type { KommuneHub } from '../../common/relationships.domain';
import { styringsdialogStatus } from '../dashboard/dashboard.repository';
import { listFollowUps, openFollowUpCondition, openStatuses } from '../follow-ups/follow-ups.repository';
import { listMeetings } from '../meetings/meetings.repository';
import type { Database } from '../schema';
import { seriesWithMeetings } from './collaboration.section';

/** Meetings and open follow-ups the section lists; the rest are counted. */
export const hubListRows = 6;

/**
 * "Nu og næste" of a kommune: its next meetings, its open follow-ups (overdue
 * and soonest first) with counts, this year's styringsdialog per
 * boligorganisation (the Overblik logic, db/dashboard), and its active series
 * (not archived, with a meeting ahead or in the last twelve months).
 */
export async function nowAndNextSection(db: Kysely<Database>, kommuneId: string, now: Date, today: string): Promise<KommuneHub['nowAndNext']> {
  const year = Number(today.slice(0, 4));
  const [upcomingMeetings, openFollowUps, counts, styringsdialog, series] = await Promise.all([
    listMeetings(db, { kommuneId, from: now.toISOString(), limit: hubListRows }),
    listFollowUps(db, { statuses: openStatuses, kommuneId, limit: hubListRows }, today),
    db
      .selectFrom('follow_up')
      .where(openFollowUpCondition())
      .where('follow_up.kommune_id', '=', kommuneId)
      .select([(eb) => eb.fn.countAll<number>().as('open'), sql<number>`coalesce(sum(follow_up.due_date < ${today}), 0)`.as('overdue')])
      .executeTakeFirstOrThrow(),
    styringsdialogStatus(db, [kommuneId], year),
    seriesWithMeetings(db, kommuneId, now),
  ]);
  const yearAgo = new Date(now);
  yearAgo.setFullYear(yearAgo.getFullYear() - 1);
  return {
    upcomingMeetings: upcomingMeetings.filter((m) => m.status !== 'aflyst'),
    openFollowUps,
    openCount: Number(counts.open),
    overdueCount: Number(counts.overdue),
    styringsdialog: {
      year,
      rows: styringsdialog.map((r) => ({ organisationId: r.organisationId, organisationName: r.organisationName, state: r.state, meetingId: r.meetingId })),
    },
    activeSeries: series.filter((s) => !s.archived && (s.nextMeetingAt !== null || (s.lastMeetingAt !== null && s.lastMeetingAt >= yearAgo.toISOString()))),
  };
}

import { z } from 'zod';
import { affiliationSchema, idSchema } from './domain';
import { followUpSchema, meetingSummarySchema } from './meetings.domain';

/** Kommunalvalg dates (third Tuesday of November every four years); the new term starts 1 January after. */
export const kommunalvalg = ['2017-11-21', '2021-11-16', '2025-11-18', '2029-11-20'] as const;

/** The latest election on or before `today`, with the start of the term it elected. */
export function latestElection(today: string): { date: string; termStart: string } | null {
  const date = [...kommunalvalg].reverse().find((d) => d <= today);
  return date ? { date, termStart: `${Number(date.slice(0, 4)) + 1}-01-01` } : null;
}

export const styringsdialogStates = ['afholdt', 'planlagt', 'mangler'] as const;

/** Overblik lists this many follow-ups per list; the rest are counted and one click away. */
export const dashboardListRows = 8;

/**
 * Overblik lists this many meetings per week; the rest are counted and one
 * click away in Kalender. A consultant's own week fits; a team's database
 * (every colleague's meetings, 124 in one week at scale 10) stays an overview.
 */
export const dashboardWeekRows = 15;

/**
 * The year's styringsdialog per kommune × boligorganisation in scope (Overblik's card). Its own read: the board it
 * derives from is the slowest of Overblik's queries (≈ 0.27 s on a cold start at scale 10), and the figures above it
 * need not wait for it.
 */
export const dashboardStyringsdialogSchema = z.object({
  year: z.number().int(),
  rows: z.array(
    z.object({
      kommuneId: idSchema,
      kommuneNavn: z.string(),
      organisationId: idSchema,
      organisationName: z.string(),
      state: z.enum(styringsdialogStates),
      meetingId: idSchema.nullable(),
    }),
  ),
});

export const dashboardSchema = z.object({
  today: z.string(),
  /** The week's first `dashboardWeekRows` meetings by start, and how many the week holds in all. */
  thisWeek: z.array(meetingSummarySchema),
  thisWeekCount: z.number().int(),
  nextWeek: z.array(meetingSummarySchema),
  nextWeekCount: z.number().int(),
  /** The first `dashboardListRows` (most overdue first) and how many there are in all. */
  overdue: z.array(followUpSchema),
  overdueCount: z.number().int(),
  dueSoon: z.array(followUpSchema),
  dueSoonCount: z.number().int(),
  quietMonths: z.number().int(),
  /**
   * Mine kredse with how many kommuner each holds (empty when none are chosen),
   * so Overblik can say "7. kreds har ingen kommuner endnu" instead of a 0
   * that reads as "all kommuner had meetings".
   */
  myKredse: z.array(z.object({ number: z.number().int(), name: z.string(), kommuner: z.number().int() })),
  quietKommuner: z.array(z.object({ id: idSchema, navn: z.string(), lastMeetingAt: z.string().nullable() })),
  election: z.object({ date: z.string(), termStart: z.string() }).nullable(),
  rolesToReview: z.array(affiliationSchema),
});
export type Dashboard = z.infer<typeof dashboardSchema>;
export type DashboardStyringsdialog = z.infer<typeof dashboardStyringsdialogSchema>;

export const kommuneMapStatsSchema = z.array(
  z.object({ kode: z.number().int(), id: idSchema, navn: z.string(), lastMeetingAt: z.string().nullable(), openFollowUps: z.number().int(), overdueFollowUps: z.number().int(), mine: z.boolean() }),
);
export type KommuneMapStats = z.infer<typeof kommuneMapStatsSchema>;

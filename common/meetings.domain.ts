import { z } from 'zod';
import { attendanceRoles, attendanceStatuses, followUpStatuses, idSchema, isoDateSchema, meetingSeriesKinds, meetingStatuses } from './domain';

/**
 * Meeting series, meetings, agenda, attendance and follow-ups (issue 3).
 * Validation messages are i18n keys, as in domain.ts.
 */
export const cadenceUnits = ['none', 'weeks', 'months'] as const;
export const agendaItemKinds = ['normal', 'follow_up_review'] as const;
export type CadenceUnit = (typeof cadenceUnits)[number];
export type AgendaItemKind = (typeof agendaItemKinds)[number];

const requiredText = (max: number) => z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });
const optionalText = (max: number) => z.string().trim().max(max, { error: 'validation.tooLong' });
/** An instant as ISO 8601 with offset or Z; stored as UTC. */
export const instantSchema = z.iso.datetime({ offset: true, error: 'validation.dateTime' });

// ---------- series ----------
export const seriesFieldsSchema = z
  .object({
    title: requiredText(200),
    kind: z.enum(meetingSeriesKinds, { error: 'validation.kind' }),
    kommuneId: idSchema.nullable().default(null),
    organisationIds: z.array(idSchema).max(50).default([]),
    memberIds: z.array(idSchema).max(200).default([]),
    defaultPlace: optionalText(300).default(''),
    cadenceUnit: z.enum(cadenceUnits).default('none'),
    cadenceInterval: z.number().int().min(1, { error: 'validation.cadence' }).max(24, { error: 'validation.cadence' }).nullable().default(null),
    agendaTemplate: z.array(requiredText(300)).max(50).default([]),
    year: z.number().int().min(2000).max(2100).nullable().default(null),
    notes: optionalText(20000).default(''),
  })
  .refine((s) => s.cadenceUnit === 'none' || s.cadenceInterval !== null, { error: 'validation.cadence', path: ['cadenceInterval'] });
export type SeriesFields = z.input<typeof seriesFieldsSchema>;
export type ParsedSeriesFields = z.output<typeof seriesFieldsSchema>;
export const seriesUpdateInputSchema = seriesFieldsSchema.and(z.object({ id: idSchema }));

const ref = z.object({ id: idSchema, name: z.string() });

export const seriesSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  kind: z.enum(meetingSeriesKinds),
  kommune: ref.nullable(),
  /** The series' organisations (Danish order), so four "Styringsdialog 2025" in one kommune can be told apart. */
  organisations: z.array(ref),
  archived: z.boolean(),
  year: z.number().int().nullable(),
  lastMeetingAt: z.string().nullable(),
  nextMeetingAt: z.string().nullable(),
  openFollowUps: z.number().int(),
});
export type SeriesSummary = z.infer<typeof seriesSummarySchema>;

export const seriesSchema = seriesSummarySchema.extend({
  organisations: z.array(ref),
  members: z.array(ref),
  defaultPlace: z.string(),
  cadenceUnit: z.enum(cadenceUnits),
  cadenceInterval: z.number().int().nullable(),
  agendaTemplate: z.array(z.string()),
  notes: z.string(),
  meetings: z.array(z.object({ id: idSchema, title: z.string(), startsAt: z.string(), status: z.enum(meetingStatuses) })),
  deletedAt: z.string().nullable(),
});
export type Series = z.infer<typeof seriesSchema>;

export const seriesListInputSchema = z.object({
  kommuneId: idSchema.optional(),
  kind: z.enum(meetingSeriesKinds).optional(),
  includeArchived: z.boolean().optional(),
});

/** One page of the Møderækker list; every filter runs in SQL (db/meetings/series.repository.ts pageSeries). */
export const seriesPageInputSchema = z.object({
  query: z.string().max(200).optional(),
  kind: z.enum(meetingSeriesKinds).optional(),
  kommuneId: idSchema.optional(),
  organisationId: idSchema.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  includeArchived: z.boolean().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});
/** `years`: the years live series are for (newest first), for the year filter. */
export const seriesPageSchema = z.object({ rows: z.array(seriesSummarySchema), total: z.number().int(), years: z.array(z.number().int()) });

/** What "Planlæg næste møde" proposes; the user adjusts it before it becomes a meeting. */
export const meetingProposalSchema = z.object({
  seriesId: idSchema,
  kommuneId: idSchema.nullable(),
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string(),
  inviteeIds: z.array(idSchema),
  agenda: z.array(z.object({ title: z.string(), kind: z.enum(agendaItemKinds) })),
});
export type MeetingProposal = z.infer<typeof meetingProposalSchema>;

// ---------- meetings ----------
export const agendaDraftSchema = z.object({
  title: requiredText(300),
  kind: z.enum(agendaItemKinds).default('normal'),
  description: optionalText(20000).default(''),
  presenter: optionalText(200).default(''),
  plannedMinutes: z.number().int().min(1).max(600).nullable().default(null),
});

export const meetingFieldsSchema = z
  .object({
    seriesId: idSchema.nullable().default(null),
    kommuneId: idSchema.nullable().default(null),
    title: requiredText(300),
    startsAt: instantSchema,
    endsAt: instantSchema.nullable().default(null),
    place: optionalText(300).default(''),
    status: z.enum(meetingStatuses).default('planlagt'),
    notes: optionalText(20000).default(''),
  })
  .refine((m) => m.endsAt === null || m.endsAt > m.startsAt, { error: 'validation.endBeforeStart', path: ['endsAt'] });
export const meetingCreateInputSchema = meetingFieldsSchema.and(
  z.object({ inviteeIds: z.array(idSchema).max(300).default([]), agenda: z.array(agendaDraftSchema).max(100).default([]) }),
);
export type MeetingCreateInput = z.input<typeof meetingCreateInputSchema>;
export const meetingUpdateInputSchema = z
  .object({
    id: idSchema,
    kommuneId: idSchema.nullable().optional(),
    title: requiredText(300).optional(),
    startsAt: instantSchema.optional(),
    endsAt: instantSchema.nullable().optional(),
    place: optionalText(300).optional(),
    status: z.enum(meetingStatuses).optional(),
    notes: optionalText(20000).optional(),
  });
export type MeetingUpdateInput = z.input<typeof meetingUpdateInputSchema>;

export const agendaItemSchema = z.object({
  id: idSchema,
  meetingId: idSchema,
  position: z.string(),
  kind: z.enum(agendaItemKinds),
  title: z.string(),
  description: z.string(),
  presenter: z.string(),
  plannedMinutes: z.number().int().nullable(),
  minutes: z.string(),
  decision: z.string(),
});
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const attendanceSchema = z.object({
  id: idSchema,
  contactId: idSchema,
  contactName: z.string(),
  roleLine: z.string().nullable(),
  status: z.enum(attendanceStatuses),
  role: z.enum(attendanceRoles).nullable(),
});
export type Attendance = z.infer<typeof attendanceSchema>;

export const followUpSchema = z.object({
  id: idSchema,
  title: z.string(),
  details: z.string(),
  ownerContactId: idSchema.nullable(),
  ownerName: z.string().nullable(),
  ownerIsMe: z.boolean(),
  dueDate: z.string().nullable(),
  status: z.enum(followUpStatuses),
  kommune: ref.nullable(),
  sourceMeetingId: idSchema.nullable(),
  sourceMeetingTitle: z.string().nullable(),
  sourceMeetingStartsAt: z.string().nullable(),
  sourceAgendaItemId: idSchema.nullable(),
  closedInMeetingId: idSchema.nullable(),
  overdue: z.boolean(),
  deletedAt: z.string().nullable(),
});
export type FollowUp = z.infer<typeof followUpSchema>;

export const meetingSummarySchema = z.object({
  id: idSchema,
  title: z.string(),
  startsAt: z.string(),
  endsAt: z.string().nullable(),
  place: z.string(),
  status: z.enum(meetingStatuses),
  kommune: ref.nullable(),
  series: z.object({ id: idSchema, title: z.string(), kind: z.enum(meetingSeriesKinds) }).nullable(),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;

export const meetingSchema = meetingSummarySchema.extend({
  /** The region of the meeting's kommune on the meeting's day (regions are dated: a 2026 meeting in Køge is in Region Sjælland, a 2027 one in Region Østdanmark). */
  regionNavn: z.string().nullable(),
  notes: z.string(),
  agenda: z.array(agendaItemSchema),
  attendance: z.array(attendanceSchema),
  /** Follow-ups created at this meeting. */
  followUps: z.array(followUpSchema),
  /** Open follow-ups of the series from earlier meetings, and those closed in this one. */
  carriedFollowUps: z.array(followUpSchema),
  deletedAt: z.string().nullable(),
});
export type Meeting = z.infer<typeof meetingSchema>;

export const meetingListInputSchema = z.object({
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  kommuneId: idSchema.optional(),
  seriesId: idSchema.optional(),
  status: z.enum(meetingStatuses).optional(),
  limit: z.number().int().min(1).max(5000).optional(),
});
/** One page of the Møder list: asc = soonest first (Kommende), desc = latest first (Tidligere). */
export const meetingPageInputSchema = meetingListInputSchema.omit({ limit: true }).extend({
  order: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export const meetingPageSchema = z.object({ rows: z.array(meetingSummarySchema), total: z.number().int() });

export const agendaAddInputSchema = agendaDraftSchema.extend({ meetingId: idSchema, afterId: idSchema.nullable().optional() });
export const agendaUpdateInputSchema = z.object({
  id: idSchema,
  title: requiredText(300).optional(),
  description: optionalText(20000).optional(),
  presenter: optionalText(200).optional(),
  plannedMinutes: z.number().int().min(1).max(600).nullable().optional(),
  minutes: optionalText(200000).optional(),
  decision: optionalText(50000).optional(),
});
/** The referat's autosave: an item's minutes or decision, typed as they are written. */
export const agendaTextInputSchema = agendaUpdateInputSchema.pick({ id: true, minutes: true, decision: true });
/** What an autosave answers: which record, and its stamp after the save — not the whole record again. */
export const saveAckSchema = z.object({ id: idSchema, updatedAt: z.string() });
export type SaveAck = z.infer<typeof saveAckSchema>;

/** Move an item between two neighbours (either may be null at the ends). */
export const agendaMoveInputSchema = z.object({ id: idSchema, afterId: idSchema.nullable(), beforeId: idSchema.nullable() });

export const attendanceSetInputSchema = z.object({
  meetingId: idSchema,
  contactId: idSchema,
  status: z.enum(attendanceStatuses),
  role: z.enum(attendanceRoles).nullable().default(null),
});
export const attendanceRemoveInputSchema = z.object({ meetingId: idSchema, contactId: idSchema });

// ---------- follow-ups ----------
export const dueFilters = ['overdue', 'thisWeek', 'later', 'none'] as const;
export const followUpFieldsSchema = z
  .object({
    title: requiredText(300),
    details: optionalText(20000).default(''),
    ownerContactId: idSchema.nullable().default(null),
    ownerIsMe: z.boolean().default(false),
    dueDate: isoDateSchema.nullable().default(null),
    status: z.enum(followUpStatuses).default('aaben'),
    kommuneId: idSchema.nullable().default(null),
    sourceMeetingId: idSchema.nullable().default(null),
    sourceAgendaItemId: idSchema.nullable().default(null),
  })
  .refine((f) => !(f.ownerIsMe && f.ownerContactId !== null), { error: 'validation.oneOwner', path: ['ownerContactId'] });
export type FollowUpFields = z.input<typeof followUpFieldsSchema>;
export type ParsedFollowUpFields = z.output<typeof followUpFieldsSchema>;
export const followUpUpdateInputSchema = z.object({
  id: idSchema,
  title: requiredText(300).optional(),
  details: optionalText(20000).optional(),
  ownerContactId: idSchema.nullable().optional(),
  ownerIsMe: z.boolean().optional(),
  dueDate: isoDateSchema.nullable().optional(),
  kommuneId: idSchema.nullable().optional(),
});
export const followUpStatusInputSchema = z.object({
  ids: z.array(idSchema).min(1).max(5000),
  status: z.enum(followUpStatuses),
  closedInMeetingId: idSchema.nullable().optional(),
});
export const followUpListInputSchema = z.object({
  ownerContactId: idSchema.optional(),
  mine: z.boolean().optional(),
  kommuneId: idSchema.optional(),
  kredsNumber: z.number().int().min(1).max(11).optional(),
  statuses: z.array(z.enum(followUpStatuses)).optional(),
  due: z.enum(dueFilters).optional(),
  sort: z.enum(['due', 'title', 'kommune', 'status']).optional(),
  limit: z.number().int().min(1).max(5000).optional(),
});
export type FollowUpListInput = z.input<typeof followUpListInputSchema>;
export const followUpPageInputSchema = followUpListInputSchema.omit({ limit: true }).extend({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export const followUpPageSchema = z.object({ rows: z.array(followUpSchema), total: z.number().int() });

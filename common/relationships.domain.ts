import { z } from 'zod';
import { styringsdialogStates } from './dashboard.domain';
import { affiliationKinds, idSchema, isoDateSchema, meetingSeriesKinds, organisationKinds } from './domain';
import { followUpSchema, meetingSummarySchema } from './meetings.domain';

/**
 * The kontaktlog, relationship health and the hub pages (issue 16): the kommune
 * as the consultant's workspace, and "sidst i kontakt" for people, organisations
 * and kommuner.
 */

/** How a contact happened. Stored ASCII like the other enums ("moede"); the UI and CLI say "møde". */
export const contactLogKinds = ['telefon', 'mail', 'moede', 'andet'] as const;
export type ContactLogKind = (typeof contactLogKinds)[number];

const ref = z.object({ id: idSchema, name: z.string() });

/** "Log kontakt": date, kind, a short note, one or more people, optionally a kommune/organisation and a follow-up. */
export const contactLogInputSchema = z.object({
  date: isoDateSchema,
  kind: z.enum(contactLogKinds, { error: 'validation.kind' }),
  note: z.string().trim().max(2000, { error: 'validation.tooLong' }).default(''),
  contactIds: z.array(idSchema).min(1, { error: 'validation.required' }).max(20, { error: 'validation.tooMany' }),
  kommuneId: idSchema.nullable().default(null),
  organisationId: idSchema.nullable().default(null),
  /** A follow-up made with the entry (owned by the consultant). */
  followUp: z
    .object({ title: z.string().trim().min(1, { error: 'validation.required' }).max(300, { error: 'validation.tooLong' }), dueDate: isoDateSchema.nullable().default(null) })
    .nullable()
    .default(null),
});
export type ContactLogInput = z.input<typeof contactLogInputSchema>;
export type ParsedContactLogInput = z.output<typeof contactLogInputSchema>;

export const contactLogEntrySchema = z.object({
  id: idSchema,
  date: z.string(),
  kind: z.enum(contactLogKinds),
  note: z.string(),
  contacts: z.array(ref),
  kommune: ref.nullable(),
  organisation: ref.nullable(),
  followUpId: idSchema.nullable(),
});
export type ContactLogEntry = z.infer<typeof contactLogEntrySchema>;

/** The key roles a kredskonsulent keeps warm, classified from a role's title and place (db/relationships/key-roles.ts). */
export const keyRoles = ['borgmester', 'udvalgsformand', 'kommunaldirektoer', 'direktoer', 'formand', 'boligdirektoer'] as const;
export type KeyRole = (typeof keyRoles)[number];

export const keyPersonSchema = z.object({
  roleId: idSchema,
  keyRole: z.enum(keyRoles),
  contactId: idSchema,
  contactName: z.string(),
  title: z.string(),
  kind: z.enum(affiliationKinds),
  place: z.object({ kind: z.enum(['kommune', 'organisation']), id: idSchema, name: z.string() }),
  fromDate: z.string().nullable(),
  /** YYYY-MM-DD of the latest attended meeting or logged contact; null = never. */
  lastContact: z.string().nullable(),
  intervalMonths: z.number().int(),
  overdue: z.boolean(),
  /** Who held the same title in the same place before (politicians change at every kommunalvalg). */
  previous: z.object({ contactId: idSchema, contactName: z.string(), fromDate: z.string().nullable(), toDate: z.string().nullable() }).nullable(),
});
export type KeyPerson = z.infer<typeof keyPersonSchema>;

export const hubSeriesSchema = z.object({
  id: idSchema,
  title: z.string(),
  kind: z.enum(meetingSeriesKinds),
  archived: z.boolean(),
  /** The organisations in it, which tell a kommune's several "Styringsdialog 2026" apart. */
  organisations: z.string(),
  lastMeetingAt: z.string().nullable(),
  nextMeetingAt: z.string().nullable(),
});

export const styringsdialogRowSchema = z.object({
  organisationId: idSchema,
  organisationName: z.string(),
  state: z.enum(styringsdialogStates),
  meetingId: idSchema.nullable(),
});

/** "Nu og næste": what is coming and what is open. */
export const nowAndNextSchema = z.object({
  upcomingMeetings: z.array(meetingSummarySchema),
  openFollowUps: z.array(followUpSchema),
  openCount: z.number().int(),
  overdueCount: z.number().int(),
  styringsdialog: z.object({ year: z.number().int(), rows: z.array(styringsdialogRowSchema) }),
  activeSeries: z.array(hubSeriesSchema),
});

export const collaborationSchema = z.object({
  series: z.array(hubSeriesSchema),
  organisations: z.array(z.object({ id: idSchema, name: z.string(), kind: z.enum(organisationKinds), lastMeetingAt: z.string().nullable() })),
});

/**
 * The kommune hub. Each section comes from its own repository function
 * (db/hub/*.section.ts) and is drawn by its own component
 * (renderer/src/pages/kommuner/hub/*.section.tsx): adding a section means a
 * field here, a function there and a component, nothing else.
 */
export const kommuneHubSchema = z.object({
  kommune: z.object({ id: idSchema, navn: z.string(), kode: z.number().int() }),
  today: z.string(),
  lastContact: z.string().nullable(),
  nowAndNext: nowAndNextSchema,
  keyPeople: z.array(keyPersonSchema),
  collaboration: collaborationSchema,
});
export type KommuneHub = z.infer<typeof kommuneHubSchema>;

export const timelineKinds = ['meeting', 'decision', 'follow_up', 'role', 'contact_log'] as const;
export type TimelineKind = (typeof timelineKinds)[number];

export const timelineScopeSchema = z.union([z.object({ kommuneId: idSchema }), z.object({ organisationId: idSchema }), z.object({ contactId: idSchema })]);
export type TimelineScope = z.infer<typeof timelineScopeSchema>;

export const timelineCursorSchema = z.object({ at: z.string().max(40), key: z.string().max(120) });
export type TimelineCursor = z.infer<typeof timelineCursorSchema>;

export const timelineInputSchema = z.object({
  scope: timelineScopeSchema,
  kinds: z.array(z.enum(timelineKinds)).max(timelineKinds.length).optional(),
  year: z.number().int().min(1900).max(2200).nullable().default(null),
  /** Keyset: the last event of the previous page; events strictly older follow. */
  after: timelineCursorSchema.nullable().default(null),
  limit: z.number().int().min(1).max(200).default(50),
});
export type TimelineInput = z.input<typeof timelineInputSchema>;

export const timelineEventSchema = z.object({
  /** Unique and stable: kind, record id and (for roles and follow-ups) which moment. */
  key: z.string(),
  /** ISO instant (dates as noon UTC), the order of the timeline. */
  at: z.string(),
  kind: z.enum(timelineKinds),
  /** started / ended (roles), created / closed (follow-ups), the meeting's or follow-up's status, the contact kind. */
  what: z.string(),
  title: z.string(),
  detail: z.string(),
  href: z.string(),
});
export type TimelineEvent = z.infer<typeof timelineEventSchema>;

export const timelinePageSchema = z.object({ events: z.array(timelineEventSchema), next: timelineCursorSchema.nullable() });
export type TimelinePage = z.infer<typeof timelinePageSchema>;

export const overduePersonSchema = z.object({
  roleId: idSchema,
  contactId: idSchema,
  contactName: z.string(),
  title: z.string(),
  keyRole: z.enum(keyRoles).nullable(),
  place: z.object({ kind: z.enum(['kommune', 'organisation']), id: idSchema, name: z.string() }),
  kommune: ref.nullable(),
  lastContact: z.string().nullable(),
  intervalMonths: z.number().int(),
});
export type OverduePerson = z.infer<typeof overduePersonSchema>;

export const relationshipHealthSchema = z.object({
  today: z.string(),
  /** Key people (or with a "hold kontakten" interval) in mine kredse whose last contact is older than their interval. */
  overduePeople: z.array(overduePersonSchema),
  overduePeopleCount: z.number().int(),
  /** Kommuner in mine kredse with no attended meeting or logged contact for `months`. */
  overdueKommuner: z.array(z.object({ id: idSchema, navn: z.string(), lastContact: z.string().nullable() })),
  months: z.number().int(),
  /** After a kommunalvalg: the new council's key roles without any contact since the term began. */
  newCouncil: z.object({ termStart: z.string(), people: z.array(overduePersonSchema) }).nullable(),
});
export type RelationshipHealth = z.infer<typeof relationshipHealthSchema>;

export const relationshipHealthInputSchema = z.object({ months: z.number().int().min(1).max(120).default(6), limit: z.number().int().min(1).max(500).default(20) });

export const contactRelationsSchema = z.object({
  lastContact: z.string().nullable(),
  keepInTouchMonths: z.number().int().nullable(),
  log: z.array(contactLogEntrySchema),
  attended: z.array(z.object({ meetingId: idSchema, title: z.string(), startsAt: z.string(), status: z.enum(['inviteret', 'deltog', 'afbud']) })),
  followUps: z.array(followUpSchema),
});
export type ContactRelations = z.infer<typeof contactRelationsSchema>;

export const organisationHubSchema = z.object({
  lastContact: z.string().nullable(),
  kommuner: z.array(ref),
  keyPeople: z.array(keyPersonSchema),
  styringsdialoger: z.array(z.object({ year: z.number().int(), meetingId: idSchema.nullable(), state: z.enum(styringsdialogStates), kommune: ref.nullable() })),
  openFollowUps: z.array(followUpSchema),
  recentMeetings: z.array(meetingSummarySchema),
});
export type OrganisationHub = z.infer<typeof organisationHubSchema>;

import { z } from 'zod';
import { affiliationKinds, languages, organisationKinds } from './vocabulary';

/**
 * The zod schemas for everything that crosses a process boundary, on the
 * domain's vocabulary (the enum values live in common/vocabulary.ts, without
 * zod, and are exported on here). Validation messages are i18n keys
 * (`validation.*`), translated by the renderer, so the same schema validates
 * forms and IPC payloads.
 */

export { organisationKinds, affiliationKinds, meetingSeriesKinds, meetingStatuses, attendanceStatuses, attendanceRoles, followUpStatuses, languages } from './vocabulary';
export type { OrganisationKind, AffiliationKind, MeetingSeriesKind, MeetingStatus, FollowUpStatus, AttendanceStatus, AttendanceRole, Language } from './vocabulary';

export const idSchema = z.string().uuid({ error: 'validation.id' });
export const isoDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'validation.date' }).refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), { error: 'validation.date' });
export const timestampSchema = z.string();

const requiredText = (max: number) =>
  z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });
const optionalText = (max: number) => z.string().trim().max(max, { error: 'validation.tooLong' });

export const emailSchema = z.string().trim().toLowerCase().pipe(z.email({ error: 'validation.email' }));
/** Danish and international numbers: digits, spaces, +, -, parentheses; at least 8 digits. */
export const phoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[\d\s()-]+$/, { error: 'validation.phone' })
  .refine((s) => s.replace(/\D/g, '').length >= 8, { error: 'validation.phone' });

// ---------- reference data ----------
export const regionSchema = z.object({ id: idSchema, kode: z.number().int(), navn: z.string() });
export type Region = z.infer<typeof regionSchema>;

export const kredsSchema = z.object({ id: idSchema, number: z.number().int().min(1).max(11), name: z.string() });
export type Kreds = z.infer<typeof kredsSchema>;

export const kommuneSummarySchema = z.object({
  id: idSchema,
  kode: z.number().int(),
  navn: z.string(),
  regionId: idSchema,
  regionNavn: z.string(),
  kredsId: idSchema.nullable(),
  kredsNumber: z.number().int().nullable(),
  organisationCount: z.number().int(),
  contactCount: z.number().int(),
});
export type KommuneSummary = z.infer<typeof kommuneSummarySchema>;

/**
 * What a deadlines channel asks for (aftaler, helhedsplaner: the Overblik list
 * or its .ics): a date range (default: today and the next 90 days) and
 * kommuner (one, or those of my kredse). Each channel extends it with its own
 * record id (server/handlers/deadline-scope.ts resolves it).
 */
export const deadlineWindowSchema = z.object({
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
  kommuneId: idSchema.optional(),
  onlyMyKredse: z.boolean().optional(),
});
export type DeadlineWindow = z.infer<typeof deadlineWindowSchema>;

export const kommuneListInputSchema = z.object({
  query: z.string().max(200).optional(),
  regionId: idSchema.optional(),
  kredsNumber: z.number().int().min(1).max(11).optional(),
  onlyMyKredse: z.boolean().optional(),
});

export const kommuneUpdateInputSchema = z.object({
  id: idSchema,
  kredsId: idSchema.nullable().optional(),
  notes: optionalText(20000).optional(),
});
export type KommuneUpdateInput = z.infer<typeof kommuneUpdateInputSchema>;

/** "Sæt kreds…" on the Kommuner list: the chosen kommuner into one kreds (null = none). */
export const kommuneSetKredsInputSchema = z.object({
  ids: z.array(idSchema).min(1).max(98),
  kredsId: idSchema.nullable(),
});
export type KommuneSetKredsInput = z.infer<typeof kommuneSetKredsInputSchema>;

// ---------- organisations ----------
export const organisationFieldsSchema = z.object({
  name: requiredText(200),
  kind: z.enum(organisationKinds, { error: 'validation.kind' }),
  notes: optionalText(20000).default(''),
  kommuneIds: z.array(idSchema).max(98).default([]),
});
export const organisationCreateInputSchema = organisationFieldsSchema;
export type OrganisationCreateInput = z.input<typeof organisationCreateInputSchema>;
export const organisationUpdateInputSchema = organisationFieldsSchema.partial().extend({ id: idSchema });
export type OrganisationUpdateInput = z.input<typeof organisationUpdateInputSchema>;

export const organisationSchema = z.object({
  id: idSchema,
  name: z.string(),
  kind: z.enum(organisationKinds),
  notes: z.string(),
  kommuner: z.array(z.object({ id: idSchema, kode: z.number().int(), navn: z.string() })),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  deletedAt: timestampSchema.nullable(),
});
export type Organisation = z.infer<typeof organisationSchema>;

export const organisationListInputSchema = z.object({
  query: z.string().max(200).optional(),
  kind: z.enum(organisationKinds).optional(),
  kommuneId: idSchema.optional(),
});
export const organisationPageInputSchema = organisationListInputSchema.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(200) });
export const organisationPageSchema = z.object({ rows: z.array(organisationSchema), total: z.number().int() });

// ---------- contacts and roles ----------
export const affiliationFieldsSchema = z
  .object({
    organisationId: idSchema.nullable().default(null),
    kommuneId: idSchema.nullable().default(null),
    title: requiredText(200),
    kind: z.enum(affiliationKinds, { error: 'validation.kind' }),
    fromDate: isoDateSchema.nullable().default(null),
    toDate: isoDateSchema.nullable().default(null),
  })
  .refine((a) => a.organisationId !== null || a.kommuneId !== null, { error: 'validation.affiliationTarget', path: ['organisationId'] })
  .refine((a) => a.fromDate === null || a.toDate === null || a.fromDate <= a.toDate, { error: 'validation.dateOrder', path: ['toDate'] });
export type AffiliationFields = z.input<typeof affiliationFieldsSchema>;

export const affiliationCreateInputSchema = affiliationFieldsSchema.and(z.object({ contactId: idSchema }));
export type AffiliationCreateInput = z.input<typeof affiliationCreateInputSchema>;
export const affiliationUpdateInputSchema = affiliationFieldsSchema.and(z.object({ id: idSchema }));
export type AffiliationUpdateInput = z.input<typeof affiliationUpdateInputSchema>;

export const affiliationSchema = z.object({
  id: idSchema,
  contactId: idSchema,
  contactName: z.string(),
  organisationId: idSchema.nullable(),
  organisationName: z.string().nullable(),
  kommuneId: idSchema.nullable(),
  kommuneNavn: z.string().nullable(),
  title: z.string(),
  kind: z.enum(affiliationKinds),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  current: z.boolean(),
  /** "Hold kontakten" every N months for this role (issue 16); null: the person's or the default interval. */
  keepInTouchMonths: z.number().int().nullable(),
});
export type Affiliation = z.infer<typeof affiliationSchema>;

export const contactFieldsSchema = z.object({
  name: requiredText(200),
  emails: z.array(emailSchema).max(10).default([]),
  phones: z.array(phoneSchema).max(10).default([]),
  notes: optionalText(20000).default(''),
});
export const contactCreateInputSchema = contactFieldsSchema.extend({
  affiliations: z.array(affiliationFieldsSchema).max(20).default([]),
});
export type ContactCreateInput = z.input<typeof contactCreateInputSchema>;
export const contactUpdateInputSchema = contactFieldsSchema.partial().extend({ id: idSchema });
export type ContactUpdateInput = z.input<typeof contactUpdateInputSchema>;

export const contactSchema = z.object({
  id: idSchema,
  name: z.string(),
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  notes: z.string(),
  affiliations: z.array(affiliationSchema),
  createdAt: timestampSchema,
  updatedAt: timestampSchema,
  deletedAt: timestampSchema.nullable(),
  /** Merged into this contact ("Flet"); such a contact can never be restored. */
  mergedInto: idSchema.nullable(),
  /** Erased under GDPR ("Slet person"); such a contact can never be restored. */
  erasedAt: timestampSchema.nullable(),
});
export type Contact = z.infer<typeof contactSchema>;

export const contactSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  primaryEmail: z.string().nullable(),
  primaryPhone: z.string().nullable(),
  currentRoles: z.array(z.string()),
});
export type ContactSummary = z.infer<typeof contactSummarySchema>;

export const contactListInputSchema = z.object({
  query: z.string().max(200).optional(),
  kommuneId: idSchema.optional(),
  organisationId: idSchema.optional(),
});
export const contactPageInputSchema = contactListInputSchema.extend({ offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(200) });
export const contactPageSchema = z.object({ rows: z.array(contactSummarySchema), total: z.number().int() });

export const kommuneDetailSchema = kommuneSummarySchema.extend({
  notes: z.string(),
  organisations: z.array(z.object({ id: idSchema, name: z.string(), kind: z.enum(organisationKinds) })),
  roles: z.array(affiliationSchema),
  /** The kommune's regions by date, oldest first (from 2027-01-01 the kommuner of Hovedstaden and Sjælland are in Region Østdanmark). */
  regionPeriods: z.array(z.object({ validFrom: z.string(), regionId: idSchema, regionNavn: z.string() })),
  /** The kommune's kredse by date (empty until a kreds is set with Sæt kreds from 0019 on). */
  kredsPeriods: z.array(z.object({ validFrom: z.string(), kredsId: idSchema.nullable(), kredsNumber: z.number().int().nullable() })),
});
export type KommuneDetail = z.infer<typeof kommuneDetailSchema>;

export const organisationDetailSchema = organisationSchema.extend({ roles: z.array(affiliationSchema) });
export type OrganisationDetail = z.infer<typeof organisationDetailSchema>;

// ---------- settings (local to this installation, never synced) ----------
export const settingsSchema = z.object({
  userName: z.string(),
  initials: z.string(),
  myKredse: z.array(z.number().int().min(1).max(11)),
  language: z.enum(languages),
  /** Overblik lists kommuner in my kredse without a meeting for this many months. */
  quietMonths: z.number().int().min(1).max(36),
  /** The consultant's e-mail: ORGANIZER of calendar invitations. Empty = unknown. */
  email: z.string(),
  /** Minutes before a meeting Outlook reminds; 0 = no reminder in exported invitations. */
  reminderMinutes: z.number().int().min(0).max(10080),
});
export type Settings = z.infer<typeof settingsSchema>;
export const settingsUpdateInputSchema = z.object({
  userName: optionalText(200).optional(),
  initials: z.string().trim().max(6, { error: 'validation.tooLong' }).optional(),
  myKredse: z.array(z.number().int().min(1).max(11)).max(11).optional(),
  language: z.enum(languages).optional(),
  quietMonths: z.number({ error: 'validation.months' }).int({ error: 'validation.months' }).min(1, { error: 'validation.months' }).max(36, { error: 'validation.months' }).optional(),
  email: z.union([z.literal(''), z.string().trim().toLowerCase().email({ error: 'validation.email' }).max(254, { error: 'validation.tooLong' })]).optional(),
  reminderMinutes: z.number({ error: 'validation.reminder' }).int({ error: 'validation.reminder' }).min(0, { error: 'validation.reminder' }).max(10080, { error: 'validation.reminder' }).optional(),
});
/** The first-run dialog: the same settings, but a name is what it asks for (it names the consultant in shared referater). */
export const firstRunSettingsSchema = settingsUpdateInputSchema.extend({ userName: requiredText(200) });

export const statsSchema = z.object({
  regions: z.number().int(),
  kommuner: z.number().int(),
  kredse: z.number().int(),
  organisations: z.number().int(),
  contacts: z.number().int(),
  affiliations: z.number().int(),
  meetingSeries: z.number().int(),
  meetings: z.number().int(),
  agendaItems: z.number().int(),
  followUps: z.number().int(),
  aftaler: z.number().int(),
  boligomraader: z.number().int(),
  tags: z.number().int(),
});
export type Stats = z.infer<typeof statsSchema>;

export const appInfoSchema = z.object({
  version: z.string(),
  schemaVersion: z.number().int(),
  databasePath: z.string(),
  host: z.enum(['electron', 'browser']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/** Duplicates ("Mulige dubletter") and "Flet". */
export const mergeableTables = ['contact', 'organisation'] as const;
export const duplicateReasons = ['email', 'phone', 'name_organisation', 'name'] as const;

export const duplicateRecordSchema = z.object({
  id: idSchema,
  name: z.string(),
  /** What helps tell the two apart. Contacts: e-mails, phones, current roles; organisations: kind and kommuner. */
  emails: z.array(z.string()),
  phones: z.array(z.string()),
  roles: z.array(z.string()),
  kind: z.enum(organisationKinds).nullable(),
  kommuner: z.array(z.string()),
  updatedAt: timestampSchema,
});
export const duplicateSuggestionSchema = z.object({
  table: z.enum(mergeableTables),
  reasons: z.array(z.enum(duplicateReasons)),
  records: z.tuple([duplicateRecordSchema, duplicateRecordSchema]),
});
export type DuplicateSuggestion = z.infer<typeof duplicateSuggestionSchema>;

export const mergeInputSchema = z.object({
  table: z.enum(mergeableTables),
  survivorId: idSchema,
  mergedId: idSchema,
  dryRun: z.boolean().default(false),
});
export const mergeSummarySchema = z.object({
  table: z.enum(mergeableTables),
  survivorId: idSchema,
  survivorName: z.string(),
  mergedId: idSchema,
  mergedName: z.string(),
  roles: z.number().int(),
  followUps: z.number().int(),
  attendance: z.number().int(),
  seriesLinks: z.number().int(),
  kommuner: z.number().int(),
});
export type MergeSummary = z.infer<typeof mergeSummarySchema>;
export const duplicateDismissInputSchema = z.object({ a: idSchema, b: idSchema });

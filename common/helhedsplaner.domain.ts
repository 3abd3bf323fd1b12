import { z } from 'zod';
import { idSchema, isoDateSchema } from './domain';

/**
 * Boligsociale helhedsplaner (issue 17): Landsbyggefonden-funded boligsociale
 * indsatser of four years each, within indsatsområder that LBF sets per frame
 * (2019–26: Uddannelse og livschancer, Beskæftigelse, Kriminalitetsforebyggelse,
 * Sammenhængskraft og medborgerskab — kept as editable data, see
 * db/reference/indsatsomraader.data.ts for the sources), run by a boligsocial
 * bestyrelse of top leaders from kommune and boligorganisationer, a styregruppe
 * or følgegruppe and a projektleder, with reporting deadlines to LBF.
 * Adding a status, body or deadline kind? Also add its label in
 * common/labels.da.ts and renderer/src/i18n (`helhedsplaner.*`) and widen the
 * CHECK of its table in a new migration.
 */
export const helhedsplanStatuses = ['forberedelse', 'godkendt', 'aktiv', 'afsluttet', 'afbrudt'] as const;
export type HelhedsplanStatus = (typeof helhedsplanStatuses)[number];
export const helhedsplanBodies = ['bestyrelse', 'styregruppe', 'foelgegruppe', 'projektleder'] as const;
export type HelhedsplanBody = (typeof helhedsplanBodies)[number];
export const helhedsplanDeadlineKinds = ['aarsstatus', 'midtvejsevaluering', 'slutevaluering', 'regnskab', 'ansoegning', 'andet'] as const;
export type HelhedsplanDeadlineKind = (typeof helhedsplanDeadlineKinds)[number];

const text = (max: number) => z.string().trim().max(max, { error: 'validation.tooLong' });
const requiredText = (max: number) => z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(max, { error: 'validation.tooLong' });
const ids = z.array(idSchema).max(100);
const dateOrder = <T extends { fromDate?: string | null; toDate?: string | null }>(v: T) => !v.fromDate || !v.toDate || v.fromDate <= v.toDate;

// ── Indsatsområder (reference data, editable) ───────────────────────────────
export const indsatsomraadeSchema = z.object({
  id: idSchema,
  name: z.string(),
  frame: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  retired: z.boolean(),
});
export type Indsatsomraade = z.infer<typeof indsatsomraadeSchema>;
export const indsatsomraadeCreateInputSchema = z
  .object({ name: requiredText(200), frame: text(100).default(''), validFrom: isoDateSchema.nullable().default(null), validTo: isoDateSchema.nullable().default(null) })
  .refine((v) => !v.validFrom || !v.validTo || v.validFrom <= v.validTo, { error: 'validation.dateOrder', path: ['validTo'] });
export type IndsatsomraadeCreateInput = z.input<typeof indsatsomraadeCreateInputSchema>;
export const indsatsomraadeUpdateInputSchema = z.object({
  id: idSchema,
  name: requiredText(200).optional(),
  frame: text(100).optional(),
  validFrom: isoDateSchema.nullable().optional(),
  validTo: isoDateSchema.nullable().optional(),
  retired: z.boolean().optional(),
});
export type IndsatsomraadeUpdateInput = z.infer<typeof indsatsomraadeUpdateInputSchema>;

// ── Helhedsplan ─────────────────────────────────────────────────────────────
const fields = {
  name: requiredText(200),
  status: z.enum(helhedsplanStatuses),
  kommuneId: idSchema.nullable(),
  fromDate: isoDateSchema.nullable(),
  toDate: isoDateSchema.nullable(),
  journalNumber: text(100),
  notes: text(20000),
  organisationIds: ids,
  boligomraadeIds: ids,
  indsatsomraadeIds: ids,
  seriesIds: ids,
};

export const helhedsplanCreateInputSchema = z
  .object({
    ...fields,
    status: fields.status.default('forberedelse'),
    kommuneId: fields.kommuneId.default(null),
    fromDate: fields.fromDate.default(null),
    toDate: fields.toDate.default(null),
    journalNumber: fields.journalNumber.default(''),
    notes: fields.notes.default(''),
    organisationIds: fields.organisationIds.default([]),
    boligomraadeIds: fields.boligomraadeIds.default([]),
    indsatsomraadeIds: fields.indsatsomraadeIds.default([]),
    seriesIds: fields.seriesIds.default([]),
  })
  .refine(dateOrder, { error: 'validation.dateOrder', path: ['toDate'] });
export type HelhedsplanCreateInput = z.input<typeof helhedsplanCreateInputSchema>;

/** Autosave: the fields that changed, by name (link lists replace the whole list). */
export const helhedsplanUpdateInputSchema = z.object({ id: idSchema, ...z.object(fields).partial().shape });
export type HelhedsplanUpdateInput = z.infer<typeof helhedsplanUpdateInputSchema>;

export const helhedsplanRoleSchema = z.object({
  id: idSchema,
  contactId: idSchema,
  contactName: z.string(),
  body: z.enum(helhedsplanBodies),
  title: z.string(),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  /** Whether the seat is held today (no end, or an end from today on; started or no start). */
  current: z.boolean(),
});
export type HelhedsplanRole = z.infer<typeof helhedsplanRoleSchema>;

export const helhedsplanDeadlineSchema = z.object({
  id: idSchema,
  kind: z.enum(helhedsplanDeadlineKinds),
  title: z.string(),
  dueDate: z.string(),
  doneDate: z.string().nullable(),
});
export type HelhedsplanDeadline = z.infer<typeof helhedsplanDeadlineSchema>;

const named = z.object({ id: idSchema, name: z.string() });
export const helhedsplanSummarySchema = z.object({
  id: idSchema,
  name: z.string(),
  status: z.enum(helhedsplanStatuses),
  kommuneId: idSchema.nullable(),
  kommuneNavn: z.string().nullable(),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  journalNumber: z.string(),
  organisations: z.array(named),
  boligomraader: z.array(named),
  indsatsomraader: z.array(named),
  /** The next open reporting deadline (overdue ones first), if any. */
  nextDeadline: z.object({ kind: z.enum(helhedsplanDeadlineKinds), title: z.string(), date: z.string() }).nullable(),
});
export type HelhedsplanSummary = z.infer<typeof helhedsplanSummarySchema>;

export const helhedsplanSchema = helhedsplanSummarySchema.extend({
  notes: z.string(),
  series: z.array(z.object({ id: idSchema, title: z.string() })),
  roles: z.array(helhedsplanRoleSchema),
  deadlines: z.array(helhedsplanDeadlineSchema),
});
export type Helhedsplan = z.infer<typeof helhedsplanSchema>;

export const helhedsplanListInputSchema = z.object({
  query: z.string().max(200).optional(),
  kommuneId: idSchema.optional(),
  organisationId: idSchema.optional(),
  boligomraadeId: idSchema.optional(),
  status: z.enum(helhedsplanStatuses).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type HelhedsplanListInput = z.input<typeof helhedsplanListInputSchema>;
export const helhedsplanPageSchema = z.object({ items: z.array(helhedsplanSummarySchema), total: z.number().int() });
export type HelhedsplanPage = z.infer<typeof helhedsplanPageSchema>;

// ── Roles and deadlines ─────────────────────────────────────────────────────
export const helhedsplanRoleInputSchema = z
  .object({
    helhedsplanId: idSchema,
    contactId: idSchema,
    body: z.enum(helhedsplanBodies),
    title: text(200).default(''),
    fromDate: isoDateSchema.nullable().default(null),
    toDate: isoDateSchema.nullable().default(null),
  })
  .refine(dateOrder, { error: 'validation.dateOrder', path: ['toDate'] });
export type HelhedsplanRoleInput = z.input<typeof helhedsplanRoleInputSchema>;
export const helhedsplanRoleUpdateInputSchema = z.object({
  id: idSchema,
  body: z.enum(helhedsplanBodies).optional(),
  title: text(200).optional(),
  fromDate: isoDateSchema.nullable().optional(),
  toDate: isoDateSchema.nullable().optional(),
});
export type HelhedsplanRoleUpdateInput = z.infer<typeof helhedsplanRoleUpdateInputSchema>;

export const helhedsplanDeadlineInputSchema = z.object({
  helhedsplanId: idSchema,
  kind: z.enum(helhedsplanDeadlineKinds),
  title: text(200).default(''),
  dueDate: isoDateSchema,
  doneDate: isoDateSchema.nullable().default(null),
});
export type HelhedsplanDeadlineInput = z.input<typeof helhedsplanDeadlineInputSchema>;
export const helhedsplanDeadlineUpdateInputSchema = z.object({
  id: idSchema,
  kind: z.enum(helhedsplanDeadlineKinds).optional(),
  title: text(200).optional(),
  dueDate: isoDateSchema.optional(),
  doneDate: isoDateSchema.nullable().optional(),
});
export type HelhedsplanDeadlineUpdateInput = z.infer<typeof helhedsplanDeadlineUpdateInputSchema>;

/** An open reporting deadline in a range (Overblik, ICS, CLI). */
export const helhedsplanDueSchema = z.object({
  deadlineId: idSchema,
  helhedsplanId: idSchema,
  helhedsplanName: z.string(),
  kommuneNavn: z.string().nullable(),
  kind: z.enum(helhedsplanDeadlineKinds),
  title: z.string(),
  date: z.string(),
});
export type HelhedsplanDue = z.infer<typeof helhedsplanDueSchema>;

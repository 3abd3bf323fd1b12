import { z } from 'zod';
import { idSchema, isoDateSchema } from './domain';

/**
 * Aftaler (issue 17): the agreements kommunesamarbejde rests on — samarbejds-,
 * udlejnings- and anvisningsaftaler, boligsociale samarbejdsaftaler and the
 * aftaler of the styringsdialog (almenboligloven § 164) — with parties, a
 * period, review dates and goals. Adding a kind or status? Also add its label
 * in renderer/src/i18n (`aftaler.kinds.*`, `aftaler.statuses.*`) and widen
 * the CHECK of the `aftale` table in a new migration.
 */
export const aftaleKinds = ['samarbejdsaftale', 'udlejningsaftale', 'anvisningsaftale', 'boligsocial_samarbejdsaftale', 'styringsdialog_aftale', 'andet'] as const;
export type AftaleKind = (typeof aftaleKinds)[number];
export const aftaleStatuses = ['udkast', 'gaeldende', 'genforhandles', 'udloebet', 'opsagt'] as const;
export type AftaleStatus = (typeof aftaleStatuses)[number];
export const aftaleGoalStatuses = ['ikke_startet', 'i_gang', 'naaet', 'ikke_naaet'] as const;
export type AftaleGoalStatus = (typeof aftaleGoalStatuses)[number];
/** The dates an aftale asks the consultant to act on (Overblik, ICS). */
export const aftaleDeadlineKinds = ['evaluation', 'renegotiation', 'bilagReview', 'expiry'] as const;
export type AftaleDeadlineKind = (typeof aftaleDeadlineKinds)[number];

const text = (max: number) => z.string().trim().max(max, { error: 'validation.tooLong' });

/** One goal: what, how it is measured, and how far it is. Stored as a JSON list on the aftale (one field: see README). */
export const aftaleGoalSchema = z.object({
  text: z.string().trim().min(1, { error: 'validation.required' }).max(1000, { error: 'validation.tooLong' }),
  indicator: text(1000).default(''),
  status: z.enum(aftaleGoalStatuses).default('ikke_startet'),
});
export type AftaleGoal = z.infer<typeof aftaleGoalSchema>;
/** What a stored goal list may hold (sync rule): the same shape, without the form's length rules. */
export const storedAftaleGoalsSchema = z.array(z.object({ text: z.string(), indicator: z.string(), status: z.enum(aftaleGoalStatuses) }));

const fields = {
  kind: z.enum(aftaleKinds),
  title: z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' }),
  status: z.enum(aftaleStatuses),
  kommuneId: idSchema.nullable(),
  organisationIds: z.array(idSchema).max(50),
  fromDate: isoDateSchema.nullable(),
  toDate: isoDateSchema.nullable(),
  evaluationDate: isoDateSchema.nullable(),
  renegotiationDate: isoDateSchema.nullable(),
  bilagReviewDate: isoDateSchema.nullable(),
  goals: z.array(aftaleGoalSchema).max(100),
  documents: z.array(z.string().trim().min(1, { error: 'validation.required' }).max(300, { error: 'validation.tooLong' })).max(100),
  notes: text(20000),
};

export const aftaleCreateInputSchema = z
  .object({
    ...fields,
    status: fields.status.default('udkast'),
    kommuneId: fields.kommuneId.default(null),
    organisationIds: fields.organisationIds.default([]),
    fromDate: fields.fromDate.default(null),
    toDate: fields.toDate.default(null),
    evaluationDate: fields.evaluationDate.default(null),
    renegotiationDate: fields.renegotiationDate.default(null),
    bilagReviewDate: fields.bilagReviewDate.default(null),
    goals: fields.goals.default([]),
    documents: fields.documents.default([]),
    notes: fields.notes.default(''),
  })
  .refine((a) => !a.fromDate || !a.toDate || a.fromDate <= a.toDate, { error: 'validation.dateOrder', path: ['toDate'] });
export type AftaleCreateInput = z.input<typeof aftaleCreateInputSchema>;

/** Autosave: the fields that changed, by name. */
export const aftaleUpdateInputSchema = z.object({ id: idSchema, ...z.object(fields).partial().shape });
export type AftaleUpdateInput = z.infer<typeof aftaleUpdateInputSchema>;

export const aftaleSchema = z.object({
  id: idSchema,
  kind: z.enum(aftaleKinds),
  title: z.string(),
  status: z.enum(aftaleStatuses),
  kommuneId: idSchema.nullable(),
  kommuneNavn: z.string().nullable(),
  organisations: z.array(z.object({ id: idSchema, name: z.string() })),
  fromDate: z.string().nullable(),
  toDate: z.string().nullable(),
  evaluationDate: z.string().nullable(),
  renegotiationDate: z.string().nullable(),
  bilagReviewDate: z.string().nullable(),
  goals: z.array(z.object({ text: z.string(), indicator: z.string(), status: z.enum(aftaleGoalStatuses) })),
  documents: z.array(z.string()),
  notes: z.string(),
  /** The next date from today on that asks for action (evaluation, renegotiation, bilag review, expiry), if any. */
  nextDeadline: z.object({ kind: z.enum(aftaleDeadlineKinds), date: z.string() }).nullable(),
});
export type Aftale = z.infer<typeof aftaleSchema>;

export const aftaleListInputSchema = z.object({
  query: z.string().max(200).optional(),
  kommuneId: idSchema.optional(),
  organisationId: idSchema.optional(),
  kind: z.enum(aftaleKinds).optional(),
  status: z.enum(aftaleStatuses).optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type AftaleListInput = z.input<typeof aftaleListInputSchema>;
export const aftalePageSchema = z.object({ items: z.array(aftaleSchema), total: z.number().int() });
export type AftalePage = z.infer<typeof aftalePageSchema>;

export const aftaleDeadlineSchema = z.object({
  aftaleId: idSchema,
  title: z.string(),
  kommuneNavn: z.string().nullable(),
  kind: z.enum(aftaleDeadlineKinds),
  date: z.string(),
});
export type AftaleDeadline = z.infer<typeof aftaleDeadlineSchema>;

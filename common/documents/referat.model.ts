import { z } from 'zod';
import { agendaItemKinds } from '../meetings.domain';
import { aftaleGoalStatuses, aftaleStatuses } from '../aftaler.domain';
import { followUpStatuses, idSchema, isoDateSchema, meetingSeriesKinds, meetingStatuses } from '../domain';

/**
 * The referat (meeting summary) as plain, serialisable data: everything the
 * renderers (HTML, Markdown, plain text, DOCX) need, already formatted in
 * Danish, so they stay pure and never touch the database.
 * Adding a field? Also fill it in db/documents/referat.model.ts and show it in
 * every renderer (referat.html.ts, referat.markdown.ts, referat.text.ts, db/documents/referat.docx.ts).
 */

/** Optional sections; everything defaults to included. */
export const referatOptionsSchema = z.object({
  participants: z.boolean().default(true),
  afbud: z.boolean().default(true),
  description: z.boolean().default(true),
  minutes: z.boolean().default(true),
  decisions: z.boolean().default(true),
  followUps: z.boolean().default(true),
  /** The issue-17 context: the styringsdialog's aftaler and goals, the helhedsplan the series belongs to. */
  context: z.boolean().default(true),
});
export type ReferatOptions = z.output<typeof referatOptionsSchema>;
export type ReferatOptionsInput = z.input<typeof referatOptionsSchema>;
export const referatSectionKeys = ['participants', 'afbud', 'description', 'minutes', 'decisions', 'followUps', 'context'] as const satisfies readonly (keyof ReferatOptions)[];
export const defaultReferatOptions: ReferatOptions = referatOptionsSchema.parse({});

export const referatFormats = ['docx', 'pdf', 'md'] as const;
export type ReferatFormat = (typeof referatFormats)[number];

export const referatPersonSchema = z.object({
  name: z.string(),
  /** "Direktør, KAB" — the person's first current role, or null. */
  roleLine: z.string().nullable(),
});
export type ReferatPerson = z.infer<typeof referatPersonSchema>;

export const referatAgendaItemSchema = z.object({
  number: z.number().int().min(1),
  kind: z.enum(agendaItemKinds),
  title: z.string(),
  presenter: z.string(),
  description: z.string(),
  minutes: z.string(),
  decision: z.string(),
});
export type ReferatAgendaItem = z.infer<typeof referatAgendaItemSchema>;

export const referatFollowUpSchema = z.object({
  title: z.string(),
  /** Owner's name, the consultant's name when the consultant owns it ("Mig" if no name is set), or "" for nobody. */
  owner: z.string(),
  dueDate: isoDateSchema.nullable(),
  /** "1. december 2026", or null without a due date. */
  dueText: z.string().nullable(),
  status: z.enum(followUpStatuses),
});
export type ReferatFollowUp = z.infer<typeof referatFollowUpSchema>;

/** A helhedsplan a meeting's series belongs to: named once, as context. */
export const referatHelhedsplanSchema = z.object({
  name: z.string(),
  /** "1. januar 2023 – 31. december 2026", or "" without dates. */
  periodText: z.string(),
  indsatsomraader: z.array(z.string()),
});
export type ReferatHelhedsplan = z.infer<typeof referatHelhedsplanSchema>;

export const referatAftaleSchema = z.object({
  title: z.string(),
  status: z.enum(aftaleStatuses),
  /** "Gældende" */
  statusText: z.string(),
  /** The parties (organisations), in Danish order. */
  organisations: z.array(z.string()),
  periodText: z.string(),
  goals: z.array(z.object({ text: z.string(), indicator: z.string(), status: z.enum(aftaleGoalStatuses), statusText: z.string() })),
});
export type ReferatAftale = z.infer<typeof referatAftaleSchema>;

/** A styringsdialog dialogmøde: the year and the aftaler the dialogue ended in, with their goals. */
export const referatStyringsdialogSchema = z.object({
  year: z.number().int(),
  aftaler: z.array(referatAftaleSchema),
});
export type ReferatStyringsdialog = z.infer<typeof referatStyringsdialogSchema>;

export const referatSchema = z.object({
  meetingId: idSchema,
  title: z.string(),
  /** kommune.navn ("Køge") and how it reads in a heading ("Køge Kommune"). */
  kommune: z.object({ name: z.string(), label: z.string() }).nullable(),
  series: z.object({ title: z.string(), kind: z.enum(meetingSeriesKinds) }).nullable(),
  status: z.enum(meetingStatuses),
  /** Danish date of the start, YYYY-MM-DD. */
  date: isoDateSchema,
  /** "tirsdag den 24. november 2026" */
  dateText: z.string(),
  /** "kl. 9.00–11.00" */
  timeText: z.string(),
  /** "tirsdag den 24. november 2026 kl. 9.00–11.00" */
  whenText: z.string(),
  place: z.string(),
  ordstyrer: referatPersonSchema.nullable(),
  referent: referatPersonSchema.nullable(),
  participants: z.array(referatPersonSchema),
  afbud: z.array(referatPersonSchema),
  agenda: z.array(referatAgendaItemSchema),
  followUps: z.array(referatFollowUpSchema),
  /** The consultant's name from the local settings; "" when not set. */
  consultantName: z.string(),
  /** Null unless the meeting is a styringsdialog dialogmøde with aftaler recorded (and `context` is on). */
  styringsdialog: referatStyringsdialogSchema.nullable(),
  /** The helhedsplaner the meeting's series is linked to (empty when `context` is off, or in a collection that names them on its cover). */
  helhedsplaner: z.array(referatHelhedsplanSchema),
  sections: referatOptionsSchema,
});
export type Referat = z.infer<typeof referatSchema>;

/** Several referater in one document (e.g. all meetings of a series in a year). */
export const referatCollectionSchema = z.object({
  /** "Styringsdialog Køge 2026" / "Køge Kommune" */
  title: z.string(),
  /** "24. marts 2026 – 24. november 2026" or "" */
  periodText: z.string(),
  /** The helhedsplaner of the series (a series document), named once on the cover. */
  helhedsplaner: z.array(referatHelhedsplanSchema),
  referater: z.array(referatSchema),
});
export type ReferatCollection = z.infer<typeof referatCollectionSchema>;

export const referatCollectionFilterSchema = z
  .object({
    seriesId: idSchema.optional(),
    kommuneId: idSchema.optional(),
    kind: z.enum(meetingSeriesKinds).optional(),
    from: isoDateSchema.optional(),
    to: isoDateSchema.optional(),
  })
  .refine((f) => f.seriesId !== undefined || f.kommuneId !== undefined || f.kind !== undefined, { error: 'validation.required', path: ['seriesId'] })
  .refine((f) => f.from === undefined || f.to === undefined || f.from <= f.to, { error: 'validation.dateOrder', path: ['to'] });
export type ReferatCollectionFilter = z.output<typeof referatCollectionFilterSchema>;

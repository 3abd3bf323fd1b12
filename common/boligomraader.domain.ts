import { z } from 'zod';
import { idSchema } from './domain';
import { boligomraadeCategories } from './vocabulary';

/** Boligområder and the ministry's lists of 1 December (issue 17): the categories, their sources and gravity in common/vocabulary.ts. */
export { boligomraadeCategories, categoriesBySeverity, gravestCategory } from './vocabulary';
export type { BoligomraadeCategory } from './vocabulary';

/** The first list year (forebyggelsesområder were first named on 1 December 2021; the other lists go back to 2010) and a sane upper bound. */
export const listYearSchema = z.number().int().min(2010, { error: 'validation.invalid' }).max(2100, { error: 'validation.invalid' });

const name = z.string({ error: 'validation.required' }).trim().min(1, { error: 'validation.required' }).max(200, { error: 'validation.tooLong' });

export const boligomraadeCreateInputSchema = z.object({
  name,
  kommuneId: idSchema.nullable().default(null),
  organisationIds: z.array(idSchema).max(50).default([]),
  notes: z.string().trim().max(20000, { error: 'validation.tooLong' }).default(''),
});
export type BoligomraadeCreateInput = z.input<typeof boligomraadeCreateInputSchema>;

export const boligomraadeUpdateInputSchema = z.object({
  id: idSchema,
  name: name.optional(),
  kommuneId: idSchema.nullable().optional(),
  organisationIds: z.array(idSchema).max(50).optional(),
  notes: z.string().trim().max(20000, { error: 'validation.tooLong' }).optional(),
});
export type BoligomraadeUpdateInput = z.infer<typeof boligomraadeUpdateInputSchema>;

/** Sets the area's categories of one year by hand (a correction; the import sets a whole year). */
export const boligomraadeSetStatusInputSchema = z.object({ id: idSchema, year: listYearSchema, categories: z.array(z.enum(boligomraadeCategories)).max(4) });
export type BoligomraadeSetStatusInput = z.infer<typeof boligomraadeSetStatusInputSchema>;

const yearStatusSchema = z.object({ year: z.number().int(), categories: z.array(z.enum(boligomraadeCategories)) });

export const boligomraadeSchema = z.object({
  id: idSchema,
  name: z.string(),
  kommuneId: idSchema.nullable(),
  kommuneNavn: z.string().nullable(),
  notes: z.string(),
  organisations: z.array(z.object({ id: idSchema, name: z.string() })),
  /** The area's lists per year, newest first; a year it was on no list is absent. */
  history: z.array(yearStatusSchema),
  /** The categories of the year asked for (the list's filter year, or the newest list year). */
  categories: z.array(z.enum(boligomraadeCategories)),
});
export type Boligomraade = z.infer<typeof boligomraadeSchema>;

export const boligomraadeListInputSchema = z.object({
  query: z.string().max(200).optional(),
  /** The list year whose categories are shown (default: the newest year imported). */
  year: listYearSchema.optional(),
  category: z.enum(boligomraadeCategories).optional(),
  kommuneId: idSchema.optional(),
  organisationId: idSchema.optional(),
  /** Only areas on a list of the year (default false: every area). */
  onlyListed: z.boolean().optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type BoligomraadeListInput = z.input<typeof boligomraadeListInputSchema>;
export const boligomraadePageSchema = z.object({ items: z.array(boligomraadeSchema), total: z.number().int(), year: z.number().int().nullable(), years: z.array(z.number().int()) });
export type BoligomraadePage = z.infer<typeof boligomraadePageSchema>;

/** How an area's place on the lists changed from one list year to the next. */
export const listChangeKinds = ['new', 'moved', 'off', 'unchanged'] as const;
export type ListChangeKind = (typeof listChangeKinds)[number];

export const listChangeSchema = z.object({
  kind: z.enum(listChangeKinds),
  /** Null: an area the import would create. */
  boligomraadeId: idSchema.nullable(),
  name: z.string(),
  kommuneId: idSchema.nullable(),
  kommuneNavn: z.string().nullable(),
  before: z.array(z.enum(boligomraadeCategories)),
  after: z.array(z.enum(boligomraadeCategories)),
  organisations: z.array(z.object({ id: idSchema, name: z.string() })),
});
export type ListChange = z.infer<typeof listChangeSchema>;

/** What changed between two list years (the import's preview, the kommune hub, Overblik). */
export const listComparisonSchema = z.object({
  year: z.number().int(),
  /** The list year compared with: the newest before `year` that has any status, or null for the first list. */
  previousYear: z.number().int().nullable(),
  changes: z.array(listChangeSchema),
  counts: z.object({ new: z.number().int(), moved: z.number().int(), off: z.number().int(), unchanged: z.number().int() }),
  /** What the changes (not the unchanged) touch. */
  kommuner: z.array(z.object({ id: idSchema, navn: z.string() })),
  organisations: z.array(z.object({ id: idSchema, name: z.string() })),
  series: z.array(z.object({ id: idSchema, title: z.string(), kommuneNavn: z.string().nullable() })),
});
export type ListComparison = z.infer<typeof listComparisonSchema>;

export const listImportPreviewSchema = listComparisonSchema.extend({
  fileName: z.string(),
  /** Rows read from the file (one per area and category). */
  rows: z.number().int(),
  /** Areas the import would create (not yet in Kredsbog). */
  newAreas: z.number().int(),
  /** Status rows the import would add and remove. */
  statusesAdded: z.number().int(),
  statusesRemoved: z.number().int(),
  /** Whether the year already had a list in Kredsbog (the import replaces it). */
  replacesYear: z.boolean(),
});
export type ListImportPreview = z.infer<typeof listImportPreviewSchema>;
export const listImportResultSchema = listImportPreviewSchema.extend({ applied: z.boolean() });
export type ListImportResult = z.infer<typeof listImportResultSchema>;

/** The status of each kommune with a listed area in a year: the Danmarkskort layer. */
export const kommuneStatusSchema = z.object({ kommuneId: idSchema, kode: z.number().int(), category: z.enum(boligomraadeCategories), areas: z.number().int() });
export type KommuneStatus = z.infer<typeof kommuneStatusSchema>;

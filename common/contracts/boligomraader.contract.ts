import { affects, readOnly, type ChannelSpec } from './query-areas';
import { z } from 'zod';
import {
  boligomraadeCreateInputSchema,
  boligomraadeListInputSchema,
  boligomraadePageSchema,
  boligomraadeSchema,
  boligomraadeSetStatusInputSchema,
  boligomraadeUpdateInputSchema,
  kommuneStatusSchema,
  listComparisonSchema,
  listImportPreviewSchema,
  listImportResultSchema,
  listYearSchema,
} from '../boligomraader.domain';
import { idSchema } from '../domain';

/**
 * Channels of the boligområder and the 1 December lists (issue 17), spread
 * into the one contract (common/contract.ts). Every channel name here starts
 * with "boligomraader." (the handler table: server/handlers/boligomraader.handlers.ts).
 * A list file crosses as { fileName, base64 } like the other imports.
 */
const byId = z.object({ id: idSchema });
/** 5 MB as base64 (4 characters per 3 bytes). */
const listUploadSchema = z.object({ fileName: z.string().max(300), base64: z.string().max(Math.ceil((5 * 1024 * 1024) / 3) * 4, { error: 'validation.fileTooLarge' }), year: listYearSchema });
/** A year's changes in one kommune, in the kommuner of my kredse, or everywhere; default: the newest list year. */
const compareInputSchema = z.object({ year: listYearSchema.optional(), kommuneId: idSchema.optional(), onlyMyKredse: z.boolean().optional() });

export const boligomraaderContract = {
  /** The Boligområder list, filtered and paged in SQL, with the categories of the chosen year. */
  'boligomraader.list': { input: boligomraadeListInputSchema, output: boligomraadePageSchema, affects: readOnly },
  'boligomraader.get': { input: byId, output: boligomraadeSchema, affects: readOnly },
  'boligomraader.create': { input: boligomraadeCreateInputSchema, output: boligomraadeSchema, affects: affects.boligomraader },
  /** Autosave: the changed fields by name. */
  'boligomraader.update': { input: boligomraadeUpdateInputSchema, output: boligomraadeSchema, affects: affects.boligomraader },
  /** The area's categories of one year, set by hand. */
  'boligomraader.setStatus': { input: boligomraadeSetStatusInputSchema, output: boligomraadeSchema, affects: affects.boligomraader },
  'boligomraader.delete': { input: byId, output: z.object({ id: idSchema }), affects: affects.boligomraader },
  'boligomraader.restore': { input: byId, output: boligomraadeSchema, affects: affects.boligomraader },
  /** What a year's lists changed since the list year before (kommune hub, Overblik). */
  'boligomraader.compare': { input: compareInputSchema, output: listComparisonSchema.nullable(), affects: readOnly },
  /** Each kommune's gravest category in a year (the Danmarkskort layer); default: the newest list year. */
  'boligomraader.map': { input: z.object({ year: listYearSchema.optional() }), output: z.object({ year: z.number().int().nullable(), kommuner: z.array(kommuneStatusSchema) }), affects: readOnly },
  /** What importing a year's list file would change; changes nothing. */
  'boligomraader.previewImport': { input: listUploadSchema, output: listImportPreviewSchema, affects: readOnly },
  /** Imports a year's list file in one transaction (after the day's backup). */
  'boligomraader.import': { input: listUploadSchema, output: listImportResultSchema, affects: affects.boligomraader },
} as const satisfies Record<string, ChannelSpec>;

import { z } from 'zod';
import { affects, readOnly, type ChannelSpec } from './query-areas';
import {
  fileResultSchema,
  importInputSchema,
  importPreviewSchema,
  importResultSchema,
  spreadsheetSubjects,
} from '../contact-files/contact-files.domain';
import { idSchema } from '../domain';

/**
 * Channels of this area, spread into the one contract (common/contract.ts).
 * Every channel name here starts with "contactFiles." (the handler table for the
 * area is typed by that prefix: server/handlers/contact-files.handlers.ts).
 * Files cross as { fileName, base64 }; at most 20 MB (checked with a Danish message by the handler).
 */
export const contactFilesContract = {
  /** vCard of the given contacts (all live contacts when contactIds is absent): 4.0, or 3.0 for Outlook; one .vcf or a .zip of one .vcf per contact. */
  'contactFiles.exportVcard': {
    input: z.object({
      contactIds: z.array(idSchema).min(1).max(100_000).optional(),
      version: z.enum(['4.0', '3.0']).default('4.0'),
      packaging: z.enum(['single', 'zip']).default('single'),
    }),
    output: fileResultSchema,
    affects: readOnly,
  },
  /** Reads a .csv/.xlsx/.vcf and says what importing it would do; writes nothing. */
  'contactFiles.previewImport': { input: importInputSchema, output: importPreviewSchema, affects: readOnly },
  /** Imports in one transaction and remembers the column mapping for files with the same headers. */
  'contactFiles.import': { input: importInputSchema, output: importResultSchema, affects: affects.everything },
  'contactFiles.exportSpreadsheet': {
    input: z.object({ what: z.enum(spreadsheetSubjects), format: z.enum(['csv', 'xlsx']) }),
    output: fileResultSchema,
    affects: readOnly,
  },
} as const satisfies Record<string, ChannelSpec>;

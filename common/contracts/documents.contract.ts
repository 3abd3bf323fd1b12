import { z } from 'zod';
import { readOnly, type ChannelSpec } from './query-areas';
import { idSchema } from '../domain';
import { referatCollectionFilterSchema, referatFormats, referatOptionsSchema } from '../documents/referat.model';

/**
 * Channels of this area, spread into the one contract (common/contract.ts).
 * Every channel name here starts with "referat." (the handler table for the
 * area is typed by that prefix: server/handlers/documents.handlers.ts).
 * Files cross IPC as { fileName, base64 }, like sync.export.
 */
const options = referatOptionsSchema.prefault({});
const format = z.enum(referatFormats, { error: 'validation.kind' });

export const documentsContract = {
  /** The referat as one HTML document (the preview iframe and "copy as text" use it) plus a plain-text twin for the clipboard. */
  'referat.preview': { input: z.object({ meetingId: idSchema, options }), output: z.object({ html: z.string(), text: z.string() }), affects: readOnly },
  'referat.export': { input: z.object({ meetingId: idSchema, format, options }), output: z.object({ fileName: z.string(), base64: z.string() }), affects: readOnly },
  'referat.exportCollection': {
    input: z.object({ filter: referatCollectionFilterSchema, format, options }),
    output: z.object({ fileName: z.string(), base64: z.string(), meetings: z.number().int() }),
    affects: readOnly,
  },
} as const satisfies Record<string, ChannelSpec>;

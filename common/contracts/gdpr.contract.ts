import { affects, readOnly, type ChannelSpec } from './query-areas';
import { erasureSummarySchema, gdprContactInputSchema, gdprEraseInputSchema, gdprExportResultSchema } from '../gdpr/gdpr.domain';

/**
 * Channels of this area, spread into the one contract (common/contract.ts).
 * Every channel name here starts with "gdpr." (the handler table for the
 * area is typed by that prefix: server/handlers/gdpr.handlers.ts).
 */
export const gdprContract = {
  /** "Indsigt": everything stored about the person, as a zip ("Indsigt <navn> <dato>.zip"). */
  'gdpr.export': { input: gdprContactInputSchema, output: gdprExportResultSchema, affects: readOnly },
  /** What "Slet person" would remove; changes nothing. */
  'gdpr.erasePreview': { input: gdprContactInputSchema, output: erasureSummarySchema, affects: readOnly },
  /** "Slet person": confirmName must be the person's current name. */
  'gdpr.erase': { input: gdprEraseInputSchema, output: erasureSummarySchema, affects: affects.everything },
} as const satisfies Record<string, ChannelSpec>;

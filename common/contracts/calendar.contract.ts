import { affects, readOnly, type ChannelSpec } from './query-areas';
import { icsFileSchema, icsImportInputSchema, icsImportResultSchema, icsPreviewSchema, icsUploadSchema, meetingIcsInputSchema, seriesIcsInputSchema } from '../calendar/calendar.domain';

/**
 * Channels of this area, spread into the one contract (common/contract.ts).
 * Every channel name here starts with "calendar." (the handler table for the
 * area is typed by that prefix: server/handlers/calendar.handlers.ts).
 * Files cross as { fileName, base64 } like sync files do.
 */
export const calendarContract = {
  /** One meeting as an Outlook invitation (.ics). */
  'calendar.meetingIcs': { input: meetingIcsInputSchema, output: icsFileSchema, affects: readOnly },
  /** Every live meeting of a series in one .ics file. */
  'calendar.seriesIcs': { input: seriesIcsInputSchema, output: icsFileSchema, affects: readOnly },
  /** What importing an .ics file would do; changes nothing. */
  'calendar.previewImport': { input: icsUploadSchema, output: icsPreviewSchema, affects: readOnly },
  /** Imports an .ics file in one transaction (after a backup), with the kommuner the user confirmed in the preview. */
  'calendar.import': { input: icsImportInputSchema, output: icsImportResultSchema, affects: affects.everything },
} as const satisfies Record<string, ChannelSpec>;

import { affects, readOnly, type ChannelSpec } from './query-areas';
import { z } from 'zod';
import { aftaleCreateInputSchema, aftaleDeadlineSchema, aftaleListInputSchema, aftalePageSchema, aftaleSchema, aftaleUpdateInputSchema } from '../aftaler.domain';
import { icsFileSchema } from '../calendar/calendar.domain';
import { deadlineWindowSchema, idSchema } from '../domain';
import { saveAckSchema } from '../meetings.domain';

/**
 * Channels of the aftaler (issue 17), spread into the one contract
 * (common/contract.ts). Every channel name here starts with "aftaler." (the
 * handler table: main/handlers/aftaler.handlers.ts).
 */
const byId = z.object({ id: idSchema });
/** The deadline window, or the deadlines of one aftale. */
const deadlineScopeSchema = deadlineWindowSchema.extend({ aftaleId: idSchema.optional() });

export const aftalerContract = {
  /** The Aftaler list, filtered and paged in SQL. */
  'aftaler.list': { input: aftaleListInputSchema, output: aftalePageSchema, affects: readOnly },
  'aftaler.get': { input: byId, output: aftaleSchema, affects: readOnly },
  'aftaler.create': { input: aftaleCreateInputSchema, output: aftaleSchema, affects: affects.aftaler },
  /** Autosave: the changed fields by name. */
  'aftaler.update': { input: aftaleUpdateInputSchema, output: saveAckSchema, affects: affects.aftaler },
  'aftaler.delete': { input: byId, output: z.object({ id: idSchema }), affects: affects.aftaler },
  'aftaler.restore': { input: byId, output: aftaleSchema, affects: affects.aftaler },
  /** Evaluation, renegotiation, bilag-review and expiry dates in a range (Overblik). */
  'aftaler.deadlines': { input: deadlineScopeSchema, output: z.array(aftaleDeadlineSchema), affects: readOnly },
  /** The same deadlines as whole-day appointments for Outlook (.ics, PUBLISH). */
  'aftaler.deadlinesIcs': { input: deadlineScopeSchema, output: icsFileSchema, affects: readOnly },
} as const satisfies Record<string, ChannelSpec>;

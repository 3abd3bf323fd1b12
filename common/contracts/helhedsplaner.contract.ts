import { affects, readOnly, type ChannelSpec } from './query-areas';
import { z } from 'zod';
import {
  helhedsplanCreateInputSchema,
  helhedsplanDeadlineInputSchema,
  helhedsplanDeadlineUpdateInputSchema,
  helhedsplanDueSchema,
  helhedsplanListInputSchema,
  helhedsplanPageSchema,
  helhedsplanRoleInputSchema,
  helhedsplanRoleUpdateInputSchema,
  helhedsplanSchema,
  helhedsplanUpdateInputSchema,
  indsatsomraadeCreateInputSchema,
  indsatsomraadeSchema,
  indsatsomraadeUpdateInputSchema,
} from '../helhedsplaner.domain';
import { icsFileSchema } from '../calendar/calendar.domain';
import { deadlineWindowSchema, idSchema } from '../domain';

/**
 * Channels of the boligsociale helhedsplaner and their indsatsområder (issue
 * 17), spread into the one contract (common/contract.ts). Every channel name
 * here starts with "helhedsplaner." (handlers: server/handlers/helhedsplaner.handlers.ts).
 */
const byId = z.object({ id: idSchema });
/** The deadline window, or the deadlines of one helhedsplan. */
const deadlineScopeSchema = deadlineWindowSchema.extend({ helhedsplanId: idSchema.optional() });

export const helhedsplanerContract = {
  'helhedsplaner.list': { input: helhedsplanListInputSchema, output: helhedsplanPageSchema, affects: readOnly },
  'helhedsplaner.get': { input: byId, output: helhedsplanSchema, affects: readOnly },
  'helhedsplaner.create': { input: helhedsplanCreateInputSchema, output: helhedsplanSchema, affects: affects.helhedsplaner },
  /** Autosave: the changed fields by name. */
  'helhedsplaner.update': { input: helhedsplanUpdateInputSchema, output: helhedsplanSchema, affects: affects.helhedsplaner },
  'helhedsplaner.delete': { input: byId, output: z.object({ id: idSchema }), affects: affects.helhedsplaner },
  'helhedsplaner.restore': { input: byId, output: helhedsplanSchema, affects: affects.helhedsplaner },
  'helhedsplaner.addRole': { input: helhedsplanRoleInputSchema, output: helhedsplanSchema, affects: affects.helhedsplaner },
  'helhedsplaner.updateRole': { input: helhedsplanRoleUpdateInputSchema, output: helhedsplanSchema, affects: affects.helhedsplaner },
  'helhedsplaner.deleteRole': { input: byId, output: helhedsplanSchema, affects: affects.helhedsplaner },
  'helhedsplaner.addDeadline': { input: helhedsplanDeadlineInputSchema, output: helhedsplanSchema, affects: affects.helhedsplaner },
  'helhedsplaner.updateDeadline': { input: helhedsplanDeadlineUpdateInputSchema, output: helhedsplanSchema, affects: affects.helhedsplaner },
  'helhedsplaner.deleteDeadline': { input: byId, output: helhedsplanSchema, affects: affects.helhedsplaner },
  /** Open reporting deadlines in a range (Overblik). */
  'helhedsplaner.deadlines': { input: deadlineScopeSchema, output: z.array(helhedsplanDueSchema), affects: readOnly },
  /** The same deadlines as whole-day appointments for Outlook (.ics, PUBLISH). */
  'helhedsplaner.deadlinesIcs': { input: deadlineScopeSchema, output: icsFileSchema, affects: readOnly },
  /** Indsatsområder (editable reference data): the active ones, or all with includeRetired. */
  'helhedsplaner.indsatsomraader': { input: z.object({ includeRetired: z.boolean().optional() }), output: z.array(indsatsomraadeSchema), affects: readOnly },
  'helhedsplaner.createIndsatsomraade': { input: indsatsomraadeCreateInputSchema, output: indsatsomraadeSchema, affects: affects.helhedsplaner },
  'helhedsplaner.updateIndsatsomraade': { input: indsatsomraadeUpdateInputSchema, output: indsatsomraadeSchema, affects: affects.helhedsplaner },
  /** Boligområder to link (the form's options), optionally of one kommune. */
  'helhedsplaner.boligomraader': { input: z.object({ kommuneId: idSchema.optional() }), output: z.array(z.object({ id: idSchema, name: z.string(), kommuneNavn: z.string().nullable() })), affects: readOnly },
  /** A contact's seats in helhedsplaner (the contact page). */
  'helhedsplaner.rolesOfContact': { input: z.object({ contactId: idSchema }), output: z.array(helhedsplanSchema.shape.roles.element.extend({ helhedsplanId: idSchema, helhedsplanName: z.string() })), affects: readOnly },
} as const satisfies Record<string, ChannelSpec>;

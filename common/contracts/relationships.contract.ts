import { z } from 'zod';
import { affects, readOnly, type ChannelSpec } from './query-areas';
import { idSchema } from '../domain';
import {
  contactLogEntrySchema,
  contactLogInputSchema,
  contactRelationsSchema,
  kommuneHubSchema,
  organisationHubSchema,
  relationshipHealthInputSchema,
  relationshipHealthSchema,
  timelineInputSchema,
  timelinePageSchema,
} from '../relationships.domain';

const byId = z.object({ id: idSchema });
const months = z.number().int({ error: 'validation.keepInTouch' }).min(1, { error: 'validation.keepInTouch' }).max(120, { error: 'validation.keepInTouch' }).nullable();

/**
 * Channels of this area (issue 16), spread into the one contract
 * (common/contract.ts): the hub pages, the timelines, relationship health
 * and the kontaktlog. Handlers: main/handlers/relationships.handlers.ts.
 */
export const relationshipsContract = {
  /** The kommune hub: Nu og næste, Nøglepersoner, Samarbejde, sidst i kontakt. */
  'relationships.kommuneHub': { input: byId, output: kommuneHubSchema, affects: readOnly },
  /** The organisation page's hub sections. */
  'relationships.organisationHub': { input: byId, output: organisationHubSchema, affects: readOnly },
  /** The contact page's relationship view. */
  'relationships.contact': { input: byId, output: contactRelationsSchema, affects: readOnly },
  /** One page of a kommune's, organisation's or person's timeline (keyset: pass the previous page's `next` as `after`). */
  'relationships.timeline': { input: timelineInputSchema, output: timelinePageSchema, affects: readOnly },
  /** Overdue for contact in mine kredse, quiet kommuner, and the new council's key roles without contact. */
  'relationships.health': { input: relationshipHealthInputSchema, output: relationshipHealthSchema, affects: readOnly },
  /** "Hold kontakten" every N months for a person or one of their roles (null: the default). */
  'relationships.setKeepInTouch': {
    input: z.union([z.object({ contactId: idSchema, months }), z.object({ roleId: idSchema, months })]),
    output: z.object({ ok: z.literal(true) }),
    affects: affects.relationships,
  },
  /** "Log kontakt". */
  'contactLog.create': { input: contactLogInputSchema, output: contactLogEntrySchema, affects: [...affects.relationships, 'followUps'] },
  'contactLog.delete': { input: byId, output: contactLogEntrySchema, affects: affects.relationships },
  'contactLog.restore': { input: byId, output: contactLogEntrySchema, affects: affects.relationships },
} as const satisfies Record<string, ChannelSpec>;

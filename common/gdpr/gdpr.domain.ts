import { z } from 'zod';
import { idSchema } from '../domain';

/**
 * "Slet person" (GDPR erasure): what an erasure removes, shown before it runs
 * (dry run) and returned after. See db/gdpr/gdpr.repository.ts.
 */
export const erasureSummarySchema = z.object({
  contactId: idSchema,
  /** The name before erasure (the confirmation asks the user to type it). */
  name: z.string(),
  fields: z.object({
    name: z.boolean(),
    emails: z.number().int().min(0),
    phones: z.number().int().min(0),
    notes: z.boolean(),
  }),
  /** Every role (also ended and deleted ones): live ones are deleted, all lose their title. */
  roles: z.array(z.object({ id: idSchema, description: z.string(), deleted: z.boolean() })),
  /** Invitations to meetings that have not started yet: removed. */
  futureMeetings: z.array(z.object({ meetingId: idSchema, title: z.string(), startsAt: z.string() })),
  /** Attendance of past meetings: kept, the person then reads "Slettet person". */
  pastMeetingsKept: z.number().int().min(0),
  /** Follow-ups the person owns: they lose their owner. */
  followUps: z.array(z.object({ id: idSchema, title: z.string() })),
  seriesMemberships: z.array(z.object({ seriesId: idSchema, title: z.string() })),
  /** Logged contacts (kontaktlog) with the person: their notes are erased and they are deleted. */
  contactLogEntries: z.number().int().min(0),
  /** Seats in helhedsplaner (bestyrelse, styregruppe, følgegruppe, projektleder): they lose their title and are deleted. */
  helhedsplanRoles: z.array(z.object({ id: idSchema, description: z.string() })).default([]),
  /** Earlier values in the change log that are overwritten (plus tombstones that keep the rows deleted). */
  historyOperations: z.number().int().min(0),
  /** False for the preview (dry run): nothing was changed. */
  erased: z.boolean(),
});
export type ErasureSummary = z.infer<typeof erasureSummarySchema>;

export const gdprContactInputSchema = z.object({ contactId: idSchema });
export const gdprEraseInputSchema = z.object({ contactId: idSchema, confirmName: z.string().max(500) });
/** The access export: a zip, as binary files cross IPC. */
export const gdprExportResultSchema = z.object({ fileName: z.string(), base64: z.string() });

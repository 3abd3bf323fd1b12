import { z } from 'zod';
import { idSchema } from '../domain';

/** An .ics file may be at most this large (Outlook exports of a whole year stay far below it). */
export const maxIcsBytes = 5 * 1024 * 1024;
/** base64 of maxIcsBytes (4 characters per 3 bytes), so an oversized upload is refused before it is decoded. */
const maxIcsBase64 = Math.ceil(maxIcsBytes / 3) * 4;

/** A reminder at most a week before; Outlook offers the same range. */
const alarmMinutesSchema = z.number().int().min(0).max(10080).optional();

export const meetingIcsInputSchema = z.object({ meetingId: idSchema, alarmMinutes: alarmMinutesSchema });
export const seriesIcsInputSchema = z.object({ seriesId: idSchema, alarmMinutes: alarmMinutesSchema });

export const icsFileSchema = z.object({ fileName: z.string(), base64: z.string() });
export type IcsFile = z.infer<typeof icsFileSchema>;

export const icsUploadSchema = z.object({
  fileName: z.string().min(1).max(255),
  base64: z.string().max(maxIcsBase64, { error: 'validation.fileTooLarge' }),
});

/** A kommune the user confirmed for the meetings of one appointment (its UID) in the preview. */
export const icsKommuneChoiceSchema = z.object({ uid: z.string().min(1).max(1000), kommuneId: idSchema });
export type IcsKommuneChoice = z.infer<typeof icsKommuneChoiceSchema>;

/** The file again, with what the user confirmed in its preview. */
export const icsImportInputSchema = icsUploadSchema.extend({
  kommuneChoices: z.array(icsKommuneChoiceSchema).max(2000).default([]),
});

export const icsImportKinds = ['new', 'update', 'unchanged', 'cancel', 'rejected'] as const;
export type IcsImportKind = (typeof icsImportKinds)[number];

export const icsFieldChangeSchema = z.object({
  field: z.enum(['title', 'starts_at', 'ends_at', 'place', 'status', 'notes']),
  before: z.string().nullable(),
  after: z.string().nullable(),
});

/** One appointment of the file (one occurrence of a recurring one) and what importing does with it. */
export const icsPreviewItemSchema = z.object({
  kind: z.enum(icsImportKinds),
  /** The meeting's match key: the UID, or UID#RECURRENCE-ID for one occurrence. */
  key: z.string(),
  uid: z.string(),
  title: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  /** A whole-day appointment (DTSTART;VALUE=DATE): startsAt/endsAt are Danish midnights. */
  allDay: z.boolean(),
  place: z.string(),
  /** The Kredsbog meeting it updates or cancels. */
  meetingId: z.string().nullable(),
  changes: z.array(icsFieldChangeSchema),
  /** A new meeting's agenda, from the numbered list in the invitation's text. */
  agenda: z.array(z.string()),
  /** Contacts the invitation names (ATTENDEE/ORGANIZER by e-mail) who become invitees. */
  invitees: z.array(z.object({ contactId: idSchema, name: z.string(), email: z.string() })),
  /** The kommune the invitation names, suggested for a meeting without one; set only when confirmed. */
  kommune: z.object({ id: idSchema, name: z.string() }).nullable(),
  /** Danish: why a row is rejected, or a note (e.g. "Gentagende aftale, forekomst 3 af 12"). */
  reason: z.string().nullable(),
});
export type IcsPreviewItem = z.infer<typeof icsPreviewItemSchema>;

export const icsPreviewSchema = z.object({
  fileName: z.string(),
  method: z.string().nullable(),
  items: z.array(icsPreviewItemSchema),
  counts: z.object({ new: z.number().int(), update: z.number().int(), unchanged: z.number().int(), cancel: z.number().int(), rejected: z.number().int() }),
  /** Danish notes about the whole file (e.g. a recurring appointment cut off at 100 occurrences). */
  warnings: z.array(z.string()),
  /** Kommune suggestions to confirm, one per appointment (UID) and kommune, with how many meetings they concern. */
  kommuneSuggestions: z.array(z.object({ uid: z.string(), title: z.string(), kommuneId: idSchema, kommuneName: z.string(), meetings: z.number().int() })),
});
export type IcsPreview = z.infer<typeof icsPreviewSchema>;

export const icsImportResultSchema = icsPreviewSchema.extend({
  created: z.number().int(),
  updated: z.number().int(),
  cancelled: z.number().int(),
});
export type IcsImportResult = z.infer<typeof icsImportResultSchema>;

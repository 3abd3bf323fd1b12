import type { Kysely } from 'kysely';
import type { IcsImportResult, IcsKommuneChoice, IcsPreview } from '../../common/calendar/calendar.domain';
import { applyWithProtection } from '../backups/import-protection';
import type { AppDatabase } from '../connection';
import type { Database } from '../schema';
import { applyIcsPlans, writes } from './calendar.apply';
import { decodeIcs, readAppointments } from './calendar.parse';
import { planAll, previewOf } from './calendar.plan';

/**
 * Appointments from an .ics file (Outlook, Exchange, Google, Apple,
 * Thunderbird) as Kredsbog meetings.
 *
 * In stages, each its own module with tests beside it: calendar.parse.ts
 * (decode, time zones, recurrence), calendar.plan.ts (match, plan, preview)
 * and calendar.apply.ts (write), the apply through the one protected step
 * (applyWithProtection: the day's backup, one transaction).
 *
 * Preview first, then apply everything in one transaction through
 * db/mutations.ts. Each appointment is matched by UID: a meeting imported
 * before carries it in meeting.ics_uid; a meeting made in Kredsbog is found by
 * its own UID `<id>@kredsbog.dk`. So importing the same file twice changes
 * nothing the second time, and an invitation exported from Kredsbog and read
 * back is "unchanged".
 *
 * Decisions:
 * - iTIP (RFC 5546 §2.1.5): an appointment older than the version the meeting
 *   already has — a lower SEQUENCE, or the same SEQUENCE with an earlier
 *   DTSTAMP — changes nothing and says so. The version applied is stored with
 *   the UID (see ics-uid.ts); a meeting made here has the SEQUENCE its own
 *   invitations carry (meetingSequences).
 * - Recurring appointments (RRULE/RDATE) are expanded into one meeting per
 *   occurrence, from a year before the import to two years after it, at most
 *   100 per appointment — the 100 nearest from today on, so an open-ended
 *   series that began years ago keeps its coming meetings; each occurrence is
 *   keyed `<UID>#<RECURRENCE-ID in UTC>` so a moved or cancelled single
 *   occurrence (a VEVENT with RECURRENCE-ID, with or without its master in the
 *   file) finds the same meeting.
 * - An appointment whose RRULE does not hold is left out with a Danish reason;
 *   the rest of the file is imported (ics-prescan.ts). No message quotes ical.js.
 * - Times: TZID resolved from the file's VTIMEZONE (Outlook's "Romance Standard
 *   Time" included); a TZID without VTIMEZONE is read as an IANA zone or a
 *   known Windows zone name; floating times are Danish time; all-day
 *   appointments run from Danish midnight to Danish midnight (and are written
 *   back out as all-day, calendar.ics.ts).
 * - DESCRIPTION becomes the notes of a new meeting only, and its numbered list
 *   ("1. Velkomst\n2. Økonomi") the agenda. An update never touches notes or
 *   agenda: the user may have written in them since.
 * - ATTENDEE and ORGANIZER addresses that belong to a contact become invitees
 *   (added only, never removed; someone the user took off the list is not
 *   invited again). The consultant's own address is skipped.
 * - A kommune named in SUMMARY or LOCATION is only suggested; it is set when the
 *   user confirms it (`kommuneChoices`), and never replaces one already set.
 * - A cancellation (METHOD:CANCEL or STATUS:CANCELLED) only sets status aflyst;
 *   RFC 5546 lets it name nothing but the UID, which cancels every meeting of
 *   that appointment (all occurrences). A meeting held (afholdt) stays held. A
 *   cancellation of a meeting Kredsbog does not have is rejected, not created.
 * - The file must be UTF-8 (what Outlook writes); Windows-1252 is refused
 *   rather than guessed, so æøå are never silently garbled.
 */

export { decodeIcs, maxOccurrences } from './calendar.parse';

export interface IcsImportOptions {
  readonly fileName: string;
  /** The reference for the recurrence window; injectable for tests. */
  readonly now?: Date;
  /** Kommuner the user confirmed in the preview, per appointment UID. */
  readonly kommuneChoices?: readonly IcsKommuneChoice[];
}

/**
 * What importing the file would do, item by item. Changes nothing.
 *
 * @example
 *   const preview = await previewIcsImport(app.db, fs.readFileSync('invitation.ics'), { fileName: 'invitation.ics' });
 *   preview.counts.new; // appointments that become new meetings
 */
export async function previewIcsImport(db: Kysely<Database>, bytes: Uint8Array, options: IcsImportOptions): Promise<IcsPreview> {
  const read = readAppointments(decodeIcs(bytes), options.now ?? new Date());
  return previewOf(options.fileName, read, await planAll(db, read));
}

/**
 * Imports the file: everything or nothing, in one transaction, after a backup
 * when there is anything to change. Rejected appointments are left out and
 * reported; a file that is not a calendar changes nothing and throws VALIDATION.
 */
export async function importIcs(app: AppDatabase, bytes: Uint8Array, options: IcsImportOptions): Promise<IcsImportResult> {
  const read = readAppointments(decodeIcs(bytes), options.now ?? new Date());
  const choices: readonly IcsKommuneChoice[] = options.kommuneChoices ?? [];
  const { plan, result } = await applyWithProtection(app, {
    plan: (db) => planAll(db, read),
    writes: (plans) => plans.some((p) => writes(p, choices)),
    apply: (trx, plans) => applyIcsPlans(trx, plans, choices),
  });
  return { ...previewOf(options.fileName, read, plan), ...result };
}

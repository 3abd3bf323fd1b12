import { clearContactFromStyringsdialog } from '../styringsdialog/styringsdialog.gdpr';
import type { Kysely } from 'kysely';
import type { ErasureSummary } from '../../common/gdpr/gdpr.domain';
import { danishLabels } from '../../common/labels.da';
import { AppError } from '../../common/result';
import type { AppDatabase } from '../connection';
import { deleteRow, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';
import { erasedContactName, scrubAfterErasure, settleErasures } from '../sync/erasure';
import { materializeRow } from '../sync/materialize';
import { parseStringList } from '../row';
import { attendanceOf, contactLogLinksOf, helhedsplanSeatsOf, rolesOf, seriesMembershipsOf } from './person-rows.query';

/**
 * GDPR stage 3, the erasure ("Slet person"): see gdpr.repository.ts for what
 * it guarantees across installations.
 */
type Db = Kysely<Database>;


export interface EraseOptions {
  /** Compute the summary and change nothing. */
  readonly dryRun?: boolean;
  /** When given, must equal the contact's current name (the UI's typed confirmation). */
  readonly confirmName?: string;
  /** ISO instant of the erasure; meetings starting after it are "future". */
  readonly now?: string;
}

class DryRun extends Error {
  constructor(readonly summary: ErasureSummary) {
    super('dry run');
  }
}

const sameName = (a: string, b: string) => a.normalize('NFC').replace(/\s+/g, ' ').trim() === b.normalize('NFC').replace(/\s+/g, ' ').trim();

/** An erased person can never come back (restoreRow must refuse it too; see the lead's note). */
export async function assertNotErased(db: Db, contactId: string): Promise<void> {
  const row = await db.selectFrom('contact').select('erased_at').where('id', '=', contactId).executeTakeFirst();
  if (row?.erased_at) throw new AppError('VALIDATION', 'Personen er slettet efter GDPR og kan ikke gendannes.');
}

/**
 * "Slet person": personal fields become "Slettet person" / empty, every role
 * is deleted and loses its title, invitations to future meetings are removed
 * (past attendance stays and reads "Slettet person"), owned follow-ups lose
 * their owner, series memberships are removed, and the contact is marked
 * erased and deleted — all through db/mutations.ts in one transaction, so it
 * syncs. Then the log is redacted (db/sync/erasure.ts) and the rows that
 * changed in it are brought in line. With `dryRun` everything runs and is
 * rolled back, so the summary is exactly what the erasure would do.
 * Needs the raw connection next to Kysely for the log (like sync import).
 */
export async function eraseContact(app: Pick<AppDatabase, 'db' | 'sqlite'>, contactId: string, options: EraseOptions = {}): Promise<ErasureSummary> {
  const now = options.now ?? new Date().toISOString();
  const context = { now: () => now };
  try {
    const summary = await app.db.transaction().execute(async (trx) => {
      const contact = await trx.selectFrom('contact').selectAll().where('id', '=', contactId).executeTakeFirst();
      if (!contact) throw new AppError('NOT_FOUND', 'Kontakten findes ikke.');
      if (contact.erased_at) throw new AppError('VALIDATION', 'Personen er allerede slettet efter GDPR.');
      if (contact.merged_into) throw new AppError('VALIDATION', 'Kontakten er flettet sammen med en anden. Slet den kontakt, den er flettet ind i, i stedet.');
      if (options.confirmName !== undefined && !sameName(options.confirmName, contact.name)) {
        throw new AppError('VALIDATION', `Skriv personens navn præcis som det står ("${contact.name}") for at bekræfte sletningen.`);
      }

      const roles = await rolesOf(trx, contactId)
        .select(['affiliation.id', 'affiliation.title', 'affiliation.deleted_at', 'organisation.name as organisation_name', 'kommune.navn as kommune_navn'])
        .orderBy('affiliation.id')
        .execute();
      const attendance = await attendanceOf(trx, contactId)
        .where('attendance.deleted_at', 'is', null)
        .select(['attendance.id', 'attendance.meeting_id', 'meeting.title', 'meeting.starts_at'])
        .orderBy('meeting.starts_at')
        .execute();
      const future = attendance.filter((a) => a.starts_at > now);
      const followUps = await trx.selectFrom('follow_up').select(['id', 'title']).where('owner_contact_id', '=', contactId).where('deleted_at', 'is', null).orderBy('id').execute();
      const memberships = await seriesMembershipsOf(trx, contactId)
        .where('meeting_series_member.deleted_at', 'is', null)
        .select(['meeting_series_member.id', 'meeting_series_member.series_id', 'meeting_series.title'])
        .orderBy('meeting_series.title')
        .execute();

      const seats = await helhedsplanSeatsOf(trx, contactId)
        .where('r.deleted_at', 'is', null)
        .select(['r.id', 'r.title', 'r.body', 'h.name'])
        .orderBy('r.id')
        .execute();

      // A contact already in the bin is erased too: back for the edit, then deleted for good.
      if (contact.deleted_at !== null) await restoreRow(trx, 'contact', contactId, context);
      await updateRow(trx, 'contact', contactId, { name: erasedContactName, emails: '[]', phones: '[]', notes: '', erased_at: now }, context);
      for (const role of roles) {
        if (role.deleted_at !== null) continue;
        if (role.title !== '') await updateRow(trx, 'affiliation', role.id, { title: '' }, context);
        await deleteRow(trx, 'affiliation', role.id, context);
      }
      for (const row of future) await deleteRow(trx, 'attendance', row.id, context);
      for (const followUp of followUps) await updateRow(trx, 'follow_up', followUp.id, { owner_contact_id: null }, context);
      for (const membership of memberships) await deleteRow(trx, 'meeting_series_member', membership.id, context);
      // Seats in a helhedsplan's bodies are personal data (issue 17): the title goes and the seat is deleted.
      for (const seat of seats) {
        if (seat.title !== '') await updateRow(trx, 'helhedsplan_role', seat.id, { title: '' }, context);
        await deleteRow(trx, 'helhedsplan_role', seat.id, context);
      }
      // Logged contacts with the person are about them: the note goes and the entry is deleted (for everyone in it), as is the link.
      const logLinks = await contactLogLinksOf(trx, contactId)
        .where('lc.deleted_at', 'is', null)
        .select(['lc.id', 'l.id as log_id', 'l.note', 'l.deleted_at as log_deleted_at'])
        .orderBy('lc.id')
        .execute();
      for (const link of logLinks) {
        if (link.log_deleted_at === null) {
          if (link.note !== '') await updateRow(trx, 'contact_log', link.log_id, { note: '' }, context);
          await deleteRow(trx, 'contact_log', link.log_id, context);
        }
        await deleteRow(trx, 'contact_log_contact', link.id, context);
      }
      await clearContactFromStyringsdialog(trx, contactId, context);
      await deleteRow(trx, 'contact', contactId, context);

      // Old values in the log (and rows only the log still names, such as deleted roles) are redacted here as on every import.
      const settled = settleErasures(app.sqlite, [{ table: 'contact', rowId: contactId }]);
      for (const row of settled.rows) materializeRow(app.sqlite, row.table, row.rowId, now);

      const emails = parseStringList(contact.emails).length;
      const phones = parseStringList(contact.phones).length;
      const summary: ErasureSummary = {
        contactId,
        name: contact.name,
        fields: { name: contact.name !== erasedContactName, emails, phones, notes: contact.notes !== '' },
        roles: roles.map((r) => ({ id: r.id, description: describe(r.title, r.organisation_name, r.kommune_navn), deleted: r.deleted_at !== null })),
        futureMeetings: future.map((a) => ({ meetingId: a.meeting_id, title: a.title, startsAt: a.starts_at })),
        pastMeetingsKept: attendance.length - future.length,
        followUps: followUps.map((f) => ({ id: f.id, title: f.title })),
        seriesMemberships: memberships.map((m) => ({ seriesId: m.series_id, title: m.title })),
        contactLogEntries: logLinks.length,
        helhedsplanRoles: seats.map((s) => ({ id: s.id, description: `${danishLabels.helhedsplanBody[s.body]}${s.title ? ` (${s.title})` : ''}, ${s.name}` })),
        historyOperations: settled.redactedOperations,
        erased: !options.dryRun,
      };
      if (options.dryRun) throw new DryRun(summary);
      return summary;
    });
    // The old values are gone from the tables; their old page versions must leave the WAL too (erasure.ts).
    scrubAfterErasure(app.sqlite);
    return summary;
  } catch (error) {
    if (error instanceof DryRun) return error.summary;
    throw error;
  }
}

function describe(title: string, organisation: string | null, kommune: string | null): string {
  const where = organisation ?? (kommune ? `${kommune} Kommune` : null);
  const what = title || 'Rolle uden titel';
  return where ? `${what}, ${where}` : what;
}

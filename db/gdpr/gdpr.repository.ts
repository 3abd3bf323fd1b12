import { strToU8, zipSync } from 'fflate';
import { sql, type Kysely } from 'kysely';
import Papa from 'papaparse';
import type { ErasureSummary } from '../../common/gdpr/gdpr.domain';
import { AppError } from '../../common/result';
import type { AppDatabase } from '../connection';
import { todayInDenmark } from '../contacts/affiliations.query';
import { deleteRow, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';
import { erasedContactName, scrubAfterErasure, settleErasures } from '../sync/erasure';
import { recordHistory, type HistoryEntry } from '../sync/history';
import { materializeRow } from '../sync/materialize';
import { parseStringList } from '../row';

/**
 * GDPR for one person (a contact): "Indsigt" (right of access) collects
 * everything stored about them; "Slet person" (erasure) removes their
 * personal data through ordinary operations, so it syncs, and redacts the
 * operation log so no installation keeps — or gets back — the old values
 * (db/sync/erasure.ts, applied on every import too).
 *
 * Editing an erased person on another laptop before it hears of the erasure:
 * the erasure wins for the personal fields (name, e-mails, phones, notes, role
 * titles are redacted in the log whatever their clock) and the contact and
 * its roles stay deleted. Attendance and follow-ups added there meanwhile stay,
 * pointing at "Slettet person".
 */

export interface PersonData {
  readonly exportedAt: string;
  readonly contact: {
    readonly id: string;
    readonly name: string;
    readonly emails: string[];
    readonly phones: string[];
    readonly notes: string;
    readonly createdAt: string;
    readonly updatedAt: string;
    readonly deletedAt: string | null;
    readonly erasedAt: string | null;
    readonly mergedInto: string | null;
  };
  readonly roles: {
    readonly id: string;
    readonly title: string;
    readonly kind: string;
    readonly organisationId: string | null;
    readonly organisationName: string | null;
    readonly kommuneId: string | null;
    readonly kommuneNavn: string | null;
    readonly fromDate: string | null;
    readonly toDate: string | null;
    readonly deletedAt: string | null;
  }[];
  readonly attendance: {
    readonly id: string;
    readonly meetingId: string;
    readonly meetingTitle: string;
    readonly startsAt: string;
    readonly meetingStatus: string;
    readonly status: string;
    readonly role: string | null;
    readonly deletedAt: string | null;
  }[];
  readonly followUps: {
    readonly id: string;
    readonly title: string;
    readonly details: string;
    readonly dueDate: string | null;
    readonly status: string;
    readonly deletedAt: string | null;
  }[];
  readonly seriesMemberships: { readonly id: string; readonly seriesId: string; readonly seriesTitle: string; readonly deletedAt: string | null }[];
  /** Logged contacts (kontaktlog) the person was in, also deleted ones. */
  readonly contactLog: {
    readonly id: string;
    readonly date: string;
    readonly kind: string;
    readonly note: string;
    readonly kommuneNavn: string | null;
    readonly organisationName: string | null;
    readonly deletedAt: string | null;
  }[];
  /** Every row that references the person by id, now or earlier (from the change log). */
  readonly mentions: { readonly table: string; readonly rowId: string; readonly field: string; readonly current: boolean }[];
  /** The change history of the contact record itself, newest first. */
  readonly history: HistoryEntry[];
}

type Db = Kysely<Database>;

/** Where a contact's id can stand: table → referencing column. */
const references = [
  ['affiliation', 'contact_id'],
  ['attendance', 'contact_id'],
  ['meeting_series_member', 'contact_id'],
  ['follow_up', 'owner_contact_id'],
  ['contact_log_contact', 'contact_id'],
  ['contact', 'merged_into'],
] as const;

/** Everything stored about one contact (also a deleted or erased one). */
export async function collectPersonData(db: Db, contactId: string, now = new Date()): Promise<PersonData> {
  const row = await db.selectFrom('contact').selectAll().where('id', '=', contactId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Kontakten findes ikke.');

  const roles = await db
    .selectFrom('affiliation')
    .leftJoin('organisation', 'organisation.id', 'affiliation.organisation_id')
    .leftJoin('kommune', 'kommune.id', 'affiliation.kommune_id')
    .where('affiliation.contact_id', '=', contactId)
    .select([
      'affiliation.id',
      'affiliation.title',
      'affiliation.kind',
      'affiliation.organisation_id',
      'organisation.name as organisation_name',
      'affiliation.kommune_id',
      'kommune.navn as kommune_navn',
      'affiliation.from_date',
      'affiliation.to_date',
      'affiliation.deleted_at',
    ])
    .orderBy('affiliation.from_date')
    .orderBy('affiliation.id')
    .execute();

  const attendance = await db
    .selectFrom('attendance')
    .innerJoin('meeting', 'meeting.id', 'attendance.meeting_id')
    .where('attendance.contact_id', '=', contactId)
    .select(['attendance.id', 'attendance.meeting_id', 'meeting.title', 'meeting.starts_at', 'meeting.status as meeting_status', 'attendance.status', 'attendance.role', 'attendance.deleted_at'])
    .orderBy('meeting.starts_at')
    .execute();

  const followUps = await db
    .selectFrom('follow_up')
    .where('owner_contact_id', '=', contactId)
    .select(['id', 'title', 'details', 'due_date', 'status', 'deleted_at'])
    .orderBy('due_date')
    .orderBy('id')
    .execute();

  const series = await db
    .selectFrom('meeting_series_member')
    .innerJoin('meeting_series', 'meeting_series.id', 'meeting_series_member.series_id')
    .where('meeting_series_member.contact_id', '=', contactId)
    .select(['meeting_series_member.id', 'meeting_series_member.series_id', 'meeting_series.title', 'meeting_series_member.deleted_at'])
    .orderBy('meeting_series.title')
    .execute();

  const contactLog = await db
    .selectFrom('contact_log_contact as lc')
    .innerJoin('contact_log as l', 'l.id', 'lc.log_id')
    .leftJoin('kommune as k', 'k.id', 'l.kommune_id')
    .leftJoin('organisation as o', 'o.id', 'l.organisation_id')
    .where('lc.contact_id', '=', contactId)
    .select(['l.id', 'l.date', 'l.kind', 'l.note', 'k.navn as kommune_navn', 'o.name as organisation_name', sql<string | null>`coalesce(l.deleted_at, lc.deleted_at)`.as('deleted_at')])
    .orderBy('l.date')
    .orderBy('l.id')
    .execute();

  const mentions = new Map<string, PersonData['mentions'][number]>();
  for (const [table, field] of references) {
    const current = await db.selectFrom(table).select('id').where(field, '=', contactId).execute();
    for (const { id } of current) mentions.set(`${table}\u0000${id}\u0000${field}`, { table, rowId: id, field, current: true });
    // Rows that referenced the person earlier (a role moved by a merge, a follow-up handed on) are in the log.
    const earlier = await db.selectFrom('sync_op').select('row_id').distinct().where('tbl', '=', table).where('field', '=', field).where('value', '=', JSON.stringify(contactId)).execute();
    for (const { row_id } of earlier) {
      const key = `${table}\u0000${row_id}\u0000${field}`;
      if (!mentions.has(key)) mentions.set(key, { table, rowId: row_id, field, current: false });
    }
  }

  return {
    exportedAt: now.toISOString(),
    contact: {
      id: row.id,
      name: row.name,
      emails: parseStringList(row.emails),
      phones: parseStringList(row.phones),
      notes: row.notes,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      deletedAt: row.deleted_at,
      erasedAt: row.erased_at,
      mergedInto: row.merged_into,
    },
    roles: roles.map((r) => ({
      id: r.id,
      title: r.title,
      kind: r.kind,
      organisationId: r.organisation_id,
      organisationName: r.organisation_name,
      kommuneId: r.kommune_id,
      kommuneNavn: r.kommune_navn,
      fromDate: r.from_date,
      toDate: r.to_date,
      deletedAt: r.deleted_at,
    })),
    attendance: attendance.map((a) => ({
      id: a.id,
      meetingId: a.meeting_id,
      meetingTitle: a.title,
      startsAt: a.starts_at,
      meetingStatus: a.meeting_status,
      status: a.status,
      role: a.role,
      deletedAt: a.deleted_at,
    })),
    followUps: followUps.map((f) => ({ id: f.id, title: f.title, details: f.details, dueDate: f.due_date, status: f.status, deletedAt: f.deleted_at })),
    seriesMemberships: series.map((s) => ({ id: s.id, seriesId: s.series_id, seriesTitle: s.title, deletedAt: s.deleted_at })),
    contactLog: contactLog.map((l) => ({ id: l.id, date: l.date, kind: l.kind, note: l.note, kommuneNavn: l.kommune_navn, organisationName: l.organisation_name, deletedAt: l.deleted_at })),
    mentions: [...mentions.values()].sort((a, b) => a.table.localeCompare(b.table) || a.rowId.localeCompare(b.rowId) || a.field.localeCompare(b.field)),
    history: await recordHistory(db, 'contact', contactId),
  };
}

// ---------- the access export (zip) ----------

const danishTime = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen', dateStyle: 'short', timeStyle: 'short' });
const when = (instant: string | null) => (instant ? danishTime.format(new Date(instant)) : '');
const yesNo = (deleted: string | null) => (deleted ? 'ja' : 'nej');
const labels: Record<string, string> = {
  politiker: 'politiker',
  embedsmand: 'embedsmand',
  boligorganisation: 'boligorganisation',
  beboerdemokrat: 'beboerdemokrat',
  andet: 'andet',
  aaben: 'åben',
  i_gang: 'i gang',
  udfoert: 'udført',
  annulleret: 'annulleret',
  telefon: 'telefon',
  mail: 'mail',
  moede: 'møde',
  ordstyrer: 'ordstyrer',
  referent: 'referent',
};
const label = (value: string | null) => (value === null ? '' : (labels[value] ?? value));
const tableNames: Record<string, string> = {
  affiliation: 'rolle',
  attendance: 'mødedeltagelse',
  meeting_series_member: 'medlem af mødeserie',
  follow_up: 'opfølgningspunkt',
  contact_log_contact: 'kontaktlog',
  contact: 'kontakt (flettet ind)',
};
const fieldNames: Record<string, string> = {
  name: 'navn',
  emails: 'e-mails',
  phones: 'telefonnumre',
  notes: 'noter',
  deleted_at: 'slettet',
  erased_at: 'slettet efter GDPR',
  merged_into: 'flettet ind i',
  merged_seen: 'fletning (teknisk)',
  contact_id: 'kontakt',
  owner_contact_id: 'ansvarlig',
};
const show = (value: unknown): string => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value));

/** CSV as Excel in Denmark opens it: UTF-8 with BOM, semicolons, CRLF. */
function csv(fields: string[], rows: (string | number | null)[][]): Uint8Array {
  return strToU8(`\uFEFF${Papa.unparse({ fields, data: rows }, { delimiter: ';', newline: '\r\n' })}\r\n`);
}

const readMe = (data: PersonData) => `Indsigt i personoplysninger (GDPR) – ${data.contact.name}
Udtrukket ${when(data.exportedAt)} fra Kredsbog.

Filerne indeholder alt, hvad Kredsbog har registreret om personen:

indsigt.json            Alle oplysninger samlet i ét maskinlæsbart dokument (UTF-8).
kontakt.csv             Navn, e-mails, telefonnumre, noter og hvornår posten blev oprettet, ændret eller slettet.
roller.csv              Roller i organisationer og kommuner, også afsluttede og slettede.
mødedeltagelse.csv      Møder personen er inviteret til eller har deltaget i, med status og eventuel rolle.
opfølgningspunkter.csv  Opfølgningspunkter personen er ansvarlig for.
mødeserier.csv          Mødeserier personen er medlem af.
kontaktlog.csv          Registrerede kontakter (telefon, mail, møde) med personen, med dato og note.
omtaler.csv             Alle poster, der henviser til personen (nu eller tidligere).
historik.csv            Ændringshistorikken for personens egen post: hvornår, på hvilken installation, og hvad der blev ændret.

CSV-filerne er UTF-8 med semikolon som skilletegn og kan åbnes direkte i Excel.
Tidspunkter er dansk tid.
`;

/** The access export: indsigt.json, one CSV per section and LæsMig.txt, zipped. */
export async function personDataZip(db: Db, contactId: string, now = new Date()): Promise<Uint8Array> {
  const data = await collectPersonData(db, contactId, now);
  const c = data.contact;
  return zipSync(
    {
      'LæsMig.txt': strToU8(readMe(data).replace(/\n/g, '\r\n')),
      'indsigt.json': strToU8(`${JSON.stringify(data, null, 2)}\n`),
      'kontakt.csv': csv(
        ['Navn', 'E-mails', 'Telefonnumre', 'Noter', 'Oprettet', 'Ændret', 'Slettet', 'Slettet efter GDPR'],
        [[c.name, c.emails.join(', '), c.phones.join(', '), c.notes, when(c.createdAt), when(c.updatedAt), when(c.deletedAt), when(c.erasedAt)]],
      ),
      'roller.csv': csv(
        ['Titel', 'Type', 'Organisation', 'Kommune', 'Fra', 'Til', 'Slettet'],
        data.roles.map((r) => [r.title, label(r.kind), r.organisationName ?? '', r.kommuneNavn ?? '', r.fromDate ?? '', r.toDate ?? '', yesNo(r.deletedAt)]),
      ),
      'mødedeltagelse.csv': csv(
        ['Møde', 'Tidspunkt', 'Mødestatus', 'Deltagelse', 'Rolle', 'Slettet'],
        data.attendance.map((a) => [a.meetingTitle, when(a.startsAt), a.meetingStatus, a.status, label(a.role), yesNo(a.deletedAt)]),
      ),
      'opfølgningspunkter.csv': csv(
        ['Titel', 'Beskrivelse', 'Frist', 'Status', 'Slettet'],
        data.followUps.map((f) => [f.title, f.details, f.dueDate ?? '', label(f.status), yesNo(f.deletedAt)]),
      ),
      'mødeserier.csv': csv(['Mødeserie', 'Slettet'], data.seriesMemberships.map((s) => [s.seriesTitle, yesNo(s.deletedAt)])),
      'kontaktlog.csv': csv(
        ['Dato', 'Type', 'Note', 'Kommune', 'Organisation', 'Slettet'],
        data.contactLog.map((l) => [l.date, label(l.kind), l.note, l.kommuneNavn ?? '', l.organisationName ?? '', yesNo(l.deletedAt)]),
      ),
      'omtaler.csv': csv(
        ['Type', 'Id', 'Felt', 'Henviser nu'],
        data.mentions.map((m) => [tableNames[m.table] ?? m.table, m.rowId, fieldNames[m.field] ?? m.field, m.current ? 'ja' : 'nej']),
      ),
      'historik.csv': csv(
        ['Tidspunkt', 'Installation', 'Felt', 'Før', 'Efter'],
        data.history.flatMap((h) => h.changes.map((change) => [when(h.at), h.installationName, fieldNames[change.field] ?? change.field, show(change.before), show(change.after)])),
      ),
    },
    { mtime: now },
  );
}

/** "Indsigt Mette Ørsted 2026-03-05.zip" — characters no file system accepts are left out. */
export function personDataFileName(name: string, now = new Date()): string {
  const printable = [...name].filter((ch) => ch >= ' ').join('');
  const safe = printable.replace(/[\\/:*?"<>|]/g, '').replace(/\s+/g, ' ').trim() || 'person';
  return `Indsigt ${safe} ${todayInDenmark(now)}.zip`;
}

// ---------- erasure ----------

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

      const roles = await trx
        .selectFrom('affiliation')
        .leftJoin('organisation', 'organisation.id', 'affiliation.organisation_id')
        .leftJoin('kommune', 'kommune.id', 'affiliation.kommune_id')
        .where('affiliation.contact_id', '=', contactId)
        .select(['affiliation.id', 'affiliation.title', 'affiliation.deleted_at', 'organisation.name as organisation_name', 'kommune.navn as kommune_navn'])
        .orderBy('affiliation.id')
        .execute();
      const attendance = await trx
        .selectFrom('attendance')
        .innerJoin('meeting', 'meeting.id', 'attendance.meeting_id')
        .where('attendance.contact_id', '=', contactId)
        .where('attendance.deleted_at', 'is', null)
        .select(['attendance.id', 'attendance.meeting_id', 'meeting.title', 'meeting.starts_at'])
        .orderBy('meeting.starts_at')
        .execute();
      const future = attendance.filter((a) => a.starts_at > now);
      const followUps = await trx.selectFrom('follow_up').select(['id', 'title']).where('owner_contact_id', '=', contactId).where('deleted_at', 'is', null).orderBy('id').execute();
      const memberships = await trx
        .selectFrom('meeting_series_member')
        .innerJoin('meeting_series', 'meeting_series.id', 'meeting_series_member.series_id')
        .where('meeting_series_member.contact_id', '=', contactId)
        .where('meeting_series_member.deleted_at', 'is', null)
        .select(['meeting_series_member.id', 'meeting_series_member.series_id', 'meeting_series.title'])
        .orderBy('meeting_series.title')
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
      // Logged contacts with the person are about them: the note goes and the entry is deleted (for everyone in it), as is the link.
      const logLinks = await trx
        .selectFrom('contact_log_contact as lc')
        .innerJoin('contact_log as l', 'l.id', 'lc.log_id')
        .where('lc.contact_id', '=', contactId)
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

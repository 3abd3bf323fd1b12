import { sql, type Kysely } from 'kysely';
import { AppError } from '../../common/result';
import type { Database } from '../schema';
import { recordHistory, type HistoryEntry } from '../sync/history';
import { parseStringList } from '../row';
import { stepsNamingContact } from '../styringsdialog/styringsdialog.gdpr';
import { attendanceOf, contactLogLinksOf, helhedsplanSeatsOf, rolesOf, seriesMembershipsOf } from './person-rows.query';

/**
 * GDPR stage 1, the reader: everything stored about one person, as data.
 * The access export (gdpr.export.ts) writes it out; the erasure
 * (gdpr.erase.ts) has its own reads, inside its transaction.
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
  /** Styringsdialog steps the person is named as "who" of (migration 0021). */
  readonly styringsdialogSteps: {
    readonly id: string;
    readonly year: number;
    readonly kommuneNavn: string;
    readonly organisationName: string;
    readonly step: string;
    readonly date: string | null;
    readonly who: string;
    /** The cycle's notes (free text of a record linked to the person). */
    readonly notes: string;
    readonly deletedAt: string | null;
  }[];
  /** Seats in helhedsplaner's bestyrelser, styregrupper and følgegrupper, and as projektleder (migration 0022), also deleted ones. */
  readonly helhedsplanRoles: {
    readonly id: string;
    readonly helhedsplanName: string;
    /** The helhedsplan's notes (free text of a record linked to the person). */
    readonly helhedsplanNotes: string;
    readonly body: string;
    readonly title: string;
    readonly fromDate: string | null;
    readonly toDate: string | null;
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
  ['helhedsplan_role', 'contact_id'],
  ['contact', 'merged_into'],
  ['styringsdialog', 'pakke_contact_id'],
  ['styringsdialog', 'aftaler_contact_id'],
  ['styringsdialog', 'referat_contact_id'],
  ['styringsdialog', 'redegoerelse_contact_id'],
] as const;

/** Everything stored about one contact (also a deleted or erased one). */
export async function collectPersonData(db: Db, contactId: string, now = new Date()): Promise<PersonData> {
  const row = await db.selectFrom('contact').selectAll().where('id', '=', contactId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Kontakten findes ikke.');

  const roles = await rolesOf(db, contactId)
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

  const attendance = await attendanceOf(db, contactId)
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

  const series = await seriesMembershipsOf(db, contactId)
    .select(['meeting_series_member.id', 'meeting_series_member.series_id', 'meeting_series.title', 'meeting_series_member.deleted_at'])
    .orderBy('meeting_series.title')
    .execute();

  const contactLog = await contactLogLinksOf(db, contactId)
    .leftJoin('kommune as k', 'k.id', 'l.kommune_id')
    .leftJoin('organisation as o', 'o.id', 'l.organisation_id')
    .select(['l.id', 'l.date', 'l.kind', 'l.note', 'k.navn as kommune_navn', 'o.name as organisation_name', sql<string | null>`coalesce(l.deleted_at, lc.deleted_at)`.as('deleted_at')])
    .orderBy('l.date')
    .orderBy('l.id')
    .execute();

  const styringsdialogSteps = await stepsNamingContact(db, contactId);
  const helhedsplanRoles = await helhedsplanSeatsOf(db, contactId)
    .select(['r.id', 'h.name', 'h.notes', 'r.body', 'r.title', 'r.from_date', 'r.to_date', sql<string | null>`coalesce(r.deleted_at, h.deleted_at)`.as('deleted_at')])
    .orderBy('r.from_date')
    .orderBy('r.id')
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
    styringsdialogSteps,
    helhedsplanRoles: helhedsplanRoles.map((r) => ({ id: r.id, helhedsplanName: r.name, helhedsplanNotes: r.notes, body: r.body, title: r.title, fromDate: r.from_date, toDate: r.to_date, deletedAt: r.deleted_at })),
    mentions: [...mentions.values()].sort((a, b) => a.table.localeCompare(b.table) || a.rowId.localeCompare(b.rowId) || a.field.localeCompare(b.field)),
    history: await recordHistory(db, 'contact', contactId),
  };
}


import type { Kysely } from 'kysely';
import type { Database } from '../schema';

/**
 * The rows that name one contact, each joined to what it is about: one
 * builder a kind, shared by the GDPR export (gdpr.collect.ts, every row, also
 * deleted ones) and the erasure (gdpr.erase.ts, which adds
 * `.where(… deleted_at, 'is', null)` for the live ones). Each caller chooses
 * its columns and order.
 */

/** The contact's roles, with their organisation and kommune (both may be missing). */
export const rolesOf = (db: Kysely<Database>, contactId: string) =>
  db
    .selectFrom('affiliation')
    .leftJoin('organisation', 'organisation.id', 'affiliation.organisation_id')
    .leftJoin('kommune', 'kommune.id', 'affiliation.kommune_id')
    .where('affiliation.contact_id', '=', contactId);

/** The contact's invitations, with their meeting. */
export const attendanceOf = (db: Kysely<Database>, contactId: string) =>
  db.selectFrom('attendance').innerJoin('meeting', 'meeting.id', 'attendance.meeting_id').where('attendance.contact_id', '=', contactId);

/** The contact's memberships of meeting series, with their series. */
export const seriesMembershipsOf = (db: Kysely<Database>, contactId: string) =>
  db
    .selectFrom('meeting_series_member')
    .innerJoin('meeting_series', 'meeting_series.id', 'meeting_series_member.series_id')
    .where('meeting_series_member.contact_id', '=', contactId);

/** The contact's seats in helhedsplaner's bodies (`r`), with their plan (`h`). */
export const helhedsplanSeatsOf = (db: Kysely<Database>, contactId: string) =>
  db.selectFrom('helhedsplan_role as r').innerJoin('helhedsplan as h', 'h.id', 'r.helhedsplan_id').where('r.contact_id', '=', contactId);

/** The contact's links to logged contacts (`lc`), with their log entry (`l`). */
export const contactLogLinksOf = (db: Kysely<Database>, contactId: string) =>
  db.selectFrom('contact_log_contact as lc').innerJoin('contact_log as l', 'l.id', 'lc.log_id').where('lc.contact_id', '=', contactId);

import { sql, type Kysely, type RawBuilder } from 'kysely';
import { todayInDenmark } from '../contacts/affiliations.query';
import type { Database } from '../schema';

/**
 * "Sidst i kontakt": the latest day the consultant was in touch — a meeting
 * the person attended (attendance deltog, the meeting not aflyst and begun)
 * or a logged contact (kontaktlog) with them. As YYYY-MM-DD, or null.
 *
 * A meeting's day is the date part of its UTC start: meetings are held in
 * Danish working hours, which never cross midnight UTC, so it is the Danish
 * day. The latest attended meeting is one key lookup in contact_last_attended
 * (migration 0023, kept by triggers); only when that meeting has not begun
 * yet (someone marked as deltog ahead of time) are the person's attended
 * meetings walked (attendance_attended, then each meeting by key). Logged
 * contacts: contact_log_contact_live (contact_id, log_id), then the entry by
 * key (migration 0018).
 */
export function lastContactSql(contactIdRef: string, nowIso: string, today: string): RawBuilder<string | null> {
  const contact = sql.ref(contactIdRef);
  return sql<string | null>`nullif(max(
    coalesce((SELECT CASE WHEN la.starts_at <= ${nowIso} THEN substr(la.starts_at, 1, 10) ELSE
        (SELECT substr(max(m.starts_at), 1, 10) FROM attendance att INDEXED BY attendance_attended JOIN meeting m ON m.id = att.meeting_id
         WHERE att.contact_id = ${contact} AND att.deleted_at IS NULL AND att.status = 'deltog'
           AND m.deleted_at IS NULL AND m.status != 'aflyst' AND m.starts_at <= ${nowIso}) END
      FROM contact_last_attended la WHERE la.contact_id = ${contact}), ''),
    coalesce((SELECT max(l.date) FROM contact_log_contact lc JOIN contact_log l ON l.id = lc.log_id
       WHERE lc.contact_id = ${contact} AND lc.deleted_at IS NULL AND l.deleted_at IS NULL AND l.date <= ${today}), '')
  ), '')`;
}

/** Last contact of one person. */
export async function lastContactForContact(db: Kysely<Database>, contactId: string, now = new Date(), today = todayInDenmark(now)): Promise<string | null> {
  const { rows } = await sql<{ last: string | null }>`SELECT ${lastContactSql('c.id', now.toISOString(), today)} AS last FROM contact c WHERE c.id = ${contactId}`.execute(db);
  return rows[0]?.last ?? null;
}

/**
 * Last contact with a kommune: its latest meeting that took place (begun,
 * not aflyst) and its latest logged contact. One backwards walk of each
 * (kommune_id, date) index.
 */
export function kommuneLastContactSql(kommuneIdRef: string, nowIso: string, today: string): RawBuilder<string | null> {
  const kommune = sql.ref(kommuneIdRef);
  return sql<string | null>`nullif(max(
    coalesce((SELECT substr(m.starts_at, 1, 10) FROM meeting m WHERE m.kommune_id = ${kommune} AND m.deleted_at IS NULL AND m.starts_at <= ${nowIso} AND m.status != 'aflyst' ORDER BY m.starts_at DESC LIMIT 1), ''),
    coalesce((SELECT l.date FROM contact_log l WHERE l.kommune_id = ${kommune} AND l.deleted_at IS NULL AND l.date <= ${today} ORDER BY l.date DESC LIMIT 1), '')
  ), '')`;
}

export async function lastContactForKommune(db: Kysely<Database>, kommuneId: string, now = new Date(), today = todayInDenmark(now)): Promise<string | null> {
  const { rows } = await sql<{ last: string | null }>`SELECT ${kommuneLastContactSql('k.id', now.toISOString(), today)} AS last FROM kommune k WHERE k.id = ${kommuneId}`.execute(db);
  return rows[0]?.last ?? null;
}

/**
 * Last contact with an organisation: its latest logged contact, and the
 * latest contact with anyone who holds a role there today.
 */
export async function lastContactForOrganisation(db: Kysely<Database>, organisationId: string, now = new Date(), today = todayInDenmark(now)): Promise<string | null> {
  const { rows } = await sql<{ last: string | null }>`SELECT nullif(max(
      coalesce((SELECT l.date FROM contact_log l WHERE l.organisation_id = ${organisationId} AND l.deleted_at IS NULL AND l.date <= ${today} ORDER BY l.date DESC LIMIT 1), ''),
      coalesce((SELECT max(${lastContactSql('a.contact_id', now.toISOString(), today)}) FROM affiliation a
        WHERE a.organisation_id = ${organisationId} AND a.deleted_at IS NULL
          AND (a.from_date IS NULL OR a.from_date <= ${today}) AND (a.to_date IS NULL OR a.to_date >= ${today})), '')
    ), '') AS last`.execute(db);
  return rows[0]?.last ?? null;
}

import type { Kysely } from 'kysely';
import type { ContactLogEntry, ParsedContactLogInput } from '../../common/relationships.domain';
import { AppError } from '../../common/result';
import { todayInDenmark } from '../contacts/affiliations.query';
import { derivedId } from '../ids';
import { createRow, deleteRow, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';

/**
 * The kontaktlog: a phone call, an e-mail or a chance meeting with one or
 * more people, written through db/mutations.ts like every synced row. The
 * people are link rows (contact_log_contact) with ids derived from the pair,
 * so adding the same person twice, or on two laptops, is one row.
 */

type Db = Kysely<Database>;

/**
 * Logs a contact; returns the entry. Without a kommune and organisation the
 * first person's current role says which (a call with Køge's borgmester
 * concerns Køge), so the entry shows on that hub. A follow-up given with it
 * is created in the same transaction, owned by the consultant.
 *
 * @example await createContactLog(db, { date: '2026-11-23', kind: 'telefon', note: 'Om anvisning', contactIds: [id], kommuneId: null, organisationId: null, followUp: null })
 */
export async function createContactLog(db: Db, input: ParsedContactLogInput, now = new Date()): Promise<ContactLogEntry> {
  const contactIds = [...new Set(input.contactIds)];
  const id = await db.transaction().execute(async (trx) => {
    const contacts = await trx.selectFrom('contact').select(['id', 'deleted_at', 'erased_at']).where('id', 'in', contactIds).execute();
    for (const contactId of contactIds) {
      const contact = contacts.find((c) => c.id === contactId);
      if (!contact || contact.deleted_at !== null || contact.erased_at !== null) {
        throw new AppError('VALIDATION', 'Kontakten findes ikke (længere).', [{ path: ['contactIds'], message: 'validation.unknownContact' }]);
      }
    }
    let kommuneId = input.kommuneId;
    let organisationId = input.organisationId;
    if (kommuneId && !(await trx.selectFrom('kommune').select('id').where('id', '=', kommuneId).where('deleted_at', 'is', null).executeTakeFirst())) {
      throw new AppError('VALIDATION', 'Kommunen findes ikke.', [{ path: ['kommuneId'], message: 'validation.unknownKommune' }]);
    }
    if (organisationId && !(await trx.selectFrom('organisation').select('id').where('id', '=', organisationId).where('deleted_at', 'is', null).executeTakeFirst())) {
      throw new AppError('VALIDATION', 'Organisationen findes ikke.', [{ path: ['organisationId'], message: 'validation.unknownOrganisation' }]);
    }
    if (kommuneId === null && organisationId === null) {
      const today = todayInDenmark(now);
      const role = await trx
        .selectFrom('affiliation')
        .select(['kommune_id', 'organisation_id'])
        .where('contact_id', '=', contactIds[0]!)
        .where('deleted_at', 'is', null)
        .where((eb) => eb.or([eb('from_date', 'is', null), eb('from_date', '<=', today)]))
        .where((eb) => eb.or([eb('to_date', 'is', null), eb('to_date', '>=', today)]))
        .orderBy('from_date', 'desc')
        .orderBy('id')
        .executeTakeFirst();
      kommuneId = role?.kommune_id ?? null;
      organisationId = role?.organisation_id ?? null;
    }
    // An organisation's own kommune when it has exactly one, so the entry shows on that kommune's hub too.
    if (kommuneId === null && organisationId !== null) {
      const links = await trx.selectFrom('organisation_kommune').select('kommune_id').where('organisation_id', '=', organisationId).where('deleted_at', 'is', null).limit(2).execute();
      if (links.length === 1) kommuneId = links[0]!.kommune_id;
    }
    const followUpId = input.followUp
      ? await createRow(trx, 'follow_up', {
          title: input.followUp.title,
          details: input.note,
          owner_contact_id: null,
          owner_is_me: 1,
          due_date: input.followUp.dueDate,
          status: 'aaben',
          kommune_id: kommuneId,
          source_meeting_id: null,
          source_agenda_item_id: null,
          closed_in_meeting_id: null,
        })
      : null;
    const entryId = await createRow(trx, 'contact_log', { date: input.date, kind: input.kind, note: input.note, kommune_id: kommuneId, organisation_id: organisationId, follow_up_id: followUpId });
    for (const contactId of contactIds) {
      await createRow(trx, 'contact_log_contact', { log_id: entryId, contact_id: contactId }, { id: derivedId('contact_log_contact', entryId, contactId) });
    }
    return entryId;
  });
  return getContactLog(db, id);
}

/** One entry, also a deleted one (the undo toast needs it). */
export async function getContactLog(db: Db, id: string): Promise<ContactLogEntry> {
  const entries = await entriesByIds(db, [id], true);
  const entry = entries[0];
  if (!entry) throw new AppError('NOT_FOUND', 'Kontaktlogposten findes ikke.');
  return entry;
}

/** Entries by id in the given order, with their people, kommune and organisation. */
export async function entriesByIds(db: Db, ids: readonly string[], includeDeleted = false): Promise<ContactLogEntry[]> {
  if (ids.length === 0) return [];
  let query = db
    .selectFrom('contact_log as l')
    .leftJoin('kommune as k', 'k.id', 'l.kommune_id')
    .leftJoin('organisation as o', 'o.id', 'l.organisation_id')
    .select(['l.id', 'l.date', 'l.kind', 'l.note', 'l.kommune_id', 'k.navn as kommune_navn', 'l.organisation_id', 'o.name as organisation_name', 'l.follow_up_id'])
    .where('l.id', 'in', [...ids]);
  if (!includeDeleted) query = query.where('l.deleted_at', 'is', null);
  const rows = await query.execute();
  const people = await db
    .selectFrom('contact_log_contact as lc')
    .innerJoin('contact as c', 'c.id', 'lc.contact_id')
    .select(['lc.log_id', 'c.id', 'c.name'])
    .where('lc.log_id', 'in', [...ids])
    .where('lc.deleted_at', 'is', null)
    .orderBy('c.name')
    .execute();
  const byEntry = new Map<string, { id: string; name: string }[]>();
  for (const p of people) byEntry.set(p.log_id, [...(byEntry.get(p.log_id) ?? []), { id: p.id, name: p.name }]);
  const byId = new Map(
    rows.map((r): [string, ContactLogEntry] => [
      r.id,
      {
        id: r.id,
        date: r.date,
        kind: r.kind,
        note: r.note,
        contacts: byEntry.get(r.id) ?? [],
        kommune: r.kommune_id && r.kommune_navn ? { id: r.kommune_id, name: r.kommune_navn } : null,
        organisation: r.organisation_id && r.organisation_name ? { id: r.organisation_id, name: r.organisation_name } : null,
        followUpId: r.follow_up_id,
      },
    ]),
  );
  return ids.map((id) => byId.get(id)).filter((e): e is ContactLogEntry => e !== undefined);
}

/** A person's logged contacts, newest first (the contact page). */
export async function listContactLogForContact(db: Db, contactId: string, limit = 50): Promise<ContactLogEntry[]> {
  const rows = await db
    .selectFrom('contact_log_contact as lc')
    .innerJoin('contact_log as l', 'l.id', 'lc.log_id')
    .select('l.id')
    .where('lc.contact_id', '=', contactId)
    .where('lc.deleted_at', 'is', null)
    .where('l.deleted_at', 'is', null)
    .orderBy('l.date', 'desc')
    .orderBy('l.id', 'desc')
    .limit(limit)
    .execute();
  return entriesByIds(
    db,
    rows.map((r) => r.id),
  );
}

export async function deleteContactLog(db: Db, id: string): Promise<ContactLogEntry> {
  await db.transaction().execute((trx) => deleteRow(trx, 'contact_log', id));
  return getContactLog(db, id);
}

export async function restoreContactLog(db: Db, id: string): Promise<ContactLogEntry> {
  await db.transaction().execute((trx) => restoreRow(trx, 'contact_log', id));
  return getContactLog(db, id);
}

/** "Hold kontakten" every `months` months for a person or for one of their roles; null clears it. */
export async function setKeepInTouch(db: Db, target: { readonly contactId: string } | { readonly roleId: string }, months: number | null): Promise<void> {
  await db.transaction().execute(async (trx) => {
    if ('contactId' in target) await updateRow(trx, 'contact', target.contactId, { keep_in_touch_months: months });
    else await updateRow(trx, 'affiliation', target.roleId, { keep_in_touch_months: months });
  });
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Affiliation, AffiliationFields, Contact, ContactSummary } from '../../common/domain';
import { AppError } from '../../common/result';
import { compareDanish, foldDanish } from '../../common/text-fold';
import { createRow, deleteRow, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';
import { selectAffiliations, todayInDenmark } from './affiliations.query';
import { parseStringList } from '../row';

export interface ContactFilter {
  readonly query?: string;
  readonly kommuneId?: string;
  readonly organisationId?: string;
}

/** Parsed affiliation fields (defaults applied). */
export type ParsedAffiliation = { [K in keyof AffiliationFields]-?: Exclude<AffiliationFields[K], undefined> };
export interface ParsedContactFields {
  readonly name: string;
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly notes: string;
}

function filteredContacts(db: Kysely<Database>, filter: ContactFilter) {
  let query = db.selectFrom('contact').where('deleted_at', 'is', null);
  if (filter.organisationId) {
    const organisationId = filter.organisationId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('affiliation').select('contact_id').where('organisation_id', '=', organisationId).where('deleted_at', 'is', null),
    );
  }
  if (filter.kommuneId) {
    const kommuneId = filter.kommuneId;
    query = query.where('id', 'in', (eb) =>
      eb
        .selectFrom('affiliation')
        .select('contact_id')
        .where('deleted_at', 'is', null)
        .where((e) =>
          e.or([
            e('kommune_id', '=', kommuneId),
            e('organisation_id', 'in', e.selectFrom('organisation_kommune').select('organisation_id').where('kommune_id', '=', kommuneId).where('deleted_at', 'is', null)),
          ]),
        ),
    );
  }
  const folded = foldDanish(filter.query ?? '');
  if (folded) {
    query = query.where((eb) =>
      eb.or([eb(sql`instr(dk_fold(name), ${folded})`, '>', 0), eb(sql`instr(emails, ${folded})`, '>', 0), eb(sql`instr(replace(phones, ' ', ''), ${folded.replace(/\s/g, '')})`, '>', 0)]),
    );
  }
  return query;
}

async function summaries(db: Kysely<Database>, rows: readonly { id: string; name: string; emails: string; phones: string }[], today: string): Promise<ContactSummary[]> {
  const roles = rows.length === 0 ? [] : await selectAffiliations(db, (eb) => eb('affiliation.contact_id', 'in', rows.map((r) => r.id)), today);
  const currentRoles = new Map<string, string[]>();
  for (const role of roles) {
    if (!role.current) continue;
    const list = currentRoles.get(role.contactId) ?? [];
    list.push(describeRole(role));
    currentRoles.set(role.contactId, list);
  }
  return rows.map((r) => {
    const emails = parseStringList(r.emails);
    const phones = parseStringList(r.phones);
    return { id: r.id, name: r.name, primaryEmail: emails[0] ?? null, primaryPhone: phones[0] ?? null, currentRoles: currentRoles.get(r.id) ?? [] };
  });
}

/** Every matching contact, in Danish order (pickers and small lists). */
export async function listContacts(db: Kysely<Database>, filter: ContactFilter = {}, today = todayInDenmark()): Promise<ContactSummary[]> {
  const rows = await filteredContacts(db, filter).select(['id', 'name', 'emails', 'phones']).execute();
  return (await summaries(db, rows, today)).sort((a, b) => compareDanish(a.name, b.name));
}

/**
 * One page of the Kontakter list, sorted in Danish order by SQL through the
 * `dk_sort(name)` index (migration 0009), with the total for the scrollbar:
 * a 20,000-contact list loads 200 at a time.
 */
export async function pageContacts(db: Kysely<Database>, filter: ContactFilter, offset: number, limit: number, today = todayInDenmark()): Promise<{ rows: ContactSummary[]; total: number }> {
  const [rows, count] = await Promise.all([
    filteredContacts(db, filter).select(['id', 'name', 'emails', 'phones']).orderBy(sql`dk_sort(name)`).orderBy('id').limit(limit).offset(offset).execute(),
    filteredContacts(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: await summaries(db, rows, today), total: Number(count.n) };
}

/** "Borgmester, Aarhus Kommune" — the role as a line of text. */
export function describeRole(role: Pick<Affiliation, 'title' | 'organisationName' | 'kommuneNavn'>): string {
  const where = role.organisationName ?? (role.kommuneNavn ? `${role.kommuneNavn} Kommune` : null);
  return where ? `${role.title}, ${where}` : role.title;
}

/** A contact, deleted or not (the page offers undo), with all roles. */
export async function getContact(db: Kysely<Database>, id: string): Promise<Contact> {
  const row = await db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Kontakten findes ikke.');
  const affiliations = await selectAffiliationsIncludingDeletedContact(db, id);
  return {
    id: row.id,
    name: row.name,
    emails: parseStringList(row.emails),
    phones: parseStringList(row.phones),
    notes: row.notes,
    affiliations,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
    mergedInto: row.merged_into,
    erasedAt: row.erased_at,
  };
}

async function selectAffiliationsIncludingDeletedContact(db: Kysely<Database>, contactId: string): Promise<Affiliation[]> {
  // selectAffiliations hides deleted contacts; a deleted contact's own page still lists its roles.
  const deleted = await db.selectFrom('contact').select('deleted_at').where('id', '=', contactId).executeTakeFirst();
  if (deleted?.deleted_at === null) return selectAffiliations(db, (eb) => eb('affiliation.contact_id', '=', contactId));
  return [];
}

export async function createContact(db: Kysely<Database>, fields: ParsedContactFields, affiliations: readonly ParsedAffiliation[]): Promise<Contact> {
  const id = await db.transaction().execute(async (trx) => {
    const contactId = await createRow(trx, 'contact', {
      name: fields.name,
      emails: JSON.stringify(unique(fields.emails)),
      phones: JSON.stringify(unique(fields.phones)),
      notes: fields.notes,
    });
    for (const affiliation of affiliations) await insertAffiliation(trx, contactId, affiliation);
    return contactId;
  });
  return getContact(db, id);
}

export async function updateContact(db: Kysely<Database>, id: string, fields: Partial<ParsedContactFields>): Promise<Contact> {
  await db.transaction().execute((trx) =>
    updateRow(trx, 'contact', id, {
      name: fields.name,
      emails: fields.emails ? JSON.stringify(unique(fields.emails)) : undefined,
      phones: fields.phones ? JSON.stringify(unique(fields.phones)) : undefined,
      notes: fields.notes,
    }),
  );
  return getContact(db, id);
}

export async function deleteContact(db: Kysely<Database>, id: string): Promise<Contact> {
  await db.transaction().execute((trx) => deleteRow(trx, 'contact', id));
  return getContact(db, id);
}

export async function restoreContact(db: Kysely<Database>, id: string): Promise<Contact> {
  await db.transaction().execute((trx) => restoreRow(trx, 'contact', id));
  return getContact(db, id);
}

export async function createAffiliation(db: Kysely<Database>, contactId: string, fields: ParsedAffiliation): Promise<Affiliation> {
  const id = await db.transaction().execute(async (trx) => {
    const contact = await trx.selectFrom('contact').select('id').where('id', '=', contactId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!contact) throw new AppError('NOT_FOUND', 'Kontakten findes ikke (længere).');
    return insertAffiliation(trx, contactId, fields);
  });
  return getAffiliation(db, id);
}

export async function updateAffiliation(db: Kysely<Database>, id: string, fields: ParsedAffiliation): Promise<Affiliation> {
  await db.transaction().execute(async (trx) => {
    await assertTargetsExist(trx, fields);
    await updateRow(trx, 'affiliation', id, affiliationColumns(fields));
  });
  return getAffiliation(db, id);
}

export async function deleteAffiliation(db: Kysely<Database>, id: string): Promise<Affiliation> {
  const before = await getAffiliation(db, id);
  await db.transaction().execute((trx) => deleteRow(trx, 'affiliation', id));
  return before;
}

export async function restoreAffiliation(db: Kysely<Database>, id: string): Promise<Affiliation> {
  await db.transaction().execute((trx) => restoreRow(trx, 'affiliation', id));
  return getAffiliation(db, id);
}

async function getAffiliation(db: Kysely<Database>, id: string): Promise<Affiliation> {
  const [affiliation] = await selectAffiliations(db, (eb) => eb('affiliation.id', '=', id));
  if (!affiliation) throw new AppError('NOT_FOUND', 'Rollen findes ikke.');
  return affiliation;
}

async function insertAffiliation(trx: Transaction<Database>, contactId: string, fields: ParsedAffiliation): Promise<string> {
  await assertTargetsExist(trx, fields);
  return createRow(trx, 'affiliation', { contact_id: contactId, ...affiliationColumns(fields) });
}

function affiliationColumns(fields: ParsedAffiliation) {
  return {
    organisation_id: fields.organisationId,
    kommune_id: fields.kommuneId,
    title: fields.title,
    kind: fields.kind,
    from_date: fields.fromDate,
    to_date: fields.toDate,
  };
}

async function assertTargetsExist(trx: Transaction<Database>, fields: ParsedAffiliation): Promise<void> {
  if (fields.organisationId) {
    const found = await trx.selectFrom('organisation').select('id').where('id', '=', fields.organisationId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!found) throw new AppError('VALIDATION', 'Organisationen findes ikke.', [{ path: ['organisationId'], message: 'validation.unknownOrganisation' }]);
  }
  if (fields.kommuneId) {
    const found = await trx.selectFrom('kommune').select('id').where('id', '=', fields.kommuneId).executeTakeFirst();
    if (!found) throw new AppError('VALIDATION', 'Kommunen findes ikke.', [{ path: ['kommuneId'], message: 'validation.unknownKommune' }]);
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

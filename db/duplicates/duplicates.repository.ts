import { moveStyringsdialogerOnMerge, repointStyringsdialogContact } from '../styringsdialog/styringsdialog.repository';
import { parseStringList } from '../row';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DuplicateSuggestion, MergeSummary } from '../../common/domain';
import { AppError } from '../../common/result';
import { compareDanish } from '../../common/text-fold';
import { selectAffiliations } from '../contacts/affiliations.query';
import { describeRole } from '../contacts/contacts.repository';
import { findContactDuplicates, findOrganisationDuplicates } from './duplicates.finder';
import { derivedId } from '../ids';
import { deleteRow, ensureLink, updateRow, type Fields, type MutationContext } from '../mutations';
import { rawConnection } from '../safety/safe-rollback-dialect';
import type { Database } from '../schema';
import { nextClock } from '../sync/clock';
import type { MergeableTable } from '../sync/merge-forward';
import { resolveMerges } from '../sync/merges';

/**
 * "Flet": two records of the same person or organisation become one. The
 * survivor keeps its id and fields and gains the other's e-mails, phones and
 * notes; every reference to the other (roles, attendance, series members,
 * follow-ups, kommuner, series) is repointed; the other is tombstoned with a
 * pointer to the survivor. All as ordinary operations in one transaction and
 * with ONE clock, so the merge syncs like any edit and every installation can
 * tell its operations apart: a merge that loses to a concurrent one (the same
 * pair merged the other way round on another laptop) is void there and here
 * (db/sync/merges.ts). Edits made elsewhere to the merged-away record before
 * it heard of the merge count on the survivor (db/sync/merge-forward.ts).
 */
export interface MergeInput {
  readonly table: MergeableTable;
  readonly survivorId: string;
  readonly mergedId: string;
}

class DryRun extends Error {
  constructor(readonly summary: MergeSummary) {
    super('dry run');
  }
}

/** Merges, or with `dryRun` computes the summary the confirmation shows and changes nothing. */
export async function mergeRecords(db: Kysely<Database>, input: MergeInput, options: { readonly dryRun?: boolean } = {}): Promise<MergeSummary> {
  try {
    return await db.transaction().execute(async (trx) => {
      const clock = await nextClock(trx);
      const context: MutationContext = { clock };
      const summary = input.table === 'contact' ? await mergeContacts(trx, input.survivorId, input.mergedId, context) : await mergeOrganisations(trx, input.survivorId, input.mergedId, context);
      // The merge is in the registry (db/mutations.ts registered its pointer); which merges hold is decided again around it.
      resolveMerges(rawConnection(trx), [{ tbl: input.table, id: input.mergedId }]);
      if (options.dryRun) throw new DryRun(summary);
      return summary;
    });
  } catch (error) {
    if (error instanceof DryRun) return error.summary;
    throw error;
  }
}

async function livePair(trx: Transaction<Database>, table: MergeableTable, survivorId: string, mergedId: string) {
  if (survivorId === mergedId) throw new AppError('VALIDATION', 'En post kan ikke flettes med sig selv.');
  const rows = await trx.selectFrom(table).select(['id', 'name', 'notes', 'deleted_at']).where('id', 'in', [survivorId, mergedId]).execute();
  const survivor = rows.find((r) => r.id === survivorId);
  const merged = rows.find((r) => r.id === mergedId);
  const what = table === 'contact' ? 'Kontakten' : 'Organisationen';
  if (!survivor || !merged) throw new AppError('NOT_FOUND', `${what} findes ikke.`);
  if (survivor.deleted_at !== null || merged.deleted_at !== null) throw new AppError('VALIDATION', `${what} er slettet og kan ikke flettes. Gendan den først.`);
  return { survivor, merged };
}

function mergedNotes(survivor: string, merged: string, mergedName: string): string {
  const extra = merged.trim();
  if (!extra || survivor.includes(extra)) return survivor;
  return survivor.trim() ? `${survivor.trim()}\n\n— fra ${mergedName}:\n${extra}` : extra;
}

function unionJsonLists(a: string, b: string): string {
  const parse = (json: string) => {
    try {
      const list = JSON.parse(json) as unknown;
      return Array.isArray(list) ? list.filter((v): v is string => typeof v === 'string') : [];
    } catch {
      return [];
    }
  };
  return JSON.stringify([...new Set([...parse(a), ...parse(b)])]);
}

/** Per origin, the highest clock of the row's operations: what this merge has seen (merge-forward.ts). */
async function seenVector(trx: Transaction<Database>, table: MergeableTable, rowId: string): Promise<string> {
  const rows = await trx
    .selectFrom('sync_op')
    .select(['origin', (eb) => eb.fn.max('hlc').as('hlc')])
    .where('tbl', '=', table)
    .where('row_id', '=', rowId)
    .groupBy('origin')
    .orderBy('origin')
    .execute();
  return JSON.stringify(Object.fromEntries(rows.map((r) => [r.origin, r.hlc])));
}

async function tombstoneAsMerged(trx: Transaction<Database>, table: MergeableTable, mergedId: string, survivorId: string, context: MutationContext): Promise<void> {
  const seen = await seenVector(trx, table, mergedId);
  await updateRow(trx, table, mergedId, { merged_into: survivorId, merged_seen: seen }, context);
  await deleteRow(trx, table, mergedId, context);
}

async function mergeContacts(trx: Transaction<Database>, survivorId: string, mergedId: string, context: MutationContext): Promise<MergeSummary> {
  const { survivor, merged } = await livePair(trx, 'contact', survivorId, mergedId);
  const lists = await trx.selectFrom('contact').select(['id', 'emails', 'phones']).where('id', 'in', [survivorId, mergedId]).execute();
  const s = lists.find((r) => r.id === survivorId)!;
  const m = lists.find((r) => r.id === mergedId)!;
  await updateRow(trx, 'contact', survivorId, {
    emails: unionJsonLists(s.emails, m.emails),
    phones: unionJsonLists(s.phones, m.phones),
    notes: mergedNotes(survivor.notes, merged.notes, merged.name),
  }, context);

  const roles = await trx.selectFrom('affiliation').select('id').where('contact_id', '=', mergedId).where('deleted_at', 'is', null).execute();
  for (const role of roles) await updateRow(trx, 'affiliation', role.id, { contact_id: survivorId }, context);

  const seats = await trx.selectFrom('helhedsplan_role').select('id').where('contact_id', '=', mergedId).where('deleted_at', 'is', null).execute();
  for (const seat of seats) await updateRow(trx, 'helhedsplan_role', seat.id, { contact_id: survivorId }, context);

  const followUps = await trx.selectFrom('follow_up').select('id').where('owner_contact_id', '=', mergedId).where('deleted_at', 'is', null).execute();
  for (const followUp of followUps) await updateRow(trx, 'follow_up', followUp.id, { owner_contact_id: survivorId }, context);
  await repointStyringsdialogContact(trx, survivorId, mergedId, context);

  const attendance = await trx.selectFrom('attendance').selectAll().where('contact_id', '=', mergedId).where('deleted_at', 'is', null).execute();
  for (const row of attendance) {
    const id = derivedId('attendance', row.meeting_id, survivorId);
    const existing = await trx.selectFrom('attendance').selectAll().where('id', '=', id).executeTakeFirst();
    const survivorLive = existing && existing.deleted_at === null;
    await ensureLink(trx, 'attendance', id, { meeting_id: row.meeting_id, contact_id: survivorId, status: row.status, role: row.role }, context);
    // Both were on the list: the more informative answer wins ("deltog"/"afbud" over "inviteret"), and a role is kept.
    const status = survivorLive && existing.status !== 'inviteret' ? existing.status : row.status;
    const role = survivorLive && existing.role ? existing.role : row.role;
    await updateRow(trx, 'attendance', id, { status, role }, context);
    await deleteRow(trx, 'attendance', row.id, context);
  }

  const memberships = await moveLinks(trx, { table: 'meeting_series_member', column: 'contact_id', other: 'series_id' }, survivorId, mergedId, context);
  // Logged contacts (kontaktlog) with the merged person are the survivor's.
  await moveLinks(trx, { table: 'contact_log_contact', column: 'contact_id', other: 'log_id' }, survivorId, mergedId, context);

  await tombstoneAsMerged(trx, 'contact', mergedId, survivorId, context);
  return {
    table: 'contact',
    survivorId,
    survivorName: survivor.name,
    mergedId,
    mergedName: merged.name,
    roles: roles.length,
    followUps: followUps.length,
    attendance: attendance.length,
    seriesLinks: memberships,
    kommuner: 0,
  };
}

async function mergeOrganisations(trx: Transaction<Database>, survivorId: string, mergedId: string, context: MutationContext): Promise<MergeSummary> {
  const { survivor, merged } = await livePair(trx, 'organisation', survivorId, mergedId);
  await updateRow(trx, 'organisation', survivorId, { notes: mergedNotes(survivor.notes, merged.notes, merged.name) }, context);

  const kommuner = await moveLinks(trx, { table: 'organisation_kommune', column: 'organisation_id', other: 'kommune_id', recordFirst: true }, survivorId, mergedId, context);

  const roles = await trx.selectFrom('affiliation').select('id').where('organisation_id', '=', mergedId).where('deleted_at', 'is', null).execute();
  for (const role of roles) await updateRow(trx, 'affiliation', role.id, { organisation_id: survivorId }, context);

  const series = await moveLinks(trx, { table: 'meeting_series_organisation', column: 'organisation_id', other: 'series_id' }, survivorId, mergedId, context);

  const logged = await trx.selectFrom('contact_log').select('id').where('organisation_id', '=', mergedId).where('deleted_at', 'is', null).execute();
  for (const entry of logged) await updateRow(trx, 'contact_log', entry.id, { organisation_id: survivorId }, context);
  await moveLinks(trx, { table: 'aftale_organisation', column: 'organisation_id', other: 'aftale_id' }, survivorId, mergedId, context);
  await moveLinks(trx, { table: 'boligomraade_organisation', column: 'organisation_id', other: 'boligomraade_id' }, survivorId, mergedId, context);
  await moveStyringsdialogerOnMerge(trx, survivorId, mergedId, context);
  await moveLinks(trx, { table: 'helhedsplan_organisation', column: 'organisation_id', other: 'helhedsplan_id' }, survivorId, mergedId, context);

  await tombstoneAsMerged(trx, 'organisation', mergedId, survivorId, context);
  return {
    table: 'organisation',
    survivorId,
    survivorName: survivor.name,
    mergedId,
    mergedName: merged.name,
    roles: roles.length,
    followUps: 0,
    attendance: 0,
    seriesLinks: series,
    kommuner,
  };
}

type DuplicateRecord = DuplicateSuggestion['records'][number];

/** At most this many suggestions are listed at once; merging or dismissing brings up the next. */
const SUGGESTION_LIMIT = 200;

/** "Mulige dubletter": suggested pairs with what tells them apart, contacts first. */
export async function listDuplicateSuggestions(db: Kysely<Database>, table?: MergeableTable): Promise<DuplicateSuggestion[]> {
  const suggestions: DuplicateSuggestion[] = [];
  if (table !== 'organisation') {
    const pairs = (await findContactDuplicates(db)).slice(0, SUGGESTION_LIMIT);
    const records = await contactRecords(db, pairs.flatMap((p) => [p.a, p.b]));
    for (const p of pairs) suggestions.push({ table: 'contact', reasons: [...p.reasons], records: [records.get(p.a)!, records.get(p.b)!] });
  }
  if (table !== 'contact') {
    const pairs = (await findOrganisationDuplicates(db)).slice(0, SUGGESTION_LIMIT);
    const records = await organisationRecords(db, pairs.flatMap((p) => [p.a, p.b]));
    for (const p of pairs) suggestions.push({ table: 'organisation', reasons: [...p.reasons], records: [records.get(p.a)!, records.get(p.b)!] });
  }
  return suggestions.slice(0, SUGGESTION_LIMIT);
}

async function contactRecords(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, DuplicateRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('contact').select(['id', 'name', 'emails', 'phones', 'updated_at']).where('id', 'in', [...new Set(ids)]).execute();
  const roles = await selectAffiliations(db, (eb) => eb('affiliation.contact_id', 'in', [...new Set(ids)]));
  const rolesOf = new Map<string, string[]>();
  for (const role of roles) {
    if (!role.current) continue;
    rolesOf.set(role.contactId, [...(rolesOf.get(role.contactId) ?? []), describeRole(role)]);
  }
  return new Map(
    rows.map((r) => [r.id, { id: r.id, name: r.name, emails: parseStringList(r.emails), phones: parseStringList(r.phones), roles: rolesOf.get(r.id) ?? [], kind: null, kommuner: [], updatedAt: r.updated_at }]),
  );
}

async function organisationRecords(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, DuplicateRecord>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('organisation').select(['id', 'name', 'kind', 'updated_at']).where('id', 'in', [...new Set(ids)]).execute();
  const links = await db
    .selectFrom('organisation_kommune')
    .innerJoin('kommune', 'kommune.id', 'organisation_kommune.kommune_id')
    .select(['organisation_kommune.organisation_id', 'kommune.navn'])
    .where('organisation_kommune.organisation_id', 'in', [...new Set(ids)])
    .where('organisation_kommune.deleted_at', 'is', null)
    .execute();
  const kommunerOf = new Map<string, string[]>();
  for (const link of links) kommunerOf.set(link.organisation_id, [...(kommunerOf.get(link.organisation_id) ?? []), link.navn].sort(compareDanish));
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, emails: [], phones: [], roles: [], kind: r.kind, kommuner: kommunerOf.get(r.id) ?? [], updatedAt: r.updated_at }]));
}

/** A link table a merge moves: `column` names the merged record, `other` the row it links to. */
interface LinkMove {
  readonly table: 'meeting_series_member' | 'contact_log_contact' | 'organisation_kommune' | 'meeting_series_organisation' | 'aftale_organisation' | 'boligomraade_organisation' | 'helhedsplan_organisation';
  readonly column: string;
  readonly other: string;
  /** The link's id is derived from (record, other) rather than (other, record), as where the table's links are made. */
  readonly recordFirst?: boolean;
}

/**
 * Moves the merged record's live links to the survivor: the survivor's link is
 * made (or restored) under the id derived from the pair, as everywhere links
 * are written, so two laptops merging the same pair make the same row; the
 * merged record's link is deleted. Answers how many were moved.
 */
async function moveLinks(trx: Transaction<Database>, link: LinkMove, survivorId: string, mergedId: string, context: MutationContext): Promise<number> {
  const { rows } = await sql<{ id: string; other: string }>`SELECT id, ${sql.ref(link.other)} AS other FROM ${sql.table(link.table)}
    WHERE ${sql.ref(link.column)} = ${mergedId} AND deleted_at IS NULL`.execute(trx);
  for (const row of rows) {
    const id = link.recordFirst ? derivedId(link.table, survivorId, row.other) : derivedId(link.table, row.other, survivorId);
    // The fields are the two columns of this link table; the union of tables is too wide for Fields<T> to see it.
    await ensureLink(trx, link.table, id, { [link.column]: survivorId, [link.other]: row.other } as Fields<LinkMove['table']>, context);
    await deleteRow(trx, link.table, row.id, context);
  }
  return rows.length;
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { Organisation, OrganisationCreateInput, OrganisationDetail, OrganisationKind, OrganisationUpdateInput } from '../../common/domain';
import { AppError } from '../../common/result';
import { compareDanish, foldDanish } from '../../common/text-fold';
import { selectAffiliations } from '../contacts/affiliations.query';
import { derivedId } from '../ids';
import { createRow, deleteRow, ensureLink, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';
import type { OrganisationRow } from './organisation.table';

export interface OrganisationFilter {
  readonly query?: string;
  readonly kind?: OrganisationKind;
  readonly kommuneId?: string;
}

type ParsedCreate = Required<Pick<OrganisationCreateInput, 'name' | 'kind'>> & { notes: string; kommuneIds: string[] };
type ParsedUpdate = OrganisationUpdateInput;

function filteredOrganisations(db: Kysely<Database>, filter: OrganisationFilter) {
  let query = db.selectFrom('organisation').where('deleted_at', 'is', null);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.kommuneId) {
    const kommuneId = filter.kommuneId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('organisation_kommune').select('organisation_id').where('kommune_id', '=', kommuneId).where('deleted_at', 'is', null),
    );
  }
  const folded = foldDanish(filter.query ?? '');
  if (folded) query = query.where(sql`instr(dk_fold(name), ${folded})`, '>', 0);
  return query;
}

/** Live organisations, Danish order, with their linked kommuner (pickers and small lists). */
export async function listOrganisations(db: Kysely<Database>, filter: OrganisationFilter = {}): Promise<Organisation[]> {
  const rows = await filteredOrganisations(db, filter).selectAll().execute();
  const organisations = await withKommuner(db, rows);
  return organisations.sort((a, b) => compareDanish(a.name, b.name));
}

/**
 * One page of the Organisationer list with the total, in Danish order by
 * SQL through the `dk_sort(name)` index (migration 0009), ties broken by id.
 */
export async function pageOrganisations(db: Kysely<Database>, filter: OrganisationFilter, offset: number, limit: number): Promise<{ rows: Organisation[]; total: number }> {
  const [rows, count] = await Promise.all([
    filteredOrganisations(db, filter).selectAll().orderBy(sql`dk_sort(name)`).orderBy('id').limit(limit).offset(offset).execute(),
    filteredOrganisations(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows: await withKommuner(db, rows), total: Number(count.n) };
}

/** One organisation, deleted or not (the page offers undo), with roles held there. */
export async function getOrganisation(db: Kysely<Database>, id: string): Promise<OrganisationDetail> {
  const row = await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Organisationen findes ikke.');
  const [organisation] = await withKommuner(db, [row]);
  const roles = await selectAffiliations(db, (eb) => eb('affiliation.organisation_id', '=', id));
  return { ...organisation!, roles };
}

export async function createOrganisation(db: Kysely<Database>, input: ParsedCreate): Promise<Organisation> {
  const id = await db.transaction().execute((trx) => createOrganisationInTransaction(trx, input));
  return getOrganisation(db, id);
}

/** Creates an organisation (and its kommune links) inside a transaction the caller holds, e.g. a contact import's; returns its id. */
export async function createOrganisationInTransaction(trx: Transaction<Database>, input: ParsedCreate): Promise<string> {
  await assertKommunerExist(trx, input.kommuneIds);
  const newId = await createRow(trx, 'organisation', { name: input.name, kind: input.kind, notes: input.notes });
  await setKommuner(trx, newId, input.kommuneIds);
  return newId;
}

export async function updateOrganisation(db: Kysely<Database>, input: ParsedUpdate): Promise<Organisation> {
  await db.transaction().execute(async (trx) => {
    const exists = await trx.selectFrom('organisation').select('id').where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!exists) throw new AppError('NOT_FOUND', 'Organisationen findes ikke (længere).');
    await updateRow(trx, 'organisation', input.id, { name: input.name, kind: input.kind, notes: input.notes });
    if (input.kommuneIds) {
      await assertKommunerExist(trx, input.kommuneIds);
      await setKommuner(trx, input.id, input.kommuneIds);
    }
  });
  return getOrganisation(db, input.id);
}

/** Tombstones the organisation; its links and roles stay, so undo restores everything. */
export async function deleteOrganisation(db: Kysely<Database>, id: string): Promise<Organisation> {
  await db.transaction().execute((trx) => deleteRow(trx, 'organisation', id));
  return getOrganisation(db, id);
}

export async function restoreOrganisation(db: Kysely<Database>, id: string): Promise<Organisation> {
  await db.transaction().execute((trx) => restoreRow(trx, 'organisation', id));
  return getOrganisation(db, id);
}

async function setKommuner(trx: Transaction<Database>, organisationId: string, kommuneIds: readonly string[]): Promise<void> {
  const wanted = new Set(kommuneIds);
  const existing = await trx.selectFrom('organisation_kommune').select(['id', 'kommune_id', 'deleted_at']).where('organisation_id', '=', organisationId).execute();
  for (const link of existing) {
    if (link.deleted_at === null && !wanted.has(link.kommune_id)) await deleteRow(trx, 'organisation_kommune', link.id);
  }
  for (const kommuneId of wanted) {
    await ensureLink(trx, 'organisation_kommune', derivedId('organisation_kommune', organisationId, kommuneId), {
      organisation_id: organisationId,
      kommune_id: kommuneId,
    });
  }
}

async function assertKommunerExist(trx: Transaction<Database>, kommuneIds: readonly string[]): Promise<void> {
  if (kommuneIds.length === 0) return;
  const found = await trx.selectFrom('kommune').select('id').where('id', 'in', [...kommuneIds]).where('deleted_at', 'is', null).execute();
  if (found.length !== new Set(kommuneIds).size) {
    throw new AppError('VALIDATION', 'En af de valgte kommuner findes ikke.', [{ path: ['kommuneIds'], message: 'validation.unknownKommune' }]);
  }
}

async function withKommuner(db: Kysely<Database>, rows: readonly OrganisationRow[]): Promise<Organisation[]> {
  if (rows.length === 0) return [];
  const links = await db
    .selectFrom('organisation_kommune as ok')
    .innerJoin('kommune as k', 'k.id', 'ok.kommune_id')
    .where('ok.deleted_at', 'is', null)
    .where('ok.organisation_id', 'in', rows.map((r) => r.id))
    .select(['ok.organisation_id', 'k.id', 'k.kode', 'k.navn'])
    .execute();
  const byOrganisation = new Map<string, { id: string; kode: number; navn: string }[]>();
  for (const link of links) {
    const list = byOrganisation.get(link.organisation_id) ?? [];
    list.push({ id: link.id, kode: link.kode, navn: link.navn });
    byOrganisation.set(link.organisation_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    kind: r.kind,
    notes: r.notes,
    kommuner: (byOrganisation.get(r.id) ?? []).sort((a, b) => compareDanish(a.navn, b.navn)),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deletedAt: r.deleted_at,
  }));
}

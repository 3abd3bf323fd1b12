import { sql, type Kysely } from 'kysely';
import type { KommuneDetail, KommuneSetKredsInput, KommuneSummary, KommuneUpdateInput, Kreds, Region } from '../../common/domain';
import { AppError } from '../../common/result';
import { compareDanish, foldDanish } from '../../common/text-fold';
import { selectAffiliations, todayInDenmark } from '../contacts/affiliations.query';
import { updateRow } from '../mutations';
import type { Database } from '../schema';

export interface KommuneFilter {
  readonly query?: string;
  readonly regionId?: string;
  readonly kredsNumber?: number;
  /** When given, only kommuner in these kredse. */
  readonly kredse?: readonly number[];
  readonly id?: string;
}

export async function listRegions(db: Kysely<Database>): Promise<Region[]> {
  return db.selectFrom('region').where('deleted_at', 'is', null).select(['id', 'kode', 'navn']).orderBy('kode').execute();
}

export async function listKredse(db: Kysely<Database>): Promise<Kreds[]> {
  return db.selectFrom('kreds').where('deleted_at', 'is', null).select(['id', 'number', 'name']).orderBy('number').execute();
}

/**
 * The kommuner with counts of live organisations and of contacts holding a
 * current role there (directly or in a linked organisation), in Danish order.
 */
export async function listKommuner(db: Kysely<Database>, filter: KommuneFilter = {}, today = todayInDenmark()): Promise<KommuneSummary[]> {
  let query = db
    .selectFrom('kommune')
    .innerJoin('region', 'region.id', 'kommune.region_id')
    .leftJoin('kreds', 'kreds.id', 'kommune.kreds_id')
    .where('kommune.deleted_at', 'is', null)
    .select((eb) => [
      'kommune.id',
      'kommune.kode',
      'kommune.navn',
      'kommune.region_id',
      'region.navn as region_navn',
      'kommune.kreds_id',
      'kreds.number as kreds_number',
      eb
        .selectFrom('organisation_kommune as ok')
        .innerJoin('organisation as o', 'o.id', 'ok.organisation_id')
        .whereRef('ok.kommune_id', '=', 'kommune.id')
        .where('ok.deleted_at', 'is', null)
        .where('o.deleted_at', 'is', null)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('organisation_count'),
      sql<number>`(SELECT count(DISTINCT a.contact_id) FROM affiliation a JOIN contact c ON c.id = a.contact_id
        WHERE a.deleted_at IS NULL AND c.deleted_at IS NULL
          AND (a.from_date IS NULL OR a.from_date <= ${today}) AND (a.to_date IS NULL OR a.to_date >= ${today})
          AND (a.kommune_id = kommune.id OR a.organisation_id IN (
            SELECT ok.organisation_id FROM organisation_kommune ok JOIN organisation o ON o.id = ok.organisation_id
            WHERE ok.kommune_id = kommune.id AND ok.deleted_at IS NULL AND o.deleted_at IS NULL)))`.as('contact_count'),
    ]);
  if (filter.id) query = query.where('kommune.id', '=', filter.id);
  if (filter.regionId) query = query.where('kommune.region_id', '=', filter.regionId);
  if (filter.kredsNumber !== undefined) query = query.where('kreds.number', '=', filter.kredsNumber);
  if (filter.kredse) query = query.where('kreds.number', 'in', filter.kredse.length > 0 ? [...filter.kredse] : [-1]);
  const folded = foldDanish(filter.query ?? '');
  if (folded) {
    query = query.where((eb) =>
      eb.or([eb(sql`instr(dk_fold(kommune.navn), ${folded})`, '>', 0), eb(sql`CAST(kommune.kode AS TEXT)`, '=', folded)]),
    );
  }
  const rows = await query.execute();
  return rows
    .map((r) => ({
      id: r.id,
      kode: r.kode,
      navn: r.navn,
      regionId: r.region_id,
      regionNavn: r.region_navn,
      kredsId: r.kreds_id,
      kredsNumber: r.kreds_number,
      organisationCount: Number(r.organisation_count ?? 0),
      contactCount: Number(r.contact_count ?? 0),
    }))
    .sort((a, b) => compareDanish(a.navn, b.navn));
}

export async function getKommune(db: Kysely<Database>, id: string): Promise<KommuneDetail> {
  const [summary] = await listKommuner(db, { id });
  if (!summary) throw new AppError('NOT_FOUND', 'Kommunen findes ikke.');
  const row = await db.selectFrom('kommune').where('id', '=', id).select('notes').executeTakeFirstOrThrow();
  const organisations = await db
    .selectFrom('organisation_kommune as ok')
    .innerJoin('organisation as o', 'o.id', 'ok.organisation_id')
    .where('ok.kommune_id', '=', id)
    .where('ok.deleted_at', 'is', null)
    .where('o.deleted_at', 'is', null)
    .select(['o.id', 'o.name', 'o.kind'])
    .execute();
  const organisationIds = organisations.map((o) => o.id);
  const roles = await selectAffiliations(db, (eb) =>
    organisationIds.length > 0
      ? eb.or([eb('affiliation.kommune_id', '=', id), eb('affiliation.organisation_id', 'in', organisationIds)])
      : eb('affiliation.kommune_id', '=', id),
  );
  return { ...summary, notes: row.notes, organisations: organisations.sort((a, b) => compareDanish(a.name, b.name)), roles };
}

async function assertKreds(db: Kysely<Database>, kredsId: string): Promise<void> {
  const kreds = await db.selectFrom('kreds').where('id', '=', kredsId).where('deleted_at', 'is', null).select('id').executeTakeFirst();
  if (!kreds) throw new AppError('VALIDATION', 'Kredsen findes ikke.', [{ path: ['kredsId'], message: 'validation.unknownKreds' }]);
}

/**
 * "Sæt kreds…" on several kommuner at once: one transaction, and one
 * operation (kreds_id) per kommune whose kreds actually changes, so it syncs
 * like editing each kommune and is undone by setting the old kreds back.
 * Returns how many kommuner changed.
 *
 * @example await setKommunerKreds(db, { ids: [odenseId, svendborgId], kredsId: kreds3Id });
 */
export async function setKommunerKreds(db: Kysely<Database>, input: KommuneSetKredsInput): Promise<{ changed: number }> {
  return db.transaction().execute(async (trx) => {
    if (input.kredsId) await assertKreds(trx, input.kredsId);
    let changed = 0;
    for (const id of new Set(input.ids)) if ((await updateRow(trx, 'kommune', id, { kreds_id: input.kredsId })).changed) changed++;
    return { changed };
  });
}

/** Kreds assignment and notes are the editable parts of a kommune. */
export async function updateKommune(db: Kysely<Database>, input: KommuneUpdateInput): Promise<KommuneDetail> {
  await db.transaction().execute(async (trx) => {
    if (input.kredsId) await assertKreds(trx, input.kredsId);
    await updateRow(trx, 'kommune', input.id, { kreds_id: input.kredsId, notes: input.notes });
  });
  return getKommune(db, input.id);
}

import { sql, type Kysely, type Transaction } from 'kysely';
import type { KommuneDetail, KommuneSetKredsInput, KommuneSummary, KommuneUpdateInput, Kreds, Region } from '../../common/domain';
import { AppError } from '../../common/result';
import { compareDanish, foldDanish } from '../../common/text-fold';
import { selectAffiliations, todayInDenmark } from '../contacts/affiliations.query';
import { derivedId } from '../ids';
import { createRow, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';
import { kredsIdOn, REFERENCE_START, regionIdOn } from './kommune-dated.query';

export interface KommuneFilter {
  readonly query?: string;
  readonly regionId?: string;
  readonly kredsNumber?: number;
  /** When given, only kommuner in these kredse. */
  readonly kredse?: readonly number[];
  readonly id?: string;
}

/** The regions that exist on `day` (5 until 2026-12-31, 4 from 2027-01-01). */
export async function listRegions(db: Kysely<Database>, day = todayInDenmark()): Promise<Region[]> {
  return db
    .selectFrom('region')
    .where('deleted_at', 'is', null)
    .where((eb) => eb.and([eb.or([eb('valid_from', 'is', null), eb('valid_from', '<=', day)]), eb.or([eb('valid_to', 'is', null), eb('valid_to', '>=', day)])]))
    .select(['id', 'kode', 'navn'])
    .orderBy('kode')
    .execute();
}

export async function listKredse(db: Kysely<Database>): Promise<Kreds[]> {
  return db.selectFrom('kreds').where('deleted_at', 'is', null).select(['id', 'number', 'name']).orderBy('number').execute();
}

/**
 * The kommuner with counts of live organisations and of contacts holding a
 * current role there (directly or in a linked organisation), in Danish order.
 * Region and kreds are those of `today` (migration 0019: both are dated).
 */
export async function listKommuner(db: Kysely<Database>, filter: KommuneFilter = {}, today = todayInDenmark()): Promise<KommuneSummary[]> {
  let query = db
    .selectFrom((eb) =>
      eb
        .selectFrom('kommune')
        .where('kommune.deleted_at', 'is', null)
        .select(['kommune.id', 'kommune.kode', 'kommune.navn', 'kommune.notes', regionIdOn('kommune', today).as('region_id'), kredsIdOn('kommune', today).as('kreds_id')])
        .as('kommune'),
    )
    .innerJoin('region', 'region.id', 'kommune.region_id')
    .leftJoin('kreds', 'kreds.id', 'kommune.kreds_id')
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

export async function getKommune(db: Kysely<Database>, id: string, today = todayInDenmark()): Promise<KommuneDetail> {
  const [summary] = await listKommuner(db, { id }, today);
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
  const { regionPeriods, kredsPeriods } = await datedMembership(db, id);
  return { ...summary, notes: row.notes, organisations: organisations.sort((a, b) => compareDanish(a.name, b.name)), roles, regionPeriods, kredsPeriods };
}

/** The live dated regions of the kommuner (`kr`), each with its region: one kommune's page and the lists' lookup below read them. */
const liveRegionPeriods = (db: Kysely<Database>) => db.selectFrom('kommune_region_period as kr').innerJoin('region', 'region.id', 'kr.region_id').where('kr.deleted_at', 'is', null);

/** A kommune's dated regions and kredse, oldest first (the kreds list is empty while the kommune has no dated kreds). */
export async function datedMembership(db: Kysely<Database>, kommuneId: string) {
  const regionPeriods = await liveRegionPeriods(db)
    .where('kr.kommune_id', '=', kommuneId)
    .select(['kr.valid_from as validFrom', 'region.id as regionId', 'region.navn as regionNavn'])
    .orderBy('kr.valid_from')
    .execute();
  const kredsPeriods = await db
    .selectFrom('kommune_kreds_period as kk')
    .leftJoin('kreds', 'kreds.id', 'kk.kreds_id')
    .where('kk.kommune_id', '=', kommuneId)
    .where('kk.deleted_at', 'is', null)
    .select(['kk.valid_from as validFrom', 'kk.kreds_id as kredsId', 'kreds.number as kredsNumber'])
    .orderBy('kk.valid_from')
    .execute();
  return { regionPeriods, kredsPeriods };
}

/**
 * For lists of many dated rows (a spreadsheet of meetings): every kommune's
 * dated regions read once, answered in memory — the same rule as regionIdOn.
 */
export async function regionNamesByDay(db: Kysely<Database>): Promise<(kommuneId: string, day: string) => string | null> {
  const rows = await liveRegionPeriods(db).select(['kr.kommune_id', 'kr.valid_from', 'region.navn']).orderBy('kr.valid_from', 'desc').execute();
  const byKommune = new Map<string, { validFrom: string; navn: string }[]>();
  for (const r of rows) byKommune.set(r.kommune_id, [...(byKommune.get(r.kommune_id) ?? []), { validFrom: r.valid_from, navn: r.navn }]);
  return (kommuneId, day) => byKommune.get(kommuneId)?.find((p) => p.validFrom <= day)?.navn ?? null;
}

/** The region a kommune belongs to on `day` (a meeting's date, or today): id and name. */
export async function regionOn(db: Kysely<Database>, kommuneId: string, day: string): Promise<Region | undefined> {
  return db
    .selectFrom('kommune')
    .innerJoin('region', (join) => join.on('region.id', '=', regionIdOn('kommune', day)))
    .where('kommune.id', '=', kommuneId)
    .select(['region.id', 'region.kode', 'region.navn'])
    .executeTakeFirst();
}

async function assertKreds(db: Kysely<Database>, kredsId: string): Promise<void> {
  const kreds = await db.selectFrom('kreds').where('id', '=', kredsId).where('deleted_at', 'is', null).select('id').executeTakeFirst();
  if (!kreds) throw new AppError('VALIDATION', 'Kredsen findes ikke.', [{ path: ['kredsId'], message: 'validation.unknownKreds' }]);
}

/**
 * "Sæt kreds…" on several kommuner at once, from `today` on (kreds membership
 * is dated, migration 0019): one transaction; per kommune whose kreds on
 * `today` actually changes, the dated row (kommune, today) — created, or set
 * again when the kreds is changed twice the same day — and the kommune's
 * current `kreds_id` (which installations before 0019 read). The first time a
 * kommune gets a dated kreds, its earlier kreds is kept as the row from 2007,
 * so earlier days still answer with it. All through db/mutations.ts, so it
 * syncs; ids are derived from (kommune, day), so two laptops that set a kreds
 * the same day make one row. Returns how many kommuner changed.
 *
 * @example await setKommunerKreds(db, { ids: [odenseId, svendborgId], kredsId: kreds3Id });
 */
export async function setKommunerKreds(db: Kysely<Database>, input: KommuneSetKredsInput, today = todayInDenmark()): Promise<{ changed: number }> {
  return db.transaction().execute(async (trx) => {
    if (input.kredsId) await assertKreds(trx, input.kredsId);
    let changed = 0;
    for (const id of new Set(input.ids)) if (await setKredsFrom(trx, id, input.kredsId, today)) changed++;
    return { changed };
  });
}

async function setKredsFrom(trx: Transaction<Database>, kommuneId: string, kredsId: string | null, day: string): Promise<boolean> {
  const kommune = await trx
    .selectFrom('kommune')
    .where('id', '=', kommuneId)
    .where('deleted_at', 'is', null)
    .select(['kreds_id', kredsIdOn('kommune', day).as('kreds_on_day')])
    .executeTakeFirst();
  if (!kommune) throw new AppError('NOT_FOUND', 'Kommunen findes ikke.');
  if (kommune.kreds_on_day === kredsId) return false;
  const dated = await trx.selectFrom('kommune_kreds_period').where('kommune_id', '=', kommuneId).where('deleted_at', 'is', null).select('id').executeTakeFirst();
  if (!dated && day > REFERENCE_START) await putDatedKreds(trx, kommuneId, REFERENCE_START, kommune.kreds_id);
  await putDatedKreds(trx, kommuneId, day, kredsId);
  await updateRow(trx, 'kommune', kommuneId, { kreds_id: kredsId });
  return true;
}

async function putDatedKreds(trx: Transaction<Database>, kommuneId: string, validFrom: string, kredsId: string | null): Promise<void> {
  const id = derivedId('kommune_kreds_period', kommuneId, validFrom);
  const existing = await trx.selectFrom('kommune_kreds_period').where('id', '=', id).select('deleted_at').executeTakeFirst();
  if (!existing) {
    await createRow(trx, 'kommune_kreds_period', { kommune_id: kommuneId, valid_from: validFrom, kreds_id: kredsId }, { id });
    return;
  }
  if (existing.deleted_at !== null) await restoreRow(trx, 'kommune_kreds_period', id);
  await updateRow(trx, 'kommune_kreds_period', id, { kreds_id: kredsId });
}

/** Kreds assignment (from today, as Sæt kreds) and notes are the editable parts of a kommune. */
export async function updateKommune(db: Kysely<Database>, input: KommuneUpdateInput, today = todayInDenmark()): Promise<KommuneDetail> {
  await db.transaction().execute(async (trx) => {
    if (input.kredsId) await assertKreds(trx, input.kredsId);
    if (input.kredsId !== undefined) await setKredsFrom(trx, input.id, input.kredsId, today);
    if (input.notes !== undefined) await updateRow(trx, 'kommune', input.id, { notes: input.notes });
  });
  return getKommune(db, input.id, today);
}

import { sql, type ExpressionBuilder, type Kysely, type Nullable, type SqlBool, type Transaction } from 'kysely';
import {
  boligomraadeCategories,
  boligomraadeCreateInputSchema,
  gravestCategory,
  type Boligomraade,
  type BoligomraadeCategory,
  type BoligomraadeCreateInput,
  type BoligomraadeListInput,
  type BoligomraadePage,
  type BoligomraadeSetStatusInput,
  type BoligomraadeUpdateInput,
  type KommuneStatus,
  type ListChange,
  type ListComparison,
} from '../../common/boligomraader.domain';
import { AppError } from '../../common/result';
import { foldDanish } from '../../common/text-fold';
import { derivedId } from '../ids';
import { assertKommuneAndOrganisations } from '../references';
import { createRow, deleteRow, ensureLink, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';
import type { BoligomraadeTable } from './boligomraade.table';

/**
 * Boligområder (issue 17): plain functions over `boligomraade`, its
 * organisations (`boligomraade_organisation`) and its place on the ministry's
 * lists per year (`boligomraade_status`), every write through db/mutations.ts.
 * Status rows and organisation links have derived ids, so the same list
 * imported on two laptops makes the same rows.
 */

type Db = Kysely<Database> | Transaction<Database>;

function baseQuery(db: Db) {
  return db
    .selectFrom('boligomraade as b')
    .leftJoin('kommune', 'kommune.id', 'b.kommune_id')
    .select([
      'b.id',
      'b.name',
      'b.kommune_id',
      'kommune.navn as kommune_navn',
      'b.notes',
      sql<string | null>`(SELECT json_group_array(json_object('id', o.id, 'name', o.name)) FROM boligomraade_organisation l JOIN organisation o ON o.id = l.organisation_id
        WHERE l.boligomraade_id = b.id AND l.deleted_at IS NULL AND o.deleted_at IS NULL)`.as('organisations_json'),
      sql<string | null>`(SELECT json_group_array(json_array(s.year, s.category)) FROM boligomraade_status s WHERE s.boligomraade_id = b.id AND s.deleted_at IS NULL)`.as('statuses_json'),
    ]);
}

type BoligomraadeRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

const isCategory = (v: unknown): v is BoligomraadeCategory => typeof v === 'string' && (boligomraadeCategories as readonly string[]).includes(v);

/** Categories in their canonical order (the order of the lists). */
const ordered = (categories: Iterable<BoligomraadeCategory>): BoligomraadeCategory[] => {
  const set = new Set(categories);
  return boligomraadeCategories.filter((c) => set.has(c));
};

function parseJson(json: string | null): unknown[] {
  if (!json) return [];
  try {
    const value = JSON.parse(json) as unknown;
    return Array.isArray(value) ? value : [];
  } catch {
    return [];
  }
}

/** THE row ↔ model mapper of a boligområde. Adding a column? Also add it here, in baseQuery and in db/sync/field-schemas.ts. */
function toBoligomraade(r: BoligomraadeRow, year: number | null): Boligomraade {
  const byYear = new Map<number, BoligomraadeCategory[]>();
  for (const entry of parseJson(r.statuses_json)) {
    if (!Array.isArray(entry)) continue;
    const [y, c] = entry as unknown[];
    if (typeof y === 'number' && isCategory(c)) byYear.set(y, [...(byYear.get(y) ?? []), c]);
  }
  const history = [...byYear.entries()].sort(([a], [b]) => b - a).map(([y, categories]) => ({ year: y, categories: ordered(categories) }));
  return {
    id: r.id,
    name: r.name,
    kommuneId: r.kommune_id,
    kommuneNavn: r.kommune_navn,
    notes: r.notes,
    organisations: parseJson(r.organisations_json)
      .filter((o): o is { id: string; name: string } => typeof o === 'object' && o !== null && 'id' in o && 'name' in o)
      .sort((a, b) => a.name.localeCompare(b.name, 'da')),
    history,
    categories: year === null ? [] : (history.find((h) => h.year === year)?.categories ?? []),
  };
}

/** The list years Kredsbog holds, newest first. */
export async function listYears(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('boligomraade_status').select('year').distinct().where('deleted_at', 'is', null).orderBy('year', 'desc').execute();
  return rows.map((r) => r.year);
}

type ListScope = Omit<Database, 'kommune'> & { b: BoligomraadeTable; kommune: Nullable<Database['kommune']> };

function liveConditions(input: BoligomraadeListInput, year: number | null) {
  return (eb: ExpressionBuilder<ListScope, 'b' | 'kommune'>) => {
    const conditions = [eb('b.deleted_at', 'is', null)];
    if (input.kommuneId) conditions.push(eb('b.kommune_id', '=', input.kommuneId));
    if (input.organisationId) {
      conditions.push(
        eb.exists(eb.selectFrom('boligomraade_organisation as l').select('l.id').whereRef('l.boligomraade_id', '=', 'b.id').where('l.organisation_id', '=', input.organisationId).where('l.deleted_at', 'is', null)),
      );
    }
    if (input.category || input.onlyListed) {
      let status = eb.selectFrom('boligomraade_status as s').select('s.id').whereRef('s.boligomraade_id', '=', 'b.id').where('s.deleted_at', 'is', null).where('s.year', '=', year ?? -1);
      if (input.category) status = status.where('s.category', '=', input.category);
      conditions.push(eb.exists(status));
    }
    for (const word of foldDanish(input.query ?? '').split(/\s+/).filter(Boolean)) {
      conditions.push(
        eb.or([
          eb(sql`instr(dk_fold(b.name), ${word})`, '>', 0),
          eb(sql`instr(dk_fold(coalesce(kommune.navn, '')), ${word})`, '>', 0),
          sql<SqlBool>`EXISTS (SELECT 1 FROM boligomraade_organisation l JOIN organisation o ON o.id = l.organisation_id
            WHERE l.boligomraade_id = b.id AND l.deleted_at IS NULL AND instr(dk_fold(o.name), ${word}) > 0)`,
        ]),
      );
    }
    return eb.and(conditions);
  };
}

/**
 * The Boligområder list: filtered and paged in SQL, in Danish order of name,
 * each with its categories of `year` (default: the newest list year).
 *
 * @example await listBoligomraader(db, { year: 2025, category: 'parallelsamfund' })
 */
export async function listBoligomraader(db: Db, input: BoligomraadeListInput = {}): Promise<BoligomraadePage> {
  const years = await listYears(db);
  const year = input.year ?? years[0] ?? null;
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 100;
  const rows = await baseQuery(db).where(liveConditions(input, year)).orderBy(sql`dk_sort(b.name)`).orderBy('b.id').limit(limit).offset(offset).execute();
  const total = await db
    .selectFrom('boligomraade as b')
    .leftJoin('kommune', 'kommune.id', 'b.kommune_id')
    .where(liveConditions(input, year))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map((r) => toBoligomraade(r, year)), total: Number(total.n), year, years };
}

export async function getBoligomraade(db: Db, id: string): Promise<Boligomraade> {
  const row = await baseQuery(db).where('b.id', '=', id).where('b.deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Boligområdet findes ikke.');
  // Its categories on the newest lists: an area that left them is "not on the lists", not its last year's.
  const [newest] = await listYears(db);
  return toBoligomraade(row, newest ?? null);
}

/** Makes the live organisation links exactly `wanted` (derived ids: linking twice, or on two laptops, is one row). */
async function setOrganisations(trx: Transaction<Database>, areaId: string, wanted: readonly string[]): Promise<void> {
  const wantedSet = new Set(wanted);
  const existing = await trx.selectFrom('boligomraade_organisation').select(['id', 'organisation_id', 'deleted_at']).where('boligomraade_id', '=', areaId).execute();
  for (const link of existing) if (link.deleted_at === null && !wantedSet.has(link.organisation_id)) await deleteRow(trx, 'boligomraade_organisation', link.id);
  for (const organisationId of wantedSet) {
    await ensureLink(trx, 'boligomraade_organisation', derivedId('boligomraade_organisation', areaId, organisationId), { boligomraade_id: areaId, organisation_id: organisationId });
  }
}

/**
 * Makes the area's live categories of `year` exactly `wanted` (derived ids per
 * area, year and category). Returns how many rows were added and removed.
 */
export async function setYearCategories(trx: Transaction<Database>, areaId: string, year: number, wanted: readonly BoligomraadeCategory[]): Promise<{ added: number; removed: number }> {
  const wantedSet = new Set(wanted);
  const existing = await trx.selectFrom('boligomraade_status').select(['id', 'category', 'deleted_at']).where('boligomraade_id', '=', areaId).where('year', '=', year).execute();
  let added = 0;
  let removed = 0;
  for (const row of existing) {
    if (row.deleted_at === null && !wantedSet.has(row.category)) {
      await deleteRow(trx, 'boligomraade_status', row.id);
      removed++;
    }
  }
  for (const category of wantedSet) {
    const live = existing.some((r) => r.category === category && r.deleted_at === null);
    if (live) continue;
    await ensureLink(trx, 'boligomraade_status', derivedId('boligomraade_status', areaId, year, category), { boligomraade_id: areaId, year, category });
    added++;
  }
  return { added, removed };
}

/**
 * Creates a boligområde with its organisations.
 *
 * @example await createBoligomraade(db, { name: 'Gellerupparken/Toveshøj', kommuneId: aarhusId })
 */
export async function createBoligomraade(db: Kysely<Database>, input: BoligomraadeCreateInput, options: { readonly id?: string } = {}): Promise<Boligomraade> {
  const parsed = boligomraadeCreateInputSchema.parse(input);
  const id = await db.transaction().execute(async (trx) => {
    await assertKommuneAndOrganisations(trx, parsed.kommuneId, parsed.organisationIds);
    const created = await createRow(trx, 'boligomraade', { name: parsed.name, kommune_id: parsed.kommuneId, notes: parsed.notes }, { id: options.id });
    await setOrganisations(trx, created, parsed.organisationIds);
    return created;
  });
  return getBoligomraade(db, id);
}

/** Autosave: changes the named fields (and the organisations, when given). */
export async function updateBoligomraade(db: Kysely<Database>, input: BoligomraadeUpdateInput): Promise<Boligomraade> {
  await db.transaction().execute(async (trx) => {
    const { id, organisationIds, name, kommuneId, notes } = input;
    const current = await trx.selectFrom('boligomraade').where('id', '=', id).where('deleted_at', 'is', null).select('id').executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'Boligområdet findes ikke (længere).');
    await assertKommuneAndOrganisations(trx, kommuneId, organisationIds);
    const columns: Partial<Pick<BoligomraadeTable, 'name' | 'kommune_id' | 'notes'>> = {};
    if (name !== undefined) columns.name = name;
    if (kommuneId !== undefined) columns.kommune_id = kommuneId;
    if (notes !== undefined) columns.notes = notes;
    await updateRow(trx, 'boligomraade', id, columns);
    if (organisationIds !== undefined) await setOrganisations(trx, id, organisationIds);
  });
  return getBoligomraade(db, input.id);
}

/** Sets the area's categories of one year by hand. */
export async function setBoligomraadeStatus(db: Kysely<Database>, input: BoligomraadeSetStatusInput): Promise<Boligomraade> {
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('boligomraade').where('id', '=', input.id).where('deleted_at', 'is', null).select('id').executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'Boligområdet findes ikke (længere).');
    await setYearCategories(trx, input.id, input.year, input.categories);
  });
  return getBoligomraade(db, input.id);
}

export async function deleteBoligomraade(db: Kysely<Database>, id: string): Promise<void> {
  await db.transaction().execute((trx) => deleteRow(trx, 'boligomraade', id));
}

export async function restoreBoligomraade(db: Kysely<Database>, id: string): Promise<Boligomraade> {
  await db.transaction().execute((trx) => restoreRow(trx, 'boligomraade', id));
  return getBoligomraade(db, id);
}

/** Live areas' categories of one year, by area id. */
export async function categoriesOfYear(db: Db, year: number): Promise<Map<string, BoligomraadeCategory[]>> {
  const rows = await db
    .selectFrom('boligomraade_status as s')
    .innerJoin('boligomraade as b', 'b.id', 's.boligomraade_id')
    .select(['s.boligomraade_id', 's.category'])
    .where('s.year', '=', year)
    .where('s.deleted_at', 'is', null)
    .where('b.deleted_at', 'is', null)
    .execute();
  const map = new Map<string, BoligomraadeCategory[]>();
  for (const r of rows) map.set(r.boligomraade_id, ordered([...(map.get(r.boligomraade_id) ?? []), r.category]));
  return map;
}

/** The newest list year before `year` that holds any status, or null. */
export async function previousListYear(db: Db, year: number): Promise<number | null> {
  const row = await db.selectFrom('boligomraade_status').select((eb) => eb.fn.max('year').as('y')).where('year', '<', year).where('deleted_at', 'is', null).executeTakeFirst();
  return row?.y ?? null;
}

const sameCategories = (a: readonly BoligomraadeCategory[], b: readonly BoligomraadeCategory[]) => a.length === b.length && a.every((c, i) => b[i] === c);

/** One area's place before and after (the input of describeChanges). */
export interface AreaTransition {
  readonly boligomraadeId: string | null;
  readonly name: string;
  readonly kommuneId: string | null;
  readonly before: readonly BoligomraadeCategory[];
  readonly after: readonly BoligomraadeCategory[];
}

export function changeKindOf(before: readonly BoligomraadeCategory[], after: readonly BoligomraadeCategory[]): ListChange['kind'] {
  if (before.length === 0) return 'new';
  if (after.length === 0) return 'off';
  return sameCategories(ordered(before), ordered(after)) ? 'unchanged' : 'moved';
}

/**
 * What a set of transitions means: each change with its kommune and
 * organisations, and the kommuner, organisations and live meeting series the
 * changes (not the unchanged) touch — a series touches when it is in one of
 * those kommuner or has one of those organisations. Gravest first, then by name.
 */
export async function describeChanges(db: Db, year: number, previousYear: number | null, transitions: readonly AreaTransition[]): Promise<ListComparison> {
  const areaIds = transitions.map((t) => t.boligomraadeId).filter((id): id is string => id !== null);
  const kommuneIds = [...new Set(transitions.map((t) => t.kommuneId).filter((id): id is string => id !== null))];
  const kommuneRows = kommuneIds.length ? await db.selectFrom('kommune').select(['id', 'navn']).where('id', 'in', kommuneIds).execute() : [];
  const kommuneNavn = new Map(kommuneRows.map((k) => [k.id, k.navn]));
  const links = areaIds.length
    ? await db
        .selectFrom('boligomraade_organisation as l')
        .innerJoin('organisation as o', 'o.id', 'l.organisation_id')
        .select(['l.boligomraade_id', 'o.id', 'o.name'])
        .where('l.boligomraade_id', 'in', areaIds)
        .where('l.deleted_at', 'is', null)
        .where('o.deleted_at', 'is', null)
        .orderBy(sql`dk_sort(o.name)`)
        .execute()
    : [];
  const organisationsOf = new Map<string, { id: string; name: string }[]>();
  for (const l of links) organisationsOf.set(l.boligomraade_id, [...(organisationsOf.get(l.boligomraade_id) ?? []), { id: l.id, name: l.name }]);

  const severity = (c: readonly BoligomraadeCategory[]) => {
    const g = gravestCategory(c);
    return g ? boligomraadeCategories.length - boligomraadeCategories.indexOf(g) : 0;
  };
  const changes: ListChange[] = transitions
    .map((t) => ({
      kind: changeKindOf(t.before, t.after),
      boligomraadeId: t.boligomraadeId,
      name: t.name,
      kommuneId: t.kommuneId,
      kommuneNavn: t.kommuneId ? (kommuneNavn.get(t.kommuneId) ?? null) : null,
      before: ordered(t.before),
      after: ordered(t.after),
      organisations: t.boligomraadeId ? (organisationsOf.get(t.boligomraadeId) ?? []) : [],
    }))
    .sort((a, b) => listChangeOrder.indexOf(a.kind) - listChangeOrder.indexOf(b.kind) || Math.max(severity(b.after), severity(b.before)) - Math.max(severity(a.after), severity(a.before)) || a.name.localeCompare(b.name, 'da'));

  const changed = changes.filter((c) => c.kind !== 'unchanged');
  const touchedKommuner = [...new Map(changed.filter((c) => c.kommuneId && c.kommuneNavn).map((c) => [c.kommuneId!, { id: c.kommuneId!, navn: c.kommuneNavn! }])).values()].sort((a, b) => a.navn.localeCompare(b.navn, 'da'));
  const touchedOrganisations = [...new Map(changed.flatMap((c) => c.organisations).map((o) => [o.id, o])).values()].sort((a, b) => a.name.localeCompare(b.name, 'da'));
  const kIds = touchedKommuner.map((k) => k.id);
  const oIds = touchedOrganisations.map((o) => o.id);
  const series =
    kIds.length || oIds.length
      ? await db
          .selectFrom('meeting_series as s')
          .leftJoin('kommune as k', 'k.id', 's.kommune_id')
          .select(['s.id', 's.title', 'k.navn as kommune_navn'])
          .where('s.deleted_at', 'is', null)
          .where('s.archived', '=', 0)
          .where((eb) =>
            eb.or([
              eb('s.kommune_id', 'in', kIds.length ? kIds : ['']),
              eb.exists(eb.selectFrom('meeting_series_organisation as so').select('so.id').whereRef('so.series_id', '=', 's.id').where('so.deleted_at', 'is', null).where('so.organisation_id', 'in', oIds.length ? oIds : [''])),
            ]),
          )
          .orderBy(sql`dk_sort(s.title)`)
          .limit(200)
          .execute()
      : [];
  const count = (kind: ListChange['kind']) => changes.filter((c) => c.kind === kind).length;
  return {
    year,
    previousYear,
    changes,
    counts: { new: count('new'), moved: count('moved'), off: count('off'), unchanged: count('unchanged') },
    kommuner: touchedKommuner,
    organisations: touchedOrganisations,
    series: series.map((s) => ({ id: s.id, title: s.title, kommuneNavn: s.kommune_navn })),
  };
}

const listChangeOrder: readonly ListChange['kind'][] = ['new', 'moved', 'off', 'unchanged'];

/**
 * What the lists of `year` changed since the list year before it, from what
 * Kredsbog holds; optionally only in some kommuner (a kommune hub, my kredse).
 *
 * @example await compareListYears(db, 2026, { kommuneIds: [koegeId] })
 */
export async function compareListYears(db: Db, year: number, scope: { readonly kommuneIds?: readonly string[] } = {}): Promise<ListComparison> {
  const previousYear = await previousListYear(db, year);
  const after = await categoriesOfYear(db, year);
  const before = previousYear === null ? new Map<string, BoligomraadeCategory[]>() : await categoriesOfYear(db, previousYear);
  const ids = [...new Set([...after.keys(), ...before.keys()])];
  const areas = ids.length ? await db.selectFrom('boligomraade').select(['id', 'name', 'kommune_id']).where('id', 'in', ids).execute() : [];
  const wanted = scope.kommuneIds ? new Set(scope.kommuneIds) : null;
  const transitions = areas
    .filter((a) => !wanted || (a.kommune_id !== null && wanted.has(a.kommune_id)))
    .map((a) => ({ boligomraadeId: a.id, name: a.name, kommuneId: a.kommune_id, before: before.get(a.id) ?? [], after: after.get(a.id) ?? [] }));
  return describeChanges(db, year, previousYear, transitions);
}

/**
 * Each kommune with an area on a list of `year`, coloured by its gravest
 * category (the Danmarkskort layer).
 */
export async function kommuneStatuses(db: Db, year: number): Promise<KommuneStatus[]> {
  const rows = await db
    .selectFrom('boligomraade_status as s')
    .innerJoin('boligomraade as b', 'b.id', 's.boligomraade_id')
    .innerJoin('kommune as k', 'k.id', 'b.kommune_id')
    .select(['k.id', 'k.kode', 's.category', 's.boligomraade_id'])
    .where('s.year', '=', year)
    .where('s.deleted_at', 'is', null)
    .where('b.deleted_at', 'is', null)
    .execute();
  const byKommune = new Map<string, { kode: number; categories: BoligomraadeCategory[]; areas: Set<string> }>();
  for (const r of rows) {
    const entry = byKommune.get(r.id) ?? { kode: r.kode, categories: [], areas: new Set<string>() };
    entry.categories.push(r.category);
    entry.areas.add(r.boligomraade_id);
    byKommune.set(r.id, entry);
  }
  return [...byKommune.entries()].map(([kommuneId, e]) => ({ kommuneId, kode: e.kode, category: gravestCategory(e.categories)!, areas: e.areas.size }));
}

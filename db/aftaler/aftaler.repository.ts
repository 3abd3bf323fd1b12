import { sql, type ExpressionBuilder, type Kysely, type Nullable, type SqlBool, type Transaction } from 'kysely';
import {
  aftaleCreateInputSchema,
  storedAftaleGoalsSchema,
  type Aftale,
  type AftaleCreateInput,
  type AftaleDeadline,
  type AftaleDeadlineKind,
  type AftaleListInput,
  type AftalePage,
  type AftaleUpdateInput,
} from '../../common/aftaler.domain';
import type { SaveAck } from '../../common/meetings.domain';
import { AppError } from '../../common/result';
import { foldDanish } from '../../common/text-fold';
import { todayInDenmark } from '../contacts/affiliations.query';
import { derivedId } from '../ids';
import { createRow, deleteRow, ensureLink, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';
import type { AftaleTable } from './aftale.table';

/**
 * Aftaler (issue 17): plain functions over `aftale` and its party links
 * `aftale_organisation`, every write through db/mutations.ts. Goals and
 * document names are JSON lists in one field each: an aftale's goals are
 * edited together in one form, so last-writer-wins on the whole list is what
 * a user expects (two laptops editing different goals of the same aftale at
 * once keep the later list, and the earlier one is shown as a conflict).
 */

/** Aftaler that no longer ask for action: their dates are not deadlines. */
const closedStatuses = ['udloebet', 'opsagt'] as const;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('aftale as a')
    .leftJoin('kommune', 'kommune.id', 'a.kommune_id')
    .select([
      'a.id',
      'a.kind',
      'a.title',
      'a.status',
      'a.kommune_id',
      'kommune.navn as kommune_navn',
      'a.from_date',
      'a.to_date',
      'a.evaluation_date',
      'a.renegotiation_date',
      'a.bilag_review_date',
      'a.goals',
      'a.documents',
      'a.notes',
      sql<string | null>`(SELECT json_group_array(json_object('id', o.id, 'name', o.name)) FROM aftale_organisation l JOIN organisation o ON o.id = l.organisation_id
        WHERE l.aftale_id = a.id AND l.deleted_at IS NULL AND o.deleted_at IS NULL)`.as('organisations_json'),
    ]);
}

type AftaleRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function parseList<T>(json: string | null, parse: (value: unknown) => T[] | undefined): T[] {
  if (!json) return [];
  try {
    return parse(JSON.parse(json)) ?? [];
  } catch {
    return [];
  }
}

/** The dates of an aftale that ask for action, by kind. */
function deadlinesOf(r: Pick<AftaleRow, 'evaluation_date' | 'renegotiation_date' | 'bilag_review_date' | 'to_date'>): { kind: AftaleDeadlineKind; date: string }[] {
  const all: { kind: AftaleDeadlineKind; date: string | null }[] = [
    { kind: 'evaluation', date: r.evaluation_date },
    { kind: 'renegotiation', date: r.renegotiation_date },
    { kind: 'bilagReview', date: r.bilag_review_date },
    { kind: 'expiry', date: r.to_date },
  ];
  return all.filter((d): d is { kind: AftaleDeadlineKind; date: string } => d.date !== null);
}

/** THE row ↔ model mapper of an aftale. Adding a column? Also add it here, in baseQuery and in db/sync/field-schemas.ts. */
function toAftale(r: AftaleRow, today: string): Aftale {
  const upcoming = (closedStatuses as readonly string[]).includes(r.status)
    ? []
    : deadlinesOf(r)
        .filter((d) => d.date >= today)
        .sort((a, b) => a.date.localeCompare(b.date));
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    status: r.status,
    kommuneId: r.kommune_id,
    kommuneNavn: r.kommune_navn,
    organisations: parseList(r.organisations_json, (v) => (Array.isArray(v) ? (v as { id: string; name: string }[]) : undefined)).sort((a, b) => a.name.localeCompare(b.name, 'da')),
    fromDate: r.from_date,
    toDate: r.to_date,
    evaluationDate: r.evaluation_date,
    renegotiationDate: r.renegotiation_date,
    bilagReviewDate: r.bilag_review_date,
    goals: parseList(r.goals, (v) => storedAftaleGoalsSchema.safeParse(v).data),
    documents: parseList(r.documents, (v) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined)),
    notes: r.notes,
    nextDeadline: upcoming[0] ?? null,
  };
}

type ListScope = Omit<Database, 'kommune'> & { a: AftaleTable; kommune: Nullable<Database['kommune']> };

function liveConditions(input: AftaleListInput) {
  return (eb: ExpressionBuilder<ListScope, 'a' | 'kommune'>) => {
    const conditions = [eb('a.deleted_at', 'is', null)];
    if (input.kommuneId) conditions.push(eb('a.kommune_id', '=', input.kommuneId));
    if (input.kind) conditions.push(eb('a.kind', '=', input.kind));
    if (input.status) conditions.push(eb('a.status', '=', input.status));
    if (input.organisationId) {
      conditions.push(eb.exists(eb.selectFrom('aftale_organisation as l').select('l.id').whereRef('l.aftale_id', '=', 'a.id').where('l.organisation_id', '=', input.organisationId).where('l.deleted_at', 'is', null)));
    }
    for (const word of foldDanish(input.query ?? '').split(/\s+/).filter(Boolean)) {
      conditions.push(
        eb.or([
          eb(sql`instr(dk_fold(a.title), ${word})`, '>', 0),
          eb(sql`instr(dk_fold(coalesce(kommune.navn, '')), ${word})`, '>', 0),
          sql<SqlBool>`EXISTS (SELECT 1 FROM aftale_organisation l JOIN organisation o ON o.id = l.organisation_id
            WHERE l.aftale_id = a.id AND l.deleted_at IS NULL AND instr(dk_fold(o.name), ${word}) > 0)`,
        ]),
      );
    }
    return eb.and(conditions);
  };
}

/**
 * The Aftaler list: filtered and paged in SQL, in Danish order of title.
 *
 * @example await listAftaler(db, { kommuneId: koegeId, limit: 50 })
 */
export async function listAftaler(db: Kysely<Database>, input: AftaleListInput = {}, today = todayInDenmark()): Promise<AftalePage> {
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 100;
  const rows = await baseQuery(db).where(liveConditions(input)).orderBy(sql`dk_sort(a.title)`).orderBy('a.id').limit(limit).offset(offset).execute();
  const total = await db
    .selectFrom('aftale as a')
    .leftJoin('kommune', 'kommune.id', 'a.kommune_id')
    .where(liveConditions(input))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map((r) => toAftale(r, today)), total: Number(total.n) };
}

export async function getAftale(db: Kysely<Database>, id: string, today = todayInDenmark()): Promise<Aftale> {
  const row = await baseQuery(db).where('a.id', '=', id).where('a.deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Aftalen findes ikke.');
  return toAftale(row, today);
}

async function assertReferences(trx: Transaction<Database>, kommuneId: string | null | undefined, organisationIds: readonly string[] | undefined): Promise<void> {
  if (kommuneId) {
    const found = await trx.selectFrom('kommune').where('id', '=', kommuneId).where('deleted_at', 'is', null).select('id').executeTakeFirst();
    if (!found) throw new AppError('VALIDATION', 'Kommunen findes ikke.', [{ path: ['kommuneId'], message: 'validation.unknownKommune' }]);
  }
  if (organisationIds && organisationIds.length > 0) {
    const wanted = [...new Set(organisationIds)];
    const found = await trx.selectFrom('organisation').where('id', 'in', wanted).where('deleted_at', 'is', null).select('id').execute();
    if (found.length !== wanted.length) throw new AppError('VALIDATION', 'En af de valgte organisationer findes ikke.', [{ path: ['organisationIds'], message: 'validation.unknownOrganisation' }]);
  }
}

/** Makes the live party links exactly `wanted` (derived ids: linking twice, or on two laptops, is one row). */
async function setParties(trx: Transaction<Database>, aftaleId: string, wanted: readonly string[]): Promise<void> {
  const wantedSet = new Set(wanted);
  const existing = await trx.selectFrom('aftale_organisation').select(['id', 'organisation_id', 'deleted_at']).where('aftale_id', '=', aftaleId).execute();
  for (const link of existing) if (link.deleted_at === null && !wantedSet.has(link.organisation_id)) await deleteRow(trx, 'aftale_organisation', link.id);
  for (const organisationId of wantedSet) {
    await ensureLink(trx, 'aftale_organisation', derivedId('aftale_organisation', aftaleId, organisationId), { aftale_id: aftaleId, organisation_id: organisationId });
  }
}

type Columns = Partial<Omit<AftaleTable, 'id' | 'created_at' | 'updated_at' | 'deleted_at'>>;

function columnsOf(input: Omit<AftaleUpdateInput, 'id'>): Columns {
  const columns: Columns = {};
  if (input.kind !== undefined) columns.kind = input.kind;
  if (input.title !== undefined) columns.title = input.title;
  if (input.status !== undefined) columns.status = input.status;
  if (input.kommuneId !== undefined) columns.kommune_id = input.kommuneId;
  if (input.fromDate !== undefined) columns.from_date = input.fromDate;
  if (input.toDate !== undefined) columns.to_date = input.toDate;
  if (input.evaluationDate !== undefined) columns.evaluation_date = input.evaluationDate;
  if (input.renegotiationDate !== undefined) columns.renegotiation_date = input.renegotiationDate;
  if (input.bilagReviewDate !== undefined) columns.bilag_review_date = input.bilagReviewDate;
  if (input.goals !== undefined) columns.goals = JSON.stringify(input.goals);
  if (input.documents !== undefined) columns.documents = JSON.stringify(input.documents);
  if (input.notes !== undefined) columns.notes = input.notes;
  return columns;
}

/**
 * Creates an aftale with its parties.
 *
 * @example await createAftale(db, { kind: 'udlejningsaftale', title: 'Udlejningsaftale 2026–29', kommuneId: koegeId })
 */
export async function createAftale(db: Kysely<Database>, input: AftaleCreateInput, options: { readonly id?: string; readonly now?: () => string } = {}): Promise<Aftale> {
  const parsed = aftaleCreateInputSchema.parse(input);
  const id = await db.transaction().execute(async (trx) => {
    await assertReferences(trx, parsed.kommuneId, parsed.organisationIds);
    const { organisationIds, ...rest } = parsed;
    const columns = columnsOf(rest);
    const created = await createRow(
      trx,
      'aftale',
      {
        kind: parsed.kind,
        title: parsed.title,
        status: parsed.status,
        kommune_id: parsed.kommuneId,
        from_date: parsed.fromDate,
        to_date: parsed.toDate,
        evaluation_date: parsed.evaluationDate,
        renegotiation_date: parsed.renegotiationDate,
        bilag_review_date: parsed.bilagReviewDate,
        goals: columns.goals ?? '[]',
        documents: columns.documents ?? '[]',
        notes: parsed.notes,
      },
      { id: options.id, now: options.now },
    );
    await setParties(trx, created, organisationIds);
    return created;
  });
  return getAftale(db, id);
}

/** Autosave: changes the named fields (and the parties, when given). */
/** The aftale page's autosave: the changed fields in one transaction, answered with the row's stamp (no second read of the aftale). */
export async function saveAftale(db: Kysely<Database>, input: AftaleUpdateInput): Promise<SaveAck> {
  return db.transaction().execute(async (trx) => {
    const { id, organisationIds, ...rest } = input;
    const current = await trx.selectFrom('aftale').where('id', '=', id).where('deleted_at', 'is', null).select(['from_date', 'to_date']).executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'Aftalen findes ikke (længere).');
    const from = rest.fromDate !== undefined ? rest.fromDate : current.from_date;
    const to = rest.toDate !== undefined ? rest.toDate : current.to_date;
    if (from && to && from > to) throw new AppError('VALIDATION', '"Til" skal ligge efter "Fra".', [{ path: ['toDate'], message: 'validation.dateOrder' }]);
    await assertReferences(trx, rest.kommuneId, organisationIds);
    const outcome = await updateRow(trx, 'aftale', id, columnsOf(rest));
    if (organisationIds !== undefined) await setParties(trx, id, organisationIds);
    return { id, updatedAt: outcome.updatedAt };
  });
}

/** saveAftale, then the aftale as it now reads (the CLI and tests). */
export async function updateAftale(db: Kysely<Database>, input: AftaleUpdateInput): Promise<Aftale> {
  await saveAftale(db, input);
  return getAftale(db, input.id);
}

export async function deleteAftale(db: Kysely<Database>, id: string): Promise<void> {
  await db.transaction().execute((trx) => deleteRow(trx, 'aftale', id));
}

export async function restoreAftale(db: Kysely<Database>, id: string): Promise<Aftale> {
  await db.transaction().execute((trx) => restoreRow(trx, 'aftale', id));
  return getAftale(db, id);
}

/**
 * The dates of live, not expired or terminated aftaler in [from, to] that ask
 * for action (evaluation, renegotiation, bilag review, expiry), soonest first;
 * optionally only those of some kommuner (Overblik: my kredse).
 */
export async function aftaleDeadlines(db: Kysely<Database>, range: { readonly from: string; readonly to: string; readonly kommuneIds?: readonly string[]; readonly aftaleId?: string }): Promise<AftaleDeadline[]> {
  let query = db
    .selectFrom('aftale as a')
    .leftJoin('kommune', 'kommune.id', 'a.kommune_id')
    .where('a.deleted_at', 'is', null)
    .where('a.status', 'not in', [...closedStatuses])
    .where((eb) =>
      eb.or(
        (['evaluation_date', 'renegotiation_date', 'bilag_review_date', 'to_date'] as const).map((column) => eb.and([eb(`a.${column}`, '>=', range.from), eb(`a.${column}`, '<=', range.to)])),
      ),
    )
    .select(['a.id', 'a.title', 'kommune.navn as kommune_navn', 'a.evaluation_date', 'a.renegotiation_date', 'a.bilag_review_date', 'a.to_date']);
  if (range.kommuneIds) query = query.where('a.kommune_id', 'in', range.kommuneIds.length > 0 ? [...range.kommuneIds] : ['']);
  if (range.aftaleId) query = query.where('a.id', '=', range.aftaleId);
  const rows = await query.execute();
  return rows
    .flatMap((r) =>
      deadlinesOf(r)
        .filter((d) => d.date >= range.from && d.date <= range.to)
        .map((d) => ({ aftaleId: r.id, title: r.title, kommuneNavn: r.kommune_navn, kind: d.kind, date: d.date })),
    )
    .sort((a, b) => a.date.localeCompare(b.date) || a.title.localeCompare(b.title, 'da'));
}

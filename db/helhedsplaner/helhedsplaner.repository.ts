import { sql, type ExpressionBuilder, type Kysely, type Nullable, type SqlBool, type Transaction } from 'kysely';
import {
  helhedsplanCreateInputSchema,
  helhedsplanDeadlineInputSchema,
  helhedsplanRoleInputSchema,
  helhedsplanSummarySchema,
  indsatsomraadeCreateInputSchema,
  type Helhedsplan,
  type HelhedsplanCreateInput,
  type HelhedsplanDeadline,
  type HelhedsplanDeadlineInput,
  type HelhedsplanDeadlineUpdateInput,
  type HelhedsplanDue,
  type HelhedsplanListInput,
  type HelhedsplanPage,
  type HelhedsplanRole,
  type HelhedsplanRoleInput,
  type HelhedsplanRoleUpdateInput,
  type HelhedsplanSummary,
  type HelhedsplanUpdateInput,
  type Indsatsomraade,
  type IndsatsomraadeCreateInput,
  type IndsatsomraadeUpdateInput,
} from '../../common/helhedsplaner.domain';
import { AppError } from '../../common/result';
import { foldDanish } from '../../common/text-fold';
import { todayInDenmark } from '../contacts/affiliations.query';
import { derivedId } from '../ids';
import { createRow, deleteRow, ensureLink, restoreRow, updateRow } from '../mutations';
import type { Database } from '../schema';
import type { HelhedsplanTable, IndsatsomraadeTable } from './helhedsplan.table';

/**
 * Boligsociale helhedsplaner (issue 17): plain functions over `helhedsplan`,
 * its links (organisations, boligområder, indsatsområder, meeting series; ids
 * derived from the pair), its dated roles and its reporting deadlines, and the
 * editable indsatsområder. Every write goes through db/mutations.ts.
 */

// ── Indsatsområder ──────────────────────────────────────────────────────────

function toIndsatsomraade(r: Pick<IndsatsomraadeTable, 'id' | 'name' | 'frame' | 'valid_from' | 'valid_to' | 'retired'>): Indsatsomraade {
  return { id: r.id, name: r.name, frame: r.frame, validFrom: r.valid_from, validTo: r.valid_to, retired: r.retired === 1 };
}

/** The indsatsområder, newest frame first, then by name; retired ones only when asked. */
export async function listIndsatsomraader(db: Kysely<Database>, options: { readonly includeRetired?: boolean } = {}): Promise<Indsatsomraade[]> {
  let query = db.selectFrom('indsatsomraade').select(['id', 'name', 'frame', 'valid_from', 'valid_to', 'retired']).where('deleted_at', 'is', null);
  if (!options.includeRetired) query = query.where('retired', '=', 0);
  const rows = await query.orderBy(sql`coalesce(valid_from, '')`, 'desc').orderBy(sql`dk_sort(name)`).orderBy('id').execute();
  return rows.map(toIndsatsomraade);
}

/** Adds an indsatsområde (a new frame's areas are data, not code). */
export async function createIndsatsomraade(db: Kysely<Database>, input: IndsatsomraadeCreateInput): Promise<Indsatsomraade> {
  const parsed = indsatsomraadeCreateInputSchema.parse(input);
  const id = await db.transaction().execute((trx) =>
    createRow(trx, 'indsatsomraade', { name: parsed.name, frame: parsed.frame, valid_from: parsed.validFrom, valid_to: parsed.validTo, retired: 0 }),
  );
  return getIndsatsomraade(db, id);
}

async function getIndsatsomraade(db: Kysely<Database>, id: string): Promise<Indsatsomraade> {
  const row = await db.selectFrom('indsatsomraade').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Indsatsområdet findes ikke.');
  return toIndsatsomraade(row);
}

/** Renames, re-dates or retires (and brings back) an indsatsområde. */
export async function updateIndsatsomraade(db: Kysely<Database>, input: IndsatsomraadeUpdateInput): Promise<Indsatsomraade> {
  await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('indsatsomraade').select(['valid_from', 'valid_to']).where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'Indsatsområdet findes ikke.');
    const from = input.validFrom !== undefined ? input.validFrom : current.valid_from;
    const to = input.validTo !== undefined ? input.validTo : current.valid_to;
    if (from && to && from > to) throw new AppError('VALIDATION', '"Til" skal ligge efter "Fra".', [{ path: ['validTo'], message: 'validation.dateOrder' }]);
    const changes: Partial<Omit<IndsatsomraadeTable, 'id' | 'created_at' | 'updated_at' | 'deleted_at'>> = {};
    if (input.name !== undefined) changes.name = input.name;
    if (input.frame !== undefined) changes.frame = input.frame;
    if (input.validFrom !== undefined) changes.valid_from = input.validFrom;
    if (input.validTo !== undefined) changes.valid_to = input.validTo;
    if (input.retired !== undefined) changes.retired = input.retired ? 1 : 0;
    await updateRow(trx, 'indsatsomraade', input.id, changes);
  });
  return getIndsatsomraade(db, input.id);
}

// ── Helhedsplaner ───────────────────────────────────────────────────────────

const linkJson = (table: string, column: string, target: string, nameColumn: string) =>
  sql<string | null>`(SELECT json_group_array(json_object('id', x.id, 'name', x.${sql.raw(nameColumn)})) FROM ${sql.raw(table)} l JOIN ${sql.raw(target)} x ON x.id = l.${sql.raw(column)}
    WHERE l.helhedsplan_id = h.id AND l.deleted_at IS NULL AND x.deleted_at IS NULL)`;

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('helhedsplan as h')
    .leftJoin('kommune', 'kommune.id', 'h.kommune_id')
    .select([
      'h.id',
      'h.name',
      'h.status',
      'h.kommune_id',
      'kommune.navn as kommune_navn',
      'h.from_date',
      'h.to_date',
      'h.journal_number',
      'h.notes',
      linkJson('helhedsplan_organisation', 'organisation_id', 'organisation', 'name').as('organisations_json'),
      linkJson('helhedsplan_boligomraade', 'boligomraade_id', 'boligomraade', 'name').as('boligomraader_json'),
      linkJson('helhedsplan_indsatsomraade', 'indsatsomraade_id', 'indsatsomraade', 'name').as('indsatsomraader_json'),
      sql<string | null>`(SELECT json_object('kind', d.kind, 'title', d.title, 'date', d.due_date) FROM helhedsplan_deadline d
        WHERE d.helhedsplan_id = h.id AND d.deleted_at IS NULL AND d.done_date IS NULL ORDER BY d.due_date, d.id LIMIT 1)`.as('next_deadline_json'),
    ]);
}

type HelhedsplanRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function namedList(json: string | null): { id: string; name: string }[] {
  if (!json) return [];
  try {
    const parsed = JSON.parse(json) as unknown;
    if (!Array.isArray(parsed)) return [];
    return parsed
      .filter((v): v is { id: string; name: string } => typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string' && typeof (v as { name?: unknown }).name === 'string')
      .sort((a, b) => a.name.localeCompare(b.name, 'da'));
  } catch {
    return [];
  }
}

function nextDeadlineOf(json: string | null): HelhedsplanSummary['nextDeadline'] {
  if (!json) return null;
  try {
    const parsed = helhedsplanSummarySchema.shape.nextDeadline.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** THE row ↔ model mapper of a helhedsplan (summary). Adding a column? Also add it here, in baseQuery and in db/sync/field-schemas.ts. */
function toSummary(r: HelhedsplanRow): HelhedsplanSummary {
  return {
    id: r.id,
    name: r.name,
    status: r.status,
    kommuneId: r.kommune_id,
    kommuneNavn: r.kommune_navn,
    fromDate: r.from_date,
    toDate: r.to_date,
    journalNumber: r.journal_number,
    organisations: namedList(r.organisations_json),
    boligomraader: namedList(r.boligomraader_json),
    indsatsomraader: namedList(r.indsatsomraader_json),
    nextDeadline: nextDeadlineOf(r.next_deadline_json),
  };
}

type ListScope = Omit<Database, 'kommune'> & { h: HelhedsplanTable; kommune: Nullable<Database['kommune']> };

function liveConditions(input: HelhedsplanListInput) {
  return (eb: ExpressionBuilder<ListScope, 'h' | 'kommune'>) => {
    const conditions = [eb('h.deleted_at', 'is', null)];
    if (input.kommuneId) conditions.push(eb('h.kommune_id', '=', input.kommuneId));
    if (input.status) conditions.push(eb('h.status', '=', input.status));
    if (input.organisationId) {
      conditions.push(
        eb.exists(eb.selectFrom('helhedsplan_organisation as l').select('l.id').whereRef('l.helhedsplan_id', '=', 'h.id').where('l.organisation_id', '=', input.organisationId).where('l.deleted_at', 'is', null)),
      );
    }
    if (input.boligomraadeId) {
      conditions.push(
        eb.exists(eb.selectFrom('helhedsplan_boligomraade as l').select('l.id').whereRef('l.helhedsplan_id', '=', 'h.id').where('l.boligomraade_id', '=', input.boligomraadeId).where('l.deleted_at', 'is', null)),
      );
    }
    for (const word of foldDanish(input.query ?? '').split(/\s+/).filter(Boolean)) {
      conditions.push(
        eb.or([
          eb(sql`instr(dk_fold(h.name), ${word})`, '>', 0),
          eb(sql`instr(dk_fold(h.journal_number), ${word})`, '>', 0),
          eb(sql`instr(dk_fold(coalesce(kommune.navn, '')), ${word})`, '>', 0),
          sql<SqlBool>`EXISTS (SELECT 1 FROM helhedsplan_organisation l JOIN organisation o ON o.id = l.organisation_id
            WHERE l.helhedsplan_id = h.id AND l.deleted_at IS NULL AND instr(dk_fold(o.name), ${word}) > 0)`,
          sql<SqlBool>`EXISTS (SELECT 1 FROM helhedsplan_boligomraade l JOIN boligomraade b ON b.id = l.boligomraade_id
            WHERE l.helhedsplan_id = h.id AND l.deleted_at IS NULL AND instr(dk_fold(b.name), ${word}) > 0)`,
        ]),
      );
    }
    return eb.and(conditions);
  };
}

/**
 * The Helhedsplaner list: filtered and paged in SQL, in Danish order of name.
 *
 * @example await listHelhedsplaner(db, { kommuneId: koegeId })
 */
export async function listHelhedsplaner(db: Kysely<Database>, input: HelhedsplanListInput = {}): Promise<HelhedsplanPage> {
  const offset = input.offset ?? 0;
  const limit = input.limit ?? 100;
  const rows = await baseQuery(db).where(liveConditions(input)).orderBy(sql`dk_sort(h.name)`).orderBy('h.id').limit(limit).offset(offset).execute();
  const total = await db
    .selectFrom('helhedsplan as h')
    .leftJoin('kommune', 'kommune.id', 'h.kommune_id')
    .where(liveConditions(input))
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return { items: rows.map(toSummary), total: Number(total.n) };
}

const isCurrent = (from: string | null, to: string | null, today: string) => (from === null || from <= today) && (to === null || to >= today);

/** A helhedsplan with its series, roles (current first, by body) and deadlines (by due date). */
export async function getHelhedsplan(db: Kysely<Database>, id: string, today = todayInDenmark()): Promise<Helhedsplan> {
  const row = await baseQuery(db).where('h.id', '=', id).where('h.deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Helhedsplanen findes ikke.');
  const [series, roles, deadlines] = await Promise.all([
    db
      .selectFrom('helhedsplan_series as l')
      .innerJoin('meeting_series as s', 's.id', 'l.series_id')
      .select(['s.id', 's.title'])
      .where('l.helhedsplan_id', '=', id)
      .where('l.deleted_at', 'is', null)
      .where('s.deleted_at', 'is', null)
      .orderBy(sql`dk_sort(s.title)`)
      .execute(),
    rolesOf(db, (q) => q.where('r.helhedsplan_id', '=', id), today),
    db.selectFrom('helhedsplan_deadline').selectAll().where('helhedsplan_id', '=', id).where('deleted_at', 'is', null).orderBy('due_date').orderBy('id').execute(),
  ]);
  return {
    ...toSummary(row),
    notes: row.notes,
    series,
    roles,
    deadlines: deadlines.map((d): HelhedsplanDeadline => ({ id: d.id, kind: d.kind, title: d.title, dueDate: d.due_date, doneDate: d.done_date })),
  };
}

const bodyOrder = { bestyrelse: 0, styregruppe: 1, foelgegruppe: 2, projektleder: 3 } as const;

type RoleQuery = ReturnType<typeof roleQuery>;
function roleQuery(db: Kysely<Database>) {
  return db
    .selectFrom('helhedsplan_role as r')
    .innerJoin('contact as c', 'c.id', 'r.contact_id')
    .select(['r.id', 'r.contact_id', 'c.name as contact_name', 'r.body', 'r.title', 'r.from_date', 'r.to_date', 'r.helhedsplan_id'])
    .where('r.deleted_at', 'is', null)
    .where('c.deleted_at', 'is', null);
}

async function rolesOf(db: Kysely<Database>, where: (q: RoleQuery) => RoleQuery, today: string): Promise<HelhedsplanRole[]> {
  const rows = await where(roleQuery(db)).execute();
  return rows
    .map((r) => ({ id: r.id, contactId: r.contact_id, contactName: r.contact_name, body: r.body, title: r.title, fromDate: r.from_date, toDate: r.to_date, current: isCurrent(r.from_date, r.to_date, today) }))
    .sort((a, b) => Number(b.current) - Number(a.current) || bodyOrder[a.body] - bodyOrder[b.body] || a.contactName.localeCompare(b.contactName, 'da') || a.id.localeCompare(b.id));
}

async function assertLive(trx: Transaction<Database>, table: 'kommune' | 'organisation' | 'boligomraade' | 'indsatsomraade' | 'meeting_series', ids: readonly string[] | undefined, message: string, path: string): Promise<void> {
  if (!ids || ids.length === 0) return;
  const wanted = [...new Set(ids)];
  const found = await trx.selectFrom(table).where('id', 'in', wanted).where('deleted_at', 'is', null).select('id').execute();
  if (found.length !== wanted.length) throw new AppError('VALIDATION', message, [{ path: [path], message: 'validation.unknownReference' }]);
}

async function assertReferences(trx: Transaction<Database>, input: Omit<HelhedsplanUpdateInput, 'id'>): Promise<void> {
  if (input.kommuneId) await assertLive(trx, 'kommune', [input.kommuneId], 'Kommunen findes ikke.', 'kommuneId');
  await assertLive(trx, 'organisation', input.organisationIds, 'En af de valgte organisationer findes ikke.', 'organisationIds');
  await assertLive(trx, 'boligomraade', input.boligomraadeIds, 'Et af de valgte boligområder findes ikke.', 'boligomraadeIds');
  await assertLive(trx, 'indsatsomraade', input.indsatsomraadeIds, 'Et af de valgte indsatsområder findes ikke.', 'indsatsomraadeIds');
  await assertLive(trx, 'meeting_series', input.seriesIds, 'En af de valgte mødeserier findes ikke.', 'seriesIds');
}

const links = {
  organisationIds: { table: 'helhedsplan_organisation', column: 'organisation_id' },
  boligomraadeIds: { table: 'helhedsplan_boligomraade', column: 'boligomraade_id' },
  indsatsomraadeIds: { table: 'helhedsplan_indsatsomraade', column: 'indsatsomraade_id' },
  seriesIds: { table: 'helhedsplan_series', column: 'series_id' },
} as const;
type LinkKey = keyof typeof links;

/** Makes the live links of one kind exactly `wanted` (derived ids: linking twice, or on two laptops, is one row). */
async function setLinks(trx: Transaction<Database>, helhedsplanId: string, key: LinkKey, wanted: readonly string[]): Promise<void> {
  const { table, column } = links[key];
  const wantedSet = new Set(wanted);
  const existing = await sql<{ id: string; other: string; deleted_at: string | null }>`SELECT id, ${sql.ref(column)} AS other, deleted_at FROM ${sql.table(table)} WHERE helhedsplan_id = ${helhedsplanId}`.execute(trx);
  for (const link of existing.rows) if (link.deleted_at === null && !wantedSet.has(link.other)) await deleteRow(trx, table, link.id);
  for (const other of wantedSet) {
    const id = derivedId(table, helhedsplanId, other);
    switch (key) {
      case 'organisationIds':
        await ensureLink(trx, 'helhedsplan_organisation', id, { helhedsplan_id: helhedsplanId, organisation_id: other });
        break;
      case 'boligomraadeIds':
        await ensureLink(trx, 'helhedsplan_boligomraade', id, { helhedsplan_id: helhedsplanId, boligomraade_id: other });
        break;
      case 'indsatsomraadeIds':
        await ensureLink(trx, 'helhedsplan_indsatsomraade', id, { helhedsplan_id: helhedsplanId, indsatsomraade_id: other });
        break;
      case 'seriesIds':
        await ensureLink(trx, 'helhedsplan_series', id, { helhedsplan_id: helhedsplanId, series_id: other });
        break;
    }
  }
}

type Columns = Partial<Omit<HelhedsplanTable, 'id' | 'created_at' | 'updated_at' | 'deleted_at'>>;

function columnsOf(input: Omit<HelhedsplanUpdateInput, 'id'>): Columns {
  const columns: Columns = {};
  if (input.name !== undefined) columns.name = input.name;
  if (input.status !== undefined) columns.status = input.status;
  if (input.kommuneId !== undefined) columns.kommune_id = input.kommuneId;
  if (input.fromDate !== undefined) columns.from_date = input.fromDate;
  if (input.toDate !== undefined) columns.to_date = input.toDate;
  if (input.journalNumber !== undefined) columns.journal_number = input.journalNumber;
  if (input.notes !== undefined) columns.notes = input.notes;
  return columns;
}

/**
 * Creates a helhedsplan with its links.
 *
 * @example await createHelhedsplan(db, { name: 'Helhedsplan Ølby 2023–2026', kommuneId: koegeId, fromDate: '2023-01-01', toDate: '2026-12-31' })
 */
export async function createHelhedsplan(db: Kysely<Database>, input: HelhedsplanCreateInput, options: { readonly id?: string; readonly now?: () => string } = {}): Promise<Helhedsplan> {
  const parsed = helhedsplanCreateInputSchema.parse(input);
  const id = await db.transaction().execute(async (trx) => {
    await assertReferences(trx, parsed);
    const created = await createRow(
      trx,
      'helhedsplan',
      { name: parsed.name, status: parsed.status, kommune_id: parsed.kommuneId, from_date: parsed.fromDate, to_date: parsed.toDate, journal_number: parsed.journalNumber, notes: parsed.notes },
      { id: options.id, now: options.now },
    );
    for (const key of Object.keys(links) as LinkKey[]) await setLinks(trx, created, key, parsed[key]);
    return created;
  });
  return getHelhedsplan(db, id);
}

/** Autosave: changes the named fields (and the links of each kind given). */
export async function updateHelhedsplan(db: Kysely<Database>, input: HelhedsplanUpdateInput): Promise<Helhedsplan> {
  await db.transaction().execute(async (trx) => {
    const { id, ...rest } = input;
    const current = await trx.selectFrom('helhedsplan').where('id', '=', id).where('deleted_at', 'is', null).select(['from_date', 'to_date']).executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'Helhedsplanen findes ikke (længere).');
    const from = rest.fromDate !== undefined ? rest.fromDate : current.from_date;
    const to = rest.toDate !== undefined ? rest.toDate : current.to_date;
    if (from && to && from > to) throw new AppError('VALIDATION', '"Til" skal ligge efter "Fra".', [{ path: ['toDate'], message: 'validation.dateOrder' }]);
    await assertReferences(trx, rest);
    await updateRow(trx, 'helhedsplan', id, columnsOf(rest));
    for (const key of Object.keys(links) as LinkKey[]) {
      const wanted = rest[key];
      if (wanted !== undefined) await setLinks(trx, id, key, wanted);
    }
  });
  return getHelhedsplan(db, input.id);
}

export async function deleteHelhedsplan(db: Kysely<Database>, id: string): Promise<void> {
  await db.transaction().execute((trx) => deleteRow(trx, 'helhedsplan', id));
}

export async function restoreHelhedsplan(db: Kysely<Database>, id: string): Promise<Helhedsplan> {
  await db.transaction().execute((trx) => restoreRow(trx, 'helhedsplan', id));
  return getHelhedsplan(db, id);
}

// ── Roles ───────────────────────────────────────────────────────────────────

async function assertPlan(trx: Transaction<Database>, helhedsplanId: string): Promise<void> {
  const found = await trx.selectFrom('helhedsplan').select('id').where('id', '=', helhedsplanId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!found) throw new AppError('NOT_FOUND', 'Helhedsplanen findes ikke (længere).');
}

/** Gives a contact a dated seat in a body of the helhedsplan. Returns the helhedsplan. */
export async function addHelhedsplanRole(db: Kysely<Database>, input: HelhedsplanRoleInput): Promise<Helhedsplan> {
  const parsed = helhedsplanRoleInputSchema.parse(input);
  await db.transaction().execute(async (trx) => {
    await assertPlan(trx, parsed.helhedsplanId);
    const contact = await trx.selectFrom('contact').select('id').where('id', '=', parsed.contactId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!contact) throw new AppError('VALIDATION', 'Kontakten findes ikke.', [{ path: ['contactId'], message: 'validation.unknownReference' }]);
    await createRow(trx, 'helhedsplan_role', { helhedsplan_id: parsed.helhedsplanId, contact_id: parsed.contactId, body: parsed.body, title: parsed.title, from_date: parsed.fromDate, to_date: parsed.toDate });
  });
  return getHelhedsplan(db, parsed.helhedsplanId);
}

export async function updateHelhedsplanRole(db: Kysely<Database>, input: HelhedsplanRoleUpdateInput): Promise<Helhedsplan> {
  const planId = await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('helhedsplan_role').select(['helhedsplan_id', 'from_date', 'to_date']).where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'Rollen findes ikke (længere).');
    const from = input.fromDate !== undefined ? input.fromDate : current.from_date;
    const to = input.toDate !== undefined ? input.toDate : current.to_date;
    if (from && to && from > to) throw new AppError('VALIDATION', '"Til" skal ligge efter "Fra".', [{ path: ['toDate'], message: 'validation.dateOrder' }]);
    await updateRow(trx, 'helhedsplan_role', input.id, {
      ...(input.body !== undefined && { body: input.body }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.fromDate !== undefined && { from_date: input.fromDate }),
      ...(input.toDate !== undefined && { to_date: input.toDate }),
    });
    return current.helhedsplan_id;
  });
  return getHelhedsplan(db, planId);
}

export async function deleteHelhedsplanRole(db: Kysely<Database>, id: string): Promise<Helhedsplan> {
  return deletePlanChild(db, 'helhedsplan_role', id, 'Rollen findes ikke (længere).');
}

/** Deletes a seat or a deadline and answers its plan as it is now. */
async function deletePlanChild(db: Kysely<Database>, table: 'helhedsplan_role' | 'helhedsplan_deadline', id: string, notFound: string): Promise<Helhedsplan> {
  const planId = await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom(table).select('helhedsplan_id').where('id', '=', id).executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', notFound);
    await deleteRow(trx, table, id);
    return current.helhedsplan_id;
  });
  return getHelhedsplan(db, planId);
}

/** A contact's seats in helhedsplaner (contact page, GDPR indsigt), current first. */
export async function helhedsplanRolesOfContact(db: Kysely<Database>, contactId: string, today = todayInDenmark()): Promise<(HelhedsplanRole & { helhedsplanId: string; helhedsplanName: string })[]> {
  const rows = await roleQuery(db)
    .innerJoin('helhedsplan as h', 'h.id', 'r.helhedsplan_id')
    .select('h.name as helhedsplan_name')
    .where('r.contact_id', '=', contactId)
    .where('h.deleted_at', 'is', null)
    .execute();
  return rows
    .map((r) => ({
      id: r.id,
      contactId: r.contact_id,
      contactName: r.contact_name,
      body: r.body,
      title: r.title,
      fromDate: r.from_date,
      toDate: r.to_date,
      current: isCurrent(r.from_date, r.to_date, today),
      helhedsplanId: r.helhedsplan_id,
      helhedsplanName: r.helhedsplan_name,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current) || a.helhedsplanName.localeCompare(b.helhedsplanName, 'da'));
}

// ── Deadlines ───────────────────────────────────────────────────────────────

export async function addHelhedsplanDeadline(db: Kysely<Database>, input: HelhedsplanDeadlineInput): Promise<Helhedsplan> {
  const parsed = helhedsplanDeadlineInputSchema.parse(input);
  await db.transaction().execute(async (trx) => {
    await assertPlan(trx, parsed.helhedsplanId);
    await createRow(trx, 'helhedsplan_deadline', { helhedsplan_id: parsed.helhedsplanId, kind: parsed.kind, title: parsed.title, due_date: parsed.dueDate, done_date: parsed.doneDate });
  });
  return getHelhedsplan(db, parsed.helhedsplanId);
}

export async function updateHelhedsplanDeadline(db: Kysely<Database>, input: HelhedsplanDeadlineUpdateInput): Promise<Helhedsplan> {
  const planId = await db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('helhedsplan_deadline').select('helhedsplan_id').where('id', '=', input.id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'Fristen findes ikke (længere).');
    await updateRow(trx, 'helhedsplan_deadline', input.id, {
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.title !== undefined && { title: input.title }),
      ...(input.dueDate !== undefined && { due_date: input.dueDate }),
      ...(input.doneDate !== undefined && { done_date: input.doneDate }),
    });
    return current.helhedsplan_id;
  });
  return getHelhedsplan(db, planId);
}

export async function deleteHelhedsplanDeadline(db: Kysely<Database>, id: string): Promise<Helhedsplan> {
  return deletePlanChild(db, 'helhedsplan_deadline', id, 'Fristen findes ikke (længere).');
}

/**
 * Open (not done) reporting deadlines of live helhedsplaner due in [from, to],
 * soonest first; optionally only those of some kommuner (Overblik: my kredse)
 * or of one helhedsplan.
 */
export async function helhedsplanDeadlines(
  db: Kysely<Database>,
  range: { readonly from: string; readonly to: string; readonly kommuneIds?: readonly string[]; readonly helhedsplanId?: string },
): Promise<HelhedsplanDue[]> {
  let query = db
    .selectFrom('helhedsplan_deadline as d')
    .innerJoin('helhedsplan as h', 'h.id', 'd.helhedsplan_id')
    .leftJoin('kommune', 'kommune.id', 'h.kommune_id')
    .where('d.deleted_at', 'is', null)
    .where('h.deleted_at', 'is', null)
    .where('d.done_date', 'is', null)
    .where('h.status', 'not in', ['afsluttet', 'afbrudt'])
    .where('d.due_date', '>=', range.from)
    .where('d.due_date', '<=', range.to)
    .select(['d.id', 'd.kind', 'd.title', 'd.due_date', 'h.id as helhedsplan_id', 'h.name', 'kommune.navn as kommune_navn']);
  if (range.kommuneIds) query = query.where('h.kommune_id', 'in', range.kommuneIds.length > 0 ? [...range.kommuneIds] : ['']);
  if (range.helhedsplanId) query = query.where('h.id', '=', range.helhedsplanId);
  const rows = await query.orderBy('d.due_date').orderBy(sql`dk_sort(h.name)`).orderBy('d.id').execute();
  return rows.map((r) => ({ deadlineId: r.id, helhedsplanId: r.helhedsplan_id, helhedsplanName: r.name, kommuneNavn: r.kommune_navn, kind: r.kind, title: r.title, date: r.due_date }));
}

/**
 * Boligområder to link a helhedsplan to (migration 0020), by name, with their
 * kommune: the options of the helhedsplan form (the boligområder page has its own list).
 */
export async function boligomraadeOptions(db: Kysely<Database>, kommuneId?: string): Promise<{ id: string; name: string; kommuneNavn: string | null }[]> {
  let query = db.selectFrom('boligomraade as b').leftJoin('kommune', 'kommune.id', 'b.kommune_id').select(['b.id', 'b.name', 'kommune.navn as kommune_navn']).where('b.deleted_at', 'is', null);
  if (kommuneId) query = query.where('b.kommune_id', '=', kommuneId);
  const rows = await query.orderBy(sql`dk_sort(b.name)`).orderBy('b.id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, kommuneNavn: r.kommune_navn }));
}

import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { FollowUpStatus } from '../../common/domain';
import type { FollowUp, ParsedFollowUpFields, SaveAck } from '../../common/meetings.domain';
import { AppError } from '../../common/result';
import { addDanishDays, danishDate, danishWeekStart } from '../../common/time';
import { createRow, deleteRow, restoreRow, updateRow } from '../mutations';
import { kredsNumberOn } from '../kommuner/kommune-dated.query';
import type { Database } from '../schema';

export const openStatuses: readonly FollowUpStatus[] = ['aaben', 'i_gang'];

/**
 * `status IN ('aaben', 'i_gang')` written literally, not as bound
 * parameters: SQLite uses the partial indexes of migration 0011 only when a
 * query repeats the index's WHERE terms word for word. The statuses are our
 * constants, never user input. If you change openStatuses, also change
 * the indexes of migrations 0011 and 0012 (in a new migration).
 */
export function openFollowUpCondition(table = 'follow_up') {
  return sql<boolean>`${sql.ref(`${table}.deleted_at`)} IS NULL AND ${sql.ref(`${table}.status`)} IN (${sql.join(openStatuses.map((s) => sql.lit(s)))})`;
}

export const closedStatuses: readonly FollowUpStatus[] = ['udfoert', 'annulleret'];

/** The closed twin of openFollowUpCondition, for the partial index over closed follow-ups (migration 0012). */
export function closedFollowUpCondition(table = 'follow_up') {
  return sql<boolean>`${sql.ref(`${table}.deleted_at`)} IS NULL AND ${sql.ref(`${table}.status`)} IN (${sql.join(closedStatuses.map((s) => sql.lit(s)))})`;
}

const sameSet = (statuses: readonly FollowUpStatus[], set: readonly FollowUpStatus[]) => new Set(statuses).size === set.length && set.every((s) => statuses.includes(s));
const isOpenSet = (statuses: readonly FollowUpStatus[]) => sameSet(statuses, openStatuses);
const isClosedSet = (statuses: readonly FollowUpStatus[]) => sameSet(statuses, closedStatuses);

export interface FollowUpFilter {
  readonly ownerContactId?: string;
  readonly mine?: boolean;
  readonly kommuneId?: string;
  readonly kredsNumber?: number;
  readonly statuses?: readonly FollowUpStatus[];
  /** Relative to `today`: overdue = before today; thisWeek = today … Sunday; later = after this week; none = no due date. */
  readonly due?: 'overdue' | 'thisWeek' | 'later' | 'none';
  /** Inclusive range of due dates (YYYY-MM-DD). */
  readonly dueBetween?: { readonly from: string; readonly to: string };
  readonly sort?: 'due' | 'title' | 'kommune' | 'status';
  readonly limit?: number;
  readonly ids?: readonly string[];
  readonly sourceMeetingIds?: readonly string[];
}

/** Adds owner, kommune and source meeting to a follow-up query. */
function withDetails(query: SelectQueryBuilder<Database, 'follow_up', object>, today: string) {
  return query
    .leftJoin('contact', 'contact.id', 'follow_up.owner_contact_id')
    .leftJoin('kommune', 'kommune.id', 'follow_up.kommune_id')
    .leftJoin('meeting', 'meeting.id', 'follow_up.source_meeting_id')
    .select([
      'follow_up.id',
      'follow_up.title',
      'follow_up.details',
      'follow_up.owner_contact_id',
      'contact.name as owner_name',
      'follow_up.owner_is_me',
      'follow_up.due_date',
      'follow_up.status',
      'follow_up.kommune_id',
      'kommune.navn as kommune_navn',
      'follow_up.source_meeting_id',
      'meeting.title as source_meeting_title',
      'meeting.starts_at as source_meeting_starts_at',
      'follow_up.source_agenda_item_id',
      'follow_up.closed_in_meeting_id',
      'follow_up.deleted_at',
      sql<number>`follow_up.status IN ('aaben', 'i_gang') AND follow_up.due_date IS NOT NULL AND follow_up.due_date < ${today}`.as('overdue'),
    ]);
}

function baseQuery(db: Kysely<Database>, today: string) {
  return withDetails(db.selectFrom('follow_up'), today);
}

type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toFollowUp(r: Row): FollowUp {
  return {
    id: r.id,
    title: r.title,
    details: r.details,
    ownerContactId: r.owner_contact_id,
    ownerName: r.owner_name,
    ownerIsMe: r.owner_is_me === 1,
    dueDate: r.due_date,
    status: r.status,
    kommune: r.kommune_id && r.kommune_navn ? { id: r.kommune_id, name: r.kommune_navn } : null,
    sourceMeetingId: r.source_meeting_id,
    sourceMeetingTitle: r.source_meeting_title,
    sourceMeetingStartsAt: r.source_meeting_starts_at,
    sourceAgendaItemId: r.source_agenda_item_id,
    closedInMeetingId: r.closed_in_meeting_id,
    overdue: r.overdue === 1,
    deletedAt: r.deleted_at,
  };
}

/** Live follow-ups matching the filter, without joins (shared by lists, pages and counts). */
function filteredFollowUps(db: Kysely<Database>, filter: FollowUpFilter, today: string) {
  let query = db.selectFrom('follow_up');
  // The open and closed sets repeat their partial indexes' WHERE terms literally (migrations 0011, 0012); other sets filter live rows.
  if (filter.statuses && isOpenSet(filter.statuses)) query = query.where(openFollowUpCondition());
  else if (filter.statuses && isClosedSet(filter.statuses)) query = query.where(closedFollowUpCondition());
  else {
    query = query.where('follow_up.deleted_at', 'is', null);
    if (filter.statuses && filter.statuses.length > 0) query = query.where('follow_up.status', 'in', [...filter.statuses]);
  }
  if (filter.ids) query = query.where('follow_up.id', 'in', filter.ids.length ? [...filter.ids] : ['']);
  if (filter.sourceMeetingIds) query = query.where('follow_up.source_meeting_id', 'in', filter.sourceMeetingIds.length ? [...filter.sourceMeetingIds] : ['']);
  if (filter.ownerContactId) query = query.where('follow_up.owner_contact_id', '=', filter.ownerContactId);
  if (filter.mine) query = query.where('follow_up.owner_is_me', '=', 1);
  if (filter.kommuneId) query = query.where('follow_up.kommune_id', '=', filter.kommuneId);
  if (filter.kredsNumber !== undefined) {
    const kreds = filter.kredsNumber;
    // The kreds of today (kreds membership is dated, migration 0019).
    query = query.where('follow_up.kommune_id', 'in', (eb) => eb.selectFrom('kommune as k').select('k.id').where(kredsNumberOn('k', today), '=', kreds));
  }
  if (filter.due) {
    const sunday = addDanishDays(danishDate(danishWeekStart(`${today}T12:00:00Z`)), 6);
    if (filter.due === 'overdue') query = query.where('follow_up.due_date', '<', today);
    if (filter.due === 'thisWeek') query = query.where('follow_up.due_date', '>=', today).where('follow_up.due_date', '<=', sunday);
    if (filter.due === 'later') query = query.where('follow_up.due_date', '>', sunday);
    if (filter.due === 'none') query = query.where('follow_up.due_date', 'is', null);
  }
  if (filter.dueBetween) query = query.where('follow_up.due_date', '>=', filter.dueBetween.from).where('follow_up.due_date', '<=', filter.dueBetween.to);
  return query;
}

/** A filter on the due date already excludes undated rows. */
const datedOnly = (filter: FollowUpFilter) => (filter.due !== undefined && filter.due !== 'none') || filter.dueBetween !== undefined;

/** Live follow-ups matching the filter, sorted in SQL (overdue and soonest first by default). */
export async function listFollowUps(db: Kysely<Database>, filter: FollowUpFilter = {}, today = danishDate(new Date())): Promise<FollowUp[]> {
  let query = withDetails(filteredFollowUps(db, filter, today), today);
  const sort = filter.sort ?? 'due';
  // Leaving out `due_date IS NULL` when only dated rows match lets the (due_date, title) index deliver rows in order, so a LIMIT stops after a screenful.
  if (sort === 'due') query = (datedOnly(filter) ? query : query.orderBy(sql`follow_up.due_date IS NULL`)).orderBy('follow_up.due_date').orderBy('follow_up.title');
  if (sort === 'title') query = query.orderBy('follow_up.title');
  if (sort === 'kommune') query = query.orderBy('kommune.navn').orderBy('follow_up.due_date');
  if (sort === 'status') query = query.orderBy('follow_up.status').orderBy('follow_up.due_date');
  if (filter.limit) query = query.limit(filter.limit);
  return (await query.execute()).map(toFollowUp);
}

/**
 * How many follow-ups match (`dated`: only those with / without a due date).
 * Without a status filter, open and closed ones are counted apart: each
 * count is then answered from a partial index alone.
 */
async function countFollowUps(db: Kysely<Database>, filter: Omit<FollowUpFilter, 'limit'>, today: string, dated: boolean | null): Promise<number> {
  if (!filter.statuses || filter.statuses.length === 0) {
    const [open, closed] = await Promise.all([countFollowUps(db, { ...filter, statuses: openStatuses }, today, dated), countFollowUps(db, { ...filter, statuses: closedStatuses }, today, dated)]);
    return open + closed;
  }
  let query = filteredFollowUps(db, filter, today);
  if (dated !== null) query = query.where('follow_up.due_date', dated ? 'is not' : 'is', null);
  return Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
}

/**
 * One page of the Opfølgning list with the total. Every order ends in the
 * id, so pages never repeat or skip a row. The default order (by due date,
 * undated last) is read as two index-ordered ranges — dated rows, then
 * undated ones — instead of sorting `due_date IS NULL` over every match, so
 * a page stops after its rows (indexes of migrations 0011 and 0012).
 */
export async function pageFollowUps(db: Kysely<Database>, filter: Omit<FollowUpFilter, 'limit'>, offset: number, limit: number, today = danishDate(new Date())): Promise<{ rows: FollowUp[]; total: number }> {
  const sort = filter.sort ?? 'due';
  const rows = (query: SelectQueryBuilder<Database, 'follow_up', object>) => withDetails(query, today);
  if (sort === 'due') {
    const dated = () => filteredFollowUps(db, filter, today).where('follow_up.due_date', 'is not', null);
    const undated = () => filteredFollowUps(db, filter, today).where('follow_up.due_date', 'is', null);
    const datedTotal = filter.due === 'none' ? 0 : await countFollowUps(db, filter, today, true);
    const undatedTotal = datedOnly(filter) ? 0 : await countFollowUps(db, filter, today, false);
    const page: FollowUp[] = [];
    if (offset < datedTotal) {
      const part = await rows(dated()).orderBy('follow_up.due_date').orderBy('follow_up.title').orderBy('follow_up.id').limit(limit).offset(offset).execute();
      page.push(...part.map(toFollowUp));
    }
    if (page.length < limit && offset + page.length < datedTotal + undatedTotal) {
      const part = await rows(undated()).orderBy('follow_up.title').orderBy('follow_up.id').limit(limit - page.length).offset(Math.max(0, offset - datedTotal)).execute();
      page.push(...part.map(toFollowUp));
    }
    return { rows: page, total: datedTotal + undatedTotal };
  }
  let query = rows(filteredFollowUps(db, filter, today));
  if (sort === 'title') query = query.orderBy('follow_up.title');
  if (sort === 'kommune') query = query.orderBy(sql`kommune.navn IS NULL`).orderBy(sql`dk_sort(kommune.navn)`).orderBy('follow_up.due_date').orderBy('follow_up.title');
  if (sort === 'status') query = query.orderBy('follow_up.status').orderBy('follow_up.due_date').orderBy('follow_up.title');
  const [page, total] = await Promise.all([query.orderBy('follow_up.id').limit(limit).offset(offset).execute(), countFollowUps(db, filter, today, null)]);
  return { rows: page.map(toFollowUp), total };
}

export async function getFollowUp(db: Kysely<Database>, id: string, today = danishDate(new Date())): Promise<FollowUp> {
  const row = await baseQuery(db, today).where('follow_up.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Opfølgningspunktet findes ikke.');
  return toFollowUp(row);
}

export async function createFollowUp(db: Kysely<Database>, fields: ParsedFollowUpFields): Promise<FollowUp> {
  const id = await db.transaction().execute(async (trx) => {
    let kommuneId = fields.kommuneId;
    if (fields.sourceMeetingId) {
      const meeting = await trx.selectFrom('meeting').select(['kommune_id']).where('id', '=', fields.sourceMeetingId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!meeting) throw new AppError('VALIDATION', 'Mødet findes ikke.', [{ path: ['sourceMeetingId'], message: 'validation.unknownMeeting' }]);
      kommuneId = kommuneId ?? meeting.kommune_id;
    }
    return createRow(trx, 'follow_up', {
      title: fields.title,
      details: fields.details,
      owner_contact_id: fields.ownerContactId,
      owner_is_me: fields.ownerIsMe ? 1 : 0,
      due_date: fields.dueDate,
      status: fields.status,
      kommune_id: kommuneId,
      source_meeting_id: fields.sourceMeetingId,
      source_agenda_item_id: fields.sourceAgendaItemId,
      closed_in_meeting_id: null,
    });
  });
  return getFollowUp(db, id);
}

export interface FollowUpChanges {
  readonly title?: string;
  readonly details?: string;
  readonly ownerContactId?: string | null;
  readonly ownerIsMe?: boolean;
  readonly dueDate?: string | null;
  readonly kommuneId?: string | null;
}

/** A follow-up's changed fields (an inline due date, an edit), answered with the row's stamp. */
export async function saveFollowUp(db: Kysely<Database>, id: string, changes: FollowUpChanges): Promise<SaveAck> {
  const outcome = await db.transaction().execute((trx) =>
    updateRow(trx, 'follow_up', id, {
      title: changes.title,
      details: changes.details,
      // Choosing a contact as owner takes it from the consultant, and the other way round.
      owner_contact_id: changes.ownerIsMe === true ? null : changes.ownerContactId,
      owner_is_me: changes.ownerIsMe === undefined ? (changes.ownerContactId ? 0 : undefined) : changes.ownerIsMe ? 1 : 0,
      due_date: changes.dueDate,
      kommune_id: changes.kommuneId,
    }),
  );
  return { id, updatedAt: outcome.updatedAt };
}

/** saveFollowUp, then the follow-up as it now reads. */
export async function updateFollowUp(db: Kysely<Database>, id: string, changes: FollowUpChanges): Promise<FollowUp> {
  await saveFollowUp(db, id, changes);
  return getFollowUp(db, id);
}

/**
 * Bulk status change. Closing (udført/annulleret) in a meeting records that
 * meeting; reopening clears it.
 */
export async function setFollowUpStatus(db: Kysely<Database>, ids: readonly string[], status: FollowUpStatus, closedInMeetingId: string | null = null): Promise<FollowUp[]> {
  const closing = status === 'udfoert' || status === 'annulleret';
  await db.transaction().execute(async (trx) => {
    for (const id of ids) {
      await updateRow(trx, 'follow_up', id, { status, closed_in_meeting_id: closing ? closedInMeetingId : null });
    }
  });
  return listFollowUps(db, { ids });
}

export async function deleteFollowUp(db: Kysely<Database>, id: string): Promise<FollowUp> {
  await db.transaction().execute((trx) => deleteRow(trx, 'follow_up', id));
  return getFollowUp(db, id);
}

export async function restoreFollowUp(db: Kysely<Database>, id: string): Promise<FollowUp> {
  await db.transaction().execute((trx) => restoreRow(trx, 'follow_up', id));
  return getFollowUp(db, id);
}

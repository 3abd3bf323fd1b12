import { generateKeyBetween } from 'fractional-indexing';
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AttendanceRole, AttendanceStatus, MeetingStatus } from '../../common/domain';
import type { AgendaItem, AgendaItemKind, Attendance, Meeting, MeetingSummary, SaveAck } from '../../common/meetings.domain';
import { AppError } from '../../common/result';
import { danishDate } from '../../common/time';
import { describeRole } from '../contacts/contacts.repository';
import { selectAffiliations } from '../contacts/affiliations.query';
import { listFollowUps, openStatuses } from '../follow-ups/follow-ups.repository';
import { derivedId } from '../ids';
import { createRow, deleteRow, ensureLink, restoreRow, updateRow } from '../mutations';
import { regionOn } from '../kommuner/kommuner.repository';
import type { Database } from '../schema';
import type { AgendaItemTable } from './meeting.table';

export interface AgendaDraft {
  readonly title: string;
  readonly kind: AgendaItemKind;
  readonly description: string;
  readonly presenter: string;
  readonly plannedMinutes: number | null;
}

export interface MeetingDraft {
  readonly seriesId: string | null;
  readonly kommuneId: string | null;
  readonly title: string;
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly place: string;
  readonly status: MeetingStatus;
  readonly notes: string;
  readonly inviteeIds: readonly string[];
  readonly agenda: readonly AgendaDraft[];
}

export interface MeetingFilter {
  readonly from?: string;
  readonly to?: string;
  readonly kommuneId?: string;
  readonly seriesId?: string;
  readonly status?: MeetingStatus;
  readonly limit?: number;
  /** Only these meetings (the hubs pick them by their own index walks). */
  readonly ids?: readonly string[];
}

/** Instants are compared as ISO strings; normalising keeps "…+01:00" and "…Z" comparable. */
const utc = (instant: string) => new Date(instant).toISOString();

function summaryQuery(db: Kysely<Database>) {
  return db
    .selectFrom('meeting')
    .leftJoin('kommune', 'kommune.id', 'meeting.kommune_id')
    .leftJoin('meeting_series as s', 's.id', 'meeting.series_id')
    .select([
      'meeting.id',
      'meeting.title',
      'meeting.starts_at',
      'meeting.ends_at',
      'meeting.place',
      'meeting.status',
      'meeting.notes',
      'meeting.deleted_at',
      'meeting.kommune_id',
      'kommune.navn as kommune_navn',
      'meeting.series_id',
      's.title as series_title',
      's.kind as series_kind',
    ]);
}

type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

function toSummary(r: SummaryRow): MeetingSummary {
  return {
    id: r.id,
    title: r.title,
    startsAt: r.starts_at,
    endsAt: r.ends_at,
    place: r.place,
    status: r.status,
    kommune: r.kommune_id && r.kommune_navn ? { id: r.kommune_id, name: r.kommune_navn } : null,
    series: r.series_id && r.series_title && r.series_kind ? { id: r.series_id, title: r.series_title, kind: r.series_kind } : null,
  };
}

/** Live meetings in a period (start inclusive, end exclusive), in time order. */
export async function listMeetings(db: Kysely<Database>, filter: MeetingFilter = {}): Promise<MeetingSummary[]> {
  let query = summaryQuery(db).where('meeting.deleted_at', 'is', null);
  if (filter.from) query = query.where('meeting.starts_at', '>=', utc(filter.from));
  if (filter.to) query = query.where('meeting.starts_at', '<', utc(filter.to));
  if (filter.kommuneId) query = query.where('meeting.kommune_id', '=', filter.kommuneId);
  if (filter.seriesId) query = query.where('meeting.series_id', '=', filter.seriesId);
  if (filter.status) query = query.where('meeting.status', '=', filter.status);
  if (filter.ids) query = query.where('meeting.id', 'in', filter.ids.length ? [...filter.ids] : ['']);
  query = query.orderBy('meeting.starts_at');
  if (filter.limit) query = query.limit(filter.limit);
  return (await query.execute()).map(toSummary);
}

export interface MeetingPageFilter extends Omit<MeetingFilter, 'limit'> {
  /** asc: soonest first (Kommende); desc: latest first (Tidligere). */
  readonly order: 'asc' | 'desc';
}

function filteredMeetings(db: Kysely<Database>, filter: Omit<MeetingFilter, 'limit'>) {
  let query = db.selectFrom('meeting').where('meeting.deleted_at', 'is', null);
  if (filter.from) query = query.where('meeting.starts_at', '>=', utc(filter.from));
  if (filter.to) query = query.where('meeting.starts_at', '<', utc(filter.to));
  if (filter.kommuneId) query = query.where('meeting.kommune_id', '=', filter.kommuneId);
  if (filter.seriesId) query = query.where('meeting.series_id', '=', filter.seriesId);
  if (filter.status) query = query.where('meeting.status', '=', filter.status);
  return query;
}

/**
 * One page of the Møder list with the total, in time order (either way),
 * ties broken by id so pages never repeat or skip a meeting. The live
 * (starts_at, id) index of migration 0012 delivers the rows in order.
 */
export async function pageMeetings(db: Kysely<Database>, filter: MeetingPageFilter, offset: number, limit: number): Promise<{ rows: MeetingSummary[]; total: number }> {
  const ids = filteredMeetings(db, filter).select('meeting.id').orderBy('meeting.starts_at', filter.order).orderBy('meeting.id', filter.order).limit(limit).offset(offset);
  const [page, count] = await Promise.all([
    ids.execute(),
    filteredMeetings(db, filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  const details = page.length === 0 ? [] : await summaryQuery(db).where('meeting.id', 'in', page.map((m) => m.id)).execute();
  const byId = new Map(details.map((r) => [r.id, toSummary(r)]));
  return { rows: page.map((m) => byId.get(m.id)!), total: Number(count.n) };
}

/** A meeting with agenda, attendance, its own follow-ups and those carried over from the series. */
export async function getMeeting(db: Kysely<Database>, id: string, today = danishDate(new Date())): Promise<Meeting> {
  const row = await summaryQuery(db).where('meeting.id', '=', id).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Mødet findes ikke.');
  const agenda = await db.selectFrom('agenda_item').selectAll().where('meeting_id', '=', id).where('deleted_at', 'is', null).orderBy('position').orderBy('id').execute();
  const attendance = await listAttendance(db, id);
  const followUps = await listFollowUps(db, { sourceMeetingIds: [id], sort: 'due' }, today);
  const carriedFollowUps = row.series_id ? await carriedOver(db, row.series_id, id, row.starts_at, today) : [];
  const region = row.kommune_id ? await regionOn(db, row.kommune_id, danishDate(new Date(row.starts_at))) : undefined;
  return {
    ...toSummary(row),
    regionNavn: region?.navn ?? null,
    notes: row.notes,
    deletedAt: row.deleted_at,
    agenda: agenda.map(toAgendaItem),
    attendance,
    followUps,
    carriedFollowUps,
  };
}

/**
 * Follow-ups from earlier meetings of the series that are still open, plus
 * those closed in this meeting (so its referat shows what it closed).
 */
async function carriedOver(db: Kysely<Database>, seriesId: string, meetingId: string, startsAt: string, today: string) {
  const earlier = await db
    .selectFrom('meeting')
    .select('id')
    .where('series_id', '=', seriesId)
    .where('deleted_at', 'is', null)
    .where('starts_at', '<', startsAt)
    .where('id', '!=', meetingId)
    .execute();
  if (earlier.length === 0) return [];
  const all = await listFollowUps(db, { sourceMeetingIds: earlier.map((m) => m.id), sort: 'due' }, today);
  return all.filter((f) => openStatuses.includes(f.status) || f.closedInMeetingId === meetingId);
}

async function listAttendance(db: Kysely<Database>, meetingId: string): Promise<Attendance[]> {
  const rows = await db
    .selectFrom('attendance')
    .innerJoin('contact', 'contact.id', 'attendance.contact_id')
    .select(['attendance.id', 'attendance.contact_id', 'contact.name', 'attendance.status', 'attendance.role'])
    .where('attendance.meeting_id', '=', meetingId)
    .where('attendance.deleted_at', 'is', null)
    .orderBy('contact.name')
    .execute();
  const roles = rows.length ? await selectAffiliations(db, (eb) => eb('affiliation.contact_id', 'in', rows.map((r) => r.contact_id))) : [];
  const firstRole = new Map<string, string>();
  for (const role of roles) if (role.current && !firstRole.has(role.contactId)) firstRole.set(role.contactId, describeRole(role));
  return rows.map((r) => ({ id: r.id, contactId: r.contact_id, contactName: r.name, roleLine: firstRole.get(r.contact_id) ?? null, status: r.status, role: r.role }));
}

export async function createMeeting(db: Kysely<Database>, draft: MeetingDraft): Promise<Meeting> {
  const id = await db.transaction().execute(async (trx) => {
    let kommuneId = draft.kommuneId;
    if (draft.seriesId) {
      const series = await trx.selectFrom('meeting_series').select('kommune_id').where('id', '=', draft.seriesId).where('deleted_at', 'is', null).executeTakeFirst();
      if (!series) throw new AppError('VALIDATION', 'Møderækken findes ikke.', [{ path: ['seriesId'], message: 'validation.unknownSeries' }]);
      kommuneId = kommuneId ?? series.kommune_id;
    }
    const meetingId = await createRow(trx, 'meeting', {
      series_id: draft.seriesId,
      kommune_id: kommuneId,
      title: draft.title,
      starts_at: utc(draft.startsAt),
      ends_at: draft.endsAt ? utc(draft.endsAt) : null,
      place: draft.place,
      status: draft.status,
      notes: draft.notes,
    });
    for (const contactId of new Set(draft.inviteeIds)) await setAttendanceIn(trx, meetingId, contactId, 'inviteret', null);
    let position: string | null = null;
    for (const item of draft.agenda) {
      position = generateKeyBetween(position, null);
      await insertAgendaItem(trx, meetingId, position, item);
    }
    return meetingId;
  });
  return getMeeting(db, id);
}

export interface MeetingChanges {
  readonly kommuneId?: string | null;
  readonly title?: string;
  readonly startsAt?: string;
  readonly endsAt?: string | null;
  readonly place?: string;
  readonly status?: MeetingStatus;
  readonly notes?: string;
}

/** A meeting's changed fields in one transaction, answered with the row's stamp (the renderer refetches what it shows). */
export async function saveMeeting(db: Kysely<Database>, id: string, changes: MeetingChanges): Promise<SaveAck> {
  return db.transaction().execute(async (trx) => {
    const current = await trx.selectFrom('meeting').select(['starts_at', 'ends_at']).where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
    if (!current) throw new AppError('NOT_FOUND', 'Mødet findes ikke (længere).');
    const startsAt = changes.startsAt ? utc(changes.startsAt) : current.starts_at;
    const endsAt = changes.endsAt === undefined ? current.ends_at : changes.endsAt ? utc(changes.endsAt) : null;
    if (endsAt !== null && endsAt <= startsAt) throw new AppError('VALIDATION', 'Mødet skal slutte efter det begynder.', [{ path: ['endsAt'], message: 'validation.endBeforeStart' }]);
    const outcome = await updateRow(trx, 'meeting', id, {
      kommune_id: changes.kommuneId,
      title: changes.title,
      starts_at: changes.startsAt ? startsAt : undefined,
      ends_at: changes.endsAt === undefined ? undefined : endsAt,
      place: changes.place,
      status: changes.status,
      notes: changes.notes,
    });
    return { id, updatedAt: outcome.updatedAt };
  });
}

/** saveMeeting, then the whole meeting (the CLI, tests and tools). */
export async function updateMeeting(db: Kysely<Database>, id: string, changes: MeetingChanges): Promise<Meeting> {
  await saveMeeting(db, id, changes);
  return getMeeting(db, id);
}

export async function deleteMeeting(db: Kysely<Database>, id: string): Promise<Meeting> {
  await db.transaction().execute((trx) => deleteRow(trx, 'meeting', id));
  return getMeeting(db, id);
}

export async function restoreMeeting(db: Kysely<Database>, id: string): Promise<Meeting> {
  await db.transaction().execute((trx) => restoreRow(trx, 'meeting', id));
  return getMeeting(db, id);
}

// ---------- agenda ----------

async function insertAgendaItem(trx: Transaction<Database>, meetingId: string, position: string, item: AgendaDraft): Promise<string> {
  return createRow(trx, 'agenda_item', {
    meeting_id: meetingId,
    position,
    kind: item.kind,
    title: item.title,
    description: item.description,
    presenter: item.presenter,
    planned_minutes: item.plannedMinutes,
    minutes: '',
    decision: '',
  });
}

async function positionOf(trx: Transaction<Database>, id: string | null | undefined): Promise<string | null> {
  if (!id) return null;
  const row = await trx.selectFrom('agenda_item').select('position').where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', 'Dagsordenspunktet findes ikke (længere).');
  return row.position;
}

/** Next position after `after` (or at the end), between it and its current successor. */
async function positionAfter(trx: Transaction<Database>, meetingId: string, afterId: string | null | undefined): Promise<string> {
  const after = afterId ? await positionOf(trx, afterId) : null;
  let next = trx.selectFrom('agenda_item').select('position').where('meeting_id', '=', meetingId).where('deleted_at', 'is', null);
  if (afterId) next = next.where('position', '>', after!).orderBy('position').limit(1);
  else next = next.orderBy('position', 'desc').limit(1);
  const neighbour = (await next.executeTakeFirst())?.position ?? null;
  return afterId ? generateKeyBetween(after, neighbour === after ? null : neighbour) : generateKeyBetween(neighbour, null);
}

export async function addAgendaItem(db: Kysely<Database>, meetingId: string, item: AgendaDraft, afterId?: string | null): Promise<AgendaItem> {
  const id = await db.transaction().execute(async (trx) => {
    const meeting = await trx.selectFrom('meeting').select('id').where('id', '=', meetingId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!meeting) throw new AppError('NOT_FOUND', 'Mødet findes ikke (længere).');
    return insertAgendaItem(trx, meetingId, await positionAfter(trx, meetingId, afterId), item);
  });
  return getAgendaItem(db, id);
}

export interface AgendaChanges {
  readonly title?: string;
  readonly description?: string;
  readonly presenter?: string;
  readonly plannedMinutes?: number | null;
  readonly minutes?: string;
  readonly decision?: string;
}

export async function updateAgendaItem(db: Kysely<Database>, id: string, changes: AgendaChanges): Promise<AgendaItem> {
  await db.transaction().execute((trx) =>
    updateRow(trx, 'agenda_item', id, {
      title: changes.title,
      description: changes.description,
      presenter: changes.presenter,
      planned_minutes: changes.plannedMinutes,
      minutes: changes.minutes,
      decision: changes.decision,
    }),
  );
  return getAgendaItem(db, id);
}

/** The referat's autosave of minutes or decision: one write, answered with the item's stamp (no second read of the item). */
export async function saveAgendaText(db: Kysely<Database>, id: string, changes: Pick<AgendaChanges, 'minutes' | 'decision'>): Promise<SaveAck> {
  const outcome = await db.transaction().execute((trx) => updateRow(trx, 'agenda_item', id, { minutes: changes.minutes, decision: changes.decision }));
  return { id, updatedAt: outcome.updatedAt };
}

/**
 * Moves an item between two neighbours by giving it a new fractional position
 * (only the moved item changes, so concurrent reorders on two laptops merge).
 */
export async function moveAgendaItem(db: Kysely<Database>, id: string, afterId: string | null, beforeId: string | null): Promise<AgendaItem> {
  await db.transaction().execute(async (trx) => {
    const before = await positionOf(trx, afterId);
    const after = await positionOf(trx, beforeId);
    if (before !== null && after !== null && before >= after) throw new AppError('VALIDATION', 'Punkterne står ikke i den rækkefølge.');
    await updateRow(trx, 'agenda_item', id, { position: generateKeyBetween(before, after) });
  });
  return getAgendaItem(db, id);
}

export async function deleteAgendaItem(db: Kysely<Database>, id: string): Promise<AgendaItem> {
  const item = await getAgendaItem(db, id);
  await db.transaction().execute((trx) => deleteRow(trx, 'agenda_item', id));
  return item;
}

export async function restoreAgendaItem(db: Kysely<Database>, id: string): Promise<AgendaItem> {
  await db.transaction().execute((trx) => restoreRow(trx, 'agenda_item', id));
  return getAgendaItem(db, id);
}

async function getAgendaItem(db: Kysely<Database>, id: string): Promise<AgendaItem> {
  const a = await db.selectFrom('agenda_item').selectAll().where('id', '=', id).executeTakeFirst();
  if (!a) throw new AppError('NOT_FOUND', 'Dagsordenspunktet findes ikke.');
  return toAgendaItem(a);
}

/** The one agenda_item row → model mapper. */
function toAgendaItem(a: Selectable<AgendaItemTable>): AgendaItem {
  return {
    id: a.id,
    meetingId: a.meeting_id,
    position: a.position,
    kind: a.kind,
    title: a.title,
    description: a.description,
    presenter: a.presenter,
    plannedMinutes: a.planned_minutes,
    minutes: a.minutes,
    decision: a.decision,
  };
}

// ---------- attendance ----------

/** One attendance row per meeting × contact (derived id), so two laptops inviting the same person agree. */
async function setAttendanceIn(trx: Transaction<Database>, meetingId: string, contactId: string, status: AttendanceStatus, role: AttendanceRole | null): Promise<void> {
  const contact = await trx.selectFrom('contact').select('id').where('id', '=', contactId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!contact) throw new AppError('VALIDATION', 'Kontakten findes ikke.', [{ path: ['contactId'], message: 'validation.unknownContact' }]);
  const id = derivedId('attendance', meetingId, contactId);
  await ensureLink(trx, 'attendance', id, { meeting_id: meetingId, contact_id: contactId, status, role });
  await updateRow(trx, 'attendance', id, { status, role });
}

export async function setAttendance(db: Kysely<Database>, meetingId: string, contactId: string, status: AttendanceStatus, role: AttendanceRole | null): Promise<Attendance[]> {
  await db.transaction().execute(async (trx) => {
    const meeting = await trx.selectFrom('meeting').select('id').where('id', '=', meetingId).where('deleted_at', 'is', null).executeTakeFirst();
    if (!meeting) throw new AppError('NOT_FOUND', 'Mødet findes ikke (længere).');
    if (role) {
      // One ordstyrer and one referent per meeting: giving the role to someone takes it from the other.
      const holders = await trx.selectFrom('attendance').select(['id']).where('meeting_id', '=', meetingId).where('role', '=', role).where('deleted_at', 'is', null).execute();
      for (const holder of holders) await updateRow(trx, 'attendance', holder.id, { role: null });
    }
    await setAttendanceIn(trx, meetingId, contactId, status, role);
  });
  return listAttendance(db, meetingId);
}

export async function removeAttendance(db: Kysely<Database>, meetingId: string, contactId: string): Promise<Attendance[]> {
  await db.transaction().execute(async (trx) => {
    const id = derivedId('attendance', meetingId, contactId);
    const row = await trx.selectFrom('attendance').select('id').where('id', '=', id).executeTakeFirst();
    if (row) await deleteRow(trx, 'attendance', id);
  });
  return listAttendance(db, meetingId);
}

/** Marks the meeting held ("Afslut møde"). */
export async function closeMeeting(db: Kysely<Database>, id: string): Promise<Meeting> {
  return updateMeeting(db, id, { status: 'afholdt' });
}


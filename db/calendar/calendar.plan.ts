import { sql, type Kysely } from 'kysely';
import type { IcsPreview, IcsPreviewItem } from '../../common/calendar/calendar.domain';
import type { MeetingStatus } from '../../common/domain';
import type { FieldChanges } from '../mutations';
import type { Database } from '../schema';
import { getSettings } from '../settings/settings.repository';
import { meetingSequences, uidDomain } from './calendar.ics';
import { icsKeyOf, icsUidWithVersion, icsVersionOf, isOlderVersion, versionedRange, type IcsVersion } from './ics-uid';
import { suggestKommune, type KommuneName } from './invitation-details';
import type { Candidate, Read } from './calendar.parse';


/**
 * Calendar import, stage 2 — plan: each appointment matched to the meeting it
 * is (by UID), and what importing it would change; the preview is the plan
 * shown. Reads the database, writes nothing.
 */
// ---------- matching and planning ----------

export interface MeetingRow {
  readonly id: string;
  readonly title: string;
  readonly starts_at: string;
  readonly ends_at: string | null;
  readonly place: string;
  readonly status: MeetingStatus;
  readonly notes: string;
  readonly ics_uid: string | null;
  readonly kommune_id: string | null;
  readonly deleted_at: string | null;
}

export interface Invitee {
  readonly contactId: string;
  readonly name: string;
  readonly email: string;
}

export interface Plan {
  readonly kind: IcsPreviewItem['kind'];
  readonly candidate: Candidate;
  readonly meeting: MeetingRow | null;
  /** The fields the preview shows as before → after. */
  readonly changes: FieldChanges<'meeting'>;
  /** The ics_uid to store (key and the version applied), when it changes. */
  readonly icsUid: string | null;
  readonly invitees: readonly Invitee[];
  /** Agenda items for a new meeting. */
  readonly agenda: readonly string[];
  /** The kommune the appointment names, when the meeting has none yet. */
  readonly kommune: KommuneName | null;
  readonly reason: string | null;
}

const ownUid = new RegExp(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@${uidDomain.replace('.', '\\.')}$`, 'i');
const meetingColumns = ['id', 'title', 'starts_at', 'ends_at', 'place', 'status', 'notes', 'ics_uid', 'kommune_id', 'deleted_at'] as const;

/** A live meeting wins over a deleted one with the same key. */
function better(current: MeetingRow | undefined, row: MeetingRow): boolean {
  return !current || (current.deleted_at !== null && row.deleted_at === null);
}

/** Meetings by match key (an imported meeting's stored key, or the own UID of a meeting made here). */
async function findMeetings(db: Kysely<Database>, keys: readonly string[]): Promise<Map<string, MeetingRow>> {
  const found = new Map<string, MeetingRow>();
  for (let i = 0; i < keys.length; i += 200) {
    const chunk = keys.slice(i, i + 200);
    const rows = await db
      .selectFrom('meeting')
      .select(meetingColumns)
      .where((eb) =>
        eb.or([
          eb('ics_uid', 'in', chunk),
          ...chunk.map((key) => {
            const [low, high] = versionedRange(key);
            return eb.and([eb('ics_uid', '>=', low), eb('ics_uid', '<', high)]);
          }),
        ]),
      )
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const key = icsKeyOf(row.ics_uid ?? '');
      if (better(found.get(key), row)) found.set(key, row);
    }
    const own = chunk.flatMap((key) => {
      const id = ownUid.exec(key)?.[1]?.toLowerCase();
      return id && !found.has(key) ? [{ key, id }] : [];
    });
    if (own.length) {
      const ownRows = await db.selectFrom('meeting').select(meetingColumns).where('id', 'in', own.map((o) => o.id)).execute();
      for (const { key, id } of own) {
        const row = ownRows.find((r) => r.id === id);
        if (row) found.set(key, row);
      }
    }
  }
  return found;
}

/** Every meeting of one appointment: the UID itself and all its occurrences (`UID#…`), for a cancellation of the whole series. */
async function findSeries(db: Kysely<Database>, uid: string): Promise<MeetingRow[]> {
  const [low, high] = versionedRange(uid);
  const rows = await db
    .selectFrom('meeting')
    .select(meetingColumns)
    .where((eb) => eb.or([eb('ics_uid', '=', uid), eb.and([eb('ics_uid', '>=', low), eb('ics_uid', '<', high)]), eb.and([eb('ics_uid', '>=', `${uid}#`), eb('ics_uid', '<', `${uid}$`)])]))
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  const byKey = new Map<string, MeetingRow>();
  for (const row of rows) {
    const key = icsKeyOf(row.ics_uid ?? '');
    if (key !== uid && !key.startsWith(`${uid}#`)) continue;
    if (better(byKey.get(key), row)) byKey.set(key, row);
  }
  const own = (await findMeetings(db, [uid])).get(uid);
  return [...(own && own.ics_uid === null ? [own] : []), ...byKey.values()];
}

interface Context {
  /**
   * The version an appointment is compared with, per matched meeting: for a
   * file from another program, the organiser's version stored with an
   * imported meeting; for Kredsbog's own files and meetings made here, the
   * SEQUENCE Kredsbog's own invitation carries now (meetingSequences).
   */
  readonly versions: Map<string, IcsVersion | null>;
  /** Only a file from another program moves the stored version (Kredsbog's SEQUENCE is derived from it). */
  readonly recordVersion: boolean;
  readonly kommuner: readonly KommuneName[];
  readonly contactsByEmail: Map<string, { readonly id: string; readonly name: string }>;
  /** meetingId|contactId of every attendance row, deleted ones too. */
  readonly attendance: Set<string>;
}

const olderReason = 'Filen indeholder en ældre udgave af aftalen end den, Kredsbog allerede har (lavere SEQUENCE eller tidligere DTSTAMP). Mødet ændres ikke.';

function inviteesFor(candidate: Candidate, meetingId: string | null, context: Context): Invitee[] {
  const result: Invitee[] = [];
  const seen = new Set<string>();
  for (const email of candidate.emails) {
    const contact = context.contactsByEmail.get(email);
    if (!contact || seen.has(contact.id)) continue;
    seen.add(contact.id);
    if (meetingId && context.attendance.has(`${meetingId}|${contact.id}`)) continue;
    result.push({ contactId: contact.id, name: contact.name, email });
  }
  return result;
}

function plan(candidate: Candidate, meeting: MeetingRow | undefined, context: Context): Plan {
  const base = { candidate, meeting: meeting ?? null, changes: {}, icsUid: null, invitees: [], agenda: [], kommune: null, reason: candidate.note };
  if (meeting && meeting.deleted_at !== null) return { ...base, kind: 'rejected', reason: 'Mødet er slettet i Kredsbog. Gendan det først, hvis det skal opdateres.' };
  if (meeting && isOlderVersion(candidate.version, context.versions.get(meeting.id) ?? null)) return { ...base, kind: 'unchanged', reason: olderReason };
  // An imported meeting remembers the version applied; a meeting made here keeps its own UID.
  const nextUid = meeting?.ics_uid && context.recordVersion ? icsUidWithVersion(icsKeyOf(meeting.ics_uid), candidate.version) : null;
  const icsUid = nextUid !== null && nextUid !== meeting?.ics_uid ? nextUid : null;
  if (candidate.cancelled) {
    if (!meeting) return { ...base, kind: 'rejected', reason: 'Aflysningen gælder et møde, som ikke findes i Kredsbog.' };
    if (meeting.status === 'aflyst') return { ...base, kind: 'unchanged', icsUid };
    if (meeting.status === 'afholdt') return { ...base, kind: 'unchanged', reason: 'Mødet er allerede afholdt og aflyses ikke.' };
    return { ...base, kind: 'cancel', changes: { status: 'aflyst' }, icsUid };
  }
  const kommune = !meeting || meeting.kommune_id === null ? suggestKommune(candidate.kommuneTexts, context.kommuner) : null;
  if (!meeting) return { ...base, kind: 'new', agenda: candidate.agenda, invitees: inviteesFor(candidate, null, context), kommune };
  // A meeting without an end is written as one hour long; reading that back is no change.
  const sameOneHour = meeting.ends_at === null && candidate.endsAt !== null && Date.parse(candidate.endsAt) - Date.parse(candidate.startsAt!) === 3_600_000;
  const wanted: FieldChanges<'meeting'> = {
    title: candidate.title,
    starts_at: candidate.startsAt!,
    ends_at: sameOneHour ? null : candidate.endsAt,
    place: candidate.place,
    // A new invitation for an aflyst appointment reinstates it; held meetings stay held.
    status: meeting.status === 'aflyst' ? 'planlagt' : undefined,
  };
  const changes = Object.fromEntries(Object.entries(wanted).filter(([field, value]) => value !== undefined && meeting[field as keyof MeetingRow] !== value)) as FieldChanges<'meeting'>;
  const invitees = inviteesFor(candidate, meeting.id, context);
  const kind = Object.keys(changes).length || invitees.length ? 'update' : 'unchanged';
  return { ...base, kind, changes, icsUid, invitees, kommune };
}

/** Contacts (live, not erased) by each of their e-mail addresses, lower case; the first by name when two share one. */
async function contactsByEmail(db: Kysely<Database>, emails: readonly string[]): Promise<Map<string, { id: string; name: string }>> {
  const found = new Map<string, { id: string; name: string }>();
  for (let i = 0; i < emails.length; i += 500) {
    const chunk = emails.slice(i, i + 500);
    const { rows } = await sql<{ id: string; name: string; email: string }>`
      SELECT contact.id AS id, contact.name AS name, lower(trim(address.value)) AS email
      FROM contact, json_each(contact.emails) AS address
      WHERE contact.deleted_at IS NULL AND contact.erased_at IS NULL AND json_valid(contact.emails)
        AND lower(trim(address.value)) IN (${sql.join(chunk)})
      ORDER BY contact.name, contact.id`.execute(db);
    for (const row of rows) if (!found.has(row.email)) found.set(row.email, { id: row.id, name: row.name });
  }
  return found;
}

export async function planAll(db: Kysely<Database>, read: Read): Promise<Plan[]> {
  const single = read.candidates.filter((c) => !c.wholeSeries);
  const meetings = await findMeetings(db, single.map((c) => c.key));
  const pairs: [Candidate, MeetingRow | undefined][] = single.map((c) => [c, meetings.get(c.key)]);
  for (const candidate of read.candidates.filter((c) => c.wholeSeries)) {
    const series = await findSeries(db, candidate.uid);
    if (series.length === 0) pairs.push([candidate, undefined]);
    for (const meeting of series) pairs.push([{ ...candidate, key: meeting.ics_uid ? icsKeyOf(meeting.ics_uid) : candidate.uid }, meeting]);
  }
  const matched = pairs.flatMap(([, m]) => (m ? [m] : []));
  const ownIds = matched.filter((m) => m.ics_uid === null || read.fromKredsbog).map((m) => m.id);
  const ownSequences = await meetingSequences(db, ownIds);
  const versions = new Map<string, IcsVersion | null>(
    matched.map((m) => [m.id, m.ics_uid === null || read.fromKredsbog ? { sequence: ownSequences.get(m.id) ?? 0, stamp: null } : icsVersionOf(m.ics_uid)]),
  );
  const settings = await getSettings(db);
  const own = settings.email.trim().toLowerCase();
  const emails = [...new Set(read.candidates.flatMap((c) => c.emails))].filter((e) => e !== own);
  const matchedIds = [...new Set(matched.map((m) => m.id))];
  const attendance = new Set<string>();
  for (let i = 0; i < matchedIds.length; i += 500) {
    const rows = await db.selectFrom('attendance').select(['meeting_id', 'contact_id']).where('meeting_id', 'in', matchedIds.slice(i, i + 500)).execute();
    for (const row of rows) attendance.add(`${row.meeting_id}|${row.contact_id}`);
  }
  const context: Context = {
    versions,
    recordVersion: !read.fromKredsbog,
    kommuner: await db.selectFrom('kommune').select(['id', 'navn']).where('deleted_at', 'is', null).orderBy('kode').execute(),
    contactsByEmail: await contactsByEmail(db, emails),
    attendance,
  };
  const startOf = (p: Plan) => p.candidate.startsAt ?? p.meeting?.starts_at ?? '';
  return pairs.map(([c, m]) => plan(c, m, context)).sort((a, b) => startOf(a).localeCompare(startOf(b)) || a.candidate.key.localeCompare(b.candidate.key));
}

const visibleFields = new Set<string>(['title', 'starts_at', 'ends_at', 'place', 'status', 'notes']);

export function previewOf(fileName: string, read: Read, plans: readonly Plan[]): IcsPreview {
  const items: IcsPreviewItem[] = [
    ...plans.map((p): IcsPreviewItem => {
      const meeting = p.meeting;
      const changes = Object.entries(p.changes)
        .filter(([field]) => visibleFields.has(field))
        .map(([field, after]) => ({ field: field as IcsPreviewItem['changes'][number]['field'], before: meeting ? (meeting[field as keyof MeetingRow] as string | null) : null, after: after as string | null }));
      const bare = p.candidate.startsAt === null;
      return {
        kind: p.kind,
        key: p.candidate.key,
        uid: p.candidate.uid,
        title: (bare && meeting ? meeting.title : p.candidate.title) || 'Uden titel',
        startsAt: bare ? (meeting?.starts_at ?? null) : p.candidate.startsAt,
        endsAt: bare ? (meeting?.ends_at ?? null) : p.candidate.endsAt,
        allDay: p.candidate.allDay,
        place: bare ? (meeting?.place ?? '') : p.candidate.place,
        meetingId: meeting?.id ?? null,
        changes,
        agenda: [...p.agenda],
        invitees: p.invitees.map((i) => ({ contactId: i.contactId, name: i.name, email: i.email })),
        kommune: p.kommune && p.kind !== 'rejected' && p.kind !== 'cancel' ? { id: p.kommune.id, name: p.kommune.navn } : null,
        reason: p.reason,
      };
    }),
    ...read.rejected.map((r): IcsPreviewItem => ({ kind: 'rejected', key: r.uid, uid: r.uid, title: r.title, startsAt: null, endsAt: null, allDay: false, place: '', meetingId: null, changes: [], agenda: [], invitees: [], kommune: null, reason: r.reason })),
  ];
  const count = (kind: IcsPreviewItem['kind']) => items.filter((i) => i.kind === kind).length;
  const suggestions = new Map<string, IcsPreview['kommuneSuggestions'][number]>();
  for (const item of items) {
    if (!item.kommune) continue;
    const id = `${item.uid}\n${item.kommune.id}`;
    const seen = suggestions.get(id);
    suggestions.set(id, seen ? { ...seen, meetings: seen.meetings + 1 } : { uid: item.uid, title: item.title, kommuneId: item.kommune.id, kommuneName: item.kommune.name, meetings: 1 });
  }
  return {
    fileName,
    method: read.method,
    items,
    counts: { new: count('new'), update: count('update'), unchanged: count('unchanged'), cancel: count('cancel'), rejected: count('rejected') },
    warnings: read.warnings,
    kommuneSuggestions: [...suggestions.values()],
  };
}

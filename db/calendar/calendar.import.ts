import { TZDate } from '@date-fns/tz';
import ICAL from 'ical.js';
import type { Kysely } from 'kysely';
import { calendarText } from '../../common/calendar/calendar-text';
import { maxIcsBytes, type IcsImportResult, type IcsPreview, type IcsPreviewItem } from '../../common/calendar/calendar.domain';
import type { MeetingStatus } from '../../common/domain';
import { AppError } from '../../common/result';
import { danishInstant, danishTimeZone } from '../../common/time';
import { protectBeforeImport } from '../backups/import-protection';
import type { AppDatabase } from '../connection';
import { createRow, updateRow, type FieldChanges } from '../mutations';
import type { Database } from '../schema';
import { uidDomain } from './calendar.ics';

/**
 * Appointments from an .ics file (Outlook, Google, Apple) as Kredsbog meetings.
 *
 * Preview first, then apply everything in one transaction through
 * db/mutations.ts. Each appointment is matched by UID: a meeting imported
 * before carries it in meeting.ics_uid; a meeting made in Kredsbog is found by
 * its own UID `<id>@kredsbog.dk`. So importing the same file twice changes
 * nothing the second time, and an invitation exported from Kredsbog and read
 * back is "unchanged".
 *
 * Decisions:
 * - Recurring appointments (RRULE/RDATE) are expanded into one meeting per
 *   occurrence, from a year before the import to two years after it, at most
 *   100 per appointment; each occurrence is keyed `<UID>#<RECURRENCE-ID in UTC>`
 *   so a moved or cancelled single occurrence (a VEVENT with RECURRENCE-ID,
 *   with or without its master in the file) finds the same meeting.
 * - Times: TZID resolved from the file's VTIMEZONE (Outlook's "Romance Standard
 *   Time" included); a TZID without VTIMEZONE is read as an IANA zone or a
 *   known Windows zone name; floating times are Danish time; all-day
 *   appointments run from Danish midnight to Danish midnight.
 * - DESCRIPTION becomes the notes of a new meeting only. An update never
 *   touches notes: the user may have written in them since, and the
 *   DESCRIPTION of a meeting made here is just the agenda Kredsbog wrote.
 * - A cancellation (METHOD:CANCEL or STATUS:CANCELLED) only sets status aflyst;
 *   a cancellation of a meeting Kredsbog does not have is rejected, not created.
 * - Attendees are not imported: matching people by e-mail belongs to the user.
 * - The file must be UTF-8 (what Outlook writes); Windows-1252 is refused
 *   rather than guessed, so æøå are never silently garbled.
 */

export const maxOccurrences = 100;
const maxItems = 2000;
const day = 86_400_000;

export interface IcsImportOptions {
  readonly fileName: string;
  /** The reference for the recurrence window; injectable for tests. */
  readonly now?: Date;
}

/** Why a single appointment cannot be imported (Danish, shown in the preview). */
class Rejection extends Error {}

// ---------- reading the file ----------

function invalid(message: string): AppError {
  return new AppError('VALIDATION', message);
}

/** The text of an uploaded .ics file, or a clear Danish reason it is not one. */
export function decodeIcs(bytes: Uint8Array): string {
  if (bytes.byteLength > maxIcsBytes) throw invalid(`Filen er for stor (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB). En kalenderfil må højst fylde 5 MB.`);
  if (bytes.byteLength === 0) throw invalid('Filen er tom.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalid('Filen er ikke gemt som UTF-8 og kan ikke læses som kalenderfil. Eksportér den igen fra Outlook (Gem som iCalendar-format).');
  }
  text = text.replace(/^\uFEFF/, '');
  const firstLine = text.trimStart().split(/\r\n|\r|\n/, 1)[0] ?? '';
  if (firstLine.trim().toUpperCase() !== 'BEGIN:VCALENDAR') {
    throw invalid('Filen er ikke en kalenderfil (.ics): den begynder ikke med BEGIN:VCALENDAR.');
  }
  return text;
}

function parseCalendars(text: string): ICAL.Component[] {
  let parsed: unknown;
  try {
    parsed = ICAL.parse(text);
  } catch (error) {
    throw invalid(`Kalenderfilen kunne ikke læses (${error instanceof Error ? error.message : 'ukendt fejl'}). Den følger ikke iCalendar-formatet (RFC 5545).`);
  }
  const roots = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[])) as ConstructorParameters<typeof ICAL.Component>[0][];
  const calendars = roots.map((jcal) => new ICAL.Component(jcal)).filter((c) => c.name === 'vcalendar');
  if (calendars.length === 0) throw invalid('Filen er ikke en kalenderfil (.ics): der er ingen VCALENDAR i den.');
  return calendars;
}

// ---------- time ----------

/** Windows zone names Outlook writes as TZID, for files that leave out the VTIMEZONE. */
const windowsZones: Record<string, string> = {
  'romance standard time': 'Europe/Paris',
  'w. europe standard time': 'Europe/Berlin',
  'central europe standard time': 'Europe/Budapest',
  'central european standard time': 'Europe/Warsaw',
  'gmt standard time': 'Europe/London',
  'greenwich standard time': 'Atlantic/Reykjavik',
  'fle standard time': 'Europe/Helsinki',
  'utc': 'UTC',
};

function ianaZone(tzid: string): string {
  const trimmed = tzid.trim().replace(/^"|"$/g, '');
  if (/copenhagen|københavn|romance/i.test(trimmed)) return danishTimeZone;
  const mapped = windowsZones[trimmed.toLowerCase()] ?? trimmed;
  try {
    new Intl.DateTimeFormat('en', { timeZone: mapped });
    return mapped;
  } catch {
    throw new Rejection(`Ukendt tidszone "${trimmed}" og ingen definition (VTIMEZONE) i filen.`);
  }
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function dateText(time: ICAL.Time): string {
  return `${pad(time.year, 4)}-${pad(time.month)}-${pad(time.day)}`;
}

/** An ICAL.Time as a UTC instant. `tzid` is the TZID parameter of the property it came from. */
function instantOf(time: ICAL.Time, tzid: string | null): string {
  if (time.isDate) return danishInstant(dateText(time), 0);
  const zone = time.zone;
  const resolved = zone && zone.tzid !== 'floating';
  if (resolved) return new Date(time.toUnixTime() * 1000).toISOString();
  const local = new TZDate(time.year, time.month - 1, time.day, time.hour, time.minute, time.second, tzid ? ianaZone(tzid) : danishTimeZone);
  return new Date(local.getTime()).toISOString();
}

function tzidOf(component: ICAL.Component, property: string): string | null {
  const value = component.getFirstProperty(property)?.getParameter('tzid');
  return typeof value === 'string' ? value : null;
}

function basicUtc(instant: string, isDate: boolean, time: ICAL.Time): string {
  return isDate ? dateText(time).replace(/-/g, '') : instant.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
}

// ---------- appointments ----------

interface Candidate {
  /** meeting.ics_uid for this appointment (the UID, or UID#RECURRENCE-ID for an occurrence). */
  readonly key: string;
  readonly uid: string;
  readonly sequence: number;
  readonly title: string;
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly place: string;
  readonly notes: string;
  readonly cancelled: boolean;
  readonly note: string | null;
}

interface RejectedCandidate {
  /** Position in the file, so rejected rows are listed in the order the user sees them in Outlook's export. */
  readonly order: number;
  readonly uid: string;
  readonly title: string;
  readonly reason: string;
}

function text(component: ICAL.Component, property: string): string {
  const value = component.getFirstPropertyValue(property);
  return typeof value === 'string' ? calendarText(value).trim() : '';
}

function isCancelled(component: ICAL.Component, method: string | null): boolean {
  return method === 'CANCEL' || text(component, 'status').toUpperCase() === 'CANCELLED';
}

const limits = { title: 300, place: 300, notes: 20000 };

function clip(value: string, max: number, notes: string[], label: string): string {
  if (value.length <= max) return value;
  notes.push(`${label} er forkortet til ${max.toLocaleString('da-DK')} tegn.`);
  return value.slice(0, max);
}

function describe(component: ICAL.Component, method: string | null, key: string, uid: string, start: ICAL.Time, end: ICAL.Time | null, startTzid: string | null, endTzid: string | null, note: string | null): Candidate {
  const notes: string[] = note ? [note] : [];
  const startsAt = instantOf(start, startTzid);
  let endsAt = end ? instantOf(end, endTzid) : null;
  if (start.isDate && !end) endsAt = new Date(Date.parse(startsAt) + day).toISOString();
  if (endsAt !== null && endsAt < startsAt) throw new Rejection('Aftalen slutter før den begynder.');
  if (endsAt === startsAt) endsAt = null;
  const sequence = Number(component.getFirstPropertyValue('sequence') ?? 0);
  return {
    key,
    uid,
    sequence: Number.isFinite(sequence) ? sequence : 0,
    title: clip(text(component, 'summary').replace(/\s*\n\s*/g, ' ') || 'Uden titel', limits.title, notes, 'Titlen'),
    startsAt,
    endsAt,
    place: clip(text(component, 'location').replace(/\s*\n\s*/g, ', '), limits.place, notes, 'Stedet'),
    notes: clip(text(component, 'description'), limits.notes, notes, 'Beskrivelsen'),
    cancelled: isCancelled(component, method),
    note: notes.length ? notes.join(' ') : null,
  };
}

function single(component: ICAL.Component, method: string | null, uid: string): Candidate {
  const event = new ICAL.Event(component);
  if (!component.hasProperty('dtstart')) throw new Rejection('Aftalen mangler starttidspunkt (DTSTART).');
  const start = event.startDate;
  const end = component.hasProperty('dtend') || component.hasProperty('duration') ? event.endDate : null;
  let key = uid;
  if (component.hasProperty('recurrence-id')) {
    const recurrenceId = event.recurrenceId;
    key = `${uid}#${basicUtc(instantOf(recurrenceId, tzidOf(component, 'recurrence-id')), recurrenceId.isDate, recurrenceId)}`;
  }
  const endTzid = component.hasProperty('dtend') ? tzidOf(component, 'dtend') : tzidOf(component, 'dtstart');
  return describe(component, method, key, uid, start, end, tzidOf(component, 'dtstart'), endTzid, component.hasProperty('recurrence-id') ? 'Enkelt forekomst af en gentagende aftale.' : null);
}

/** The occurrences of a recurring appointment inside the window, with its exceptions applied. */
function occurrences(master: ICAL.Component, exceptions: readonly ICAL.Component[], method: string | null, uid: string, now: Date, warnings: string[]): Candidate[] {
  if (!master.hasProperty('dtstart')) throw new Rejection('Aftalen mangler starttidspunkt (DTSTART).');
  const event = new ICAL.Event(master);
  for (const exception of exceptions) event.relateException(exception);
  const startTzid = tzidOf(master, 'dtstart');
  const endTzid = master.hasProperty('dtend') ? tzidOf(master, 'dtend') : startTzid;
  const hasEnd = master.hasProperty('dtend') || master.hasProperty('duration');
  const masterStart = instantOf(event.startDate, startTzid);
  const durationMs = hasEnd ? Date.parse(instantOf(event.endDate, endTzid)) - Date.parse(masterStart) : 0;
  const from = new Date(now.getTime() - 365 * day).toISOString();
  const to = new Date(now.getTime() + 2 * 365 * day).toISOString();
  const title = text(master, 'summary') || 'Uden titel';
  const result: Candidate[] = [];
  const iterator = event.iterator();
  let skipped = 0;
  let truncated = false;
  // The iteration count is bounded too: an RRULE without COUNT/UNTIL is endless.
  for (let steps = 0; steps < 20_000; steps++) {
    const next = iterator.next();
    if (!next) break;
    const details = event.getOccurrenceDetails(next);
    const recurrenceInstant = instantOf(details.recurrenceId, startTzid);
    const item = details.item.component;
    const own = details.item !== event;
    const startsAt = own ? instantOf(details.startDate, tzidOf(item, 'dtstart')) : instantOf(details.startDate, startTzid);
    if (startsAt < from) {
      skipped++;
      continue;
    }
    if (startsAt >= to) break;
    if (result.length === maxOccurrences) {
      truncated = true;
      break;
    }
    const key = `${uid}#${basicUtc(recurrenceInstant, details.recurrenceId.isDate, details.recurrenceId)}`;
    const note = `Forekomst af en gentagende aftale (${result.length + 1}).`;
    if (own) {
      result.push(describe(item, method, key, uid, details.startDate, item.hasProperty('dtend') || item.hasProperty('duration') ? details.endDate : null, tzidOf(item, 'dtstart'), tzidOf(item, 'dtend') ?? tzidOf(item, 'dtstart'), note));
    } else if (details.startDate.isDate) {
      result.push(describe(master, method, key, uid, details.startDate, hasEnd ? details.endDate : null, startTzid, endTzid, note));
    } else {
      const candidate = describe(master, method, key, uid, details.startDate, null, startTzid, null, note);
      result.push({ ...candidate, endsAt: hasEnd && durationMs > 0 ? new Date(Date.parse(candidate.startsAt) + durationMs).toISOString() : null });
    }
  }
  if (truncated) warnings.push(`"${title}" gentages mere end ${maxOccurrences} gange i perioden: kun de første ${maxOccurrences} forekomster importeres.`);
  if (skipped > 0) warnings.push(`"${title}": ${skipped} forekomst(er) mere end et år tilbage springes over.`);
  if (result.length === 0) throw new Rejection('Den gentagende aftale har ingen forekomster fra et år tilbage til to år frem.');
  return result;
}

interface Read {
  readonly method: string | null;
  readonly candidates: Candidate[];
  readonly rejected: RejectedCandidate[];
  readonly warnings: string[];
}

function readAppointments(source: string, now: Date): Read {
  const calendars = parseCalendars(source);
  const candidates: Candidate[] = [];
  const rejected: RejectedCandidate[] = [];
  const warnings: string[] = [];
  let method: string | null = null;
  let eventCount = 0;
  for (const calendar of calendars) {
    const calendarMethod = upperText(calendar.getFirstPropertyValue('method'));
    method = method ?? calendarMethod;
    const events = calendar.getAllSubcomponents('vevent');
    eventCount += events.length;
    const byUid = new Map<string, { master: ICAL.Component | null; exceptions: ICAL.Component[] }>();
    const orderOf = (component: ICAL.Component | undefined) => eventCount - events.length + (component ? events.indexOf(component) : 0);
    for (const component of events) {
      const uid = text(component, 'uid');
      if (!uid) {
        rejected.push({ order: orderOf(component), uid: '', title: text(component, 'summary') || 'Uden titel', reason: 'Aftalen mangler UID og kan derfor ikke genkendes ved en senere import.' });
        continue;
      }
      const group = byUid.get(uid) ?? { master: null, exceptions: [] };
      if (component.hasProperty('recurrence-id')) group.exceptions.push(component);
      else group.master = component;
      byUid.set(uid, group);
    }
    for (const [uid, group] of byUid) {
      const recurring = group.master && (group.master.hasProperty('rrule') || group.master.hasProperty('rdate'));
      const parts = recurring && group.master ? [() => occurrences(group.master as ICAL.Component, group.exceptions, calendarMethod, uid, now, warnings)] : [...(group.master ? [group.master] : []), ...group.exceptions].map((c) => () => [single(c, calendarMethod, uid)]);
      for (const part of parts) {
        try {
          candidates.push(...part());
        } catch (error) {
          if (!(error instanceof Rejection)) throw error;
          rejected.push({ order: orderOf(group.master ?? group.exceptions[0]), uid, title: text(group.master ?? group.exceptions[0] ?? calendar, 'summary') || 'Uden titel', reason: error.message });
        }
      }
    }
  }
  if (eventCount === 0) throw invalid('Filen indeholder ingen aftaler (VEVENT).');
  if (candidates.length + rejected.length > maxItems) throw invalid(`Filen indeholder mere end ${maxItems.toLocaleString('da-DK')} aftaler. Del den op, eller eksportér en kortere periode.`);
  // The same appointment twice (two exports pasted together): the highest SEQUENCE wins, the later one on a tie.
  const byKey = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const seen = byKey.get(candidate.key);
    if (!seen || candidate.sequence >= seen.sequence) byKey.set(candidate.key, candidate);
  }
  return { method, candidates: [...byKey.values()], rejected: rejected.sort((a, b) => a.order - b.order), warnings };
}

function upperText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().toUpperCase() : null;
}

// ---------- matching and planning ----------

interface MeetingRow {
  readonly id: string;
  readonly title: string;
  readonly starts_at: string;
  readonly ends_at: string | null;
  readonly place: string;
  readonly status: MeetingStatus;
  readonly notes: string;
  readonly ics_uid: string | null;
  readonly deleted_at: string | null;
}

type Plan =
  | { readonly kind: 'new'; readonly candidate: Candidate }
  | { readonly kind: 'update' | 'cancel'; readonly candidate: Candidate; readonly meeting: MeetingRow; readonly changes: FieldChanges<'meeting'> }
  | { readonly kind: 'unchanged'; readonly candidate: Candidate; readonly meeting: MeetingRow }
  | { readonly kind: 'rejected'; readonly candidate: Candidate; readonly meeting: MeetingRow | null; readonly reason: string };

const ownUid = new RegExp(`^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})@${uidDomain.replace('.', '\\.')}$`, 'i');

async function findMeetings(db: Kysely<Database>, keys: readonly string[]): Promise<Map<string, MeetingRow>> {
  const found = new Map<string, MeetingRow>();
  const columns = ['id', 'title', 'starts_at', 'ends_at', 'place', 'status', 'notes', 'ics_uid', 'deleted_at'] as const;
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    const byUid = await db.selectFrom('meeting').select(columns).where('ics_uid', 'in', chunk).orderBy('id').execute();
    // A live meeting wins over a deleted one with the same UID.
    for (const row of byUid) if (row.ics_uid && (!found.has(row.ics_uid) || row.deleted_at === null)) found.set(row.ics_uid, row);
    const own = chunk.flatMap((key) => {
      const id = ownUid.exec(key)?.[1]?.toLowerCase();
      return id && !found.has(key) ? [{ key, id }] : [];
    });
    if (own.length) {
      const rows = await db.selectFrom('meeting').select(columns).where('id', 'in', own.map((o) => o.id)).execute();
      for (const { key, id } of own) {
        const row = rows.find((r) => r.id === id);
        if (row) found.set(key, row);
      }
    }
  }
  return found;
}

function plan(candidate: Candidate, meeting: MeetingRow | undefined): Plan {
  if (meeting && meeting.deleted_at !== null) return { kind: 'rejected', candidate, meeting, reason: 'Mødet er slettet i Kredsbog. Gendan det først, hvis det skal opdateres.' };
  if (candidate.cancelled) {
    if (!meeting) return { kind: 'rejected', candidate, meeting: null, reason: 'Aflysningen gælder et møde, som ikke findes i Kredsbog.' };
    return meeting.status === 'aflyst' ? { kind: 'unchanged', candidate, meeting } : { kind: 'cancel', candidate, meeting, changes: { status: 'aflyst' } };
  }
  if (!meeting) return { kind: 'new', candidate };
  // A meeting without an end is written as one hour long; reading that back is no change.
  const sameOneHour = meeting.ends_at === null && candidate.endsAt !== null && Date.parse(candidate.endsAt) - Date.parse(candidate.startsAt) === 3_600_000;
  const wanted: FieldChanges<'meeting'> = {
    title: candidate.title,
    starts_at: candidate.startsAt,
    ends_at: sameOneHour ? null : candidate.endsAt,
    place: candidate.place,
    // A new invitation for an aflyst appointment reinstates it; held meetings stay held.
    status: meeting.status === 'aflyst' ? 'planlagt' : undefined,
  };
  const changes = Object.fromEntries(Object.entries(wanted).filter(([field, value]) => value !== undefined && meeting[field as keyof MeetingRow] !== value)) as FieldChanges<'meeting'>;
  return Object.keys(changes).length ? { kind: 'update', candidate, meeting, changes } : { kind: 'unchanged', candidate, meeting };
}

async function planAll(db: Kysely<Database>, read: Read): Promise<Plan[]> {
  const meetings = await findMeetings(db, read.candidates.map((c) => c.key));
  return read.candidates.map((c) => plan(c, meetings.get(c.key))).sort((a, b) => a.candidate.startsAt.localeCompare(b.candidate.startsAt) || a.candidate.key.localeCompare(b.candidate.key));
}

function previewOf(fileName: string, read: Read, plans: readonly Plan[]): IcsPreview {
  const items: IcsPreviewItem[] = [
    ...plans.map((p): IcsPreviewItem => {
      const meeting = p.kind === 'new' ? null : p.meeting;
      const changes = p.kind === 'update' || p.kind === 'cancel' ? Object.entries(p.changes).map(([field, after]) => ({ field: field as IcsPreviewItem['changes'][number]['field'], before: meeting ? (meeting[field as keyof MeetingRow] as string | null) : null, after: after as string | null })) : [];
      return {
        kind: p.kind,
        uid: p.candidate.uid,
        title: p.candidate.title,
        startsAt: p.candidate.startsAt,
        endsAt: p.candidate.endsAt,
        place: p.candidate.place,
        meetingId: meeting?.id ?? null,
        changes,
        reason: p.kind === 'rejected' ? p.reason : p.candidate.note,
      };
    }),
    ...read.rejected.map((r): IcsPreviewItem => ({ kind: 'rejected', uid: r.uid, title: r.title, startsAt: null, endsAt: null, place: '', meetingId: null, changes: [], reason: r.reason })),
  ];
  const count = (kind: IcsPreviewItem['kind']) => items.filter((i) => i.kind === kind).length;
  return {
    fileName,
    method: read.method,
    items,
    counts: { new: count('new'), update: count('update'), unchanged: count('unchanged'), cancel: count('cancel'), rejected: count('rejected') },
    warnings: read.warnings,
  };
}

/**
 * What importing the file would do, item by item. Changes nothing.
 *
 * @example
 *   const preview = await previewIcsImport(app.db, fs.readFileSync('invitation.ics'), { fileName: 'invitation.ics' });
 *   preview.counts.new; // appointments that become new meetings
 */
export async function previewIcsImport(db: Kysely<Database>, bytes: Uint8Array, options: IcsImportOptions): Promise<IcsPreview> {
  const read = readAppointments(decodeIcs(bytes), options.now ?? new Date());
  return previewOf(options.fileName, read, await planAll(db, read));
}

/**
 * Imports the file: everything or nothing, in one transaction, after a backup
 * when there is anything to change. Rejected appointments are left out and
 * reported; a file that is not a calendar changes nothing and throws VALIDATION.
 */
export async function importIcs(app: AppDatabase, bytes: Uint8Array, options: IcsImportOptions): Promise<IcsImportResult> {
  const read = readAppointments(decodeIcs(bytes), options.now ?? new Date());
  const before = await planAll(app.db, read);
  if (before.some((p) => p.kind === 'new' || p.kind === 'update' || p.kind === 'cancel') && app.file !== ':memory:') {
    await protectBeforeImport(app);
  }
  return app.db.transaction().execute(async (trx) => {
    // Planned again inside the transaction, so what is applied is exactly what the database holds now.
    const plans = await planAll(trx, read);
    let created = 0;
    let updated = 0;
    let cancelled = 0;
    for (const p of plans) {
      if (p.kind === 'new') {
        const c = p.candidate;
        await createRow(trx, 'meeting', { series_id: null, kommune_id: null, title: c.title, starts_at: c.startsAt, ends_at: c.endsAt, place: c.place, status: 'planlagt', notes: c.notes, ics_uid: c.key });
        created++;
      } else if (p.kind === 'update' || p.kind === 'cancel') {
        await updateRow(trx, 'meeting', p.meeting.id, p.changes);
        if (p.kind === 'update') updated++;
        else cancelled++;
      }
    }
    return { ...previewOf(options.fileName, read, plans), created, updated, cancelled };
  });
}

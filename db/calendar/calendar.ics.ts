import { TZDate } from '@date-fns/tz';
import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import ical, { ICalAlarmType, ICalAttendeeRole, ICalAttendeeStatus, ICalCalendarMethod, ICalEventBusyStatus, ICalEventStatus } from 'ical-generator';
import type { Kysely } from 'kysely';
import { agendaDescription, calendarFileName, calendarParam, calendarText } from '../../common/calendar/calendar-text';
import type { AftaleDeadlineKind } from '../../common/aftaler.domain';
import type { AttendanceRole, AttendanceStatus, MeetingStatus } from '../../common/domain';
import { AppError } from '../../common/result';
import { addDanishDays, danishDate, danishInstant, danishTimeZone } from '../../common/time';
import { aftaleDeadlines } from '../aftaler/aftaler.repository';
import { danishLabels } from '../../common/labels.da';
import { helhedsplanDeadlines } from '../helhedsplaner/helhedsplaner.repository';
import type { Database } from '../schema';
import { getSettings } from '../settings/settings.repository';
import { icsKeyOf, icsVersionOf, splitOccurrenceKey } from './ics-uid';

/**
 * Meetings as RFC 5545 calendar files for Outlook.
 *
 * - UID: `<meeting id>@kredsbog.dk`, or the UID the meeting came with from an
 *   .ics import (meeting.ics_uid), so Outlook updates its own appointment.
 * - SEQUENCE: how many times the fields an invitation shows have changed, read
 *   from the sync log, so every installation that has seen the same changes
 *   writes the same number (see `sequenceFields`). A meeting imported from an
 *   invitation starts at the organiser's SEQUENCE (stored with its UID) and
 *   counts up from there, so Outlook takes our update as the newer one.
 * - An occurrence of an imported recurring appointment is written with the
 *   series' UID and its RECURRENCE-ID, so Outlook updates that one occurrence.
 * - A whole-day meeting (Danish midnight to a later Danish midnight) is written
 *   as a whole-day event, DTSTART;VALUE=DATE, as it came in.
 * - One meeting: METHOD:REQUEST, or METHOD:CANCEL + STATUS:CANCELLED when aflyst.
 *   A whole series: METHOD:PUBLISH — Outlook reads only the first VEVENT of a
 *   REQUEST or CANCEL ([MS-STANOICAL] 2.2.175), but imports every VEVENT of a
 *   PUBLISH file; iTIP forbids ATTENDEE in PUBLISH, so a series file lists none.
 * - Times are written in Europe/Copenhagen with TZID and a VTIMEZONE. The
 *   calendar itself gets no default zone: ical-generator then writes DTSTAMP in
 *   process-local time without "Z", which RFC 5545 §3.8.7.2 forbids.
 * - ORGANIZER is the consultant (settings userName). RFC 5545 makes its value a
 *   cal-address (a URI), and the settings hold no e-mail, so the address is
 *   `noreply@kredsbog.invalid` unless one is given: ".invalid" (RFC 6761) can
 *   never deliver, so a reply Outlook sends to it goes nowhere.
 */

export const uidDomain = 'kredsbog.dk';
export const unknownOrganizerEmail = 'noreply@kredsbog.invalid';

/** The fields an invitation shows; a change to any of them is a new SEQUENCE (agenda changes are not). */
export const sequenceFields = ['title', 'starts_at', 'ends_at', 'place', 'status', 'deleted_at'] as const;

/**
 * Europe/Copenhagen exactly as @touch4it/ical-timezones ships it (a test keeps
 * them equal). Used when the library cannot read its zone files — it looks them
 * up beside its own source, which is not there once main is bundled.
 */
export const copenhagenVtimezone = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/Copenhagen',
  'TZURL:http://tzurl.org/zoneinfo-outlook/Europe/Copenhagen',
  'X-LIC-LOCATION:Europe/Copenhagen',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'TZNAME:CEST',
  'DTSTART:19700329T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'TZNAME:CET',
  'DTSTART:19701025T030000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
  '',
].join('\n');

export function vtimezoneFor(zone: string): string | null {
  return getVtimezoneComponent(zone) ?? (zone === danishTimeZone ? copenhagenVtimezone : null);
}

export interface CalendarAttendee {
  readonly name: string;
  readonly email: string;
  readonly status: AttendanceStatus;
  readonly role: AttendanceRole | null;
}

export interface CalendarEvent {
  readonly uid: string;
  /** RECURRENCE-ID of one occurrence, basic UTC (20261006T080000Z) or a date (20261006); none for a whole appointment. */
  readonly recurrenceId?: string | null;
  readonly sequence: number;
  readonly title: string;
  /** UTC ISO instants; no end means one hour. */
  readonly startsAt: string;
  readonly endsAt: string | null;
  readonly place: string;
  readonly agendaTitles: readonly string[];
  readonly status: MeetingStatus;
  readonly attendees: readonly CalendarAttendee[];
}

export type CalendarMethod = 'REQUEST' | 'CANCEL' | 'PUBLISH';

export interface CalendarOptions {
  readonly method: CalendarMethod;
  readonly organizer: { readonly name: string; readonly email?: string | null };
  /** A reminder this many minutes before the start (none when undefined). */
  readonly alarmMinutes?: number;
  /** DTSTAMP; injectable so tests can pin it. */
  readonly now?: Date;
}

const partstat: Record<AttendanceStatus, ICalAttendeeStatus> = {
  inviteret: ICalAttendeeStatus.NEEDSACTION,
  deltog: ICalAttendeeStatus.ACCEPTED,
  afbud: ICalAttendeeStatus.DECLINED,
};

const methods: Record<CalendarMethod, ICalCalendarMethod> = {
  REQUEST: ICalCalendarMethod.REQUEST,
  CANCEL: ICalCalendarMethod.CANCEL,
  PUBLISH: ICalCalendarMethod.PUBLISH,
};

/** An address that can stand after "mailto:" untouched (the writer does not escape it). */
const plainEmail = /^[^\s@"<>;:,\\()[\]]+@[^\s@"<>;:,\\()[\]]+\.[^\s@"<>;:,\\()[\]]+$/;

const hour = 3_600_000;

/**
 * A whole-day meeting: it starts at Danish midnight and ends at a later Danish
 * midnight (how an all-day appointment is imported; a timed meeting never
 * runs from 00:00 to 00:00).
 */
export function isWholeDays(startsAt: string, endsAt: string | null): boolean {
  if (!endsAt || endsAt <= startsAt) return false;
  const midnight = (instant: string) => Date.parse(danishInstant(danishDate(instant), 0)) === Date.parse(instant);
  return midnight(startsAt) && midnight(endsAt);
}

/** A date-time RECURRENCE-ID in basic UTC (20261006T080000Z) as a Date. */
function recurrenceDate(recurrenceId: string): Date {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(recurrenceId)!;
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])));
}

/**
 * The .ics text for some meetings (pure: no database).
 *
 * @example
 *   buildIcs([{ uid: 'x@kredsbog.dk', sequence: 0, title: 'Styringsdialog', startsAt: '2026-10-06T08:00:00.000Z', endsAt: null,
 *     place: 'Køge Rådhus', agendaTitles: [], status: 'planlagt', attendees: [] }], { method: 'REQUEST', organizer: { name: 'Anne' } });
 */
export function buildIcs(events: readonly CalendarEvent[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'BL – Danmarks Almene Boliger', product: 'Kredsbog', language: 'DA' },
    method: methods[options.method],
    timezone: { name: null, generator: vtimezoneFor },
  });
  const organizerEmail = options.organizer.email && plainEmail.test(options.organizer.email) ? options.organizer.email : unknownOrganizerEmail;
  const organizer = { name: calendarParam(options.organizer.name) || 'Kredsbog', email: organizerEmail };
  for (const event of events) {
    const cancelled = event.status === 'aflyst' || options.method === 'CANCEL';
    const start = Date.parse(event.startsAt);
    const end = event.endsAt ? Date.parse(event.endsAt) : start + hour;
    const description = agendaDescription(event.agendaTitles);
    calendar.createEvent({
      id: event.uid,
      sequence: Math.max(0, event.sequence),
      stamp: options.now ?? new Date(),
      start: new TZDate(start, danishTimeZone),
      end: new TZDate(end, danishTimeZone),
      allDay: isWholeDays(event.startsAt, event.endsAt),
      // ical-generator writes RECURRENCE-ID only as a date-time; a whole-day occurrence's is a date, written as the property itself.
      recurrenceId: event.recurrenceId && event.recurrenceId.includes('T') ? new TZDate(recurrenceDate(event.recurrenceId).getTime(), danishTimeZone) : null,
      x: event.recurrenceId && !event.recurrenceId.includes('T') ? [['RECURRENCE-ID;VALUE=DATE', event.recurrenceId]] : [],
      timezone: danishTimeZone,
      summary: calendarText(event.title),
      location: calendarText(event.place) || null,
      description: description || null,
      organizer,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
      busystatus: cancelled ? ICalEventBusyStatus.FREE : ICalEventBusyStatus.BUSY,
      attendees:
        options.method === 'PUBLISH'
          ? []
          : event.attendees
              .filter((a) => plainEmail.test(a.email))
              .map((a) => ({
                name: calendarParam(a.name) || null,
                email: a.email,
                status: partstat[a.status],
                role: a.role === 'ordstyrer' ? ICalAttendeeRole.CHAIR : ICalAttendeeRole.REQ,
              })),
      alarms: options.alarmMinutes !== undefined && !cancelled ? [{ type: ICalAlarmType.display, trigger: options.alarmMinutes * 60 }] : [],
    });
  }
  return calendar.toString();
}

// ---------- from the database ----------

/**
 * SEQUENCE of each meeting: distinct clocks that changed a field an invitation
 * shows, minus the one that created it. The log is the same on every
 * installation that has seen the same changes, so the number is too.
 *
 * A meeting imported from an invitation has the organiser's SEQUENCE stored
 * with its UID (ics-uid.ts); it counts from there: that number plus the
 * changes made since the import last wrote the UID (an import writes the UID
 * in the same operation as the fields it takes over, so those are not ours).
 */
export async function meetingSequences(db: Kysely<Database>, ids: readonly string[]): Promise<Map<string, number>> {
  const sequences = new Map<string, number>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const meetings = await db.selectFrom('meeting').select(['id', 'ics_uid']).where('id', 'in', chunk).execute();
    const imported = new Map(meetings.flatMap((m) => (m.ics_uid ? [[m.id, icsVersionOf(m.ics_uid)] as const] : [])).filter(([, v]) => v !== null));
    const rows = await db
      .selectFrom('sync_op')
      .select(['row_id', 'field', 'hlc'])
      .distinct()
      .where('tbl', '=', 'meeting')
      .where('row_id', 'in', chunk)
      .where('field', 'in', [...sequenceFields, 'ics_uid'])
      .execute();
    const lastUidClock = new Map<string, string>();
    for (const row of rows) if (row.field === 'ics_uid' && row.hlc > (lastUidClock.get(row.row_id) ?? '')) lastUidClock.set(row.row_id, row.hlc);
    const clocks = new Map<string, Set<string>>();
    const since = new Map<string, Set<string>>();
    for (const row of rows) {
      if (row.field === 'ics_uid') continue;
      clocks.set(row.row_id, (clocks.get(row.row_id) ?? new Set()).add(row.hlc));
      if (row.hlc > (lastUidClock.get(row.row_id) ?? '')) since.set(row.row_id, (since.get(row.row_id) ?? new Set()).add(row.hlc));
    }
    for (const id of chunk) {
      const version = imported.get(id);
      sequences.set(id, version ? version.sequence + (since.get(id)?.size ?? 0) : Math.max(0, (clocks.get(id)?.size ?? 0) - 1));
    }
  }
  return sequences;
}

async function loadEvents(db: Kysely<Database>, meetingIds: readonly string[]): Promise<CalendarEvent[]> {
  if (meetingIds.length === 0) return [];
  const meetings = await db
    .selectFrom('meeting')
    .select(['id', 'title', 'starts_at', 'ends_at', 'place', 'status', 'ics_uid'])
    .where('id', 'in', meetingIds)
    .orderBy('starts_at')
    .orderBy('id')
    .execute();
  const agenda = await db
    .selectFrom('agenda_item')
    .select(['meeting_id', 'title'])
    .where('meeting_id', 'in', meetingIds)
    .where('deleted_at', 'is', null)
    .orderBy('position')
    .orderBy('id')
    .execute();
  const attendance = await db
    .selectFrom('attendance')
    .innerJoin('contact', 'contact.id', 'attendance.contact_id')
    .select(['attendance.meeting_id', 'contact.name', 'contact.emails', 'attendance.status', 'attendance.role'])
    .where('attendance.meeting_id', 'in', meetingIds)
    .where('attendance.deleted_at', 'is', null)
    .where('contact.deleted_at', 'is', null)
    .where('contact.erased_at', 'is', null)
    .orderBy('contact.name')
    .execute();
  const sequences = await meetingSequences(db, meetingIds);
  return meetings.map((m) => {
    const occurrence = m.ics_uid ? splitOccurrenceKey(icsKeyOf(m.ics_uid)) : { uid: `${m.id}@${uidDomain}`, recurrenceId: null };
    return {
      uid: occurrence.uid,
      recurrenceId: occurrence.recurrenceId,
      sequence: sequences.get(m.id) ?? 0,
      title: m.title,
      startsAt: m.starts_at,
      endsAt: m.ends_at,
      place: m.place,
      status: m.status,
      agendaTitles: agenda.filter((a) => a.meeting_id === m.id).map((a) => a.title),
      attendees: attendance
        .filter((a) => a.meeting_id === m.id)
        .flatMap((a) => {
          const email = primaryEmail(a.emails);
          return email ? [{ name: a.name, email, status: a.status, role: a.role }] : [];
        }),
    };
  });
}

function primaryEmail(json: string): string | null {
  try {
    const emails: unknown = JSON.parse(json);
    return Array.isArray(emails) && typeof emails[0] === 'string' && emails[0].trim() ? emails[0].trim() : null;
  } catch {
    return null;
  }
}

export interface IcsExportOptions {
  readonly alarmMinutes?: number;
  /** The consultant's e-mail, once the settings hold one. */
  readonly organizerEmail?: string | null;
  readonly now?: Date;
}

export interface IcsText {
  readonly fileName: string;
  readonly text: string;
}

async function organizerFor(db: Kysely<Database>, options: IcsExportOptions) {
  const settings = await getSettings(db);
  return { name: settings.userName, email: options.organizerEmail ?? (settings.email || null) };
}

/** The reminder asked for, else the one chosen in Indstillinger (0 = none). */
async function alarmFor(db: Kysely<Database>, options: IcsExportOptions): Promise<number | undefined> {
  if (options.alarmMinutes !== undefined) return options.alarmMinutes;
  const { reminderMinutes } = await getSettings(db);
  return reminderMinutes > 0 ? reminderMinutes : undefined;
}

/** One live meeting as an invitation (REQUEST), or as a cancellation (CANCEL) when it is aflyst. */
export async function meetingIcs(db: Kysely<Database>, meetingId: string, options: IcsExportOptions = {}): Promise<IcsText> {
  const meeting = await db.selectFrom('meeting').select(['id', 'title', 'starts_at', 'status']).where('id', '=', meetingId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!meeting) throw new AppError('NOT_FOUND', 'Mødet findes ikke.');
  const events = await loadEvents(db, [meeting.id]);
  const text = buildIcs(events, {
    method: meeting.status === 'aflyst' ? 'CANCEL' : 'REQUEST',
    organizer: await organizerFor(db, options),
    alarmMinutes: await alarmFor(db, options),
    now: options.now,
  });
  return { fileName: calendarFileName(meeting.title, `-${danishDate(meeting.starts_at)}`), text };
}

/** Every live meeting of a live series in one file (PUBLISH, so Outlook imports them all). */
export async function seriesIcs(db: Kysely<Database>, seriesId: string, options: IcsExportOptions = {}): Promise<IcsText> {
  const series = await db.selectFrom('meeting_series').select(['id', 'title']).where('id', '=', seriesId).where('deleted_at', 'is', null).executeTakeFirst();
  if (!series) throw new AppError('NOT_FOUND', 'Møderækken findes ikke.');
  const ids = (await db.selectFrom('meeting').select('id').where('series_id', '=', seriesId).where('deleted_at', 'is', null).execute()).map((m) => m.id);
  if (ids.length === 0) throw new AppError('VALIDATION', 'Møderækken har ingen møder endnu.');
  const text = buildIcs(await loadEvents(db, ids), {
    method: 'PUBLISH',
    organizer: await organizerFor(db, options),
    alarmMinutes: await alarmFor(db, options),
    now: options.now,
  });
  return { fileName: calendarFileName(series.title), text };
}

/** What each aftale deadline is called in a calendar (Danish, as the UI). */
const aftaleDeadlineTitles: Readonly<Record<AftaleDeadlineKind, string>> = {
  evaluation: 'Evaluering',
  renegotiation: 'Genforhandling',
  bilagReview: 'Gennemgang af bilag',
  expiry: 'Udløber',
};
const aftaleDeadlineFields: Readonly<Record<AftaleDeadlineKind, string>> = {
  evaluation: 'evaluation_date',
  renegotiation: 'renegotiation_date',
  bilagReview: 'bilag_review_date',
  expiry: 'to_date',
};

/**
 * The deadlines of aftaler (evaluation, renegotiation, bilag review, expiry)
 * in [from, to] as whole-day appointments (PUBLISH), one aftale's or those of
 * some kommuner. Each has a stable UID per aftale and kind, and a SEQUENCE
 * that counts the changes of its date in the operation log, so Outlook moves
 * an appointment whose date changed rather than adding a second one.
 */
export async function aftaleDeadlinesIcs(
  db: Kysely<Database>,
  scope: { readonly from: string; readonly to: string; readonly aftaleId?: string; readonly kommuneIds?: readonly string[] },
  options: IcsExportOptions = {},
): Promise<IcsText> {
  const deadlines = await aftaleDeadlines(db, scope);
  if (deadlines.length === 0) throw new AppError('VALIDATION', 'Der er ingen frister for aftaler i perioden.');
  const events: CalendarEvent[] = [];
  for (const d of deadlines) {
    const changes = await db
      .selectFrom('sync_op')
      .where('tbl', '=', 'aftale')
      .where('row_id', '=', d.aftaleId)
      .where('field', '=', aftaleDeadlineFields[d.kind])
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    events.push(wholeDayDeadline({ uid: `aftale-${d.aftaleId}-${d.kind}`, changes: Number(changes.n), title: `${aftaleDeadlineTitles[d.kind]}: ${d.title}`, date: d.date, kommuneNavn: d.kommuneNavn }));
  }
  const text = await publishIcs(db, events, options);
  const single = scope.aftaleId ? deadlines[0]?.title : undefined;
  return { fileName: calendarFileName(single ? `Frister ${single}` : 'Frister for aftaler'), text };
}

/** A deadline as a whole-day appointment in the kommune; SEQUENCE counts the changes of its date (the first write is 0). */
function wholeDayDeadline(d: { readonly uid: string; readonly changes: number; readonly title: string; readonly date: string; readonly kommuneNavn: string | null }): CalendarEvent {
  return {
    uid: `${d.uid}@${uidDomain}`,
    sequence: Math.max(0, d.changes - 1),
    title: d.title,
    startsAt: danishInstant(d.date, 0),
    endsAt: danishInstant(addDanishDays(d.date, 1), 0),
    place: d.kommuneNavn ? `${d.kommuneNavn} Kommune` : '',
    agendaTitles: [],
    status: 'planlagt',
    attendees: [],
  };
}

/** Deadline appointments as a PUBLISH calendar with the user's organizer and alarm. */
async function publishIcs(db: Kysely<Database>, events: CalendarEvent[], options: IcsExportOptions): Promise<string> {
  return buildIcs(events, { method: 'PUBLISH', organizer: await organizerFor(db, options), alarmMinutes: await alarmFor(db, options), now: options.now });
}

/**
 * The open reporting deadlines of helhedsplaner in [from, to] as whole-day
 * appointments (PUBLISH), one helhedsplan's or those of some kommuner. The UID
 * is the deadline's own id; SEQUENCE counts the changes of its due date.
 */
export async function helhedsplanDeadlinesIcs(
  db: Kysely<Database>,
  scope: { readonly from: string; readonly to: string; readonly helhedsplanId?: string; readonly kommuneIds?: readonly string[] },
  options: IcsExportOptions = {},
): Promise<IcsText> {
  const deadlines = await helhedsplanDeadlines(db, scope);
  if (deadlines.length === 0) throw new AppError('VALIDATION', 'Der er ingen frister for helhedsplaner i perioden.');
  const events: CalendarEvent[] = [];
  for (const d of deadlines) {
    const changes = await db.selectFrom('sync_op').where('tbl', '=', 'helhedsplan_deadline').where('row_id', '=', d.deadlineId).where('field', '=', 'due_date').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const what = d.title || danishLabels.helhedsplanDeadlineKind[d.kind];
    events.push(wholeDayDeadline({ uid: `helhedsplan-frist-${d.deadlineId}`, changes: Number(changes.n), title: `${what}: ${d.helhedsplanName}`, date: d.date, kommuneNavn: d.kommuneNavn }));
  }
  const text = await publishIcs(db, events, options);
  const single = scope.helhedsplanId ? deadlines[0]?.helhedsplanName : undefined;
  return { fileName: calendarFileName(single ? `Frister ${single}` : 'Frister for helhedsplaner'), text };
}

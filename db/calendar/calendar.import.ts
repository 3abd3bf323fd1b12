import { TZDate } from '@date-fns/tz';
import { generateKeyBetween } from 'fractional-indexing';
import ICAL from 'ical.js';
import { sql, type Kysely, type Transaction } from 'kysely';
import { calendarText } from '../../common/calendar/calendar-text';
import {
  maxIcsBytes,
  type IcsImportResult,
  type IcsKommuneChoice,
  type IcsPreview,
  type IcsPreviewItem,
} from '../../common/calendar/calendar.domain';
import type { MeetingStatus } from '../../common/domain';
import { AppError } from '../../common/result';
import { danishInstant, danishTimeZone } from '../../common/time';
import { protectBeforeImport } from '../backups/import-protection';
import type { AppDatabase } from '../connection';
import { derivedId } from '../ids';
import { createRow, ensureLink, updateRow, type FieldChanges } from '../mutations';
import type { Database } from '../schema';
import { getSettings } from '../settings/settings.repository';
import { meetingSequences, uidDomain } from './calendar.ics';
import { prescanIcs } from './ics-prescan';
import { icsKeyOf, icsUidWithVersion, icsVersionOf, isOlderVersion, versionedRange, type IcsVersion } from './ics-uid';
import { agendaFromDescription, calAddressEmail, suggestKommune, type KommuneName } from './invitation-details';

/**
 * Appointments from an .ics file (Outlook, Exchange, Google, Apple,
 * Thunderbird) as Kredsbog meetings.
 *
 * Preview first, then apply everything in one transaction through
 * db/mutations.ts. Each appointment is matched by UID: a meeting imported
 * before carries it in meeting.ics_uid; a meeting made in Kredsbog is found by
 * its own UID `<id>@kredsbog.dk`. So importing the same file twice changes
 * nothing the second time, and an invitation exported from Kredsbog and read
 * back is "unchanged".
 *
 * Decisions:
 * - iTIP (RFC 5546 §2.1.5): an appointment older than the version the meeting
 *   already has — a lower SEQUENCE, or the same SEQUENCE with an earlier
 *   DTSTAMP — changes nothing and says so. The version applied is stored with
 *   the UID (see ics-uid.ts); a meeting made here has the SEQUENCE its own
 *   invitations carry (meetingSequences).
 * - Recurring appointments (RRULE/RDATE) are expanded into one meeting per
 *   occurrence, from a year before the import to two years after it, at most
 *   100 per appointment — the 100 nearest from today on, so an open-ended
 *   series that began years ago keeps its coming meetings; each occurrence is
 *   keyed `<UID>#<RECURRENCE-ID in UTC>` so a moved or cancelled single
 *   occurrence (a VEVENT with RECURRENCE-ID, with or without its master in the
 *   file) finds the same meeting.
 * - An appointment whose RRULE does not hold is left out with a Danish reason;
 *   the rest of the file is imported (ics-prescan.ts). No message quotes ical.js.
 * - Times: TZID resolved from the file's VTIMEZONE (Outlook's "Romance Standard
 *   Time" included); a TZID without VTIMEZONE is read as an IANA zone or a
 *   known Windows zone name; floating times are Danish time; all-day
 *   appointments run from Danish midnight to Danish midnight (and are written
 *   back out as all-day, calendar.ics.ts).
 * - DESCRIPTION becomes the notes of a new meeting only, and its numbered list
 *   ("1. Velkomst\n2. Økonomi") the agenda. An update never touches notes or
 *   agenda: the user may have written in them since.
 * - ATTENDEE and ORGANIZER addresses that belong to a contact become invitees
 *   (added only, never removed; someone the user took off the list is not
 *   invited again). The consultant's own address is skipped.
 * - A kommune named in SUMMARY or LOCATION is only suggested; it is set when the
 *   user confirms it (`kommuneChoices`), and never replaces one already set.
 * - A cancellation (METHOD:CANCEL or STATUS:CANCELLED) only sets status aflyst;
 *   RFC 5546 lets it name nothing but the UID, which cancels every meeting of
 *   that appointment (all occurrences). A meeting held (afholdt) stays held. A
 *   cancellation of a meeting Kredsbog does not have is rejected, not created.
 * - The file must be UTF-8 (what Outlook writes); Windows-1252 is refused
 *   rather than guessed, so æøå are never silently garbled.
 */

export const maxOccurrences = 100;
const maxItems = 2000;
/** ics_uid syncs with at most 1,000 characters; the key, an occurrence suffix and the version must fit. */
const maxUidLength = 900;
const day = 86_400_000;

export interface IcsImportOptions {
  readonly fileName: string;
  /** The reference for the recurrence window; injectable for tests. */
  readonly now?: Date;
  /** Kommuner the user confirmed in the preview, per appointment UID. */
  readonly kommuneChoices?: readonly IcsKommuneChoice[];
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
  } catch {
    // ical.js explains in English and quotes the line; the user gets Danish only.
    throw invalid('Kalenderfilen kunne ikke læses: den følger ikke iCalendar-formatet (RFC 5545). Eksportér den igen fra kalenderprogrammet.');
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
    throw new Rejection(`Ukendt tidszone "${calendarText(trimmed).slice(0, 80)}" og ingen definition (VTIMEZONE) i filen.`);
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

/** SEQUENCE and DTSTAMP of a VEVENT (a missing or broken SEQUENCE is 0, RFC 5545 §3.8.7.4). */
function versionOf(component: ICAL.Component): IcsVersion {
  const raw = Number(component.getFirstPropertyValue('sequence') ?? 0);
  const sequence = Number.isInteger(raw) && raw >= 0 ? Math.min(raw, 999_999_999) : 0;
  const stampValue = component.getFirstPropertyValue('dtstamp');
  let stamp: string | null = null;
  if (stampValue instanceof ICAL.Time) {
    const ms = stampValue.toUnixTime() * 1000;
    if (Number.isFinite(ms)) stamp = new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  }
  return { sequence, stamp };
}

// ---------- appointments ----------

interface Candidate {
  /** meeting.ics_uid key for this appointment (the UID, or UID#RECURRENCE-ID for an occurrence). */
  readonly key: string;
  readonly uid: string;
  readonly version: IcsVersion;
  readonly title: string;
  /** Null only for a cancellation that names nothing but its UID (and maybe RECURRENCE-ID). */
  readonly startsAt: string | null;
  readonly endsAt: string | null;
  readonly allDay: boolean;
  readonly place: string;
  readonly notes: string;
  readonly cancelled: boolean;
  /** A cancellation of the whole appointment: every meeting of its UID, all occurrences. */
  readonly wholeSeries: boolean;
  readonly agenda: readonly string[];
  readonly emails: readonly string[];
  /** SUMMARY and LOCATION as written, where a kommune may be named. */
  readonly kommuneTexts: readonly string[];
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

/** Addresses of the people an invitation names: ORGANIZER and ATTENDEEs, rooms and resources left out. */
function emailsOf(component: ICAL.Component): string[] {
  const emails = new Set<string>();
  for (const property of [...component.getAllProperties('organizer'), ...component.getAllProperties('attendee')]) {
    const cutype = property.getParameter('cutype');
    if (typeof cutype === 'string' && /^(ROOM|RESOURCE)$/i.test(cutype)) continue;
    const email = calAddressEmail(property.getFirstValue()) ?? calAddressEmail(property.getParameter('email'));
    if (email) emails.add(email);
  }
  return [...emails];
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
  const summary = text(component, 'summary');
  const location = text(component, 'location');
  const description = text(component, 'description');
  return {
    key,
    uid,
    version: versionOf(component),
    title: clip(summary.replace(/\s*\n\s*/g, ' ') || 'Uden titel', limits.title, notes, 'Titlen'),
    startsAt,
    endsAt,
    allDay: start.isDate,
    place: clip(location.replace(/\s*\n\s*/g, ', '), limits.place, notes, 'Stedet'),
    notes: clip(description, limits.notes, notes, 'Beskrivelsen'),
    cancelled: isCancelled(component, method),
    wholeSeries: false,
    agenda: agendaFromDescription(description),
    emails: emailsOf(component),
    kommuneTexts: [summary, location],
    note: notes.length ? notes.join(' ') : null,
  };
}

/** A cancellation without DTSTART (RFC 5546 §3.2.5: UID and SEQUENCE are enough). */
function bareCancellation(component: ICAL.Component, key: string, uid: string, wholeSeries: boolean): Candidate {
  return {
    key,
    uid,
    version: versionOf(component),
    title: text(component, 'summary').replace(/\s*\n\s*/g, ' ').slice(0, limits.title),
    startsAt: null,
    endsAt: null,
    allDay: false,
    place: '',
    notes: '',
    cancelled: true,
    wholeSeries,
    agenda: [],
    emails: [],
    kommuneTexts: [],
    note: null,
  };
}

/**
 * Exchange writes the RECURRENCE-ID of a moved whole-day occurrence as local
 * midnight (`RECURRENCE-ID;TZID=W. Europe Standard Time:20260226T000000`)
 * while the series' DTSTART is a date; ical.js then never matches it to its
 * occurrence, and the move is lost. A whole-day exception with a RECURRENCE-ID
 * at midnight is read as that date.
 */
function wholeDayRecurrenceId(exception: ICAL.Component): void {
  const property = exception.getFirstProperty('recurrence-id');
  const start = exception.getFirstPropertyValue('dtstart');
  const value = property?.getFirstValue();
  if (!property || !(start instanceof ICAL.Time) || !start.isDate || !(value instanceof ICAL.Time) || value.isDate) return;
  if (value.hour !== 0 || value.minute !== 0 || value.second !== 0) return;
  property.removeParameter('tzid');
  property.resetType('date');
  property.setValue(ICAL.Time.fromData({ year: value.year, month: value.month, day: value.day, isDate: true }));
}

function occurrenceKey(component: ICAL.Component, uid: string, recurrenceId: ICAL.Time): string {
  return `${uid}#${basicUtc(instantOf(recurrenceId, tzidOf(component, 'recurrence-id')), recurrenceId.isDate, recurrenceId)}`;
}

function single(component: ICAL.Component, method: string | null, uid: string): Candidate {
  const hasRecurrenceId = component.hasProperty('recurrence-id');
  if (hasRecurrenceId) wholeDayRecurrenceId(component);
  if (!component.hasProperty('dtstart')) {
    if (!isCancelled(component, method)) throw new Rejection('Aftalen mangler starttidspunkt (DTSTART).');
    return hasRecurrenceId ? bareCancellation(component, occurrenceKey(component, uid, new ICAL.Event(component).recurrenceId), uid, false) : bareCancellation(component, uid, uid, true);
  }
  const event = new ICAL.Event(component);
  const start = event.startDate;
  const end = component.hasProperty('dtend') || component.hasProperty('duration') ? event.endDate : null;
  const key = hasRecurrenceId ? occurrenceKey(component, uid, event.recurrenceId) : uid;
  const endTzid = component.hasProperty('dtend') ? tzidOf(component, 'dtend') : tzidOf(component, 'dtstart');
  return describe(component, method, key, uid, start, end, tzidOf(component, 'dtstart'), endTzid, hasRecurrenceId ? 'Enkelt forekomst af en gentagende aftale.' : null);
}

const danishDay = new Intl.DateTimeFormat('da-DK', { day: 'numeric', month: 'long', year: 'numeric', timeZone: danishTimeZone });

/** The occurrences of a recurring appointment inside the window, with its exceptions applied. */
function occurrences(master: ICAL.Component, exceptions: readonly ICAL.Component[], method: string | null, uid: string, now: Date, warnings: string[]): Candidate[] {
  if (!master.hasProperty('dtstart')) throw new Rejection('Aftalen mangler starttidspunkt (DTSTART).');
  const event = new ICAL.Event(master);
  for (const exception of exceptions) {
    wholeDayRecurrenceId(exception);
    event.relateException(exception);
  }
  const startTzid = tzidOf(master, 'dtstart');
  const endTzid = master.hasProperty('dtend') ? tzidOf(master, 'dtend') : startTzid;
  const hasEnd = master.hasProperty('dtend') || master.hasProperty('duration');
  const masterStart = instantOf(event.startDate, startTzid);
  const durationMs = hasEnd ? Date.parse(instantOf(event.endDate, endTzid)) - Date.parse(masterStart) : 0;
  const nowIso = now.toISOString();
  const from = new Date(now.getTime() - 365 * day).toISOString();
  const to = new Date(now.getTime() + 2 * 365 * day).toISOString();
  const title = text(master, 'summary') || 'Uden titel';
  const inWindow: { readonly details: ReturnType<ICAL.Event['getOccurrenceDetails']>; readonly startsAt: string }[] = [];
  const iterator = event.iterator();
  let skipped = 0;
  // Both loops are bounded: an RRULE without COUNT/UNTIL is endless.
  // Far before the window even a moved occurrence cannot reach it: counted without reading its details (ical.js is slow at that).
  const farBack = Date.parse(from) / 1000 - 31 * 86_400;
  for (let steps = 0; steps < 20_000 && inWindow.length < 5_000; steps++) {
    const next = iterator.next();
    if (!next) break;
    if (next.toUnixTime() < farBack) {
      skipped++;
      continue;
    }
    const details = event.getOccurrenceDetails(next);
    const own = details.item !== event;
    const startsAt = own ? instantOf(details.startDate, tzidOf(details.item.component, 'dtstart')) : instantOf(details.startDate, startTzid);
    if (startsAt < from) {
      skipped++;
      continue;
    }
    if (startsAt >= to) break;
    inWindow.push({ details, startsAt });
  }
  // Too many: the 100 nearest from today on (and the most recent past ones when fewer than 100 are still to come).
  let chosen = inWindow;
  if (inWindow.length > maxOccurrences) {
    const firstComing = inWindow.findIndex((o) => o.startsAt >= nowIso);
    const begin = Math.max(0, Math.min(firstComing < 0 ? inWindow.length : firstComing, inWindow.length - maxOccurrences));
    chosen = inWindow.slice(begin, begin + maxOccurrences);
    const first = chosen[0]!.startsAt;
    const last = chosen[chosen.length - 1]!.startsAt;
    warnings.push(`"${title}" gentages mere end ${maxOccurrences} gange i perioden: kun de ${maxOccurrences} forekomster fra ${danishDay.format(new Date(first))} til ${danishDay.format(new Date(last))} importeres.`);
  }
  const result = chosen.map(({ details }, index): Candidate => {
    const recurrenceInstant = instantOf(details.recurrenceId, startTzid);
    const item = details.item.component;
    const own = details.item !== event;
    const key = `${uid}#${basicUtc(recurrenceInstant, details.recurrenceId.isDate, details.recurrenceId)}`;
    const note = `Forekomst af en gentagende aftale (${index + 1}).`;
    if (own) {
      return describe(item, method, key, uid, details.startDate, item.hasProperty('dtend') || item.hasProperty('duration') ? details.endDate : null, tzidOf(item, 'dtstart'), tzidOf(item, 'dtend') ?? tzidOf(item, 'dtstart'), note);
    }
    if (details.startDate.isDate) return describe(master, method, key, uid, details.startDate, hasEnd ? details.endDate : null, startTzid, endTzid, note);
    const candidate = describe(master, method, key, uid, details.startDate, null, startTzid, null, note);
    return { ...candidate, endsAt: hasEnd && durationMs > 0 ? new Date(Date.parse(candidate.startsAt!) + durationMs).toISOString() : null };
  });
  if (skipped > 0) warnings.push(`"${title}": ${skipped} forekomst(er) mere end et år tilbage springes over.`);
  if (result.length === 0) throw new Rejection('Den gentagende aftale har ingen forekomster fra et år tilbage til to år frem.');
  return result;
}

interface Read {
  readonly method: string | null;
  /** Written by Kredsbog itself (PRODID): its SEQUENCE is ours, counted from the version already stored. */
  readonly fromKredsbog: boolean;
  readonly candidates: Candidate[];
  readonly rejected: RejectedCandidate[];
  readonly warnings: string[];
}

/** An appointment ical.js cannot read a value of (a date like 20261345) is left out; the rest of the file is still imported. */
function unreadable(error: unknown): Rejection {
  if (error instanceof Rejection) return error;
  if (error instanceof AppError) throw error;
  return new Rejection('Aftalen indeholder en værdi, som ikke kan læses (fx en ugyldig dato). Aftalen er sprunget over; resten af filen importeres.');
}

function readAppointments(source: string, now: Date): Read {
  const prescan = prescanIcs(source);
  const calendars = parseCalendars(prescan.text);
  const candidates: Candidate[] = [];
  const rejected: RejectedCandidate[] = prescan.skipped.map((s) => ({ ...s }));
  const warnings: string[] = [];
  let method: string | null = null;
  let fromKredsbog = false;
  let eventCount = 0;
  for (const calendar of calendars) {
    const calendarMethod = upperText(calendar.getFirstPropertyValue('method'));
    method = method ?? calendarMethod;
    fromKredsbog ||= /\/\/Kredsbog\/\//i.test(text(calendar, 'prodid'));
    const events = calendar.getAllSubcomponents('vevent');
    const offset = eventCount;
    eventCount += events.length;
    const byUid = new Map<string, { master: ICAL.Component | null; exceptions: ICAL.Component[] }>();
    const orderOf = (component: ICAL.Component | undefined) => {
      const parsed = offset + (component ? Math.max(0, events.indexOf(component)) : 0);
      return prescan.originalOrder[parsed] ?? parsed;
    };
    for (const component of events) {
      const uid = text(component, 'uid');
      if (!uid || uid.length > maxUidLength) {
        const reason = uid ? 'Aftalens UID er for lang til at blive genkendt ved en senere import.' : 'Aftalen mangler UID og kan derfor ikke genkendes ved en senere import.';
        rejected.push({ order: orderOf(component), uid: uid.slice(0, 80), title: text(component, 'summary') || 'Uden titel', reason });
        continue;
      }
      const group = byUid.get(uid) ?? { master: null, exceptions: [] };
      if (component.hasProperty('recurrence-id')) group.exceptions.push(component);
      // The same appointment twice (two exports pasted together): the newer version, the later one on a tie.
      else if (!group.master || !isOlderVersion(versionOf(component), versionOf(group.master))) group.master = component;
      byUid.set(uid, group);
    }
    for (const [uid, group] of byUid) {
      const master = group.master;
      const recurring = master !== null && (master.hasProperty('rrule') || master.hasProperty('rdate'));
      let parts: (() => Candidate[])[];
      if (master && recurring && isCancelled(master, calendarMethod)) {
        // The whole series is cancelled: every meeting of this UID, whatever the window.
        parts = [() => [bareCancellation(master, uid, uid, true)]];
      } else if (master && recurring) {
        parts = [() => occurrences(master, group.exceptions, calendarMethod, uid, now, warnings)];
      } else {
        parts = [...(master ? [master] : []), ...group.exceptions].map((c) => () => [single(c, calendarMethod, uid)]);
      }
      for (const part of parts) {
        try {
          candidates.push(...part());
        } catch (error) {
          const rejection = unreadable(error);
          const first = master ?? group.exceptions[0];
          rejected.push({ order: orderOf(first), uid, title: (first ? text(first, 'summary') : '') || 'Uden titel', reason: rejection.message });
        }
      }
    }
  }
  if (eventCount + prescan.skipped.length === 0) throw invalid('Filen indeholder ingen aftaler (VEVENT).');
  if (candidates.length + rejected.length > maxItems) throw invalid(`Filen indeholder mere end ${maxItems.toLocaleString('da-DK')} aftaler. Del den op, eller eksportér en kortere periode.`);
  // The same appointment twice (two exports pasted together): the newer version wins (RFC 5546), the later one in the file on a tie.
  const byKey = new Map<string, Candidate>();
  for (const candidate of candidates) {
    const seen = byKey.get(candidate.key);
    if (!seen || !isOlderVersion(candidate.version, seen.version)) byKey.set(candidate.key, candidate);
  }
  return { method, fromKredsbog, candidates: [...byKey.values()], rejected: rejected.sort((a, b) => a.order - b.order), warnings };
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
  readonly kommune_id: string | null;
  readonly deleted_at: string | null;
}

interface Invitee {
  readonly contactId: string;
  readonly name: string;
  readonly email: string;
}

interface Plan {
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

async function planAll(db: Kysely<Database>, read: Read): Promise<Plan[]> {
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

function previewOf(fileName: string, read: Read, plans: readonly Plan[]): IcsPreview {
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

function acceptedKommune(p: Plan, choices: readonly IcsKommuneChoice[]): string | null {
  if (!p.kommune || (p.meeting && p.meeting.kommune_id !== null)) return null;
  const kommune = p.kommune;
  return choices.some((c) => c.uid === p.candidate.uid && c.kommuneId === kommune.id) ? kommune.id : null;
}

function writes(p: Plan, choices: readonly IcsKommuneChoice[]): boolean {
  if (p.kind === 'rejected') return false;
  return p.kind !== 'unchanged' || p.icsUid !== null || acceptedKommune(p, choices) !== null;
}

async function invite(trx: Transaction<Database>, meetingId: string, invitees: readonly Invitee[]): Promise<void> {
  for (const invitee of invitees) {
    const id = derivedId('attendance', meetingId, invitee.contactId);
    await ensureLink(trx, 'attendance', id, { meeting_id: meetingId, contact_id: invitee.contactId, status: 'inviteret', role: null });
  }
}

/**
 * Imports the file: everything or nothing, in one transaction, after a backup
 * when there is anything to change. Rejected appointments are left out and
 * reported; a file that is not a calendar changes nothing and throws VALIDATION.
 */
export async function importIcs(app: AppDatabase, bytes: Uint8Array, options: IcsImportOptions): Promise<IcsImportResult> {
  const read = readAppointments(decodeIcs(bytes), options.now ?? new Date());
  const choices = options.kommuneChoices ?? [];
  const before = await planAll(app.db, read);
  if (before.some((p) => writes(p, choices)) && app.file !== ':memory:') {
    await protectBeforeImport(app);
  }
  return app.db.transaction().execute(async (trx) => {
    // Planned again inside the transaction, so what is applied is exactly what the database holds now.
    const plans = await planAll(trx, read);
    let created = 0;
    let updated = 0;
    let cancelled = 0;
    for (const p of plans) {
      if (!writes(p, choices)) continue;
      const c = p.candidate;
      const kommuneId = acceptedKommune(p, choices);
      if (p.kind === 'new') {
        const meetingId = await createRow(trx, 'meeting', {
          series_id: null,
          kommune_id: kommuneId,
          title: c.title,
          starts_at: c.startsAt!,
          ends_at: c.endsAt,
          place: c.place,
          status: 'planlagt',
          notes: c.notes,
          ics_uid: icsUidWithVersion(c.key, c.version),
        });
        let position: string | null = null;
        for (const title of p.agenda) {
          position = generateKeyBetween(position, null);
          await createRow(trx, 'agenda_item', { meeting_id: meetingId, position, kind: 'normal', title, description: '', presenter: '', planned_minutes: null, minutes: '', decision: '' });
        }
        await invite(trx, meetingId, p.invitees);
        created++;
        continue;
      }
      const meeting = p.meeting!;
      const changes: FieldChanges<'meeting'> = { ...p.changes, ...(p.icsUid !== null ? { ics_uid: p.icsUid } : {}), ...(kommuneId !== null ? { kommune_id: kommuneId } : {}) };
      if (Object.keys(changes).length) await updateRow(trx, 'meeting', meeting.id, changes);
      if (p.kind === 'cancel') cancelled++;
      else {
        await invite(trx, meeting.id, p.invitees);
        if (p.kind === 'update' || kommuneId !== null) updated++;
      }
    }
    return { ...previewOf(options.fileName, read, plans), created, updated, cancelled };
  });
}

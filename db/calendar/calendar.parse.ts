import { TZDate } from '@date-fns/tz';
import ICAL from 'ical.js';
import { calendarText } from '../../common/calendar/calendar-text';
import { maxIcsBytes } from '../../common/calendar/calendar.domain';
import { AppError } from '../../common/result';
import { danishInstant, danishTimeZone } from '../../common/time';
import { prescanIcs } from './ics-prescan';
import { isOlderVersion, type IcsVersion } from './ics-uid';
import { agendaFromDescription, calAddressEmail } from './invitation-details';


/**
 * Calendar import, stage 1 — parse: the bytes of an .ics file into
 * appointment candidates (decode, time zones, recurrence, rejections with a
 * Danish reason). No database. The decisions are listed in calendar.import.ts.
 */
export const maxOccurrences = 100;
const maxItems = 2000;
/** ics_uid syncs with at most 1,000 characters; the key, an occurrence suffix and the version must fit. */
const maxUidLength = 900;
const day = 86_400_000;

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

export interface Candidate {
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

export interface Read {
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

export function readAppointments(source: string, now: Date): Read {
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

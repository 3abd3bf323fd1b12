import { getVtimezoneComponent } from '@touch4it/ical-timezones';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agendaDescription, calendarParam, calendarText } from '../../common/calendar/calendar-text';
import { seriesFieldsSchema } from '../../common/meetings.domain';
import { danishInstant } from '../../common/time';
import { createContact, deleteContact } from '../contacts/contacts.repository';
import { derivedId } from '../ids';
import { addAgendaItem, createMeeting, deleteMeeting, setAttendance, updateMeeting } from '../meetings/meetings.repository';
import { createSeries } from '../meetings/series.repository';
import { updateSettings } from '../settings/settings.repository';
import { createTestDatabase } from '../testing/test-database';
import { buildIcs, copenhagenVtimezone, meetingIcs, seriesIcs, unknownOrganizerEmail, type CalendarEvent } from './calendar.ics';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const koege = derivedId('kommune', 259);
const item = (title: string) => ({ title, kind: 'normal' as const, description: '', presenter: '', plannedMinutes: null });
const draft = (over: Partial<Parameters<typeof createMeeting>[1]> = {}) => ({
  seriesId: null,
  kommuneId: koege,
  title: 'Styringsdialog KAB',
  startsAt: danishInstant('2026-10-06', 10),
  endsAt: danishInstant('2026-10-06', 12),
  place: 'Køge Rådhus, mødelokale 2',
  status: 'planlagt' as const,
  notes: 'Interne noter må ikke med i invitationen',
  inviteeIds: [],
  agenda: [],
  ...over,
});

function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const events = calendar.getAllSubcomponents('vevent');
  return { calendar, events, event: events[0] as ICAL.Component };
}

describe('one meeting as an Outlook invitation', () => {
  it('writes a REQUEST with a stable UID, Copenhagen times with TZID, organizer, attendees, numbered agenda and reminder', async () => {
    await updateSettings(t.db, { userName: 'Anne Kredskonsulent' });
    const mette = await createContact(t.db, { name: 'Mette Ørsted', emails: ['mette@koege.dk', 'mette@privat.dk'], phones: [], notes: '' }, []);
    const jens = await createContact(t.db, { name: 'Jens Hansen', emails: ['jens@kab-bolig.dk'], phones: [], notes: '' }, []);
    const noEmail = await createContact(t.db, { name: 'Søren Ågård', emails: [], phones: [], notes: '' }, []);
    const meeting = await createMeeting(t.db, draft({ inviteeIds: [mette.id, jens.id, noEmail.id], agenda: [item('Styringsrapporten'), item('Udlejningsaftale; boligsocial anvisning, Ølby')] }));
    await setAttendance(t.db, meeting.id, jens.id, 'afbud', null);
    await setAttendance(t.db, meeting.id, mette.id, 'inviteret', 'ordstyrer');

    const file = await meetingIcs(t.db, meeting.id, { alarmMinutes: 30 });
    expect(file.fileName).toBe('Styringsdialog-KAB-2026-10-06.ics');
    expect(file.text).toMatch(/\r\nMETHOD:REQUEST\r\n/);
    expect(file.text).toContain(`UID:${meeting.id}@kredsbog.dk`);
    expect(file.text).toContain('DTSTART;TZID=Europe/Copenhagen:20261006T100000');
    expect(file.text).toContain('DTEND;TZID=Europe/Copenhagen:20261006T120000');
    expect(file.text).toMatch(/DTSTAMP:\d{8}T\d{6}Z\r\n/);
    expect(file.text).not.toContain('Interne noter');

    const { calendar, event } = parse(file.text);
    expect(calendar.getFirstSubcomponent('vtimezone')?.getFirstPropertyValue('tzid')).toBe('Europe/Copenhagen');
    const e = new ICAL.Event(event);
    expect(e.startDate.toJSDate().toISOString()).toBe('2026-10-06T08:00:00.000Z');
    expect(e.summary).toBe('Styringsdialog KAB');
    expect(e.location).toBe('Køge Rådhus, mødelokale 2');
    expect(e.description).toBe('1. Styringsrapporten\n2. Udlejningsaftale; boligsocial anvisning, Ølby');
    expect(e.sequence).toBe(0);
    const organizer = event.getFirstProperty('organizer');
    expect(organizer?.getParameter('cn')).toBe('Anne Kredskonsulent');
    expect(organizer?.getFirstValue()).toBe(`mailto:${unknownOrganizerEmail}`);
    const attendees = event.getAllProperties('attendee').map((p) => ({ cn: p.getParameter('cn'), partstat: p.getParameter('partstat'), role: p.getParameter('role'), value: String(p.getFirstValue()).toLowerCase() }));
    expect(attendees).toEqual([
      { cn: 'Jens Hansen', partstat: 'DECLINED', role: 'REQ-PARTICIPANT', value: 'mailto:jens@kab-bolig.dk' },
      { cn: 'Mette Ørsted', partstat: 'NEEDS-ACTION', role: 'CHAIR', value: 'mailto:mette@koege.dk' },
    ]);
    const alarm = event.getFirstSubcomponent('valarm');
    expect(alarm?.getFirstPropertyValue('trigger')?.toString()).toBe('-PT30M');
  });

  it('takes the organizer e-mail and the reminder from Indstillinger when the export asks for none', async () => {
    await updateSettings(t.db, { userName: 'Anne Kredskonsulent', email: 'anne@bl.dk', reminderMinutes: 60 });
    const meeting = await createMeeting(t.db, draft());
    const { event } = parse((await meetingIcs(t.db, meeting.id)).text);
    expect(event.getFirstPropertyValue('organizer')).toBe('mailto:anne@bl.dk');
    const alarm = event.getFirstSubcomponent('valarm')!;
    expect(String(alarm.getFirstPropertyValue('trigger'))).toBe('-PT1H');
    await updateSettings(t.db, { reminderMinutes: 0 });
    expect(parse((await meetingIcs(t.db, meeting.id)).text).event.getFirstSubcomponent('valarm')).toBeNull();
  });

  it('writes a meeting without an end as one hour, in winter time too', async () => {
    const meeting = await createMeeting(t.db, draft({ startsAt: danishInstant('2026-12-01', 9, 30), endsAt: null }));
    const { text } = await meetingIcs(t.db, meeting.id);
    expect(text).toContain('DTSTART;TZID=Europe/Copenhagen:20261201T093000');
    expect(text).toContain('DTEND;TZID=Europe/Copenhagen:20261201T103000');
    expect(new ICAL.Event(parse(text).event).startDate.toJSDate().toISOString()).toBe('2026-12-01T08:30:00.000Z');
    expect(text).not.toContain('BEGIN:VALARM');
  });

  it('raises SEQUENCE for every change an invitation shows, and not for agenda or notes', async () => {
    const meeting = await createMeeting(t.db, draft());
    const sequence = async () => new ICAL.Event(parse((await meetingIcs(t.db, meeting.id)).text).event).sequence;
    expect(await sequence()).toBe(0);
    await updateMeeting(t.db, meeting.id, { startsAt: danishInstant('2026-10-07', 10), endsAt: danishInstant('2026-10-07', 12) });
    expect(await sequence()).toBe(1);
    await updateMeeting(t.db, meeting.id, { notes: 'Nye noter' });
    await addAgendaItem(t.db, meeting.id, item('Eventuelt'));
    expect(await sequence()).toBe(1);
    await updateMeeting(t.db, meeting.id, { place: 'KAB, Vester Farimagsgade 41' });
    expect(await sequence()).toBe(2);
    await updateMeeting(t.db, meeting.id, { place: 'KAB, Vester Farimagsgade 41' });
    expect(await sequence()).toBe(2);
  });

  it('writes an aflyst meeting as METHOD:CANCEL with STATUS:CANCELLED and a higher SEQUENCE', async () => {
    const meeting = await createMeeting(t.db, draft());
    await updateMeeting(t.db, meeting.id, { status: 'aflyst' });
    const { text } = await meetingIcs(t.db, meeting.id, { alarmMinutes: 15 });
    expect(text).toMatch(/\r\nMETHOD:CANCEL\r\n/);
    const { event } = parse(text);
    expect(event.getFirstPropertyValue('status')).toBe('CANCELLED');
    expect(event.getFirstPropertyValue('sequence')).toBe(1);
    expect(event.getFirstSubcomponent('valarm')).toBeNull();
  });

  it('uses the UID a meeting came with from an .ics import', async () => {
    const meeting = await createMeeting(t.db, draft());
    t.sqlite.prepare('UPDATE meeting SET ics_uid = ? WHERE id = ?').run('040000008200E00074C5B7101A82E008@outlook', meeting.id);
    expect((await meetingIcs(t.db, meeting.id)).text).toContain('UID:040000008200E00074C5B7101A82E008@outlook\r\n');
  });

  it('leaves out attendees who are deleted and refuses a deleted meeting', async () => {
    const gone = await createContact(t.db, { name: 'Bo Ek', emails: ['bo@ek.dk'], phones: [], notes: '' }, []);
    const meeting = await createMeeting(t.db, draft({ inviteeIds: [gone.id] }));
    await deleteContact(t.db, gone.id);
    expect((await meetingIcs(t.db, meeting.id)).text).not.toContain('ATTENDEE');
    await deleteMeeting(t.db, meeting.id);
    await expect(meetingIcs(t.db, meeting.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a whole series', () => {
  it('writes every live meeting of the series as PUBLISH (Outlook imports all of them), aflyste as CANCELLED', async () => {
    const series = await createSeries(t.db, seriesFieldsSchema.parse({ title: 'Kommunesamarbejde Køge', kind: 'kommunesamarbejde', kommuneId: koege }));
    const mette = await createContact(t.db, { name: 'Mette Ørsted', emails: ['mette@koege.dk'], phones: [], notes: '' }, []);
    const first = await createMeeting(t.db, draft({ seriesId: series.id, title: 'Forum 1', startsAt: danishInstant('2026-03-10', 10), endsAt: null, inviteeIds: [mette.id] }));
    const second = await createMeeting(t.db, draft({ seriesId: series.id, title: 'Forum 2', startsAt: danishInstant('2026-06-10', 10), endsAt: null }));
    const deleted = await createMeeting(t.db, draft({ seriesId: series.id, title: 'Forum slettet', startsAt: danishInstant('2026-09-10', 10), endsAt: null }));
    await deleteMeeting(t.db, deleted.id);
    await updateMeeting(t.db, second.id, { status: 'aflyst' });
    await createMeeting(t.db, draft({ title: 'Andet møde' }));

    const file = await seriesIcs(t.db, series.id);
    expect(file.fileName).toBe('Kommunesamarbejde-Køge.ics');
    expect(file.text).toMatch(/\r\nMETHOD:PUBLISH\r\n/);
    const { events } = parse(file.text);
    expect(events.map((e) => [e.getFirstPropertyValue('uid'), e.getFirstPropertyValue('summary'), e.getFirstPropertyValue('status')])).toEqual([
      [`${first.id}@kredsbog.dk`, 'Forum 1', 'CONFIRMED'],
      [`${second.id}@kredsbog.dk`, 'Forum 2', 'CANCELLED'],
    ]);
    // iTIP allows no ATTENDEE in PUBLISH.
    expect(file.text).not.toContain('ATTENDEE');
    expect(file.text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
  });

  it('refuses a series without meetings', async () => {
    const series = await createSeries(t.db, seriesFieldsSchema.parse({ title: 'Ny række', kind: 'netvaerk' }));
    await expect(seriesIcs(t.db, series.id)).rejects.toMatchObject({ code: 'VALIDATION', message: 'Møderækken har ingen møder endnu.' });
  });
});

describe('time zone definition', () => {
  it('embeds the same Europe/Copenhagen VTIMEZONE the library ships, for when the library cannot find its files', () => {
    expect(copenhagenVtimezone).toBe(getVtimezoneComponent('Europe/Copenhagen')?.replace(/\r\n/g, '\n'));
  });
});

describe('user text survives the file', () => {
  const nasty = fc.constantFrom(';', ',', '\\', ':', '"', '\r\n', '\n', '\r', '\t', '\r\nATTENDEE:evil', '\nEND:VEVENT\nBEGIN:VEVENT', '^n', "^'", '😀', '👩‍👩‍👧', 'æøå', 'ÆØÅ', ' ', '\u0000', '\u001b', 'x'.repeat(80));
  const userText = fc.array(fc.oneof(nasty, fc.string({ unit: 'grapheme', maxLength: 6 })), { maxLength: 25 }).map((parts) => parts.join(''));

  it('round-trips any title, place, agenda and attendee name through the writer and ical.js unchanged, without an extra property', () => {
    fc.assert(
      fc.property(userText, userText, fc.array(userText, { maxLength: 4 }), userText, userText, (title, place, agenda, attendee, organizer) => {
        const event: CalendarEvent = {
          uid: 'fast-check@kredsbog.dk',
          sequence: 3,
          title,
          startsAt: '2026-10-06T08:00:00.000Z',
          endsAt: null,
          place,
          agendaTitles: agenda,
          status: 'planlagt',
          attendees: [{ name: attendee, email: 'mette@koege.dk', status: 'inviteret', role: null }],
        };
        const text = buildIcs([event], { method: 'REQUEST', organizer: { name: organizer }, alarmMinutes: 10, now: new Date('2026-09-01T10:00:00Z') });
        for (const line of text.split('\r\n')) expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
        const { calendar, events } = parse(text);
        expect(calendar.getAllProperties().map((p) => p.name)).toEqual(['version', 'prodid', 'method']);
        expect(calendar.getAllSubcomponents().map((c) => c.name)).toEqual(['vtimezone', 'vevent']);
        const vevent = events[0] as ICAL.Component;
        const description = agendaDescription(agenda);
        expect(vevent.getAllProperties().map((p) => p.name)).toEqual([
          'uid', 'sequence', 'dtstamp', 'dtstart', 'dtend', 'summary',
          ...(calendarText(place) ? ['location'] : []),
          ...(description ? ['description'] : []),
          'organizer', 'attendee', 'status', 'x-microsoft-cdo-busystatus',
        ]);
        expect(vevent.getFirstPropertyValue('summary')).toBe(calendarText(title));
        if (calendarText(place)) expect(vevent.getFirstPropertyValue('location')).toBe(calendarText(place));
        if (description) expect(vevent.getFirstPropertyValue('description')).toBe(description);
        const attendeeProperty = vevent.getFirstProperty('attendee');
        expect(attendeeProperty?.getFirstValue()).toBe('MAILTO:mette@koege.dk');
        expect(attendeeProperty?.getParameter('cn') ?? '').toBe(calendarParam(attendee));
        expect(Object.keys(attendeeProperty?.toJSON()[1] ?? {}).sort()).toEqual([...(calendarParam(attendee) ? ['cn'] : []), 'partstat', 'role'].sort());
        expect(vevent.getFirstProperty('organizer')?.getParameter('cn')).toBe(calendarParam(organizer) || 'Kredsbog');
        expect(vevent.getAllSubcomponents().map((c) => c.name)).toEqual(['valarm']);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the plain cases exactly as typed', () => {
    expect(calendarText('Møde; a,b\\c — 😀 æøå')).toBe('Møde; a,b\\c — 😀 æøå');
    expect(calendarText('linje 1\r\nlinje 2\rlinje 3')).toBe('linje 1\nlinje 2\nlinje 3');
  });
});

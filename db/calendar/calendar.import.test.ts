import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { danishInstant } from '../../common/time';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { addAgendaItem, createMeeting, getMeeting, updateMeeting } from '../meetings/meetings.repository';
import { createTestDatabase } from '../testing/test-database';
import { meetingIcs } from './calendar.ics';
import { importIcs, previewIcsImport } from './calendar.import';
import { icsKeyOf, icsVersionOf } from './ics-uid';

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name)));
const outlookUid = '040000008200E00074C5B7101A82E00800000000B0C1D2E3F4A5DC01000000000000000010000000C5E2A7D9A3F14B4E8A2D7F61B9C0E3D4';
const now = new Date('2026-09-20T10:00:00Z');
const options = { fileName: 'invitation.ics', now };
const bytes = (text: string) => new TextEncoder().encode(text);
/** A calendar around the given VEVENT lines, CRLF as RFC 5545 wants. */
const ics = (...lines: string[]) => bytes(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//DA', ...lines, 'END:VCALENDAR', ''].join('\r\n'));
const vevent = (...lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20260901T080000Z', ...lines, 'END:VEVENT'];
/** Meetings as stored; ics_uid as its match key (the version stored with it is tested on its own). */
const meetings = () =>
  (t.sqlite.prepare('SELECT title, starts_at, ends_at, place, status, notes, ics_uid, kommune_id, series_id FROM meeting ORDER BY starts_at').all() as Record<string, unknown>[]).map((m): Record<string, unknown> => ({
    ...m,
    ics_uid: typeof m.ics_uid === 'string' ? icsKeyOf(m.ics_uid) : m.ics_uid,
  }));
const storedVersion = () => icsVersionOf(t.sqlite.prepare('SELECT ics_uid FROM meeting').pluck().get() as string);
const operations = () => t.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get();

describe('an Outlook invitation', () => {
  it('previews, then imports it as a new meeting with Romance Standard Time, the folded æøå description and its UID', async () => {
    const preview = await previewIcsImport(t.db, fixture('outlook-invitation.ics'), options);
    expect(preview.method).toBe('REQUEST');
    expect(preview.counts).toEqual({ new: 1, update: 0, unchanged: 0, cancel: 0, rejected: 0 });
    expect(preview.items[0]).toMatchObject({ kind: 'new', uid: outlookUid, title: 'Styringsdialog 2026 – KAB og Køge Kommune', startsAt: '2026-10-06T08:00:00.000Z', endsAt: '2026-10-06T10:00:00.000Z' });
    expect(meetings()).toEqual([]);

    const result = await importIcs(t, fixture('outlook-invitation.ics'), options);
    expect(result.created).toBe(1);
    const [meeting] = meetings();
    expect(meeting).toMatchObject({
      title: 'Styringsdialog 2026 – KAB og Køge Kommune',
      starts_at: '2026-10-06T08:00:00.000Z',
      ends_at: '2026-10-06T10:00:00.000Z',
      place: 'Køge Rådhus, mødelokale 2, Torvet 1, 4600 Køge',
      status: 'planlagt',
      ics_uid: outlookUid,
      kommune_id: null,
      series_id: null,
    });
    expect(meeting?.notes).toBe(
      'Kære alle\n\nHermed indkaldelse til årets styringsdialogmøde mellem Køge Kommune og KAB. Vi gennemgår styringsrapporten, udlejningsaftalen og de boligsociale indsatser i Ølby og Ellemarken.\n\nMed venlig hilsen\nMette Ørsted\nKøge Kommune, Center for Plan og Bolig',
    );
  });

  it('changes nothing when the same file is imported a second time', async () => {
    await importIcs(t, fixture('outlook-invitation.ics'), options);
    const digest = databaseDigest(t.sqlite);
    const ops = operations();
    const again = await importIcs(t, fixture('outlook-invitation.ics'), options);
    expect(again.counts).toEqual({ new: 0, update: 0, unchanged: 1, cancel: 0, rejected: 0 });
    expect(again.created + again.updated + again.cancelled).toBe(0);
    expect(databaseDigest(t.sqlite)).toBe(digest);
    expect(operations()).toBe(ops);
  });

  it('sets the meeting aflyst when the cancellation of the same UID arrives, and only that', async () => {
    await importIcs(t, fixture('outlook-invitation.ics'), options);
    const before = meetings()[0];
    const preview = await previewIcsImport(t.db, fixture('outlook-cancellation.ics'), options);
    expect(preview.method).toBe('CANCEL');
    expect(preview.items[0]).toMatchObject({ kind: 'cancel', changes: [{ field: 'status', before: 'planlagt', after: 'aflyst' }] });
    await importIcs(t, fixture('outlook-cancellation.ics'), options);
    expect(meetings()).toEqual([{ ...before, status: 'aflyst' }]);
    expect(storedVersion()).toEqual({ sequence: 1, stamp: '20260915T132204Z' });
    const digest = databaseDigest(t.sqlite);
    expect((await importIcs(t, fixture('outlook-cancellation.ics'), options)).counts.unchanged).toBe(1);
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });

  it('rejects the cancellation of a meeting Kredsbog does not have, and creates nothing', async () => {
    const digest = databaseDigest(t.sqlite);
    const result = await importIcs(t, fixture('outlook-cancellation.ics'), options);
    expect(result.items).toEqual([expect.objectContaining({ kind: 'rejected', reason: 'Aflysningen gælder et møde, som ikke findes i Kredsbog.' })]);
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });

  it('reinstates an aflyst meeting and moves it when a new invitation for the UID arrives', async () => {
    await importIcs(t, fixture('outlook-cancellation.ics'.replace('cancellation', 'invitation')), options);
    await importIcs(t, fixture('outlook-cancellation.ics'), options);
    const moved = new TextDecoder().decode(fixture('outlook-invitation.ics')).replace(/20261006T100000/, '20261110T100000').replace(/20261006T120000/, '20261110T113000').replace('SEQUENCE:0', 'SEQUENCE:2');
    const preview = await previewIcsImport(t.db, bytes(moved), options);
    expect(preview.items[0]?.kind).toBe('update');
    expect(preview.items[0]?.changes.map((c) => c.field).sort()).toEqual(['ends_at', 'starts_at', 'status']);
    await importIcs(t, bytes(moved), options);
    // 10 November is winter time: UTC+1.
    expect(meetings()[0]).toMatchObject({ starts_at: '2026-11-10T09:00:00.000Z', ends_at: '2026-11-10T10:30:00.000Z', status: 'planlagt' });
  });
});

describe('meetings made in Kredsbog', () => {
  it('reads its own invitation back as unchanged, and a moved copy moves the meeting but keeps its notes', async () => {
    const meeting = await createMeeting(t.db, {
      seriesId: null,
      kommuneId: derivedId('kommune', 259),
      title: 'Kommunesamarbejde; forum',
      startsAt: danishInstant('2026-10-06', 10),
      endsAt: null,
      place: 'Køge Rådhus',
      status: 'planlagt',
      notes: 'Mine noter',
      inviteeIds: [],
      agenda: [],
    });
    await addAgendaItem(t.db, meeting.id, { title: 'Boligsocial anvisning', kind: 'normal', description: '', presenter: '', plannedMinutes: null });
    const own = bytes((await meetingIcs(t.db, meeting.id)).text);
    const digest = databaseDigest(t.sqlite);
    expect((await importIcs(t, own, options)).counts).toEqual({ new: 0, update: 0, unchanged: 1, cancel: 0, rejected: 0 });
    expect(databaseDigest(t.sqlite)).toBe(digest);

    const moved = new TextDecoder().decode(own).replace('DTSTART;TZID=Europe/Copenhagen:20261006T100000', 'DTSTART;TZID=Europe/Copenhagen:20261008T130000').replace('DTEND;TZID=Europe/Copenhagen:20261006T110000', 'DTEND;TZID=Europe/Copenhagen:20261008T150000');
    await importIcs(t, bytes(moved), options);
    const after = await getMeeting(t.db, meeting.id);
    expect(after).toMatchObject({ startsAt: '2026-10-08T11:00:00.000Z', endsAt: '2026-10-08T13:00:00.000Z', notes: 'Mine noter', title: 'Kommunesamarbejde; forum' });
    expect(t.sqlite.prepare('SELECT ics_uid FROM meeting WHERE id = ?').pluck().get(meeting.id)).toBeNull();
  });

  it('rejects an update to a meeting deleted in Kredsbog', async () => {
    await importIcs(t, fixture('outlook-invitation.ics'), options);
    t.sqlite.prepare('UPDATE meeting SET deleted_at = ?').run('2026-09-10T10:00:00.000Z');
    const preview = await previewIcsImport(t.db, fixture('outlook-invitation.ics'), options);
    expect(preview.items[0]).toMatchObject({ kind: 'rejected', reason: 'Mødet er slettet i Kredsbog. Gendan det først, hvis det skal opdateres.' });
  });
});

describe('times', () => {
  it('reads UTC, all-day, floating (Danish) and TZID-without-VTIMEZONE times', async () => {
    const file = ics(
      ...vevent('UID:utc', 'DTSTART:20260310T090000Z', 'DTEND:20260310T100000Z', 'SUMMARY:UTC'),
      ...vevent('UID:allday', 'DTSTART;VALUE=DATE:20260701', 'DTEND;VALUE=DATE:20260702', 'SUMMARY:Heldag'),
      ...vevent('UID:floating', 'DTSTART:20260310T140000', 'SUMMARY:Flydende'),
      ...vevent('UID:iana', 'DTSTART;TZID=Europe/Copenhagen:20260710T090000', 'DTEND;TZID=Europe/Copenhagen:20260710T100000', 'SUMMARY:IANA'),
      ...vevent('UID:windows', 'DTSTART;TZID="W. Europe Standard Time":20260710T090000', 'DURATION:PT45M', 'SUMMARY:Windows'),
      ...vevent('UID:unknown', 'DTSTART;TZID=Mars/Olympus:20260710T090000', 'SUMMARY:Mars'),
    );
    const preview = await previewIcsImport(t.db, file, options);
    const byUid = Object.fromEntries(preview.items.map((i) => [i.uid, i]));
    expect(byUid.utc).toMatchObject({ kind: 'new', startsAt: '2026-03-10T09:00:00.000Z', endsAt: '2026-03-10T10:00:00.000Z' });
    expect(byUid.allday).toMatchObject({ startsAt: '2026-06-30T22:00:00.000Z', endsAt: '2026-07-01T22:00:00.000Z' });
    expect(byUid.floating).toMatchObject({ startsAt: '2026-03-10T13:00:00.000Z', endsAt: null });
    expect(byUid.iana).toMatchObject({ startsAt: '2026-07-10T07:00:00.000Z', endsAt: '2026-07-10T08:00:00.000Z' });
    expect(byUid.windows).toMatchObject({ startsAt: '2026-07-10T07:00:00.000Z', endsAt: '2026-07-10T07:45:00.000Z' });
    expect(byUid.unknown).toMatchObject({ kind: 'rejected', reason: 'Ukendt tidszone "Mars/Olympus" og ingen definition (VTIMEZONE) i filen.' });
  });

  it('rejects single appointments without a start or ending before they begin, and imports the rest', async () => {
    const file = ics(
      ...vevent('UID:ok', 'DTSTART:20260310T090000Z', 'SUMMARY:God'),
      ...vevent('UID:nostart', 'SUMMARY:Uden start'),
      ...vevent('UID:backwards', 'DTSTART:20260310T090000Z', 'DTEND:20260310T080000Z', 'SUMMARY:Baglæns'),
      ...vevent('DTSTART:20260310T090000Z', 'SUMMARY:Uden UID'),
    );
    const result = await importIcs(t, file, options);
    expect(result.items.map((i) => [i.title, i.kind, i.reason])).toEqual([
      ['God', 'new', null],
      ['Uden start', 'rejected', 'Aftalen mangler starttidspunkt (DTSTART).'],
      ['Baglæns', 'rejected', 'Aftalen slutter før den begynder.'],
      ['Uden UID', 'rejected', 'Aftalen mangler UID og kan derfor ikke genkendes ved en senere import.'],
    ]);
    expect(meetings().map((m) => m.title)).toEqual(['God']);
  });
});

describe('recurring appointments', () => {
  const recurring = ics(
    'BEGIN:VTIMEZONE',
    'TZID:Romance Standard Time',
    'BEGIN:STANDARD', 'DTSTART:16011028T030000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
    'BEGIN:DAYLIGHT', 'DTSTART:16010325T020000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
    'END:VTIMEZONE',
    ...vevent('UID:netvaerk', 'DTSTART;TZID="Romance Standard Time":20261006T090000', 'DTEND;TZID="Romance Standard Time":20261006T100000', 'RRULE:FREQ=WEEKLY;COUNT=5', 'EXDATE;TZID="Romance Standard Time":20261013T090000', 'SUMMARY:Netværksmøde', 'LOCATION:Teams'),
    ...vevent('UID:netvaerk', 'RECURRENCE-ID;TZID="Romance Standard Time":20261020T090000', 'DTSTART;TZID="Romance Standard Time":20261021T130000', 'DTEND;TZID="Romance Standard Time":20261021T140000', 'SUMMARY:Netværksmøde (flyttet)', 'LOCATION:Teams'),
    ...vevent('UID:netvaerk', 'RECURRENCE-ID;TZID="Romance Standard Time":20261103T090000', 'DTSTART;TZID="Romance Standard Time":20261103T090000', 'STATUS:CANCELLED', 'SUMMARY:Netværksmøde'),
  );

  it('expands the occurrences with exceptions applied, keyed by RECURRENCE-ID, across the change to winter time', async () => {
    const first = await importIcs(t, recurring, options);
    // 5 occurrences, one excluded by EXDATE, one cancelled that Kredsbog never had.
    expect(first.counts).toEqual({ new: 3, update: 0, unchanged: 0, cancel: 0, rejected: 1 });
    expect(meetings().map((m) => [m.title, m.starts_at, m.ends_at, m.ics_uid])).toEqual([
      ['Netværksmøde', '2026-10-06T07:00:00.000Z', '2026-10-06T08:00:00.000Z', 'netvaerk#20261006T070000Z'],
      ['Netværksmøde (flyttet)', '2026-10-21T11:00:00.000Z', '2026-10-21T12:00:00.000Z', 'netvaerk#20261020T070000Z'],
      ['Netværksmøde', '2026-10-27T08:00:00.000Z', '2026-10-27T09:00:00.000Z', 'netvaerk#20261027T080000Z'],
    ]);
    const digest = databaseDigest(t.sqlite);
    expect((await importIcs(t, recurring, options)).counts.unchanged).toBe(3);
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });

  it('cancels one occurrence from a single-occurrence cancellation without its master', async () => {
    await importIcs(t, recurring, options);
    const cancel = ics('METHOD:CANCEL', ...vevent('UID:netvaerk', 'RECURRENCE-ID:20261027T080000Z', 'DTSTART:20261027T080000Z', 'SEQUENCE:1', 'SUMMARY:Netværksmøde'));
    const result = await importIcs(t, cancel, options);
    expect(result.counts.cancel).toBe(1);
    expect(meetings().map((m) => m.status)).toEqual(['planlagt', 'planlagt', 'aflyst']);
  });

  it('imports at most 100 occurrences of an endless rule, within two years, and says which', async () => {
    const endless = ics(...vevent('UID:daily', 'DTSTART:20260921T080000Z', 'RRULE:FREQ=DAILY', 'SUMMARY:Daglig'));
    const preview = await previewIcsImport(t.db, endless, options);
    expect(preview.counts.new).toBe(100);
    expect(preview.warnings).toEqual(['"Daglig" gentages mere end 100 gange i perioden: kun de 100 forekomster fra 21. september 2026 til 29. december 2026 importeres.']);
  });

  it('keeps the 100 nearest occurrences from today on when fewer than 100 are still to come', async () => {
    // Daily until 10 October, today is 20 September: 385 occurrences in the window, 20 still to come.
    const long = ics(...vevent('UID:weekly', 'DTSTART:20240101T080000Z', 'RRULE:FREQ=DAILY;UNTIL=20261010T080000Z', 'SUMMARY:Daglig'));
    const cut = await previewIcsImport(t.db, long, options);
    const starts = cut.items.map((i) => i.startsAt!);
    expect(starts).toHaveLength(100);
    // The last one is the series' last; the rest are the most recent before it.
    expect(starts.at(-1)).toBe('2026-10-10T08:00:00.000Z');
    expect(starts[0]).toBe('2026-07-03T08:00:00.000Z');
  });

  it('skips occurrences more than a year back', async () => {
    const old = ics(...vevent('UID:monthly', 'DTSTART:20240115T080000Z', 'RRULE:FREQ=MONTHLY;COUNT=24', 'SUMMARY:Månedlig'));
    const preview = await previewIcsImport(t.db, old, options);
    expect(preview.items.map((i) => i.startsAt)).toEqual(['2025-10-15T08:00:00.000Z', '2025-11-15T08:00:00.000Z', '2025-12-15T08:00:00.000Z']);
    expect(preview.warnings).toEqual(['"Månedlig": 21 forekomst(er) mere end et år tilbage springes over.']);
  });
});

describe('files that are not calendars', () => {
  const cases: [string, Uint8Array, string][] = [
    ['plain text', bytes('Hej Mette, her er referatet.'), 'Filen er ikke en kalenderfil (.ics): den begynder ikke med BEGIN:VCALENDAR.'],
    ['an empty file', new Uint8Array(0), 'Filen er tom.'],
    ['Windows-1252', new Uint8Array([...bytes('BEGIN:VCALENDAR\r\nSUMMARY:K'), 0xf8, ...bytes('ge\r\nEND:VCALENDAR\r\n')]), 'Filen er ikke gemt som UTF-8 og kan ikke læses som kalenderfil. Eksportér den igen fra Outlook (Gem som iCalendar-format).'],
    ['a broken calendar', bytes('BEGIN:VCALENDAR\r\nthis is not a property\r\nEND:VCALENDAR\r\n'), 'Kalenderfilen kunne ikke læses: den følger ikke iCalendar-formatet (RFC 5545). Eksportér den igen fra kalenderprogrammet.'],
    ['a calendar without appointments', ics('BEGIN:VTODO', 'UID:x', 'END:VTODO'), 'Filen indeholder ingen aftaler (VEVENT).'],
    ['more than 5 MB', new Uint8Array(5 * 1024 * 1024 + 1).fill(0x41), 'Filen er for stor (5.0 MB). En kalenderfil må højst fylde 5 MB.'],
  ];
  it.each(cases)('refuses %s with a Danish message and changes nothing', async (_name, input, message) => {
    await importIcs(t, fixture('outlook-invitation.ics'), options);
    const digest = databaseDigest(t.sqlite);
    await expect(previewIcsImport(t.db, input, options)).rejects.toMatchObject({ code: 'VALIDATION', message });
    await expect(importIcs(t, input, options)).rejects.toMatchObject({ code: 'VALIDATION', message });
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });

  it('accepts a byte-order mark and LF line endings', async () => {
    const lf = new TextDecoder().decode(fixture('outlook-invitation.ics')).replace(/\r\n/g, '\n');
    const preview = await previewIcsImport(t.db, bytes(`\uFEFF${lf}`), options);
    expect(preview.counts.new).toBe(1);
  });
});

describe('updates keep the meeting fields a user typed', () => {
  it('updates the title of an imported meeting from a newer invitation, never the notes written since', async () => {
    await importIcs(t, fixture('outlook-invitation.ics'), options);
    const id = t.sqlite.prepare('SELECT id FROM meeting').pluck().get() as string;
    await updateMeeting(t.db, id, { notes: 'Egne noter' });
    const renamed = new TextDecoder().decode(fixture('outlook-invitation.ics')).replace('SUMMARY;LANGUAGE=da:Styringsdialog 2026', 'SUMMARY;LANGUAGE=da:Styringsdialogmøde 2026');
    const preview = await previewIcsImport(t.db, bytes(renamed), options);
    expect(preview.items[0]?.changes).toEqual([{ field: 'title', before: 'Styringsdialog 2026 – KAB og Køge Kommune', after: 'Styringsdialogmøde 2026 – KAB og Køge Kommune' }]);
    await importIcs(t, bytes(renamed), options);
    expect(meetings()[0]).toMatchObject({ title: 'Styringsdialogmøde 2026 – KAB og Køge Kommune', notes: 'Egne noter' });
  });
});

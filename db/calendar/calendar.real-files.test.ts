import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { danishInstant } from '../../common/time';
import { createContact } from '../contacts/contacts.repository';
import { derivedId } from '../ids';
import { databaseDigest } from '../maintenance';
import { createMeeting, getMeeting, updateMeeting } from '../meetings/meetings.repository';
import { updateSettings } from '../settings/settings.repository';
import { exportSync, importSync } from '../sync/sync.service';
import { createTestDatabase } from '../testing/test-database';
import { meetingIcs } from './calendar.ics';
import { importIcs, previewIcsImport } from './calendar.import';
import { icsKeyOf, icsVersionOf } from './ics-uid';

/**
 * The import and export against real .ics files written by Outlook, Exchange,
 * Google Calendar, Apple Calendar and Thunderbird, taken from public test
 * suites (fixtures/README.md names each file's origin and licence). A few
 * cases need a second version of a real file (a later SEQUENCE, a moved
 * time); those are made here from the real file with a visible replace.
 */

let t: Awaited<ReturnType<typeof createTestDatabase>>;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.dispose());

const fixtureText = (name: string) => fs.readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
const bytes = (text: string) => new TextEncoder().encode(text);
const fixture = (name: string) => bytes(fixtureText(name));
const at = (iso: string) => ({ fileName: 'kalender.ics', now: new Date(iso) });
const operations = () => t.sqlite.prepare('SELECT count(*) FROM sync_op').pluck().get();
interface StoredMeeting {
  readonly id: string;
  readonly title: string;
  readonly starts_at: string;
  readonly ends_at: string | null;
  readonly status: string;
  readonly ics_uid: string | null;
  readonly kommune_id: string | null;
}
const rows = () =>
  (t.sqlite.prepare('SELECT id, title, starts_at, ends_at, status, ics_uid, kommune_id FROM meeting ORDER BY starts_at, id').all() as StoredMeeting[]).map((m) => ({
    ...m,
    key: m.ics_uid ? icsKeyOf(m.ics_uid) : null,
    version: m.ics_uid ? icsVersionOf(m.ics_uid) : null,
  }));
const event = (text: string) => new ICAL.Component(ICAL.parse(text)).getFirstSubcomponent('vevent')!;
const exported = async (meetingId: string) => (await meetingIcs(t.db, meetingId, { now: new Date('2026-09-20T10:00:00Z') })).text;
/** Words ical.js uses in its errors; none may reach a Danish message. */
const english = /\b(invalid|expected|could not|cannot|undefined|property|frequency|value)\b/i;

const exchangeUid = '040000008200E00074C5B7101A82E0080000000070BC3EB80871CF01000000000000000010000000B3492E4691795F4E810CCD60A178B53C';

describe('every real file', () => {
  const cases: [string, string, string, { new: number; rejected: number }][] = [
    ['Outlook 2003 (English), open-ended weekday series', 'outlook-2003-standup-en.ics', '2026-09-20T10:00:00Z', { new: 100, rejected: 0 }],
    ['Exchange 2010 invitation (Spanish)', 'exchange-2010-request.ics', '2014-05-01T10:00:00Z', { new: 1, rejected: 0 }],
    ['Exchange 2010 invitation adapted to Danish', 'exchange-2010-request-da.ics', '2026-09-20T10:00:00Z', { new: 1, rejected: 0 }],
    ['Exchange 2010 calendar with all-day series', 'exchange-2010-publish-allday-series.ics', '2024-06-20T10:00:00Z', { new: 5, rejected: 0 }],
    ['Exchange 2010 all-day series with a moved day', 'exchange-2010-allday-moved-occurrence.ics', '2026-02-01T10:00:00Z', { new: 51, rejected: 0 }],
    ['Google Calendar, timed', 'google-calendar-timed.ics', '2024-10-01T10:00:00Z', { new: 1, rejected: 0 }],
    ['Google Calendar, all-day and timed series with moved occurrences', 'google-calendar-allday-weekly.ics', '2023-08-01T10:00:00Z', { new: 6, rejected: 0 }],
    ['Google Calendar with a broken RRULE', 'google-calendar-bad-rrule.ics', '2026-09-20T10:00:00Z', { new: 200, rejected: 1 }],
    ['Apple Calendar (macOS 11)', 'apple-macos-11.ics', '2022-07-01T10:00:00Z', { new: 3, rejected: 1 }],
    ['Thunderbird, series with one occurrence cancelled', 'thunderbird-cancelled-occurrence.ics', '2020-01-20T10:00:00Z', { new: 2, rejected: 1 }],
    ['RFC 2446 REQUEST (libical test data)', 'rfc2446-request.ics', '1997-06-20T10:00:00Z', { new: 1, rejected: 0 }],
  ];

  it.each(cases)('imports %s, and a second import of the same file changes nothing', async (_name, file, now, counts) => {
    const first = await importIcs(t, fixture(file), at(now));
    expect(first.counts).toMatchObject(counts);
    expect(first.created).toBe(counts.new);
    for (const item of first.items) expect(item.reason ?? '').not.toMatch(english);
    const digest = databaseDigest(t.sqlite);
    const ops = operations();
    const again = await importIcs(t, fixture(file), at(now));
    expect(again.created + again.updated + again.cancelled).toBe(0);
    expect(databaseDigest(t.sqlite)).toBe(digest);
    expect(operations()).toBe(ops);
  }, 30_000);

  it.each(cases)('exports every meeting imported from %s so that reading it back changes nothing', async (_name, file, now) => {
    await importIcs(t, fixture(file), at(now));
    const ids = rows().slice(0, 3).map((m) => m.id);
    for (const id of ids) {
      const digest = databaseDigest(t.sqlite);
      const back = await importIcs(t, bytes(await exported(id)), at(now));
      expect(back.counts).toMatchObject({ new: 0, update: 0, cancel: 0, rejected: 0 });
      expect(databaseDigest(t.sqlite)).toBe(digest);
    }
  }, 30_000);
});

describe('an open-ended series keeps its coming occurrences', () => {
  it('imports the next 100 weekday stand-ups from an Outlook series that began in 2009, not the oldest ones', async () => {
    const preview = await previewIcsImport(t.db, fixture('outlook-2003-standup-en.ics'), at('2026-09-20T10:00:00Z'));
    const starts = preview.items.map((i) => i.startsAt!);
    expect(starts).toHaveLength(100);
    expect(starts.every((s) => s >= '2026-09-20T10:00:00.000Z')).toBe(true);
    // 09:30 in Sydney (UTC+10) on Monday 21 September is Sunday 23:30 UTC.
    expect(starts[0]).toBe('2026-09-20T23:30:00.000Z');
    expect(preview.warnings[0]).toBe('"Standup" gentages mere end 100 gange i perioden: kun de 100 forekomster fra 21. september 2026 til 4. februar 2027 importeres.');
  });

  it('does the same for an open-ended Google series of weekdays', async () => {
    const preview = await previewIcsImport(t.db, fixture('google-calendar-bad-rrule.ics'), at('2026-09-20T10:00:00Z'));
    const brainBreak = preview.items.filter((i) => i.title === 'Brain Break').map((i) => i.startsAt!);
    expect(brainBreak).toHaveLength(100);
    expect(brainBreak.every((s) => s >= '2026-09-20T10:00:00.000Z')).toBe(true);
  });
});

describe('a malformed RRULE', () => {
  it('skips only that appointment, with a Danish reason and no English from ical.js', async () => {
    const preview = await previewIcsImport(t.db, fixture('google-calendar-bad-rrule.ics'), at('2026-09-20T10:00:00Z'));
    const rejected = preview.items.filter((i) => i.kind === 'rejected');
    expect(rejected).toEqual([
      expect.objectContaining({
        title: 'Academic Time',
        reason: 'Gentagelsesreglen (RRULE) kan ikke bruges: delen "RRULE:AnythingRandom" har ingen værdi. Aftalen er sprunget over; resten af filen importeres.',
      }),
    ]);
    expect(preview.counts.new).toBe(200);
  });

  it('skips a rule with an unknown frequency, which ical.js would refuse the whole file for', async () => {
    const preview = await previewIcsImport(t.db, fixture('invalid-rrule-freq.ics'), at('2025-01-01T00:00:00Z'));
    expect(preview.items).toEqual([
      expect.objectContaining({ kind: 'rejected', title: 'Test Event', reason: 'Gentagelsesreglen (RRULE) kan ikke bruges: "FREQ=INVALID_TYPE_CAUSES_ERROR" er ugyldig. Aftalen er sprunget over; resten af filen importeres.' }),
    ]);
  });

  it('skips a rule with a misspelt part instead of reading it as endless', async () => {
    const preview = await previewIcsImport(t.db, fixture('unknown-rrule-part.ics'), at('2019-08-01T00:00:00Z'));
    expect(preview.items).toEqual([expect.objectContaining({ kind: 'rejected', title: 'blabla', reason: expect.stringContaining('den ukendte del "UNTL=20191023"') })]);
  });

  it('imports the rest of a file when one of its appointments has such a rule', async () => {
    const two = fixtureText('rfc2446-request.ics').replace('END:VCALENDAR', `${fixtureText('invalid-rrule-freq.ics').split('BEGIN:VEVENT')[1]!.split('END:VEVENT')[0]}END:VEVENT\nEND:VCALENDAR`.replace(/^/, 'BEGIN:VEVENT'));
    const result = await importIcs(t, bytes(two), at('1997-06-20T10:00:00Z'));
    expect(result.counts).toMatchObject({ new: 1, rejected: 1 });
    expect(rows().map((m) => m.title)).toEqual(['Phone Conference']);
  });
});

describe('iTIP order (RFC 5546)', () => {
  const danish = () => fixtureText('exchange-2010-request-da.ics');
  const version = (text: string, sequence: number, stamp: string) => text.replace('SEQUENCE:0', `SEQUENCE:${sequence}`).replace('DTSTAMP:20260901T081512Z', `DTSTAMP:${stamp}`);
  const moved = (text: string) => text.replace('20261006T100000', '20261008T130000').replace('20261006T120000', '20261008T150000');
  const now = at('2026-09-20T10:00:00Z');

  it('does not roll a meeting back to an invitation with a lower SEQUENCE', async () => {
    await importIcs(t, bytes(moved(version(danish(), 2, '20260910T090000Z'))), now);
    expect(rows()[0]).toMatchObject({ starts_at: '2026-10-08T11:00:00.000Z', version: { sequence: 2, stamp: '20260910T090000Z' } });
    const digest = databaseDigest(t.sqlite);
    const older = await importIcs(t, fixture('exchange-2010-request-da.ics'), now);
    expect(older.items[0]).toMatchObject({ kind: 'unchanged', reason: expect.stringContaining('ældre udgave af aftalen') });
    expect(databaseDigest(t.sqlite)).toBe(digest);
  });

  it('does not roll back to one with the same SEQUENCE and an older DTSTAMP, and takes a newer DTSTAMP', async () => {
    await importIcs(t, bytes(moved(version(danish(), 1, '20260915T120000Z'))), now);
    const older = await previewIcsImport(t.db, bytes(version(danish(), 1, '20260910T120000Z')), now);
    expect(older.items[0]?.kind).toBe('unchanged');
    const newer = await importIcs(t, bytes(version(danish(), 1, '20260916T120000Z')), now);
    expect(newer.items[0]).toMatchObject({ kind: 'update', changes: expect.arrayContaining([expect.objectContaining({ field: 'starts_at', after: '2026-10-06T08:00:00.000Z' })]) });
    expect(rows()[0]?.version).toEqual({ sequence: 1, stamp: '20260916T120000Z' });
  });

  it('takes the newest version when one file holds two versions of the same appointment', async () => {
    const both = version(danish(), 3, '20260912T080000Z').replace('END:VCALENDAR', `${moved(danish()).slice(danish().indexOf('BEGIN:VEVENT'))}`);
    await importIcs(t, bytes(both), now);
    expect(rows()).toEqual([expect.objectContaining({ starts_at: '2026-10-06T08:00:00.000Z', version: { sequence: 3, stamp: '20260912T080000Z' } })]);
  });

  it('does not let an older copy of its own invitation undo a change made in Kredsbog', async () => {
    const meeting = await createMeeting(t.db, { seriesId: null, kommuneId: null, title: 'Netværksmøde', startsAt: danishInstant('2026-10-06', 10), endsAt: null, place: 'Køge', status: 'planlagt', notes: '', inviteeIds: [], agenda: [] });
    const first = await exported(meeting.id);
    await updateMeeting(t.db, meeting.id, { startsAt: danishInstant('2026-10-07', 10) });
    const preview = await previewIcsImport(t.db, bytes(first), now);
    expect(preview.items[0]).toMatchObject({ kind: 'unchanged', reason: expect.stringContaining('ældre udgave') });
    expect((await getMeeting(t.db, meeting.id)).startsAt).toBe(danishInstant('2026-10-07', 10));
  });

  it('cancels a meeting from a CANCEL that names only its UID (no DTSTART)', async () => {
    await importIcs(t, fixture('rfc2446-request.ics'), at('1997-06-20T10:00:00Z'));
    const preview = await previewIcsImport(t.db, fixture('rfc2446-cancel-uid-only.ics'), at('1997-06-20T10:00:00Z'));
    expect(preview.items).toEqual([expect.objectContaining({ kind: 'cancel', title: 'Phone Conference', startsAt: '1997-07-01T18:00:00.000Z', changes: [{ field: 'status', before: 'planlagt', after: 'aflyst' }] })]);
    await importIcs(t, fixture('rfc2446-cancel-uid-only.ics'), at('1997-06-20T10:00:00Z'));
    expect(rows().map((m) => m.status)).toEqual(['aflyst']);
  });

  it('cancels every occurrence of a series from a CANCEL that names only the series UID, and leaves held meetings held', async () => {
    await importIcs(t, fixture('outlook-2003-standup-en.ics'), at('2026-09-20T10:00:00Z'));
    const first = rows()[0]!;
    await updateMeeting(t.db, first.id, { status: 'afholdt' });
    const standupUid = event(fixtureText('outlook-2003-standup-en.ics')).getFirstPropertyValue('uid') as string;
    const cancel = fixtureText('rfc2446-cancel-uid-only.ics').replace('calsrv.example.com-873970198738777@example.com', standupUid);
    const result = await importIcs(t, bytes(cancel), at('2026-09-20T10:00:00Z'));
    expect(result.counts).toMatchObject({ cancel: 99, unchanged: 1 });
    expect(result.items.find((i) => i.meetingId === first.id)).toMatchObject({ kind: 'unchanged', reason: 'Mødet er allerede afholdt og aflyses ikke.' });
    expect(new Set(rows().map((m) => m.status))).toEqual(new Set(['afholdt', 'aflyst']));
  });

  it('does not cancel from a CANCEL older than the invitation already applied', async () => {
    await importIcs(t, fixture('rfc2446-request.ics'), at('1997-06-20T10:00:00Z'));
    const old = fixtureText('rfc2446-cancel-uid-only.ics').replace('SEQUENCE:1', 'SEQUENCE:0');
    expect((await importIcs(t, bytes(old), at('1997-06-20T10:00:00Z'))).items[0]).toMatchObject({ kind: 'unchanged' });
    expect(rows().map((m) => m.status)).toEqual(['planlagt']);
  });
});

describe('SEQUENCE of an imported meeting going back out', () => {
  it('starts at the organiser’s SEQUENCE and rises with every change made here', async () => {
    await importIcs(t, fixture('exchange-2010-publish-allday-series.ics'), at('2024-06-20T10:00:00Z'));
    const series = rows().filter((m) => m.key === '111#20240701');
    expect(series).toHaveLength(1);
    const id = series[0]!.id;
    const sequence = async () => event(await exported(id)).getFirstPropertyValue('sequence');
    expect(await sequence()).toBe(3);
    await updateMeeting(t.db, id, { title: 'test123 – flyttet' });
    expect(await sequence()).toBe(4);
    await updateMeeting(t.db, id, { place: 'Køge Rådhus' });
    expect(await sequence()).toBe(5);
    // The organiser sends a newer version: that is the new starting point.
    const newer = fixtureText('exchange-2010-publish-allday-series.ics').replace('SEQUENCE:3', 'SEQUENCE:7').replace('SUMMARY:test123\r\n', 'SUMMARY:test123 (ny)\r\n');
    await importIcs(t, bytes(newer), at('2024-06-20T10:00:00Z'));
    expect(await sequence()).toBe(7);
  });

  it('is the same on another installation that received the meeting by sync', async () => {
    await importIcs(t, fixture('exchange-2010-publish-allday-series.ics'), at('2024-06-20T10:00:00Z'));
    const id = rows().find((m) => m.key === '111#20240701')!.id;
    await updateMeeting(t.db, id, { title: 'test123 – flyttet' });
    const other = await createTestDatabase();
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'kredsbog-ics-'));
    try {
      const file = path.join(folder, 'a.kredsbog');
      await exportSync(t, { out: file, appVersion: 'test' });
      await importSync(other, file);
      const there = event((await meetingIcs(other.db, id, { now: new Date('2026-09-20T10:00:00Z') })).text);
      expect(there.getFirstPropertyValue('sequence')).toBe(4);
      expect(event(await exported(id)).getFirstPropertyValue('sequence')).toBe(4);
    } finally {
      await other.dispose();
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('writes an occurrence with the series UID and its RECURRENCE-ID, so Outlook updates that one', async () => {
    await importIcs(t, fixture('exchange-2010-allday-moved-occurrence.ics'), at('2026-02-01T10:00:00Z'));
    const moved = rows().find((m) => m.key === 'exchange-moved-recurrence#20260226')!;
    const written = event(await exported(moved.id));
    expect(written.getFirstPropertyValue('uid')).toBe('exchange-moved-recurrence');
    expect(written.getFirstProperty('recurrence-id')!.toICALString()).toBe('RECURRENCE-ID;VALUE=DATE:20260226');
    expect(written.getFirstProperty('dtstart')!.toICALString()).toBe('DTSTART;VALUE=DATE:20260227');
  });
});

describe('a whole-day appointment', () => {
  it('goes back out as a whole-day event (VALUE=DATE), not 00:00–00:00', async () => {
    await importIcs(t, fixture('google-calendar-allday-weekly.ics'), at('2023-08-01T10:00:00Z'));
    const allDay = rows().filter((m) => m.title === 'All Day');
    expect(allDay.map((m) => [m.starts_at, m.ends_at])).toContainEqual(['2023-08-09T22:00:00.000Z', '2023-08-10T22:00:00.000Z']);
    const text = await exported(allDay[0]!.id);
    expect(text).toContain('DTSTART;VALUE=DATE:20230810\r\n');
    expect(text).toContain('DTEND;VALUE=DATE:20230811\r\n');
    expect(text).not.toMatch(/DTSTART;TZID=[^:]+:20230810T000000/);
  });

  it('keeps a several-day Exchange event whole days too', async () => {
    await importIcs(t, fixture('exchange-2010-publish-allday-series.ics'), at('2024-06-20T10:00:00Z'));
    const week = rows().find((m) => m.key === '111#20240701')!;
    expect(week).toMatchObject({ starts_at: '2024-06-30T22:00:00.000Z', ends_at: '2024-07-07T22:00:00.000Z' });
    const text = await exported(week.id);
    expect(text).toContain('DTSTART;VALUE=DATE:20240701\r\n');
    expect(text).toContain('DTEND;VALUE=DATE:20240708\r\n');
  });
});

describe('what an invitation says beyond time and place', () => {
  const now = at('2026-09-20T10:00:00Z');

  it('turns the numbered agenda in the description into agenda items of the new meeting', async () => {
    await importIcs(t, fixture('exchange-2010-request-da.ics'), now);
    const meeting = await getMeeting(t.db, rows()[0]!.id);
    expect(meeting.agenda.map((a) => a.title)).toEqual(['Velkomst', 'Økonomi og styringsrapport', 'Boligsocial indsats i Ølby', 'Eventuelt']);
    expect(meeting.notes).toContain('Dagsorden:\n1. Velkomst');
  });

  it('invites the contacts whose e-mail an ATTENDEE or the ORGANIZER has, and no one else', async () => {
    await updateSettings(t.db, { email: 'user2@zpush.org' });
    const user1 = await createContact(t.db, { name: 'Name1 Surname2', emails: ['User1@ZPush.org'], phones: [], notes: '' }, []);
    const organizer = await createContact(t.db, { name: 'Pablo Mármol', emails: ['kontor@example.dk', 'pablo.marmol@zpush.org'], phones: [], notes: '' }, []);
    await createContact(t.db, { name: 'Konsulenten selv', emails: ['user2@zpush.org'], phones: [], notes: '' }, []);
    const preview = await previewIcsImport(t.db, fixture('exchange-2010-request.ics'), at('2014-05-01T10:00:00Z'));
    expect(preview.items[0]?.invitees.map((i) => i.name).sort()).toEqual(['Name1 Surname2', 'Pablo Mármol']);
    await importIcs(t, fixture('exchange-2010-request.ics'), at('2014-05-01T10:00:00Z'));
    const meeting = await getMeeting(t.db, rows()[0]!.id);
    expect(meeting.attendance.map((a) => [a.contactId, a.status]).sort()).toEqual([[organizer.id, 'inviteret'], [user1.id, 'inviteret']].sort());
  });

  it('adds a newly known attendee on a later import, but never re-invites someone the user took off', async () => {
    await importIcs(t, fixture('exchange-2010-request.ics'), at('2014-05-01T10:00:00Z'));
    const id = rows()[0]!.id;
    const user1 = await createContact(t.db, { name: 'Name1 Surname2', emails: ['user1@zpush.org'], phones: [], notes: '' }, []);
    const again = await importIcs(t, fixture('exchange-2010-request.ics'), at('2014-05-01T10:00:00Z'));
    expect(again.items[0]).toMatchObject({ kind: 'update', invitees: [expect.objectContaining({ contactId: user1.id })] });
    t.sqlite.prepare("UPDATE attendance SET deleted_at = '2014-05-02T00:00:00.000Z'").run();
    const third = await previewIcsImport(t.db, fixture('exchange-2010-request.ics'), at('2014-05-01T10:00:00Z'));
    expect(third.items[0]).toMatchObject({ kind: 'unchanged', invitees: [] });
    expect((await getMeeting(t.db, id)).attendance).toEqual([]);
  });

  it('suggests the kommune named in SUMMARY or LOCATION and sets it only when the user confirms', async () => {
    const koege = derivedId('kommune', 259);
    const preview = await previewIcsImport(t.db, fixture('exchange-2010-request-da.ics'), now);
    expect(preview.items[0]?.kommune).toEqual({ id: koege, name: 'Køge' });
    expect(preview.kommuneSuggestions).toEqual([{ uid: exchangeUid, title: 'Styringsdialog 2026 – KAB og Køge Kommune', kommuneId: koege, kommuneName: 'Køge', meetings: 1 }]);
    await importIcs(t, fixture('exchange-2010-request-da.ics'), now);
    expect(rows()[0]?.kommune_id).toBeNull();
    const confirmed = await importIcs(t, fixture('exchange-2010-request-da.ics'), { ...now, kommuneChoices: [{ uid: exchangeUid, kommuneId: koege }] });
    expect(confirmed.updated).toBe(1);
    expect(rows()[0]?.kommune_id).toBe(koege);
    // A kommune already set is never replaced or suggested again.
    expect((await previewIcsImport(t.db, fixture('exchange-2010-request-da.ics'), now)).kommuneSuggestions).toEqual([]);
  });

  it('sets the confirmed kommune on a new meeting in the same import', async () => {
    const koege = derivedId('kommune', 259);
    await importIcs(t, fixture('exchange-2010-request-da.ics'), { ...now, kommuneChoices: [{ uid: exchangeUid, kommuneId: koege }] });
    expect(rows()[0]?.kommune_id).toBe(koege);
  });
});

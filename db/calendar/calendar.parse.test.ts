import { describe, expect, it } from 'vitest';
import { decodeIcs, readAppointments } from './calendar.parse';

const now = new Date('2026-09-20T10:00:00Z');
const ics = (...lines: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//DA', ...lines, 'END:VCALENDAR', ''].join('\r\n');
const vevent = (...lines: string[]) => ['BEGIN:VEVENT', 'DTSTAMP:20260901T080000Z', ...lines, 'END:VEVENT'];

describe('calendar import, parse stage (no database)', () => {
  it('reads an appointment with a Windows time zone and a numbered agenda into one candidate', () => {
    const read = readAppointments(
      ics(...vevent('UID:abc-1', 'SUMMARY:Styringsdialog Køge', 'DTSTART;TZID=Romance Standard Time:20261006T100000', 'DTEND;TZID=Romance Standard Time:20261006T113000', 'DESCRIPTION:1. Velkomst\\n2. Økonomi', 'ATTENDEE:mailto:Aase@Koege.dk')),
      now,
    );
    expect(read.rejected).toEqual([]);
    expect(read.candidates).toHaveLength(1);
    const c = read.candidates[0]!;
    expect(c).toMatchObject({ key: 'abc-1', title: 'Styringsdialog Køge', startsAt: '2026-10-06T08:00:00.000Z', endsAt: '2026-10-06T09:30:00.000Z', agenda: ['Velkomst', 'Økonomi'], cancelled: false });
    expect(c.emails).toEqual(['aase@koege.dk']);
  });

  it('expands a weekly series into one candidate per occurrence, each keyed by its RECURRENCE-ID', () => {
    const read = readAppointments(ics(...vevent('UID:weekly', 'SUMMARY:Netværk', 'DTSTART:20261001T080000Z', 'DTEND:20261001T090000Z', 'RRULE:FREQ=WEEKLY;COUNT=3')), now);
    expect(read.candidates.map((c) => c.key)).toEqual(['weekly#20261001T080000Z', 'weekly#20261008T080000Z', 'weekly#20261015T080000Z']);
  });

  it('refuses bytes that are not a UTF-8 calendar with a Danish reason', () => {
    expect(() => decodeIcs(new TextEncoder().encode('Navn;E-mail\r\nÅse;aase@koege.dk\r\n'))).toThrow(/kalender/i);
  });
});

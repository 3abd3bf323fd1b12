import { describe, expect, it } from 'vitest';
import { prescanIcs, recurProblem } from './ics-prescan';

describe('an RRULE checked against RFC 5545', () => {
  it.each([
    ['FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR', null],
    ['FREQ=WEEKLY;UNTIL=20240728T230000Z;INTERVAL=2;BYDAY=MO;WKST=MO', null],
    ['FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', null],
    ['FREQ=MONTHLY;BYDAY=1TU', null],
    ['FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=12', null],
    ['freq=daily;count=3', null],
    ['FREQ=WEEKLY;UNTL=20191023', 'den ukendte del "UNTL=20191023"'],
    ['RRULE:AnythingRandom;FREQ=WEEKLY', 'delen "RRULE:AnythingRandom" har ingen værdi'],
    ['FREQ=INVALID_TYPE_CAUSES_ERROR', '"FREQ=INVALID_TYPE_CAUSES_ERROR" er ugyldig'],
    ['FREQ=WEEKLY;BYDAY=XX', '"BYDAY=XX" er ugyldig'],
    ['FREQ=WEEKLY;UNTIL=bad', '"UNTIL=bad" er ugyldig'],
    ['FREQ=WEEKLY;UNTIL=20260230', '"UNTIL=20260230" er ugyldig'],
    ['FREQ=YEARLY;BYMONTH=13', '"BYMONTH=13" er ugyldig'],
    ['FREQ=DAILY;COUNT=0', '"COUNT=0" er ugyldig'],
    ['BYDAY=MO', 'FREQ (hvor ofte) mangler'],
    ['FREQ=DAILY;FREQ=WEEKLY', 'FREQ står der to gange'],
    ['FREQ=DAILY;COUNT=3;UNTIL=20260101', 'UNTIL og COUNT må ikke stå i samme regel'],
  ])('%s → %s', (rule, problem) => {
    expect(recurProblem(rule)).toBe(problem);
  });
});

describe('a file with one appointment whose rule does not hold', () => {
  const file = [
    'BEGIN:VCALENDAR',
    'BEGIN:VEVENT',
    'UID:good',
    'DTSTART:20260101T100000Z',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:bad',
    'SUMMARY:Møde\\, med komma',
    'DTSTART:20260101T100000Z',
    'RRULE:FREQ=WEEKLY;BY',
    ' DAY=XX',
    'BEGIN:VALARM',
    'TRIGGER:-PT15M',
    'END:VALARM',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:bad',
    'RECURRENCE-ID:20260108T100000Z',
    'DTSTART:20260109T100000Z',
    'END:VEVENT',
    'BEGIN:VEVENT',
    'UID:last',
    'DTSTART:20260101T100000Z',
    'END:VEVENT',
    'END:VCALENDAR',
  ].join('\r\n');

  it('cuts out every VEVENT of that UID, folded lines too, and says why once', () => {
    const scan = prescanIcs(file);
    expect(scan.skipped).toEqual([{ order: 1, uid: 'bad', title: 'Møde, med komma', reason: 'Gentagelsesreglen (RRULE) kan ikke bruges: "BYDAY=XX" er ugyldig. Aftalen er sprunget over; resten af filen importeres.' }]);
    expect(scan.text).not.toContain('UID:bad');
    expect(scan.text).toContain('UID:good');
    expect(scan.text).toContain('UID:last');
    expect(scan.originalOrder).toEqual([0, 3]);
  });

  it('leaves a file without such a rule exactly as it is', () => {
    const good = file.replace('RRULE:FREQ=WEEKLY;BY\r\n DAY=XX', 'RRULE:FREQ=WEEKLY;BY\r\n DAY=TH');
    expect(prescanIcs(good)).toEqual({ text: good, skipped: [], originalOrder: [0, 1, 2, 3] });
  });
});

import { TZDate } from '@date-fns/tz';
import { addDays } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCadence, addDanishDays, compareIsoTimes, danishDate, danishInstant, danishWeekStart } from './time';

describe('Danish time', () => {
  it('gives the Danish calendar date of an instant', () => {
    expect(danishDate('2025-12-31T23:30:00Z')).toBe('2026-01-01');
    expect(danishDate('2026-07-01T21:59:00Z')).toBe('2026-07-01');
  });

  it('starts the week on Monday at midnight Danish time', () => {
    expect(danishWeekStart('2026-11-25T12:00:00Z')).toBe('2026-11-22T23:00:00.000Z');
    expect(danishWeekStart('2026-11-25T12:00:00Z', 1)).toBe('2026-11-29T23:00:00.000Z');
  });

  it('keeps the wall-clock time across the summer-time change', () => {
    const march = danishInstant('2026-03-16', 10);
    expect(march).toBe('2026-03-16T09:00:00.000Z');
    expect(addCadence(march, 'months', 1)).toBe('2026-04-16T08:00:00.000Z');
    expect(addCadence(march, 'weeks', 2)).toBe('2026-03-30T08:00:00.000Z');
  });

  it('adds calendar days', () => {
    expect(addDanishDays('2026-12-30', 7)).toBe('2027-01-06');
    expect(addDanishDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDanishDays('2026-03-29', -1)).toBe('2026-03-28');
  });

  it('adds calendar days exactly as Danish wall-clock time does, across summer time, leap days and years', () => {
    const danishNoonPlus = (date: string, days: number) => {
      const [y, m, d] = date.split('-').map(Number) as [number, number, number];
      return danishDate(new Date(addDays(new TZDate(y, m - 1, d, 12, 0, 'Europe/Copenhagen'), days).getTime()));
    };
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2060-12-31T00:00:00Z'), noInvalidDate: true }), fc.integer({ min: -800, max: 800 }), (day, days) => {
        const date = day.toISOString().slice(0, 10);
        expect(addDanishDays(date, days)).toBe(danishNoonPlus(date, days));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('avoidWeekend', () => {
  it('moves Saturday and Sunday to Monday and leaves weekdays alone', async () => {
    const { avoidWeekend } = await import('./time');
    expect(avoidWeekend(danishInstant('2027-05-23', 10))).toBe(danishInstant('2027-05-24', 10));
    expect(avoidWeekend(danishInstant('2027-05-22', 10))).toBe(danishInstant('2027-05-24', 10));
    expect(avoidWeekend(danishInstant('2027-05-25', 10))).toBe(danishInstant('2027-05-25', 10));
  });
});

describe('compareIsoTimes', () => {
  it('orders dates and instants as time runs, never first', () => {
    const sorted = ['2026-11-23T10:00:00.000Z', null, '2025-01-31', '2026-11-23', '2026-02-01'].sort(compareIsoTimes);
    expect(sorted).toEqual([null, '2025-01-31', '2026-02-01', '2026-11-23', '2026-11-23T10:00:00.000Z']);
    // (Array sort puts undefined last without asking the comparator; asked directly, it is "never" like null.)
    expect(compareIsoTimes(undefined, '2020-01-01')).toBeLessThan(0);
    expect(compareIsoTimes(null, undefined)).toBe(0);
  });

  it('agrees with the instants\' own order', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), fc.date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }), (a, b) => {
        expect(Math.sign(compareIsoTimes(a.toISOString(), b.toISOString()))).toBe(Math.sign(a.getTime() - b.getTime()));
      }),
    );
  });
});

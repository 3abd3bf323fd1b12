import { describe, expect, it } from 'vitest';
import { danishInstant } from '../../../../common/time';
import { allDayDates, isAllDay, layoutDay, minutesIn } from './week-grid.layout';

const day = '2026-03-30'; // the Monday after the change to summer time: Danish hours, not UTC ones
const at = (hours: number, minutes = 0, date = day) => danishInstant(date, hours, minutes);
const event = (id: string, from: [number, number], to: [number, number] | null) => ({ id, startsAt: at(...from), endsAt: to ? at(...to) : null });

describe('week grid layout', () => {
  it('places a meeting by its Danish start and end, in minutes from midnight', () => {
    expect(layoutDay(day, [event('a', [9, 30], [11, 0])])).toEqual([{ event: expect.objectContaining({ id: 'a' }), start: 570, end: 660, column: 0, columns: 1 }]);
    // No end: an hour. Past midnight: cut at the end of the day.
    expect(layoutDay(day, [event('b', [14, 0], null)])[0]).toMatchObject({ start: 840, end: 900 });
    expect(layoutDay(day, [{ id: 'c', startsAt: at(22), endsAt: at(2, 0, '2026-03-31') }])[0]).toMatchObject({ start: 1320, end: 1440 });
    expect(minutesIn(day, at(23, 0, '2026-03-29'))).toBe(0);
  });

  it('puts overlapping meetings side by side with equal widths, and lets a later free one use the full width', () => {
    const placed = layoutDay(day, [event('a', [9, 0], [11, 0]), event('b', [10, 0], [12, 0]), event('c', [10, 30], [11, 0]), event('d', [11, 0], [12, 0]), event('e', [13, 0], [14, 0])]);
    const byId = Object.fromEntries(placed.map((p) => [p.event.id, [p.column, p.columns]]));
    // a, b, c overlap (three columns); d starts when a and c end and takes a's free column; e stands alone.
    expect(byId).toEqual({ a: [0, 3], b: [1, 3], c: [2, 3], d: [0, 3], e: [0, 1] });
  });

  it('knows whole-day meetings (Danish midnight to a later midnight) and the days they cover', () => {
    const twoDays = { id: 'x', startsAt: at(0, 0, '2026-03-30'), endsAt: at(0, 0, '2026-04-01') };
    expect(isAllDay(twoDays)).toBe(true);
    expect(allDayDates(twoDays)).toEqual(['2026-03-30', '2026-03-31']);
    expect(isAllDay(event('y', [0, 0], [10, 0]))).toBe(false);
    expect(isAllDay(event('z', [0, 0], null))).toBe(false);
  });
});

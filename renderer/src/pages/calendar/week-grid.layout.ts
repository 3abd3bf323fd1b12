import { addDays, format, parseISO } from 'date-fns';
import { danishDate } from '../../../../common/time';
import { timeInputValue } from '../../format';

/** Minutes since Danish midnight of `day` (0–1440), for an instant that may lie on another day. */
export function minutesIn(day: string, instant: string): number {
  const date = danishDate(instant);
  if (date < day) return 0;
  if (date > day) return 24 * 60;
  const [hours, minutes] = timeInputValue(instant).split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export interface TimedEvent {
  readonly id: string;
  readonly startsAt: string;
  readonly endsAt: string | null;
}

/** Where one event sits in a day column: minutes from midnight, and its column among those it overlaps. */
export interface Placed<E> {
  readonly event: E;
  readonly start: number;
  readonly end: number;
  readonly column: number;
  readonly columns: number;
}

/** A meeting without an end is drawn as an hour; a very short one at least this long, so its text fits. */
const defaultLength = 60;
const shortest = 30;

/**
 * A meeting that runs from Danish midnight to a later midnight (how Outlook's
 * whole-day events arrive) belongs in the all-day strip on every day it covers.
 */
export function isAllDay(event: TimedEvent): boolean {
  if (!event.endsAt) return false;
  return timeInputValue(event.startsAt) === '00:00' && timeInputValue(event.endsAt) === '00:00' && danishDate(event.endsAt) > danishDate(event.startsAt);
}

/** The Danish dates an all-day event covers (its end is the midnight after its last day). */
export function allDayDates(event: TimedEvent): string[] {
  const dates: string[] = [];
  const last = danishDate(event.endsAt ?? event.startsAt);
  for (let day = danishDate(event.startsAt); day < last && dates.length < 366; day = format(addDays(parseISO(day), 1), 'yyyy-MM-dd')) dates.push(day);
  return dates;
}

/**
 * Places a day's timed events: top and bottom from start and end, and events
 * that overlap side by side. Events are taken in start order; each joins the
 * first column that is free at its start; a group of events linked by overlap
 * shares one column count, so every event in it has the same width.
 */
export function layoutDay<E extends TimedEvent>(day: string, events: readonly E[]): Placed<E>[] {
  const items = events
    .map((event) => {
      const start = minutesIn(day, event.startsAt);
      const end = event.endsAt ? minutesIn(day, event.endsAt) : start + defaultLength;
      return { event, start, end: Math.min(24 * 60, Math.max(end, start + shortest)) };
    })
    .sort((a, b) => a.start - b.start || b.end - a.end || a.event.id.localeCompare(b.event.id));
  const placed: Placed<E>[] = [];
  let group: { item: (typeof items)[number]; column: number }[] = [];
  let columnEnds: number[] = [];
  let groupEnd = -1;
  const closeGroup = () => {
    for (const { item, column } of group) placed.push({ ...item, column, columns: columnEnds.length });
    group = [];
    columnEnds = [];
  };
  for (const item of items) {
    if (item.start >= groupEnd) closeGroup();
    let column = columnEnds.findIndex((end) => end <= item.start);
    if (column === -1) column = columnEnds.push(item.end) - 1;
    else columnEnds[column] = item.end;
    group.push({ item, column });
    groupEnd = Math.max(groupEnd, item.end);
  }
  closeGroup();
  return placed;
}

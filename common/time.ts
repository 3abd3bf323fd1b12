import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, addWeeks, startOfWeek } from 'date-fns';

/** Every wall-clock computation is in Danish time; instants are stored as UTC ISO strings. */
export const danishTimeZone = 'Europe/Copenhagen';

/** YYYY-MM-DD of an instant in Denmark. */
export function danishDate(instant: Date | string): string {
  return new TZDate(new Date(instant).getTime(), danishTimeZone).toISOString().slice(0, 10);
}

/** Monday 00:00 of the Danish week containing `instant`, plus `weeks`, as a UTC ISO instant. */
export function danishWeekStart(instant: Date | string, weeks = 0): string {
  const local = new TZDate(new Date(instant).getTime(), danishTimeZone);
  return new Date(addWeeks(startOfWeek(local, { weekStartsOn: 1 }), weeks).getTime()).toISOString();
}

/**
 * Adds a cadence in Danish wall-clock time, so a meeting at 10:00 in March is
 * proposed at 10:00 in April too, across the summer-time change.
 */
export function addCadence(instant: string, unit: 'weeks' | 'months', interval: number): string {
  const local = new TZDate(new Date(instant).getTime(), danishTimeZone);
  const next = unit === 'weeks' ? addWeeks(local, interval) : addMonths(local, interval);
  return new Date(next.getTime()).toISOString();
}

/** A Danish wall-clock time on a Danish date, as a UTC instant: ("2026-03-30", 10, 0). */
export function danishInstant(date: string, hours: number, minutes = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, hours, minutes, danishTimeZone).getTime()).toISOString();
}

/**
 * The calendar date `days` after a YYYY-MM-DD date. Calendar days carry no
 * time of day, so no time zone: plain UTC arithmetic gives the same date as
 * Danish wall-clock time would, without the time-zone look-ups that made
 * the styringsdialog board's lateness checks most of Overblik's time.
 */
export function addDanishDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Moves an instant that falls on a Danish Saturday or Sunday to the Monday after, same wall-clock time. */
export function avoidWeekend(instant: string): string {
  const local = new TZDate(new Date(instant).getTime(), danishTimeZone);
  const day = local.getDay();
  if (day !== 0 && day !== 6) return instant;
  return new Date(addDays(local, day === 6 ? 2 : 1).getTime()).toISOString();
}

/**
 * Orders ISO dates and instants (YYYY-MM-DD, YYYY-MM-DDTHH:MM…Z) as time
 * runs, a missing one ("never") first. Their code-unit order is time order,
 * and comparing it is many times cheaper than localeCompare (which sorted a
 * thousand overdue people in ≈ 10 ms at scale 10).
 */
export function compareIsoTimes(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

import { format, parseISO } from 'date-fns';
import { da } from 'date-fns/locale';
import { danishDate, danishInstant, danishTimeZone } from '../../common/time';

/** 2026-01-01 → "1. jan. 2026" (Danish, whatever the UI language: dates are Danish facts). */
export function formatDate(isoDate: string): string {
  return format(parseISO(isoDate), 'd. MMM yyyy', { locale: da });
}

const dateTimeFormat = new Intl.DateTimeFormat('da-DK', { timeZone: danishTimeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
const timeFormat = new Intl.DateTimeFormat('da-DK', { timeZone: danishTimeZone, hour: '2-digit', minute: '2-digit' });

/** "tirs. 10. mar. 2026 kl. 10.00–12.00" in Danish time. */
export function formatMeetingTime(startsAt: string, endsAt: string | null): string {
  const start = new Date(startsAt);
  const day = dateTimeFormat.format(start);
  const from = timeFormat.format(start);
  return endsAt ? `${day} kl. ${from}–${timeFormat.format(new Date(endsAt))}` : `${day} kl. ${from}`;
}

export function formatInstantDate(instant: string): string {
  return formatDate(danishDate(instant));
}

/** Values for <input type="date"> and <input type="time"> in Danish time. */
export function dateInputValue(instant: string): string {
  return danishDate(instant);
}

export function timeInputValue(instant: string): string {
  return timeFormat.format(new Date(instant)).replace('.', ':');
}

/** The instant for a Danish date and "HH:MM" from the form inputs; null when incomplete. */
export function instantFromInputs(date: string, time: string): string | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !match) return null;
  return danishInstant(date, Number(match[1]), Number(match[2]));
}

/** 2026-11-23 → "mandag den 23. november 2026". */
export function formatLongDate(isoDate: string): string {
  return format(parseISO(isoDate), "EEEE 'den' d. MMMM yyyy", { locale: da });
}

import { addDays, format, parseISO, startOfMonth, startOfWeek } from 'date-fns';
import type { MeetingSummary } from '../../../../common/meetings.domain';

export type CalendarView = 'month' | 'week';
export const isoDate = (d: Date) => format(d, 'yyyy-MM-dd');

/** The Danish dates shown: whole Monday-to-Sunday weeks covering the month, or one week. */
export function calendarDays(anchor: string, view: CalendarView): string[] {
  const date = parseISO(anchor);
  const first = startOfWeek(view === 'month' ? startOfMonth(date) : date, { weekStartsOn: 1 });
  const count = view === 'month' ? 42 : 7;
  return Array.from({ length: count }, (_, i) => isoDate(addDays(first, i)));
}

/** The title without the kommune's name, which the calendar shows first ("Kommunesamarbejde Aabenraa" → "Kommunesamarbejde"). */
export function withoutKommune(m: Pick<MeetingSummary, 'title' | 'kommune'>): string {
  if (!m.kommune) return m.title;
  const rest = m.title.replace(m.kommune.name, '').replace(/\s{2,}/g, ' ').replace(/^[\s,–-]+|[\s,–-]+$/g, '');
  return rest === '' ? m.title : rest;
}

import type { calendarWeekDa } from './calendar-week.da';

/** Day and month names stay Danish in the calendar (date-fns' Danish locale): dates are Danish facts. */
export const calendarWeekEn: Record<keyof typeof calendarWeekDa, string> = {
  allDay: 'All day',
  times: 'Time of day',
  newMeetingOn: 'New meeting',
  weekNumber: 'Week {{week}}',
};

import type { calendarWeekDa } from './calendar-week.da';

/** Day and month names stay Danish in the calendar (date-fns' Danish locale): dates are Danish facts. */
export const calendarWeekEn: Record<keyof typeof calendarWeekDa, string> = {
  allDay: 'All day',
  hour: '{{hour}}:00',
  weekGrid: 'Week {{week}}: {{from}} – {{to}}',
  monthGrid: '{{month}}',
  weekNumber: 'Week {{week}}',
  meetingAt: '{{time}} {{title}}',
};
